import Exact

// High-precision values of expressions that are not rational (exp(1), sigmoid(2)), to a
// requested number of correct significant digits. Every intermediate is an exact rational
// rounded to a working precision in bits; the result is accepted when two working
// precisions, 64 bits apart, round to the same decimal digits (Ziv's strategy), so the
// digits printed are the correctly rounded ones, not Double's 15.95.

extension ExpressionArena {
    /// Each of `expressions` to `significantDigits` significant digits, as decimal text.
    /// Nodes whose values are rational are computed exactly, so kinks (relu at 0) are
    /// decided exactly too. Huge arguments are fine: σ(10¹²) is 1 − e^(−10¹²), kept as the
    /// exact 1 and the rounded e^(−10¹²), whose binary exponent is held apart.
    /// - Throws: `SymbolicError` for an unbound symbol, a zero denominator, log outside its
    ///   domain, or an argument of exp and its kin beyond `HighPrecision.maximumArgument`.
    public func decimalValues(_ expressions: [ExpressionID], bindings: [String: Rational], significantDigits: Int) throws -> [String] {
        var bits = significantDigits * 10 / 3 + 32
        func round(_ bits: Int) throws -> [String?] {
            // An approximate 0 is a value that cancelled below the working precision, not a
            // value: it never counts as agreeing.
            try approximations(expressions, bindings: bindings, bits: bits).map { value in
                // An exact value's decimal is exact: rounding it to bits first could move it
                // across a decimal tie (3/20 to one digit), differently at each precision.
                if case let .exact(v) = value { return v.decimal(significantDigits: significantDigits) }
                let total = value.total(bits: bits + 8)
                return total.isZero ? nil : total.decimal(significantDigits: significantDigits)
            }
        }
        var previous = try round(bits)
        var last = previous
        for _ in 0..<8 {
            bits *= 2
            let next = try round(bits)
            if next == previous, !next.contains(nil) { return next.map { $0! } }
            (last, previous) = (previous, next)
        }
        let printed = { (index: Int) in MessageQuoting.shortened(PlainPrinter(arena: self).string(expressions[index])) }
        if let index = previous.firstIndex(of: nil) {
            throw SymbolicError.beyondLimit(
                "\(printed(index)): its value cancels below 2^-\(bits) "
                + "(\(bits) bits of working precision, the limit); no decimals are given rather than a wrong 0")
        }
        // The last two precisions disagreed: digits that still change are the noise of a
        // cancellation, not a value.
        let index = previous.indices.first { previous[$0] != last[$0] } ?? 0
        throw SymbolicError.beyondLimit(
            "\(printed(index)): its decimals do not settle within \(bits) bits of working precision (the limit): "
            + "its terms cancel below that; no decimals are given rather than wrong ones")
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
            let parts = terms.map { value($0.expression).scaled(by: $0.coefficient, bits: bits) }
            return parts.reduce(.exact(constant)) { $0.adding($1, bits: bits) }
        case let .product(coefficient, factors):
            return try factors.reduce(.exact(coefficient)) { product, factor in
                let base = value(factor.base)
                if base.total(bits: bits).isZero, factor.exponent < 0 {
                    throw SymbolicError.divisionByZero(PlainPrinter(arena: self).string(id))
                }
                return product.multiplying(base.power(factor.exponent, bits: bits), bits: bits)
            }
        case let .apply(function, argument):
            let x = value(argument)
            if case let .exact(exact) = x, let folded = Self.fold(function, exact) { return .exact(folded) }
            let total = x.total(bits: bits + 8)
            if case .log = function, total.signum <= 0 {
                throw SymbolicError.outsideDomain("log(\(total.decimal(significantDigits: 6)))")
            }
            try HighPrecision.requireWithinLimit(function, total)
            return HighPrecision.apply(function, x, bits: bits)
        }
    }
}

/// A value known exactly, or as e^scale · (anchor + offset): an exact scale and anchor, and
/// an offset rounded to the working precision.
///
/// The anchor takes what is exact out of the rounding: σ(10¹²) is 1 plus −e^(−10¹²), so
/// 1 − σ(10¹²) is 0 plus e^(−10¹²), to full precision, where a single rounded number would
/// have cancelled to 0 (and no working precision short of 1.44·10¹² bits would do). The scale
/// does the same for exponentials of huge exact arguments: e^(10²⁰)/(e^(10²⁰) + 1) − 1 is
/// e^(10²⁰)·1 times e^(−10²⁰)·(1 + e^(−10²⁰))⁻¹, whose scales cancel exactly, less 1.
enum Approximation {
    case exact(Rational)
    case scaled(scale: Rational, anchor: Rational, offset: BinaryFloat)

    /// anchor + offset, unscaled.
    static func approximate(anchor: Rational, offset: BinaryFloat) -> Approximation {
        .scaled(scale: .zero, anchor: anchor, offset: offset)
    }

    /// Arguments of exp beyond this magnitude move into the scale.
    static let largestUnscaledExponent = Rational(64)

    /// The value, rounded to `bits`.
    func total(bits: Int) -> BinaryFloat {
        let (scale, _, _) = parts
        let body = bodyTotal(bits: bits + 8)
        if scale.isZero { return body.rounded(toSignificantBits: bits) }
        return body.multiplying(HighPrecision.exp(BinaryFloat(scale), bits: bits + 8), bits: bits)
    }

    /// anchor + offset (the value without its scale), rounded to `bits`.
    private func bodyTotal(bits: Int) -> BinaryFloat {
        BinaryFloat(parts.anchor).adding(parts.offset, bits: bits)
    }

    /// The scale, the exact anchor and the offset (zero for an exact value).
    var parts: (scale: Rational, anchor: Rational, offset: BinaryFloat) {
        switch self {
        case let .exact(v): (.zero, v, .zero)
        case let .scaled(scale, anchor, offset): (scale, anchor, offset)
        }
    }

    /// An anchor with more than this many bits is folded into the offset, so that exact
    /// work stays bounded.
    private static let largestAnchorBits = 4096

    /// A rounded value from its parts, the anchor folded into the offset when it grew large.
    private static func make(_ scale: Rational, _ anchor: Rational, _ offset: BinaryFloat, bits: Int) -> Approximation {
        guard anchor.isHeldInGMP, anchor.numerator.binaryMagnitude + anchor.denominator.binaryMagnitude > largestAnchorBits else {
            return .scaled(scale: scale, anchor: anchor, offset: offset)
        }
        return .scaled(scale: scale, anchor: .zero, offset: BinaryFloat(anchor).adding(offset, bits: bits))
    }

    /// The value times e^m, exactly.
    func timesExponential(_ m: Rational) -> Approximation {
        let (scale, anchor, offset) = parts
        return .scaled(scale: scale + m, anchor: anchor, offset: offset)
    }

    /// The sum; a part of smaller scale joins the offset of the other.
    func adding(_ other: Approximation, bits: Int) -> Approximation {
        if case let .exact(a) = self, case let .exact(b) = other { return .exact(a + b) }
        let (p, q) = (parts, other.parts)
        if p.scale == q.scale { return Self.make(p.scale, p.anchor + q.anchor, p.offset.adding(q.offset, bits: bits), bits: bits) }
        let (high, low) = p.scale > q.scale ? (self, other) : (other, self)
        let (highScale, highAnchor, highOffset) = high.parts
        let factor = HighPrecision.exp(BinaryFloat(low.parts.scale - highScale), bits: bits + 8)
        let moved = low.bodyTotal(bits: bits + 8).multiplying(factor, bits: bits)
        return Self.make(highScale, highAnchor, highOffset.adding(moved, bits: bits), bits: bits)
    }

    /// (a₁ + o₁)(a₂ + o₂) = a₁a₂ + (a₁o₂ + a₂o₁ + o₁o₂), scales added. An exact 0 times
    /// anything is exactly 0 (x1_0 = 0 times sigmoid(…)).
    func multiplying(_ other: Approximation, bits: Int) -> Approximation {
        if case let .exact(v) = self, v.isZero { return self }
        if case let .exact(v) = other, v.isZero { return other }
        if case let .exact(a) = self, case let .exact(b) = other { return .exact(a * b) }
        let (a, b) = (parts, other.parts)
        let offset = a.offset.scaled(by: b.anchor).rounded(toSignificantBits: bits)
            .adding(b.offset.scaled(by: a.anchor), bits: bits)
            .adding(a.offset.multiplying(b.offset, bits: bits), bits: bits)
        return Self.make(a.scale + b.scale, a.anchor * b.anchor, offset, bits: bits)
    }

    func scaled(by coefficient: Rational, bits: Int) -> Approximation {
        switch self {
        case let .exact(v): .exact(v * coefficient)
        case let .scaled(scale, anchor, offset):
            Self.make(scale, anchor * coefficient, offset.scaled(by: coefficient).rounded(toSignificantBits: bits), bits: bits)
        }
    }

    /// (a + o)^n = a^n + o·Σₖ (a + o)^k a^(n−1−k) for n > 0, where every term has the sign
    /// of a^(n−1) while |o| ≤ |a|/2, so nothing cancels; the anchor is dropped otherwise.
    func power(_ n: Int, bits: Int) -> Approximation {
        let (scale, a, o) = parts
        switch self {
        case let .exact(v): return .exact(v.power(n))
        case .scaled:
            let power = scale * Rational(n)
            let t = bodyTotal(bits: bits + 8)
            guard !a.isZero, n != 0, n.magnitude <= 16, o.magnitude <= BinaryFloat(a.magnitude / 2) else {
                return .scaled(scale: power, anchor: .zero, offset: t.power(Rational(n), bits: bits))
            }
            let m = Int(n.magnitude)
            var sum = BinaryFloat.zero
            var tPower = BinaryFloat.one
            for k in 0..<m {
                sum = sum.adding(tPower.scaled(by: a.power(m - 1 - k)), bits: bits + 8)
                tPower = tPower.multiplying(t, bits: bits + 8)
            }
            // (a + o)^m − a^m, and for n = −m: −((a + o)^m − a^m) / ((a + o)^m a^m).
            let difference = o.multiplying(sum, bits: bits + 8)
            if n > 0 { return Self.make(power, a.power(m), difference.rounded(toSignificantBits: bits), bits: bits) }
            let quotient = difference.dividing(by: tPower.scaled(by: a.power(m)), bits: bits)
            return Self.make(power, a.power(-m), -quotient, bits: bits)
        }
    }
}

/// exp, log and the functions built on them, to a given number of significant bits (with
/// guard bits inside). Huge arguments are reduced, e^x = 2^k · e^r with k = round(x / ln 2)
/// an integer of any size and |r| ≤ ln 2 / 2, so e^(−10¹²) costs what e^(−1/2) does.
enum HighPrecision {
    /// The largest |x| whose exp, sigmoid, tanh or softplus is evaluated: the reduction needs
    /// ln 2 to as many more bits as k = x / ln 2 has, and beyond 10¹⁰⁰ work is refused.
    static let maximumArgument = Rational(10).power(100)

    /// Throws `SymbolicError.beyondLimit` for exp, sigmoid, tanh or softplus of an argument
    /// beyond `maximumArgument`, at once.
    static func requireWithinLimit(_ function: Function, _ x: BinaryFloat) throws {
        switch function {
        case .exp, .sigmoid, .tanh, .softplus:
            guard x.magnitude > BinaryFloat(maximumArgument) else { return }
            throw SymbolicError.beyondLimit(
                "\(function.name)(\(x.decimal(significantDigits: 6))): decimals are computed for arguments of exp, sigmoid, "
                + "tanh and softplus up to 1e100 in magnitude (e^x = 2^k·e^r needs ln 2 to as many more bits as k = x/ln 2 has)")
        case .log, .relu, .step, .leakyRelu, .abs:
            return
        }
    }

    /// `function` of a rational, rounded to `bits` significant bits.
    /// - Precondition: |x| is at most `maximumArgument` for exp and its kin, x > 0 for log.
    static func apply(_ function: Function, _ x: Rational, bits: Int) -> Rational {
        apply(function, .exact(x), bits: bits).total(bits: bits).rational()!
    }

    /// `function` of an approximation, anchored where the value is near an exact one:
    /// σ(x) = 1 − σ(−x) for x ≥ 0, tanh x = ±(1 − 2e^(−2|x|)/(1 + e^(−2|x|))),
    /// softplus x = x + log(1 + e^(−x)) for x > 0, log(a + o) = log a + log(1 + o/a).
    static func apply(_ function: Function, _ x: Approximation, bits: Int) -> Approximation {
        let working = bits + 8
        switch function {
        case .relu, .step, .leakyRelu, .abs:
            // Piecewise linear: exact on each side, by the sign of the value.
            let positive = x.total(bits: working).signum > 0
            switch function {
            case .relu: return positive ? x : .exact(.zero)
            case .step: return .exact(positive ? .one : .zero)
            case let .leakyRelu(slope): return positive ? x : x.scaled(by: slope, bits: bits)
            default: return positive ? x : x.scaled(by: -1, bits: bits)
            }
        case .exp:
            // e^x = e^m · e^(x − m) for a large exact part m of x: m goes to the scale, exactly.
            let (scale, anchor, _) = x.parts
            if scale.isZero, anchor.magnitude > Approximation.largestUnscaledExponent {
                let rest = x.adding(.exact(-anchor), bits: bits)
                if case let .exact(v) = rest, let folded = ExpressionArena.fold(.exp, v) {
                    return Approximation.exact(folded).timesExponential(anchor)
                }
                return apply(.exp, rest, bits: bits).timesExponential(anchor)
            }
            let t = argument(x, bits: bits)
            // e^t = 1 + t within 2^−(bits+8) for tiny t: the anchor keeps t.
            if t.exponent < Rational(-working) { return .approximate(anchor: .one, offset: t) }
            return .approximate(anchor: .zero, offset: exp(t, bits: working))
        case .sigmoid:
            let t = argument(x, bits: bits)
            let e = exp(-t.magnitude, bits: working)
            let small = e.dividing(by: BinaryFloat.one.adding(e, bits: working), bits: working)
            return t.signum >= 0 ? .approximate(anchor: .one, offset: -small) : .approximate(anchor: .zero, offset: small)
        case .tanh:
            let t = argument(x, bits: bits)
            if t.magnitude < BinaryFloat(Rational(1, 2)) {
                // Small: e^(−2|t|) is near 1, and (1 − e)/(1 + e) needs guard bits for the
                // cancellation; tiny: tanh t = t within 2^−(bits+8).
                if t.exponent < Rational(-working) { return .approximate(anchor: .zero, offset: t) }
                let r = t.rational()!
                let e = exp(-2 * r.magnitude, bits: working + 16 + max(0, -r.binaryMagnitude))
                let value = (1 - e) / (1 + e)
                return .approximate(anchor: .zero, offset: BinaryFloat(r.signum < 0 ? -value : value).rounded(toSignificantBits: working))
            }
            let e = exp(t.magnitude.scaled(by: -2), bits: working)
            let tail = e.scaled(by: 2).dividing(by: BinaryFloat.one.adding(e, bits: working), bits: working)
            return t.signum > 0 ? .approximate(anchor: .one, offset: -tail) : .approximate(anchor: -1, offset: tail)
        case .softplus:
            let t = argument(x, bits: bits)
            let tail = log1p(exp(-t.magnitude, bits: working), bits: working)
            guard t.signum > 0 else { return .approximate(anchor: .zero, offset: tail) }
            return x.adding(.approximate(anchor: .zero, offset: tail), bits: bits)
        case .log:
            // log(e^s (a + o)) = s + log a + log(1 + o/a), s and a exact.
            let (scale, anchor, offset) = x.parts
            let body: BinaryFloat
            if anchor.signum > 0, offset.magnitude <= BinaryFloat(anchor / 2) {
                let ratio = offset.dividing(by: BinaryFloat(anchor), bits: working)
                let head = anchor == .one ? BinaryFloat.zero : BinaryFloat(log(anchor, bits: working))
                body = head.adding(log1p(ratio, bits: working), bits: working)
            } else {
                body = log(Approximation.scaled(scale: .zero, anchor: anchor, offset: offset).total(bits: bits + 16), bits: working)
            }
            return .scaled(scale: .zero, anchor: scale, offset: body)
        }
    }

    /// The value of `x` to `bits` + 16 bits beyond its integer part: an error in a huge
    /// argument is multiplied by the argument in e^x.
    private static func argument(_ x: Approximation, bits: Int) -> BinaryFloat {
        let first = x.total(bits: bits + 16)
        guard let magnitude = first.exponent.exactInt, magnitude > 0 else { return first }
        return x.total(bits: bits + 16 + magnitude)
    }

    /// e^t of any t within `maximumArgument`: t = k ln 2 + r, e^t = 2^k · e^r.
    static func exp(_ t: BinaryFloat, bits: Int) -> BinaryFloat {
        if t.exponent < Rational(-bits - 8) { return .one }
        let x = t.rational()!
        if x.magnitude < 1 { return BinaryFloat(exp(x, bits: bits)) }
        let kBits = x.binaryMagnitude + 2
        let logTwo = Self.logTwo(bits: bits + kBits + 16)
        let k = (x / logTwo).roundedToInteger
        let r = (x - k * logTwo).roundedToSignificantBits(bits + 16)
        return BinaryFloat(exp(r, bits: bits + 8), timesTwoToThe: k).rounded(toSignificantBits: bits)
    }

    /// log(1 + y) for y > −1, without losing a small y: 2 atanh(y/(2 + y)).
    static func log1p(_ y: BinaryFloat, bits: Int) -> BinaryFloat {
        if y.exponent < Rational(-bits - 8) { return y.rounded(toSignificantBits: bits) }
        if y.magnitude <= BinaryFloat(Rational(1, 4)) {
            let r = y.rational()!
            return BinaryFloat(2 * atanh(r / (2 + r), bits: bits + 8)).rounded(toSignificantBits: bits)
        }
        return log(BinaryFloat.one.adding(y, bits: bits + 8), bits: bits)
    }

    /// log t for t > 0 of any exponent: log(significand) + exponent · log 2, or log(1 + y)
    /// near 1.
    static func log(_ t: BinaryFloat, bits: Int) -> BinaryFloat {
        if let near = t.rational(maximumExponent: 4), (near - 1).magnitude < Rational(1, 4) {
            return log1p(BinaryFloat(near - 1), bits: bits)
        }
        let head = BinaryFloat(log(t.significand, bits: bits + 8))
        if t.exponent.isZero { return head.rounded(toSignificantBits: bits) }
        let exponentBits = t.exponent.magnitude.binaryMagnitude + 2
        let tail = BinaryFloat(t.exponent * logTwo(bits: bits + exponentBits + 16))
        return head.adding(tail, bits: bits)
    }

    /// log 2 = 2 atanh(1/3).
    static func logTwo(bits: Int) -> Rational {
        2 * atanh(Rational(1, 3), bits: bits + 8)
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
