import Exact
import Symbolic

/// The activation `f` of a layer, applied entry by entry: `x_{l+1} = f(z_l)`.
///
/// Its entries and derivative come from Symbolic's functions and derivative rules, so that
/// the matrix derivation and the scalar one share one definition of every f′ (and of the
/// kinks: ReLU′(0) = 0, leaky ReLU′(0) = slope, as PyTorch computes them).
public enum ElementwiseFunction: Hashable, Sendable {
    /// f(z) = z: the affine layer, whose Jacobian is I.
    case identity
    /// max(0, z), with relu′(0) = 0.
    case relu
    /// z for z > 0, slope · z otherwise; its derivative at 0 is the slope.
    case leakyReLU(slope: Rational)
    /// 1 / (1 + e^(−z)).
    case sigmoid
    /// The hyperbolic tangent.
    case tanh
    /// log(1 + e^z), a smooth ReLU.
    case softplus

    /// The Symbolic function, nil for the identity.
    var function: Function? {
        switch self {
        case .identity: nil
        case .relu: .relu
        case let .leakyReLU(slope): .leakyRelu(slope: slope)
        case .sigmoid: .sigmoid
        case .tanh: .tanh
        case .softplus: .softplus
        }
    }

    /// f(entry).
    func apply(_ entry: ExpressionID, in arena: ExpressionArena) -> ExpressionID {
        guard let function else { return entry }
        return arena.apply(function, entry)
    }

    /// f′(entry), by Symbolic's derivative rules.
    func derivative(_ entry: ExpressionID, in arena: ExpressionArena) -> ExpressionID {
        guard let function else { return arena.one }
        return arena.derivative(of: function, at: entry)
    }

    /// The name in formulas: `\operatorname{relu}`, `\sigma`, `\tanh`.
    public var latexName: String {
        switch self {
        case .identity: "\\operatorname{id}"
        case .relu: "\\operatorname{relu}"
        case let .leakyReLU(slope): "\\operatorname{lrelu}_{\(slope.latex(.inline))}"
        case .sigmoid: "\\sigma"
        case .tanh: "\\tanh"
        case .softplus: "\\operatorname{softplus}"
        }
    }

    /// The name in plain text: `relu`, `σ`, `tanh`.
    public var plainName: String {
        switch self {
        case .identity: "id"
        case .relu: "relu"
        case let .leakyReLU(slope): "lrelu_\(slope)"
        case .sigmoid: "σ"
        case .tanh: "tanh"
        case .softplus: "softplus"
        }
    }

    /// f′ in words and formula (LaTeX text mode with inline math), including the kink
    /// convention where there is one: what a student needs to compute the diagonal.
    public var derivativeExplanation: String {
        switch self {
        case .identity:
            return "$f'(z) = 1$, so the Jacobian is the identity"
        case .relu:
            return "$\\operatorname{relu}'(z) = 1$ for $z > 0$, else $0$ (at the kink $\\operatorname{relu}'(0) = 0$, as PyTorch)"
        case let .leakyReLU(slope):
            return "$\\operatorname{lrelu}'(z) = 1$ for $z > 0$, else \(slope.latex(.inline)) (at the kink the slope, as PyTorch)"
        case .sigmoid:
            return "$\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$"
        case .tanh:
            return "$\\tanh'(z) = 1 - \\tanh^2(z)$"
        case .softplus:
            return "$\\operatorname{softplus}'(z) = \\sigma(z)$"
        }
    }
}
