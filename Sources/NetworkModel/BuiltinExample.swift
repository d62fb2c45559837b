import Exact

/// The networks of the reference notebook (section 3), built in so that the handout's
/// numbers can be reproduced without writing a spec.
///
/// Both are 3-2-2: W1 = [[3, −1, 1], [−5, 2, −1]], b1 = [1, 2], W2 = [[1, −2], [−3, 1]],
/// b2 = [1, 1], x = [0, 1, 2], t = [1, 2], loss ½‖t − x_out‖², an affine last layer.
public enum BuiltinExample: String, Sendable, CaseIterable {
    /// ReLU in layer 1: the loss is 29/2.
    case referenceReLU = "reference-relu"
    /// Sigmoid in layer 1: the loss is (e⁴ + (1 + 3e²)²) / (2(1 + e²)²).
    case referenceSigmoid = "reference-sigmoid"

    /// The name to look it up by, e.g. `reference-relu`.
    public var name: String { rawValue }

    /// The names, in declaration order (the order error messages list them).
    public static let names = allCases.map(\.rawValue)

    /// The example called `name`.
    ///
    /// - Throws: `SpecError` listing the names, e.g.
    ///   `unknown example "ref" (expected one of reference-relu, reference-sigmoid)`.
    public static func named(_ name: String) throws -> BuiltinExample {
        guard let example = BuiltinExample(rawValue: name) else {
            throw SpecError(field: "", message: "unknown example \(MessageQuoting.quoted(name)) (expected one of \(names.joined(separator: ", ")))")
        }
        return example
    }

    /// One line saying what it is.
    public var summary: String {
        switch self {
        case .referenceReLU: return "the reference notebook's 3-2-2 network with ReLU, L = ½‖t − x_out‖² = 29/2"
        case .referenceSigmoid: return "the reference notebook's 3-2-2 network with sigmoid, L = ½‖t − x_out‖²"
        }
    }

    /// The spec, values included.
    public var spec: NetworkSpec {
        let firstActivation: Activation = self == .referenceReLU ? .relu : .sigmoid
        func vector(_ values: [Int]) -> [Rational] { values.map { Rational($0) } }
        func matrix(_ rows: [[Int]]) -> RationalMatrix? { RationalMatrix(rows: rows.map(vector)) }
        let layers = [
            LayerSpec(size: 2, activation: firstActivation, weights: matrix([[3, -1, 1], [-5, 2, -1]]), bias: vector([1, 2])),
            LayerSpec(size: 2, activation: .identity, weights: matrix([[1, -2], [-3, 1]]), bias: vector([1, 1])),
        ]
        do {
            return try NetworkSpec(inputSize: 3, layers: layers, loss: .halfSumSquares, input: vector([0, 1, 2]), target: vector([1, 2]))
        } catch {
            // The constants above are a valid spec; the tests check it.
            preconditionFailure("built-in example \(name) is invalid: \(error)")
        }
    }
}
