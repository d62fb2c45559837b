import Exact

/// A closed interval [lower, upper] of rationals known to contain a value: interval
/// arithmetic with outward rounding to a working precision, so that sizes stay bounded and
/// the enclosure stays rigorous. It decides signs that exact arithmetic cannot reach
/// (relu(−39/20·softplus(−51353/500) − 9/2) is 0 because its argument is below −4).
struct Enclosure: Hashable {
    let lower: Rational
    let upper: Rational

    /// A point, exactly.
    init(_ value: Rational) { (lower, upper) = (value, value) }

    init(lower: Rational, upper: Rational) {
        self.lower = lower
        self.upper = upper
    }

    /// +1 or −1 when the whole enclosure is on one side of 0; nil when it touches 0.
    var sign: Int? {
        if lower.signum > 0 { return 1 }
        if upper.signum < 0 { return -1 }
        return nil
    }

    var containsZero: Bool { lower.signum <= 0 && upper.signum >= 0 }

    /// The same interval widened outward to `bits` significant bits at each end.
    func rounded(bits: Int) -> Enclosure {
        Enclosure(lower: Self.roundDown(lower, bits: bits), upper: Self.roundUp(upper, bits: bits))
    }

    static func roundDown(_ x: Rational, bits: Int) -> Rational {
        if x.isZero { return x }
        let nearest = x.roundedToSignificantBits(bits)
        return nearest <= x ? nearest : nearest - unit(nearest, bits: bits)
    }

    static func roundUp(_ x: Rational, bits: Int) -> Rational {
        if x.isZero { return x }
        let nearest = x.roundedToSignificantBits(bits)
        return nearest >= x ? nearest : nearest + unit(nearest, bits: bits)
    }

    /// A step at least as large as one unit in the last of `bits` places of `x`.
    private static func unit(_ x: Rational, bits: Int) -> Rational {
        Rational(2).power(x.binaryMagnitude - bits + 2)
    }

    func scaled(by c: Rational) -> Enclosure {
        c.signum >= 0 ? Enclosure(lower: lower * c, upper: upper * c) : Enclosure(lower: upper * c, upper: lower * c)
    }

    static func + (a: Enclosure, b: Enclosure) -> Enclosure {
        Enclosure(lower: a.lower + b.lower, upper: a.upper + b.upper)
    }

    static func * (a: Enclosure, b: Enclosure) -> Enclosure {
        let products = [a.lower * b.lower, a.lower * b.upper, a.upper * b.lower, a.upper * b.upper]
        return Enclosure(lower: products.min()!, upper: products.max()!)
    }

    /// The enclosure of x^n, or nil for a negative power of an interval that contains 0.
    func power(_ n: Int) -> Enclosure? {
        if n == 0 { return Enclosure(.one) }
        if n < 0 {
            guard !containsZero else { return nil }
            return Enclosure(lower: upper.reciprocal, upper: lower.reciprocal).power(-n)
        }
        let (a, b) = (lower.power(n), upper.power(n))
        if n % 2 == 1 { return Enclosure(lower: a, upper: b) }
        if containsZero { return Enclosure(lower: .zero, upper: max(a, b)) }
        return Enclosure(lower: min(a, b), upper: max(a, b))
    }
}
