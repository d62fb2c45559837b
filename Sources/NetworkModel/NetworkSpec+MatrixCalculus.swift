import Exact
import MatrixCalculus
import Symbolic

extension NetworkSpec {
    /// The network as matrix calculus sees it: sizes, activations, loss (no values).
    public var layeredNetwork: LayeredNetwork {
        // A spec is valid (sizes ≥ 1, at least one layer), so this cannot fail.
        try! LayeredNetwork(
            inputSize: inputSize,
            layers: layers.map { LayeredNetwork.Layer(size: $0.size, activation: $0.activation) },
            loss: loss.lossFunction
        )
    }
}

extension Loss {
    /// The same loss for matrix calculus.
    public var lossFunction: LossFunction {
        switch self {
        case .halfSumSquares: .halfSumSquares
        case .meanSquaredError: .meanSquaredError
        case .softmaxCrossEntropy: .softmaxCrossEntropy
        }
    }
}

extension MatrixDerivation {
    /// The bindings of a spec's values (x, the weights, the biases, t) by entry name.
    public func bindings(_ values: NetworkValues) throws -> [String: Rational] {
        try bindings(input: values.input, weights: values.weights.map(\.elements), biases: values.biases, target: values.target)
    }
}

/// Network's exact evaluator for matrix instantiation: rationals where the values are
/// rational, closed forms (the expression with the numbers substituted) otherwise, and
/// decimals of `significantDigits` digits always — the same `ExactValue`s as `ExactEvaluation`.
public struct ExactEntryEvaluator: EntryEvaluator {
    /// The value of each symbol, by name.
    public let bindings: [String: Rational]
    /// How many significant digits the decimals carry.
    public let significantDigits: Int

    /// An evaluator with these symbol values and decimals of `significantDigits` digits.
    public init(bindings: [String: Rational], significantDigits: Int) {
        self.bindings = bindings
        self.significantDigits = significantDigits
    }

    /// The exact value of each expression, evaluated together so that shared work is done once.
    public func values(_ expressions: [ExpressionID], in arena: ExpressionArena) throws -> [ExactValue] {
        try ExactEvaluator(arena: arena, bindings: bindings, significantDigits: significantDigits).values(expressions)
    }
}
