import Exact

// MARK: - Functions
//
// `apply` folds what is exact and simplifies what is an identity:
//   exp(0) → 1, log(1) → 0, relu(c) → max(c, 0), step(c) → 1 if c > 0 else 0,
//   leakyRelu(c) exact, sigmoid(0) → 1/2, tanh(0) → 0, abs(c) → |c|;
//   log(exp(x)) → x, exp(log(x)) → x, relu(relu(x)) → relu(x), step(relu(x)) → step(x),
//   relu(step(x)) → step(x), step(step(x)) → step(x), abs(abs(x)) → abs(x);
//   leakyRelu with slope 0 is relu, with slope 1 the identity;
//   relu, step, leakyRelu and abs of a closed argument whose sign interval evaluation
//   decides fold as at a rational of that sign (ExpressionArena+SignDecision.swift).
// Everything else stays an `.apply` node: exp(1) is not rational.

extension ExpressionArena {
    /// `function(argument)`, folded and simplified where exact.
    public func apply(_ function: Function, _ argument: ExpressionID) -> ExpressionID {
        if case let .constant(value) = self[argument], let folded = Self.fold(function, value) {
            return constant(folded)
        }
        if let folded = foldBySign(function, argument) { return folded }
        switch (function, self[argument]) {
        case (.log, .apply(.exp, let inner)), (.exp, .apply(.log, let inner)):
            return inner
        case (.relu, .apply(.relu, _)), (.step, .apply(.step, _)), (.abs, .apply(.abs, _)), (.relu, .apply(.step, _)):
            return argument
        case (.step, .apply(.relu, let inner)):
            return apply(.step, inner)
        case (.leakyRelu(let slope), _) where slope.isZero:
            return apply(.relu, argument)
        case (.leakyRelu(let slope), _) where slope == .one:
            return argument
        default:
            return intern(.apply(function, argument))
        }
    }

    /// relu, step, leakyRelu or abs of `argument` without the function, when the sign of the
    /// argument is decided; nil for other functions and undecided signs.
    private func foldBySign(_ function: Function, _ argument: ExpressionID) -> ExpressionID? {
        switch function {
        case .relu, .step, .leakyRelu, .abs: break
        case .exp, .log, .sigmoid, .tanh, .softplus: return nil
        }
        guard let sign = decidedSign(of: argument) else { return nil }
        switch function {
        case .relu: return sign > 0 ? argument : zero
        case .step: return sign > 0 ? one : zero
        case let .leakyRelu(slope): return sign > 0 ? argument : scale(argument, by: slope)
        case .abs: return sign > 0 ? argument : negate(argument)
        case .exp, .log, .sigmoid, .tanh, .softplus: return nil
        }
    }

    /// The exact value of `function(value)` when it is rational, else nil.
    static func fold(_ function: Function, _ value: Rational) -> Rational? {
        switch function {
        case .exp: value.isZero ? .one : nil
        case .log: value == .one ? .zero : nil
        case .relu: value.signum > 0 ? value : .zero
        case .step: value.signum > 0 ? .one : .zero
        case let .leakyRelu(slope): value.signum > 0 ? value : slope * value
        case .sigmoid: value.isZero ? Rational(1, 2) : nil
        case .tanh: value.isZero ? .zero : nil
        case .softplus: nil
        case .abs: value.magnitude
        }
    }
}
