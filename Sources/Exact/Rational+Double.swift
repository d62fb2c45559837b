extension Double {
    /// The `Double` nearest to `value` (ties to even), as IEEE 754 division would give.
    ///
    /// GMP's `mpq_get_d` truncates toward zero (1/10 would come out one unit in the last
    /// place below `0.1`); this conversion rounds correctly, including subnormal results.
    /// Values beyond the range of `Double` become ±infinity.
    public init(_ value: Rational) {
        if case let .small(numerator, denominator) = value.storage,
           numerator.magnitude <= 1 << 53, denominator <= 1 << 53 {
            // Both operands are exact doubles, so one IEEE division rounds correctly.
            self = Double(numerator) / Double(denominator)
            return
        }
        self = Self.correctlyRounded(value.gmpValue())
    }

    private static func correctlyRounded(_ value: GMPRational) -> Double {
        let sign = value.sign
        if sign == 0 { return 0 }
        let numerator = value.numerator
        numerator.formAbsoluteValue()
        let denominator = value.denominator
        // Scale so that q = floor(n · 2^shift / d) has 55 or 56 bits: 53 kept, a rounding
        // bit and one more; a non-zero remainder is the sticky bit.
        let shift = 55 - numerator.bitCount + denominator.bitCount
        if shift >= 0 {
            numerator.multiplyByPowerOfTwo(shift)
        } else {
            denominator.multiplyByPowerOfTwo(-shift)
        }
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        // Bit i of q weighs 2^(i − shift). Keep 53 bits, or fewer when the result is
        // subnormal (no bit below 2^−1074).
        let dropped = max(quotient.bitCount - 53, shift - 1074)
        let (kept, rest) = quotient.splitLowBits(dropped)
        let comparison = rest.compare(to: GMPInteger.powerOfTwo(dropped - 1))
        let sticky = remainder.sign != 0
        if comparison > 0 || (comparison == 0 && (sticky || kept.isOdd)) {
            kept.add(1)
        }
        return Double(sign: sign < 0 ? .minus : .plus, exponent: dropped - shift, significand: Double(kept.lowWord))
    }
}

extension Rational {
    /// The exact value of a finite `Double` (every finite double is a rational);
    /// nil for infinities and NaN.
    public init?(exactly value: Double) {
        guard value.isFinite else { return nil }
        if value == 0 {
            self = .zero
            return
        }
        // value = ±1.f × 2^e with 52 fraction bits: an integer significand times 2^(e − 52).
        let integerSignificand = Int(value.significand * 0x1p52)
        let scale = Rational(2).power(Int(value.exponent) - 52)
        self = Rational(value < 0 ? -integerSignificand : integerSignificand) * scale
    }
}
