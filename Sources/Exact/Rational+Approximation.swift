extension Rational {
    /// The nearest rational of the form m · 2^k with |m| < 2^bits (ties away from zero):
    /// a binary floating-point rounding to `bits` significant bits, exact and unbounded in
    /// range. High-precision evaluation rounds every intermediate this way so that the
    /// sizes of numerators and denominators stay bounded.
    /// - Precondition: `bits >= 1`.
    public func roundedToSignificantBits(_ bits: Int) -> Rational {
        precondition(bits >= 1, "at least one significant bit")
        if isZero { return self }
        let value = gmpValue()
        let numerator = value.numerator
        numerator.formAbsoluteValue()
        let denominator = value.denominator
        // q = round(|n| · 2^shift / d) has `bits` or `bits + 1` bits.
        let shift = bits - numerator.bitCount + denominator.bitCount
        if shift >= 0 {
            numerator.multiplyByPowerOfTwo(shift)
        } else {
            denominator.multiplyByPowerOfTwo(-shift)
        }
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        remainder.multiplyByPowerOfTwo(1)
        if remainder.compare(to: denominator) >= 0 { quotient.add(1) }
        if signum < 0 { quotient.negate() }
        let scale = GMPInteger.powerOfTwo(abs(shift))
        if shift >= 0 { return Rational(normalizing: GMPRational(quotient, scale)) }
        quotient.multiply(by: scale)
        return Rational(normalizing: GMPRational(quotient, GMPInteger(1)))
    }

    /// The number of bits of |numerator| minus those of the denominator: ⌊log₂|x|⌋ or one
    /// more. For choosing working precision; zero gives 0.
    public var binaryMagnitude: Int {
        if isZero { return 0 }
        let value = gmpValue()
        return value.numerator.bitCount - value.denominator.bitCount
    }
}
