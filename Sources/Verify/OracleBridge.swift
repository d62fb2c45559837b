import Autodiff
import Exact
import NetworkModel

/// Hands a network spec to the runtime autodiff. The oracle has its own description of a
/// network (it shares no code with the symbolic side); this is the one place that maps
/// between the two.
public enum OracleBridge {
    /// The spec's network over `Scalar`, with its numbers.
    public static func network<Scalar: AutodiffScalar>(_ spec: NetworkSpec, values: NetworkValues, as _: Scalar.Type) -> MLP<Scalar> {
        MLP(layers: zip(spec.layers, zip(values.weights, values.biases)).map { layer, parameters in
            Layer(
                weights: parameters.0.rows.map { $0.map(Scalar.init(converting:)) },
                bias: parameters.1.map(Scalar.init(converting:)),
                activation: activation(layer.activation)
            )
        })
    }

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

    public static func loss(_ loss: NetworkModel.Loss) -> Autodiff.Loss {
        switch loss {
        case .halfSumSquares: .halfSumOfSquares
        case .meanSquaredError: .meanSquaredError
        case .softmaxCrossEntropy: .softmaxCrossEntropy
        }
    }

    /// Loss and gradients (W1, b1, W2, … each row-major) from the autodiff over `Scalar`.
    public static func lossAndGradients<Scalar: AutodiffScalar>(_ spec: NetworkSpec, values: NetworkValues, as type: Scalar.Type) throws -> [Scalar] {
        let result = try network(spec, values: values, as: type).lossAndGradients(
            input: values.input.map(Scalar.init(converting:)),
            target: values.target.map(Scalar.init(converting:)),
            loss: loss(spec.loss)
        )
        return [result.loss] + result.namedGradients.flatMap(\.values)
    }
}
