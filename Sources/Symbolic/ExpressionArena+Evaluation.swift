import Exact

#if canImport(Glibc)
import Glibc
#endif

extension ExpressionArena {
    /// The exact value of each of `expressions` with symbols bound by name, sharing work
    /// across the DAG.
    /// - Throws: `SymbolicError` for an unbound symbol, a value that is not rational
    ///   (exp(1)), a zero denominator or log outside its domain.
    public func evaluate(_ expressions: [ExpressionID], bindings: [String: Rational]) throws -> [Rational] {
        var values: [ExpressionID: Rational] = [:]
        for id in reachable(from: expressions) {
            values[id] = try exactValue(of: id, bindings: bindings) { values[$0]! }
        }
        return expressions.map { values[$0]! }
    }

    /// The exact value of `expression`.
    public func evaluate(_ expression: ExpressionID, bindings: [String: Rational]) throws -> Rational {
        try evaluate([expression], bindings: bindings)[0]
    }

    private func exactValue(of id: ExpressionID, bindings: [String: Rational], _ value: (ExpressionID) -> Rational) throws -> Rational {
        switch self[id] {
        case let .constant(constant):
            return constant
        case let .symbol(symbol):
            guard let bound = bindings[symbol.name] else { throw SymbolicError.unboundSymbol(symbol.name) }
            return bound
        case let .sum(constant, terms):
            return terms.reduce(constant) { $0 + $1.coefficient * value($1.expression) }
        case let .product(coefficient, factors):
            return try factors.reduce(coefficient) { product, factor in
                let base = value(factor.base)
                if base.isZero, factor.exponent < 0 {
                    throw SymbolicError.divisionByZero(PlainPrinter(arena: self).string(id))
                }
                return product * base.power(factor.exponent)
            }
        case let .apply(function, argument):
            let x = value(argument)
            if let folded = Self.fold(function, x) { return folded }
            let shown = "\(function.name)(\(x))"
            if case .log = function, x.signum <= 0 { throw SymbolicError.outsideDomain(shown) }
            throw SymbolicError.notRational(shown)
        }
    }

    /// The value of each of `expressions` in `Double`, symbols bound by name.
    /// - Throws: `SymbolicError.unboundSymbol`.
    public func evaluateDouble(_ expressions: [ExpressionID], bindings: [String: Double]) throws -> [Double] {
        var values: [ExpressionID: Double] = [:]
        for id in reachable(from: expressions) {
            values[id] = try doubleValue(of: id, bindings: bindings) { values[$0]! }
        }
        return expressions.map { values[$0]! }
    }

    private func doubleValue(of id: ExpressionID, bindings: [String: Double], _ value: (ExpressionID) -> Double) throws -> Double {
        switch self[id] {
        case let .constant(constant):
            return Double(constant)
        case let .symbol(symbol):
            guard let bound = bindings[symbol.name] else { throw SymbolicError.unboundSymbol(symbol.name) }
            return bound
        case let .sum(constant, terms):
            return terms.reduce(Double(constant)) { $0 + Double($1.coefficient) * value($1.expression) }
        case let .product(coefficient, factors):
            return factors.reduce(Double(coefficient)) { $0 * Self.integerPower(value($1.base), $1.exponent) }
        case let .apply(function, argument):
            return Self.apply(function, value(argument))
        }
    }

    /// x^n by repeated squaring (exact for small integers, unlike `pow` on some platforms).
    static func integerPower(_ x: Double, _ n: Int) -> Double {
        if n < 0 { return 1 / integerPower(x, -n) }
        var result = 1.0
        var base = x
        var remaining = n
        while remaining > 0 {
            if remaining & 1 == 1 { result *= base }
            base *= base
            remaining >>= 1
        }
        return result
    }

    /// The `Double` value of a function, with the same kink conventions as the exact path.
    static func apply(_ function: Function, _ x: Double) -> Double {
        switch function {
        case .exp: Glibc.exp(x)
        case .log: Glibc.log(x)
        case .relu: x > 0 ? x : 0
        case .step: x > 0 ? 1 : 0
        case let .leakyRelu(slope): x > 0 ? x : Double(slope) * x
        case .sigmoid: x >= 0 ? 1 / (1 + Glibc.exp(-x)) : Glibc.exp(x) / (1 + Glibc.exp(x))
        case .tanh: Glibc.tanh(x)
        case .softplus: Swift.max(x, 0) + Glibc.log1p(Glibc.exp(-Swift.abs(x)))
        case .abs: Swift.abs(x)
        }
    }
}
