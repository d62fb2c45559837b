/// A trainable parameter of a network, named as in the reference notebook.
///
/// Layer l (from 1) has weights `W<l>` and bias `b<l>`: `W1, b1` belong to the first layer
/// (input → first hidden). Generated code, the handout and error messages about missing
/// values all use these names, so they are defined once, here.
public struct Parameter: Sendable, Hashable, CustomStringConvertible {
    /// Which of a layer's two parameters.
    public enum Kind: Sendable, Hashable {
        /// W_l, n_l × n_{l−1}.
        case weights
        /// b_l, n_l × 1.
        case bias
    }

    /// Weights or bias.
    public let kind: Kind
    /// The layer, from 1.
    public let layer: Int
    /// Rows: n_l.
    public let rowCount: Int
    /// Columns: n_{l−1} for weights, 1 for a bias (a column vector).
    public let columnCount: Int

    /// The parameter of `layer` (from 1), of `kind`, with its shape.
    public init(kind: Kind, layer: Int, rowCount: Int, columnCount: Int) {
        self.kind = kind
        self.layer = layer
        self.rowCount = rowCount
        self.columnCount = columnCount
    }

    /// `W1`, `b2`, …
    public var name: String { (kind == .weights ? "W" : "b") + String(layer) }

    /// The spec field holding its values: `layers[0].W` for W1.
    public var field: String { "layers[\(layer - 1)].\(kind == .weights ? "W" : "b")" }

    /// Its name, `W1` or `b1`.
    public var description: String { name }
}

extension NetworkSpec {
    /// The name of the input vector, x (the notebook's `x1`).
    public static let inputName = "x"
    /// The name of the target vector, t.
    public static let targetName = "t"

    /// The parameters in order W1, b1, W2, b2, …, with their shapes.
    public var parameters: [Parameter] {
        var result: [Parameter] = []
        var previous = inputSize
        for (index, layer) in layers.enumerated() {
            result.append(Parameter(kind: .weights, layer: index + 1, rowCount: layer.size, columnCount: previous))
            result.append(Parameter(kind: .bias, layer: index + 1, rowCount: layer.size, columnCount: 1))
            previous = layer.size
        }
        return result
    }
}
