import Exact
import MatrixCalculus

/// The elementwise function `f_l` of a layer: `x_{l+1} = f_l(z_l)`.
///
/// One type with matrix calculus's rule table (`ElementwiseFunction`), where each activation is
/// defined once as a Symbolic expression; this file is the spec's name table. ReLU, leaky ReLU
/// and ELU have a kink at 0; their derivative there is the left-hand one (0, slope, α), as
/// PyTorch computes it. Sigmoid, tanh, softplus, SiLU and ELU are not rational; the symbolic
/// layers express them through `e^q`. Softsign is rational.
public typealias Activation = ElementwiseFunction

extension ElementwiseFunction {
    /// The slope `"leaky_relu"` gets when none is given: 1/100, PyTorch's default
    /// `negative_slope`.
    public static let defaultLeakySlope = Rational(1, 100)

    /// Leaky ReLU with the default slope 1/100.
    public static let leakyReLU = Activation.leakyReLU(slope: defaultLeakySlope)

    /// The α `"elu"` gets when none is given: 1, PyTorch's default.
    public static let defaultELUAlpha = Rational.one

    /// ELU with the default α = 1.
    public static let elu = Activation.elu(alpha: defaultELUAlpha)

    /// Every activation by its spec name, parameters at their defaults, in the order error
    /// messages list them.
    public static let named: [(name: String, activation: Activation)] = [
        ("identity", .identity), ("relu", .relu), ("leaky_relu", .leakyReLU), ("sigmoid", .sigmoid),
        ("tanh", .tanh), ("softplus", .softplus), ("silu", .silu), ("elu", .elu), ("softsign", .softsign),
    ]

    /// The spec names, in the order error messages list them.
    public static var names: [String] { named.map(\.name) }

    /// The spec name: `identity`, `relu`, `leaky_relu`, `sigmoid`, `tanh`, `softplus`, `silu`,
    /// `elu`, `softsign`.
    public var name: String {
        // Every activation is in the table, with some value of its parameter.
        Self.named.first { $0.activation.withParameter(parameter?.value ?? .zero) == self }!.name
    }

    /// The activation called `name`, its parameter at the default; nil for an unknown name.
    public init?(name: String) {
        guard let entry = Self.named.first(where: { $0.name == name }) else { return nil }
        self = entry.activation
    }

    /// The spec key and value of the activation's parameter: the slope of leaky ReLU, the α
    /// of ELU; nil for the others.
    public var parameter: (key: String, value: Rational)? {
        switch self {
        case let .leakyReLU(slope): ("slope", slope)
        case let .elu(alpha): ("alpha", alpha)
        case .identity, .relu, .sigmoid, .tanh, .softplus, .silu, .softsign: nil
        }
    }

    /// The same activation with its parameter set to `value` (itself when it has none).
    public func withParameter(_ value: Rational) -> Activation {
        switch self {
        case .leakyReLU: .leakyReLU(slope: value)
        case .elu: .elu(alpha: value)
        case .identity, .relu, .sigmoid, .tanh, .softplus, .silu, .softsign: self
        }
    }

    /// True for ReLU-like activations, whose layers start from He's scale (variance 2 / n_in)
    /// rather than Glorot's (2 / (n_in + n_out)), which suits the smooth, centred ones.
    public var prefersHeInitialization: Bool {
        switch self {
        case .relu, .leakyReLU, .silu, .elu: true
        case .identity, .sigmoid, .tanh, .softplus, .softsign: false
        }
    }
}
