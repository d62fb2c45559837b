import Exact

/// The elementwise function `f_l` of a layer: `x_{l+1} = f_l(z_l)`.
///
/// ReLU and leaky ReLU have a kink at 0; their derivative there is taken as 0 for ReLU
/// (as PyTorch does) and as `slope` for leaky ReLU (PyTorch's convention too: the left branch
/// includes 0). Sigmoid, tanh and softplus are not rational; the symbolic layers express
/// them through `e^q`.
public enum Activation: Sendable, Hashable {
    /// f(z) = z; the usual last layer (the reference network's output is affine).
    case identity
    /// f(z) = max(0, z).
    case relu
    /// f(z) = z for z > 0, slope·z otherwise. The slope is exact.
    case leakyReLU(slope: Rational)
    /// f(z) = 1 / (1 + e^(−z)).
    case sigmoid
    /// f(z) = tanh z.
    case tanh
    /// f(z) = log(1 + e^z).
    case softplus

    /// The slope `"leaky_relu"` gets when none is given: 1/100, PyTorch's default
    /// `negative_slope`.
    public static let defaultLeakySlope = Rational(1, 100)

    /// Leaky ReLU with the default slope 1/100.
    public static let leakyReLU = Activation.leakyReLU(slope: defaultLeakySlope)

    /// The spec names, in the order error messages list them.
    public static let names = ["identity", "relu", "leaky_relu", "sigmoid", "tanh", "softplus"]

    /// The spec name: `identity`, `relu`, `leaky_relu`, `sigmoid`, `tanh`, `softplus`.
    public var name: String {
        switch self {
        case .identity: return "identity"
        case .relu: return "relu"
        case .leakyReLU(slope: _): return "leaky_relu"
        case .sigmoid: return "sigmoid"
        case .tanh: return "tanh"
        case .softplus: return "softplus"
        }
    }

    /// The activation called `name`, leaky ReLU with the default slope; nil for an unknown name.
    public init?(name: String) {
        switch name {
        case "identity": self = .identity
        case "relu": self = .relu
        case "leaky_relu": self = .leakyReLU
        case "sigmoid": self = .sigmoid
        case "tanh": self = .tanh
        case "softplus": self = .softplus
        default: return nil
        }
    }

    /// True when f maps rationals to rationals, so a forward pass stays exact.
    public var isPiecewiseLinear: Bool {
        switch self {
        case .identity, .relu, .leakyReLU(slope: _): return true
        case .sigmoid, .tanh, .softplus: return false
        }
    }

    /// True for ReLU-like activations, whose layers start from He's scale (variance 2 / n_in)
    /// rather than Glorot's (2 / (n_in + n_out)), which suits the smooth, centred ones.
    public var prefersHeInitialization: Bool {
        switch self {
        case .relu, .leakyReLU(slope: _): return true
        case .identity, .sigmoid, .tanh, .softplus: return false
        }
    }
}
