import Exact

/// All the numbers of a spec, none optional: what a numeric evaluation or an exam answer
/// needs. Obtain it with `NetworkSpec.requireValues()`, which says what is missing.
public struct NetworkValues: Sendable, Hashable {
    /// x, n_0 values.
    public let input: [Rational]
    /// W_1 … W_L.
    public let weights: [RationalMatrix]
    /// b_1 … b_L.
    public let biases: [[Rational]]
    /// t, n_L values.
    public let target: [Rational]
}

extension NetworkSpec {
    /// The spec's values, or an error naming every missing one, e.g.
    /// `missing values: W1 (layers[0].W), b2 (layers[1].b), x, t`.
    public func requireValues() throws -> NetworkValues {
        var missing: [String] = []
        for parameter in parameters {
            let layer = layers[parameter.layer - 1]
            let present = parameter.kind == .weights ? layer.weights != nil : layer.bias != nil
            if !present { missing.append("\(parameter.name) (\(parameter.field))") }
        }
        if input == nil { missing.append(Self.inputName) }
        if target == nil { missing.append(Self.targetName) }
        guard missing.isEmpty, let input, let target else {
            throw SpecError(field: "", message: "missing values: " + missing.joined(separator: ", "))
        }
        return NetworkValues(
            input: input,
            weights: layers.compactMap(\.weights),
            biases: layers.compactMap(\.bias),
            target: target
        )
    }
}
