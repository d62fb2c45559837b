import Exact

/// Walks an expression DAG bottom-up (ids ascend topologically), giving every node its
/// value as a `RootedFunction`, or stopping with nil at the first node that has none.
///
/// The rules, for q rational and m = q·D (u = e^(1/D)):
/// - exp(q) = u^m (negative powers in the denominator);
/// - sigmoid(q) = u^m/(u^m + 1) for q ≥ 0, 1/(u^|m| + 1) for q < 0;
/// - tanh(q) = (u^2m − 1)/(u^2m + 1), written with |m| and the sign in the numerator;
/// - relu, step, leaky relu and abs fold exactly on rational arguments; on other
///   arguments when interval evaluation decides the sign (`decidedSign`), and give up
///   rather than guess when it does not;
/// - log and softplus (other than what folds, log(1) = 0) and any function of a
///   non-rational argument give up: their values are not rational functions of e.
struct ExponentialFormBuilder {
    let arena: ExpressionArena
    let bindings: [String: Rational]
    /// Node values found so far; looked up only, never iterated.
    private var values: [ExpressionID: RootedFunction] = [:]
    /// The r of the factors e^r + 1 that sigmoid and tanh introduced, ascending, distinct.
    private var binomials: [Rational] = []

    init(arena: ExpressionArena, bindings: [String: Rational]) {
        self.arena = arena
        self.bindings = bindings
    }

    /// The form of `expression`, or nil (see `ExpressionArena.exponentialForm`).
    mutating func form(of expression: ExpressionID) -> ExponentialForm? {
        for id in arena.reachable(from: [expression]) {
            guard let value = value(of: id) else { return nil }
            values[id] = value
        }
        guard let result = values[expression]?.normalized() else { return nil }
        let exponents = binomials.compactMap { r -> Int? in
            let k = r * Rational(result.root)
            return k.isInteger ? k.exactInt : nil
        }
        return ExponentialForm(root: result.root, function: result.function, binomialExponents: exponents)
    }

    private mutating func value(of id: ExpressionID) -> RootedFunction? {
        switch arena[id] {
        case let .constant(value):
            return RootedFunction(value)
        case let .symbol(symbol):
            return bindings[symbol.name].map { RootedFunction($0) }
        case let .sum(constant, terms):
            var total = RootedFunction(constant)
            for term in terms {
                guard let value = values[term.expression], let next = total.adding(value.scaled(by: term.coefficient)) else { return nil }
                total = next
            }
            return total
        case let .product(coefficient, factors):
            var total = RootedFunction(coefficient)
            for factor in factors {
                guard let base = values[factor.base], let power = base.power(factor.exponent),
                      let next = total.multiplying(power) else { return nil }
                total = next
            }
            return total
        case let .apply(function, argument):
            guard let x = values[argument] else { return nil }
            return apply(function, x, argument: argument)
        }
    }

    private mutating func apply(_ function: Function, _ x: RootedFunction, argument: ExpressionID) -> RootedFunction? {
        if let q = x.function.constantValue {
            if let folded = ExpressionArena.fold(function, q) { return RootedFunction(folded) }
            switch function {
            case .exp: return exponential(q)
            case .sigmoid: return sigmoid(q)
            case .tanh: return tanh(q)
            case .log, .softplus, .relu, .step, .leakyRelu, .abs: return nil
            }
        }
        switch function {
        case .relu, .step, .leakyRelu, .abs:
            guard let positive = isPositive(argument) else { return nil }
            switch function {
            case .relu: return positive ? x : RootedFunction(.zero)
            case .step: return RootedFunction(positive ? .one : .zero)
            case let .leakyRelu(slope): return positive ? x : x.scaled(by: slope)
            default: return positive ? x : x.scaled(by: -1)
            }
        case .exp, .log, .sigmoid, .tanh, .softplus:
            return nil
        }
    }

    // MARK: Powers of e

    /// q = m/D in lowest terms, when D and |m| are within the caps.
    private func exponent(_ q: Rational) -> (m: Int, root: Int)? {
        let (numerator, denominator) = (q.numerator, q.denominator)
        guard let m = numerator.exactInt, let root = denominator.exactInt,
              root <= ExponentialForm.Limits.maximumRoot,
              m.magnitude <= UInt(ExponentialForm.Limits.maximumExponent) else { return nil }
        return (m, root)
    }

    private func exponential(_ q: Rational) -> RootedFunction? {
        guard let (m, root) = exponent(q) else { return nil }
        let power = Polynomial.monomial(.one, degree: Swift.abs(m))
        let function = m >= 0 ? RationalFunction(power) : RationalFunction(numerator: .one, denominator: power)
        return function.map { RootedFunction(root: root, function: $0) }
    }

    private mutating func sigmoid(_ q: Rational) -> RootedFunction? {
        guard let (m, root) = exponent(q) else { return nil }
        let power = Polynomial.monomial(.one, degree: Swift.abs(m))
        record(q.magnitude)
        let function = RationalFunction(numerator: m >= 0 ? power : .one, denominator: power + .one)
        return function.map { RootedFunction(root: root, function: $0) }
    }

    private mutating func tanh(_ q: Rational) -> RootedFunction? {
        guard let (m, root) = exponent(q) else { return nil }
        let power = Polynomial.monomial(.one, degree: 2 * Swift.abs(m))
        record(2 * q.magnitude)
        let numerator = m >= 0 ? power - .one : Polynomial.one - power
        let function = RationalFunction(numerator: numerator, denominator: power + .one)
        return function.map { RootedFunction(root: root, function: $0) }
    }

    /// Notes the factor e^r + 1, keeping `binomials` sorted and distinct.
    private mutating func record(_ r: Rational) {
        let index = binomials.firstIndex { $0 >= r } ?? binomials.count
        if index < binomials.count, binomials[index] == r { return }
        binomials.insert(r, at: index)
    }

    // MARK: Signs

    /// Whether the (non-rational) value of `argument` is positive, when interval evaluation
    /// decides it; nil when it does not.
    private func isPositive(_ argument: ExpressionID) -> Bool? {
        arena.decidedSign(of: argument, bindings: bindings).map { $0 > 0 }
    }
}
