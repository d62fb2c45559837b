import Autodiff
import Exact
import NetworkModel

/// Hands a network spec to the runtime autodiff. The oracle has its own description of a
/// network (it shares no code with the symbolic side); this is the one place that maps
/// between the two.
public enum OracleBridge {
    /// The spec's network over `Scalar`, with its numbers.
    public static func network<Scalar: AutodiffScalar>(_ spec: NetworkSpec, values: NetworkValues, as _: Scalar.Type) -> MLP<Scalar> {
        network(spec, values: values, converting: Scalar.init(converting:))
    }

    /// The spec's network with its numbers converted by `convert` (the high-precision oracle
    /// rounds them to its precision).
    public static func network<Scalar: AutodiffScalar>(_ spec: NetworkSpec, values: NetworkValues, converting convert: (Rational) -> Scalar) -> MLP<Scalar> {
        MLP(layers: zip(spec.layers, zip(values.weights, values.biases)).map { layer, parameters in
            Layer(
                weights: parameters.0.rows.map { $0.map(convert) },
                bias: parameters.1.map(convert),
                activation: activation(layer.activation)
            )
        })
    }

    /// The oracle's activation for the spec's.
    public static func activation(_ activation: NetworkModel.Activation) -> Autodiff.Activation {
        switch activation {
        case .identity: .identity
        case .relu: .relu
        case let .leakyReLU(slope): .leakyReLU(slope: slope)
        case .sigmoid: .sigmoid
        case .tanh: .tanh
        case .softplus: .softplus
        case .silu: .silu
        case let .elu(alpha): .elu(alpha: alpha)
        case .softsign: .softsign
        }
    }

    /// The oracle's loss for the spec's.
    public static func loss(_ loss: NetworkModel.Loss) -> Autodiff.Loss {
        switch loss {
        case .halfSumSquares: .halfSumOfSquares
        case .meanSquaredError: .meanSquaredError
        case .softmaxCrossEntropy: .softmaxCrossEntropy
        }
    }

    /// Loss and gradients (W1, b1, W2, … each row-major) from the autodiff over `Scalar`.
    public static func lossAndGradients<Scalar: AutodiffScalar>(_ spec: NetworkSpec, values: NetworkValues, as type: Scalar.Type) throws -> [Scalar] {
        try lossAndGradients(spec, values: values, converting: Scalar.init(converting:))
    }

    /// The same with the numbers converted by `convert`.
    public static func lossAndGradients<Scalar: AutodiffScalar>(_ spec: NetworkSpec, values: NetworkValues, converting convert: (Rational) -> Scalar) throws -> [Scalar] {
        flattened(try evaluation(spec, values: values, input: values.input, target: values.target, converting: convert))
    }

    /// The autodiff's evaluation of the network with the parameters of `values` at the sample
    /// (`input`, `target`), the numbers converted by `convert`.
    public static func evaluation<Scalar: AutodiffScalar>(_ spec: NetworkSpec, values: NetworkValues, input: [Rational], target: [Rational],
                                                          converting convert: (Rational) -> Scalar) throws -> Evaluation<Scalar> {
        try network(spec, values: values, converting: convert).lossAndGradients(input: input.map(convert), target: target.map(convert), loss: loss(spec.loss))
    }

    /// Loss and gradients (W1, b1, W2, … each row-major) of an evaluation, in one list.
    public static func flattened<Scalar: AutodiffScalar>(_ evaluation: Evaluation<Scalar>) -> [Scalar] {
        [evaluation.loss] + evaluation.namedGradients.flatMap(\.values)
    }

    /// What the network predicts, with bounds: its outputs, or under softmax cross-entropy
    /// their softmax probabilities, e^(z_i − m) / Σ_j e^(z_j − m) with m the largest computed
    /// output taken as exact (softmax does not change when every z shifts by the same m).
    public static func predictions<Base: ErrorBoundedBase>(_ spec: NetworkSpec, of evaluation: Evaluation<ErrorBounded<Base>>) -> [ErrorBounded<Base>] {
        guard spec.loss == .softmaxCrossEntropy, let largest = evaluation.output.max(),
              let exp = ErrorBounded<Base>.transcendentalFunctions?.exp else { return evaluation.output }
        let shift = ErrorBounded<Base>(exactly: largest.value)
        let powers = evaluation.output.map { exp($0 - shift) }
        let total = powers.dropFirst().reduce(powers[0], +)
        return powers.map { $0 / total }
    }
}
