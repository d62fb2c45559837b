import Exact
import Symbolic

/// The activation `f` of a layer, applied entry by entry: `x_{l+1} = f(z_l)`. The rule table
/// of activations: each is defined once, as a Symbolic expression of one variable (`apply`),
/// and everything else follows from that expression by Symbolic's rules — f′ (`derivative`),
/// the kink values, exactness (`isRational`), the handout's rule text (printed from f′), the
/// generated code (printed by the Swift printer) and exact evaluation. The spec's names live in
/// NetworkModel (`Activation` is this type); the oracle (Autodiff) keeps its own copy on purpose.
///
/// Kinks: ReLU′(0) = 0, leaky ReLU′(0) = slope and ELU′(0) = α, the left-hand values, as PyTorch
/// computes them; they follow from step(0) = 0 in Symbolic's rules.
public enum ElementwiseFunction: Hashable, Sendable {
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
    /// f(z) = z σ(z) (SiLU, also called swish).
    case silu
    /// f(z) = z for z > 0, α(e^z − 1) otherwise (ELU). α is exact.
    case elu(alpha: Rational)
    /// f(z) = z / (1 + |z|): rational, so networks with it have exact rational answers.
    case softsign

    /// f(x), built from Symbolic's functions: the one definition of the activation.
    public func apply(_ x: ExpressionID, in arena: ExpressionArena) -> ExpressionID {
        switch self {
        case .identity: return x
        case .relu: return arena.apply(.relu, x)
        case let .leakyReLU(slope): return arena.apply(.leakyRelu(slope: slope), x)
        case .sigmoid: return arena.apply(.sigmoid, x)
        case .tanh: return arena.apply(.tanh, x)
        case .softplus: return arena.apply(.softplus, x)
        case .silu: return arena.multiply(x, arena.apply(.sigmoid, x))
        case let .elu(alpha):
            // relu(x) + α(e^(x − relu(x)) − 1): x − relu(x) = min(x, 0) has derivative
            // 1 − step(x), 1 at 0, so ELU′(0) = α; and e^(min(x, 0)) never overflows.
            let relu = arena.apply(.relu, x)
            let negativePart = arena.apply(.exp, arena.subtract(x, relu))
            return arena.add(relu, arena.scale(arena.subtract(negativePart, arena.one), by: alpha))
        case .softsign: return arena.divide(x, arena.add(arena.one, arena.apply(.abs, x)))
        }
    }

    /// f′(x), by Symbolic's derivative rules applied to `apply`.
    public func derivative(_ x: ExpressionID, in arena: ExpressionArena) -> ExpressionID {
        let variable = Self.variable(in: arena)
        let derivative = arena.derivative(of: apply(variable, in: arena), withRespectTo: variable)
        if x == variable { return derivative }
        // Denominators of f′ come from f's (1 + |x| for softsign), never zero.
        return (try? arena.substitute([variable: x], in: derivative)) ?? derivative
    }

    /// True when f maps rationals to rationals (its expression uses only relu, step, leaky
    /// ReLU, abs and arithmetic), so that a forward pass stays exact.
    public var isRational: Bool {
        let arena = ExpressionArena()
        return arena.reachable(from: [apply(Self.variable(in: arena), in: arena)]).allSatisfy { id in
            guard case let .apply(function, _) = arena[id] else { return true }
            switch function {
            case .relu, .step, .leakyRelu, .abs: return true
            case .exp, .log, .sigmoid, .tanh, .softplus: return false
            }
        }
    }

    /// The variable of the rule text and of `derivative`: `z`.
    private static func variable(in arena: ExpressionArena) -> ExpressionID { arena.symbol("z") }

    /// The name in formulas: `\operatorname{relu}`, `\sigma`, `\tanh`.
    public var latexName: String {
        switch self {
        case .identity: "\\operatorname{id}"
        case .relu: "\\operatorname{relu}"
        case let .leakyReLU(slope): "\\operatorname{lrelu}_{\(slope.latex(.inline))}"
        case .sigmoid: "\\sigma"
        case .tanh: "\\tanh"
        case .softplus: "\\operatorname{softplus}"
        case .silu: "\\operatorname{silu}"
        case let .elu(alpha): "\\operatorname{elu}_{\(alpha.latex(.inline))}"
        case .softsign: "\\operatorname{softsign}"
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
        case .silu: "silu"
        case let .elu(alpha): "elu_\(alpha)"
        case .softsign: "softsign"
        }
    }

    /// f′ in words and formula (LaTeX text mode with inline math), printed from `derivative`:
    /// one formula, or one per side of 0 where f′ has a kink, with the value taken at 0.
    public var derivativeExplanation: String {
        if self == .identity { return "$f'(z) = 1$, so the Jacobian is the identity" }
        let arena = ExpressionArena()
        let z = Self.variable(in: arena)
        let fPrime = derivative(z, in: arena)
        let printer = LaTeXPrinter(arena: arena)
        let name = latexName + "'"
        guard let positive = Self.resolvingKinks(fPrime, z, positive: true, in: arena),
              let negative = Self.resolvingKinks(fPrime, z, positive: false, in: arena),
              let atZero = try? arena.substitute([z: arena.zero], in: fPrime) else {
            return "$\(name)(z) = \(printer.string(fPrime))$"
        }
        var text = "$\(name)(z) = \(printer.string(positive))$ for $z > 0$, else $\(printer.string(negative))$"
        let limits = [positive, negative].map { try? arena.substitute([z: arena.zero], in: $0) }
        if limits[0] != limits[1] {
            text += " (at the kink $\(name)(0) = \(printer.string(atZero))$, as PyTorch)"
        } else {
            text += " (and $\(name)(0) = \(printer.string(atZero))$)"
        }
        return text
    }

    /// `expression` with every kinked function of ±z (step, relu, abs, leaky ReLU) replaced by
    /// its branch for z > 0 (`positive`) or z < 0; nil when there is none.
    private static func resolvingKinks(_ expression: ExpressionID, _ z: ExpressionID, positive: Bool, in arena: ExpressionArena) -> ExpressionID? {
        let minusZ = arena.negate(z)
        var replacements: [ExpressionID: ExpressionID] = [:]
        for id in arena.reachable(from: [expression]) {
            guard case let .apply(function, argument) = arena[id], argument == z || argument == minusZ else { continue }
            let argumentPositive = (argument == z) == positive
            switch function {
            case .step: replacements[id] = argumentPositive ? arena.one : arena.zero
            case .relu: replacements[id] = argumentPositive ? argument : arena.zero
            case .abs: replacements[id] = argumentPositive ? argument : arena.negate(argument)
            case let .leakyRelu(slope): replacements[id] = argumentPositive ? argument : arena.scale(argument, by: slope)
            case .exp, .log, .sigmoid, .tanh, .softplus: continue
            }
        }
        if replacements.isEmpty { return nil }
        return try? arena.substitute(replacements, in: expression)
    }
}
