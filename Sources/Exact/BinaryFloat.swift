/// A binary floating-point number whose exponent has no bound: significand × 2^exponent,
/// with the significand a rational that callers keep to a working precision and the
/// exponent an integer of any size.
///
/// Why: e^(−10¹²) is about 2^(−1.44·10¹²); as a `Rational` its denominator alone would have
/// 1.44·10¹² bits, and e^(−10²⁰) has a binary exponent beyond `Int`. High-precision
/// evaluation of huge arguments (σ(10¹²) = 1 − e^(−10¹²)) keeps the significand short and
/// the exponent apart.
///
/// Canonical: zero is 0 × 2⁰; otherwise numerator and denominator of the significand have
/// the same bit length (|significand| in (1/2, 2)), which fixes the exponent, so equal
/// values are stored identically.
public struct BinaryFloat: Sendable, Hashable {
    /// Zero, or a rational with |significand| in (1/2, 2).
    public let significand: Rational
    /// An integer, of any size.
    public let exponent: Rational

    /// Zero.
    public static let zero = BinaryFloat(.zero)
    /// One.
    public static let one = BinaryFloat(.one)

    /// `value` exactly.
    public init(_ value: Rational) {
        self.init(value, timesTwoToThe: .zero)
    }

    /// value · 2^exponent exactly.
    /// - Precondition: `exponent` is an integer.
    public init(_ value: Rational, timesTwoToThe exponent: Rational) {
        precondition(exponent.isInteger, "BinaryFloat: an integer exponent")
        if value.isZero {
            significand = .zero
            self.exponent = .zero
            return
        }
        // Dividing by 2^m, m the difference of bit lengths, equalizes them (see the type's note).
        let shift = value.binaryMagnitude
        significand = shift == 0 ? value : value * Rational(2).power(-shift)
        self.exponent = exponent + Rational(shift)
    }

    /// True for zero.
    public var isZero: Bool { significand.isZero }
    /// −1, 0 or 1.
    public var signum: Int { significand.signum }
    /// |self|.
    public var magnitude: BinaryFloat { signum < 0 ? -self : self }

    /// The negation, exactly.
    public static prefix func - (x: BinaryFloat) -> BinaryFloat {
        BinaryFloat(-x.significand, timesTwoToThe: x.exponent)
    }

    /// The value as a `Rational` when its binary exponent is at most `maximumExponent` in
    /// magnitude (so that the rational has a bounded size); nil beyond.
    public func rational(maximumExponent: Int = BinaryFloat.rationalExponentLimit) -> Rational? {
        guard let e = exponent.exactInt, e.magnitude <= maximumExponent else { return nil }
        return significand * Rational(2).power(e)
    }

    /// The largest |exponent| `rational()` converts by default: 2^(±100000) has about
    /// 30,000 decimal digits, quick to handle.
    public static let rationalExponentLimit = 100_000

    /// The nearest value with `bits` significant bits (ties away from zero).
    public func rounded(toSignificantBits bits: Int) -> BinaryFloat {
        isZero ? self : BinaryFloat(significand.roundedToSignificantBits(bits), timesTwoToThe: exponent)
    }

    /// self · c exactly.
    public func scaled(by c: Rational) -> BinaryFloat {
        BinaryFloat(significand * c, timesTwoToThe: exponent)
    }

    /// self · 2^k exactly.
    public func timesPowerOfTwo(_ k: Rational) -> BinaryFloat {
        BinaryFloat(significand, timesTwoToThe: exponent + k)
    }

    /// self + other rounded to `bits` significant bits. An addend smaller than 2^−(bits+2) of
    /// the other only rounds it (its exact sum would have as many bits as the exponents differ).
    public func adding(_ other: BinaryFloat, bits: Int) -> BinaryFloat {
        if other.isZero { return rounded(toSignificantBits: bits) }
        if isZero { return other.rounded(toSignificantBits: bits) }
        let (high, low) = exponent >= other.exponent ? (self, other) : (other, self)
        // |high| > 2^(high.exponent − 1) and |low| < 2^(low.exponent + 1).
        guard let gap = (high.exponent - low.exponent).exactInt, gap <= bits + 4 else {
            return high.rounded(toSignificantBits: bits)
        }
        let sum = high.significand * Rational(2).power(gap) + low.significand
        return BinaryFloat(sum, timesTwoToThe: low.exponent).rounded(toSignificantBits: bits)
    }

    /// self · other rounded to `bits` significant bits.
    public func multiplying(_ other: BinaryFloat, bits: Int) -> BinaryFloat {
        BinaryFloat(significand * other.significand, timesTwoToThe: exponent + other.exponent).rounded(toSignificantBits: bits)
    }

    /// self / other rounded to `bits` significant bits.
    /// - Precondition: `other` is not zero.
    public func dividing(by other: BinaryFloat, bits: Int) -> BinaryFloat {
        precondition(!other.isZero, "BinaryFloat: division by zero")
        return BinaryFloat(significand / other.significand, timesTwoToThe: exponent - other.exponent).rounded(toSignificantBits: bits)
    }

    /// self^n for an integer n of any size (10^(4·10¹⁹) when printing e^(−10²⁰)), by repeated
    /// squaring with guard bits: within a few units in the last of `bits` places.
    /// - Precondition: `n` is an integer; self is not zero when n < 0.
    public func power(_ n: Rational, bits: Int) -> BinaryFloat {
        precondition(n.isInteger, "BinaryFloat: an integer power")
        if n.signum < 0 { return BinaryFloat.one.dividing(by: power(-n, bits: bits + 4), bits: bits) }
        var binaryDigits: [Bool] = []
        var rest = n
        while !rest.isZero {
            let half = (rest / 2).floor
            binaryDigits.append(rest != half * 2)
            rest = half
        }
        let working = bits + 2 * binaryDigits.count + 8
        var result = BinaryFloat.one
        for digit in binaryDigits.reversed() {
            result = result.multiplying(result, bits: working)
            if digit { result = result.multiplying(self, bits: working) }
        }
        return result.rounded(toSignificantBits: bits)
    }
}

extension BinaryFloat: Comparable {
    /// Order by value.
    public static func < (lhs: BinaryFloat, rhs: BinaryFloat) -> Bool {
        if lhs.signum != rhs.signum { return lhs.signum < rhs.signum }
        if lhs.isZero { return false }
        if lhs.exponent != rhs.exponent {
            // Same sign, |significand| in (1/2, 2): the exponents differ by at least one, and
            // the magnitudes are ordered as the exponents unless they differ by exactly one.
            let gap = lhs.exponent - rhs.exponent
            if gap.magnitude > 1 { return (gap.signum < 0) == (lhs.signum > 0) }
            let scaled = gap.signum > 0 ? (lhs.significand * 2, rhs.significand) : (lhs.significand, rhs.significand * 2)
            return scaled.0 < scaled.1
        }
        return lhs.significand < rhs.significand
    }
}

extension BinaryFloat {
    /// The value to `significantDigits` significant digits, correctly rounded, in the style of
    /// `Rational.decimal(significantDigits:)`; e^(−10¹²) is "1.2e-434294481903" to two digits.
    ///
    /// Beyond `rationalExponentLimit` the value is scaled by 10^−d, d its approximate decimal
    /// exponent, at rising working precision until both ends of the scaled value's error
    /// interval round to the same digits. (A binary value is never exactly half a unit of
    /// such a decimal, whose denominator has a factor 5^|d|, so this ends.)
    /// - Precondition: `significantDigits >= 1`.
    public func decimal(significantDigits: Int) -> String {
        precondition(significantDigits >= 1, "decimal: at least one significant digit")
        if let exact = rational() { return exact.decimal(significantDigits: significantDigits) }
        let d = (exponent * Self.log10Two).floor
        let lengthOfD = d.magnitude.description.count * 4
        var bits = significantDigits * 4 + lengthOfD + 64
        var digits = DecimalRounding(.one, significantDigits: significantDigits)
        for _ in 0..<8 {
            let scaled = magnitude.multiplying(BinaryFloat(10).power(-d, bits: bits + 8), bits: bits + 8)
            // Each of the ≈ 2·log₂ d roundings of the power moves it by 2^−(bits + 8 + guard);
            // 2^(−bits) bounds them all with room to spare.
            let y = scaled.rational()!
            let error = y * Rational(2).power(-bits)
            let low = DecimalRounding(y - error, significantDigits: significantDigits)
            let high = DecimalRounding(y + error, significantDigits: significantDigits)
            digits = low
            if low == high { break }
            bits *= 2
        }
        // Eight doublings always settle (the argument above); the bound keeps the work bounded.
        return Rational.decimalText(negative: signum < 0, digits: digits.digits, exponent: d + Rational(digits.exponent),
                                    significantDigits: significantDigits)
    }

    /// The value of a decimal "[-]d.ddd[e±N]" whose exponent N may have any size
    /// ("5.6e-434294481904"), to `bits` significant bits, with a bound on its distance from
    /// the decimal (2^(2−bits) of it: the power of ten and the product each round once at
    /// `bits` + 8 bits, within a few units there); nil when the text is not such a decimal.
    public static func parsing(decimal text: String, bits: Int) -> (value: BinaryFloat, error: BinaryFloat)? {
        let parts = text.split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
        guard let mantissa = try? Rational(parsing: String(parts[0])) else { return nil }
        guard parts.count == 2 else { return (BinaryFloat(mantissa), .zero) }
        let digits = parts[1].hasPrefix("+") ? parts[1].dropFirst() : parts[1]
        guard let exponent = try? Rational(parsing: String(digits)), exponent.isInteger else { return nil }
        let value = BinaryFloat(mantissa).multiplying(BinaryFloat(10).power(exponent, bits: bits + 8), bits: bits + 8)
        return (value, value.magnitude.timesPowerOfTwo(Rational(2 - bits)))
    }

    /// log₁₀ 2 to 40 digits: only the first guess of the decimal exponent depends on it.
    static let log10Two = Rational("0.3010299956639811952137388947244930267682")!
}
