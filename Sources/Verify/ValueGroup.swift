import NetworkModel

/// A run of consecutive values that a verdict reports together: the loss, or one
/// parameter's gradient (W1, b1, …), in the order [loss, W1…, b1…, W2…, …].
public struct ValueGroup: Sendable, Hashable {
    /// "loss", "W1", "b1", ….
    public let name: String
    /// How many values it holds.
    public let count: Int

    /// A group.
    public init(name: String, count: Int) {
        self.name = name
        self.count = count
    }

    /// The loss, then each parameter's gradient.
    public static func groups(of spec: NetworkSpec) -> [ValueGroup] {
        [ValueGroup(name: "loss", count: 1)] + spec.parameters.map { ValueGroup(name: $0.name, count: $0.rowCount * $0.columnCount) }
    }
}
