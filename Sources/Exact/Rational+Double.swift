extension Double {
    /// The `Double` nearest to `value` (ties to even), as IEEE 754 division would give.
    ///
    /// GMP's `mpq_get_d` truncates toward zero (1/10 would come out one unit in the last
    /// place below `0.1`); this conversion rounds correctly, including subnormal results.
    /// Values beyond the range of `Double` become ±infinity.
    public init(_ value: Rational) {
        self = value.nearest(Double.self)
    }
}

extension Float {
    /// The `Float` nearest to `value` (ties to even), rounded once from the exact rational:
    /// never through `Double`, whose rounding first can land on a tie between two `Float`s
    /// and then round it the wrong way (1 + 2⁻²⁴ + 2⁻⁶⁰ is nearer 1 + 2⁻²³ than 1, but its
    /// `Double` is the tie 1 + 2⁻²⁴, which rounds to even, 1). Values beyond the range of
    /// `Float` become ±infinity.
    public init(_ value: Rational) {
        self = value.nearest(Float.self)
    }
}

extension Rational {
    /// The value of `Target` nearest to this one, ties to even, subnormals included.
    func nearest<Target: BinaryFloatingPoint>(_: Target.Type) -> Target {
        let precision = Target.significandBitCount + 1
        if case let .small(numerator, denominator) = storage,
           numerator.magnitude <= 1 << precision, denominator <= 1 << precision {
            // Both operands are exact in Target, so one IEEE division rounds correctly.
            return Target(numerator) / Target(denominator)
        }
        return Self.correctlyRounded(gmpValue(), Target.self)
    }

    private static func correctlyRounded<Target: BinaryFloatingPoint>(_ value: GMPRational, _: Target.Type) -> Target {
        let sign = value.sign
        if sign == 0 { return 0 }
        let precision = Target.significandBitCount + 1
        // 2^−smallest is the least subnormal: 2^−1074 for Double, 2^−149 for Float.
        let smallest = -Int(Target.leastNonzeroMagnitude.exponent)
        let numerator = value.numerator
        numerator.formAbsoluteValue()
        let denominator = value.denominator
        // Scale so that q = floor(n · 2^shift / d) has precision + 2 or + 3 bits: those kept,
        // a rounding bit and one more; a non-zero remainder is the sticky bit.
        let shift = precision + 2 - numerator.bitCount + denominator.bitCount
        if shift >= 0 {
            numerator.multiplyByPowerOfTwo(shift)
        } else {
            denominator.multiplyByPowerOfTwo(-shift)
        }
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        // Bit i of q weighs 2^(i − shift). Keep `precision` bits, or fewer when the result
        // is subnormal (no bit below 2^−smallest).
        let dropped = max(quotient.bitCount - precision, shift - smallest)
        let (kept, rest) = quotient.splitLowBits(dropped)
        let comparison = rest.compare(to: GMPInteger.powerOfTwo(dropped - 1))
        let sticky = remainder.sign != 0
        if comparison > 0 || (comparison == 0 && (sticky || kept.isOdd)) {
            kept.add(1)
        }
        return Target(sign: sign < 0 ? .minus : .plus, exponent: Target.Exponent(dropped - shift), significand: Target(kept.lowWord))
    }
}

extension Rational {
    /// The exact value of a finite `Double` (every finite double is a rational);
    /// nil for infinities and NaN.
    public init?(exactly value: Double) {
        self.init(exactlyBinary: value)
    }

    /// The exact value of a finite `Float`; nil for infinities and NaN.
    public init?(exactly value: Float) {
        self.init(exactlyBinary: value)
    }

    private init?<Source: BinaryFloatingPoint>(exactlyBinary value: Source) {
        guard value.isFinite else { return nil }
        if value == 0 {
            self = .zero
            return
        }
        // value = ±1.f × 2^e with p fraction bits: an integer significand times 2^(e − p).
        let fractionBits = Source.significandBitCount
        let integerSignificand = Int(value.significand * Source(sign: .plus, exponent: Source.Exponent(fractionBits), significand: 1))
        let scale = Rational(2).power(Int(value.exponent) - fractionBits)
        self = Rational(value < 0 ? -integerSignificand : integerSignificand) * scale
    }
}
