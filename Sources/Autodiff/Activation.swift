import Exact

/// The activation f_l of a layer, x_{l+1} = f_l(z_l), applied elementwise.
///
/// Data rather than a closure, so that a network can be compared, printed and checked
/// before any arithmetic (a transcendental activation with `Rational` is an error that
/// names the layer).
public enum Activation: Sendable, Hashable {
    /// f(x) = x: an affine layer, as the last layer of the reference network.
    case identity
    /// max(x, 0), with ReLU′(0) = 0 (PyTorch's convention).
    case relu
    /// x for x > 0, slope·x otherwise, with leaky ReLU′(0) = slope (PyTorch computes
    /// `x > 0 ? 1 : slope`). The slope is rational so that it is exact with `Rational`.
    case leakyReLU(slope: Rational)
    /// 1 / (1 + e^−x). Needs a scalar with transcendental functions (`Double`).
    case sigmoid
    /// tanh x. Needs a scalar with transcendental functions (`Double`).
    case tanh
    /// log(1 + e^x), derivative σ(x). Needs a scalar with transcendental functions (`Double`).
    case softplus
    /// x σ(x), derivative σ(x)(1 + x(1 − σ(x))). Needs transcendental functions (`Double`).
    case silu
    /// x for x > 0, α(e^x − 1) otherwise, with ELU′(0) = α (PyTorch's convention). Needs
    /// transcendental functions (`Double`).
    case elu(alpha: Rational)
    /// x / (1 + |x|), derivative 1 / (1 + |x|)²: rational, so exact with `Rational`.
    case softsign

    /// True when the activation needs e^x or log, which exact scalars lack.
    public var isTranscendental: Bool {
        switch self {
        case .identity, .relu, .leakyReLU, .softsign: return false
        case .sigmoid, .tanh, .softplus, .silu, .elu: return true
        }
    }

    /// The name used in messages.
    public var name: String {
        switch self {
        case .identity: return "identity"
        case .relu: return "relu"
        case let .leakyReLU(slope): return "leaky_relu(slope: \(slope))"
        case .sigmoid: return "sigmoid"
        case .tanh: return "tanh"
        case .softplus: return "softplus"
        case .silu: return "silu"
        case let .elu(alpha): return "elu(alpha: \(alpha))"
        case .softsign: return "softsign"
        }
    }

    /// f(z) on the tape.
    public func apply<Scalar>(_ z: Value<Scalar>) throws -> Value<Scalar> {
        switch self {
        case .identity: return z
        case .relu: return z.relu()
        case let .leakyReLU(slope): return z.leakyReLU(slope: Scalar(converting: slope))
        case .sigmoid: return try z.sigmoid()
        case .tanh: return try z.tanh()
        case .softplus: return try z.softplus()
        case .silu: return try z.silu()
        case let .elu(alpha): return try z.elu(alpha: Scalar(converting: alpha))
        case .softsign: return z.softsign()
        }
    }
}
