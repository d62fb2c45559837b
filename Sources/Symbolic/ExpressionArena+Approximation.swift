import Exact

// High-precision values of expressions that are not rational (exp(1), sigmoid(2)), to a
// requested number of correct significant digits. Every intermediate is an exact rational
// rounded to a working precision in bits; the result is accepted when two working
// precisions, 64 bits apart, round to the same decimal digits (Ziv's strategy), so the
// digits printed are the correctly rounded ones, not Double's 15.95.

extension ExpressionArena {
    /// Each of `expressions` to `significantDigits` significant digits, as decimal text.
    /// Nodes whose values are rational are computed exactly, so kinks (relu at 0) are
    /// decided exactly too.
    /// - Throws: `SymbolicError` for an unbound symbol, a zero denominator or log outside
    ///   its domain.
    public func decimalValues(_ expressions: [ExpressionID], bindings: [String: Rational], significantDigits: Int) throws -> [String] {
        var bits = significantDigits * 10 / 3 + 32
        func round(_ bits: Int) throws -> [String?] {
            // An approximate 0 is a value that cancelled below the working precision (1 − σ(x)
            // for a large x), not a value: it never counts as agreeing.
            try approximations(expressions, bindings: bindings, bits: bits).map { value in
                if case .approximate(let v) = value, v.isZero { return nil }
                return value.value.decimal(significantDigits: significantDigits)
            }
        }
        var previous = try round(bits)
        for _ in 0..<8 {
            bits *= 2
            let next = try round(bits)
            if next == previous, !next.contains(nil) { return next.map { $0! } }
            previous = next
        }
        if let index = previous.firstIndex(of: nil) {
            throw SymbolicError.beyondLimit(
                "\(PlainPrinter(arena: self).string(expressions[index]).prefix(200)): its value cancels below 2^-\(bits) "
                + "(\(bits) bits of working precision, the limit); no decimals are given rather than a wrong 0")
        }
        return previous.map { $0! }
    }

    /// Values rounded to `bits` significant bits at every non-rational step.
    func approximate(_ expressions: [ExpressionID], bindings: [String: Rational], bits: Int) throws -> [Rational] {
        try approximations(expressions, bindings: bindings, bits: bits).map(\.value)
    }

    private func approximations(_ expressions: [ExpressionID], bindings: [String: Rational], bits: Int) throws -> [Approximation] {
        var values: [ExpressionID: Approximation] = [:]
        for id in reachable(from: expressions) {
            values[id] = try approximateValue(of: id, bindings: bindings, bits: bits) { values[$0]! }
        }
        return expressions.map { values[$0]! }
    }

    private func approximateValue(of id: ExpressionID, bindings: [String: Rational], bits: Int,
                                  _ value: (ExpressionID) -> Approximation) throws -> Approximation {
        switch self[id] {
        case let .constant(constant):
            return .exact(constant)
        case let .symbol(symbol):
            guard let bound = bindings[symbol.name] else { throw SymbolicError.unboundSymbol(symbol.name) }
            return .exact(bound)
        case let .sum(constant, terms):
            let parts = terms.map { value($0.expression).scaled(by: $0.coefficient) }
            return parts.reduce(.exact(constant)) { $0.adding($1, bits: bits) }
        case let .product(coefficient, factors):
            return try factors.reduce(.exact(coefficient)) { product, factor in
                let base = value(factor.base)
                if base.value.isZero, factor.exponent < 0 {
                    throw SymbolicError.divisionByZero(PlainPrinter(arena: self).string(id))
                }
                return product.multiplying(base.power(factor.exponent, bits: bits), bits: bits)
            }
        case let .apply(function, argument):
            let x = value(argument)
            if case let .exact(exact) = x, let folded = Self.fold(function, exact) { return .exact(folded) }
            if case .log = function, x.value.signum <= 0 {
                throw SymbolicError.outsideDomain("log(\(x.value.decimal(significantDigits: 6)))")
            }
            try HighPrecision.requireWithinLimit(function, x.value)
            let result = HighPrecision.apply(function, x.value, bits: bits)
            // relu and step are exactly 0 or 1 on their flat sides (the sign of the argument is
            // trusted, as for the value itself): an exact 0 keeps products exactly 0 below.
            switch function {
            case .relu where result.isZero, .step: return .exact(result)
            default: return .approximate(result)
            }
        }
    }
}

/// A value known exactly, or rounded to the working precision.
private enum Approximation {
    case exact(Rational)
    case approximate(Rational)

    var value: Rational {
        switch self {
        case let .exact(v), let .approximate(v): v
        }
    }

    private func combine(_ other: Approximation, bits: Int, _ operation: (Rational, Rational) -> Rational) -> Approximation {
        if case let .exact(a) = self, case let .exact(b) = other { return .exact(operation(a, b)) }
        return .approximate(operation(value, other.value).roundedToSignificantBits(bits))
    }

    func adding(_ other: Approximation, bits: Int) -> Approximation { combine(other, bits: bits, +) }
    /// An exact 0 times anything is exactly 0 (x1_0 = 0 times sigmoid(…)).
    func multiplying(_ other: Approximation, bits: Int) -> Approximation {
        if case let .exact(v) = self, v.isZero { return self }
        if case let .exact(v) = other, v.isZero { return other }
        return combine(other, bits: bits, *)
    }

    func scaled(by coefficient: Rational) -> Approximation {
        switch self {
        case let .exact(v): .exact(v * coefficient)
        case let .approximate(v): .approximate(v * coefficient)
        }
    }

    func power(_ exponent: Int, bits: Int) -> Approximation {
        switch self {
        case let .exact(v): .exact(v.power(exponent))
        case let .approximate(v): .approximate(v.power(exponent).roundedToSignificantBits(bits))
        }
    }
}

/// exp, log and the functions built on them, for rational arguments, to a given number of
/// significant bits (with guard bits inside).
enum HighPrecision {
    /// The largest |x| whose exp, sigmoid, tanh or softplus is evaluated: e^x is computed as
    /// an exact rational, whose size grows with x (e^10000 has 14,427 binary digits), and a
    /// value that cancels to e^(−x) (1 − σ(x)) needs as many bits of working precision.
    static let maximumArgument = Rational(10_000)

    /// Throws `SymbolicError.beyondLimit` for exp, sigmoid, tanh or softplus of an argument
    /// beyond `maximumArgument`, at once instead of after minutes and gigabytes.
    static func requireWithinLimit(_ function: Function, _ x: Rational) throws {
        switch function {
        case .exp, .sigmoid, .tanh, .softplus:
            guard x.magnitude > maximumArgument else { return }
            throw SymbolicError.beyondLimit(
                "\(function.name)(\(x.decimal(significantDigits: 6))): decimals are computed for arguments of exp, sigmoid, "
                + "tanh and softplus up to \(maximumArgument) in magnitude (beyond, e^x has more than 14,000 binary digits)")
        case .log, .relu, .step, .leakyRelu, .abs:
            return
        }
    }

    static func apply(_ function: Function, _ x: Rational, bits: Int) -> Rational {
        switch function {
        case .exp: return exp(x, bits: bits)
        case .log: return log(x, bits: bits)
        case .relu, .step, .leakyRelu, .abs:
            // Piecewise linear: exact at every rational, by the arena's own folding rules.
            return ExpressionArena.fold(function, x)!
        case .sigmoid:
            // 1/(1 + e^(−x)); for x < 0 the same as e^x/(1 + e^x), without overflow.
            let e = exp(-x.magnitude, bits: bits + 8)
            let small = e / (1 + e)
            return (x.signum >= 0 ? 1 - small : small).roundedToSignificantBits(bits)
        case .tanh:
            let e = exp(-2 * x.magnitude, bits: bits + 16 + max(0, -x.binaryMagnitude))
            let t = (1 - e) / (1 + e)
            return (x.signum < 0 ? -t : t).roundedToSignificantBits(bits)
        case .softplus:
            // log(1 + e^x) = max(x, 0) + log(1 + e^(−|x|)).
            let tail = log(1 + exp(-x.magnitude, bits: bits + 8), bits: bits + 8)
            return (max(x, .zero) + tail).roundedToSignificantBits(bits)
        }
    }

    /// e^x: halve the argument s times, sum the Taylor series, square s times.
    static func exp(_ x: Rational, bits: Int) -> Rational {
        if x.isZero { return .one }
        let halvings = max(0, x.binaryMagnitude + 8)
        let working = bits + halvings + 32
        let y = (x / Rational(2).power(halvings)).roundedToSignificantBits(working)
        var sum = Rational.one
        var term = Rational.one
        var n = 1
        let threshold = Rational(2).power(-working - 2)
        while true {
            term = (term * y / Rational(n)).roundedToSignificantBits(working)
            sum = (sum + term).roundedToSignificantBits(working)
            if term.magnitude < threshold { break }
            n += 1
        }
        for _ in 0..<halvings { sum = (sum * sum).roundedToSignificantBits(working) }
        return sum.roundedToSignificantBits(bits)
    }

    /// log x for x > 0: x = m·2^k with m near 1, log x = k·log 2 + 2·atanh((m − 1)/(m + 1)).
    static func log(_ x: Rational, bits: Int) -> Rational {
        precondition(x.signum > 0, "log of a non-positive value")
        let k = x.binaryMagnitude
        let m = x / Rational(2).power(k)
        // k·log 2 multiplies the error of log 2 by k: keep as many more guard bits as k has.
        let working = bits + 40 + (Int.bitWidth - k.magnitude.leadingZeroBitCount)
        let logM = 2 * atanh((m - 1) / (m + 1), bits: working)
        if k == 0 { return logM.roundedToSignificantBits(bits) }
        let logTwo = 2 * atanh(Rational(1, 3), bits: working)
        return (Rational(k) * logTwo + logM).roundedToSignificantBits(bits)
    }

    /// atanh y = Σ y^(2n+1)/(2n+1), for |y| ≤ 1/3.
    private static func atanh(_ y: Rational, bits: Int) -> Rational {
        if y.isZero { return .zero }
        let square = (y * y).roundedToSignificantBits(bits)
        var power = y
        var sum = y
        var n = 1
        let threshold = y.magnitude * Rational(2).power(-bits - 2)
        while true {
            power = (power * square).roundedToSignificantBits(bits)
            let term = power / Rational(2 * n + 1)
            sum = (sum + term).roundedToSignificantBits(bits)
            if term.magnitude < threshold { break }
            n += 1
        }
        return sum
    }
}
