extension Rational {
    /// The numerator in lowest terms, with the sign: 29/2 → 29, −3/4 → −3, 5 → 5.
    public var numerator: Rational {
        switch storage {
        case let .small(numerator, _): return Rational(numerator)
        case let .big(value): return Rational(normalizing: GMPRational(value.numerator, GMPInteger(1)))
        }
    }

    /// The positive denominator in lowest terms: 29/2 → 2, 5 → 1.
    public var denominator: Rational {
        switch storage {
        case let .small(_, denominator): return Rational(denominator)
        case let .big(value): return Rational(normalizing: GMPRational(value.denominator, GMPInteger(1)))
        }
    }

    /// The non-negative greatest common divisor of two integers; gcd(0, 0) = 0.
    /// - Precondition: both are integers.
    public static func greatestCommonDivisor(_ a: Rational, _ b: Rational) -> Rational {
        precondition(a.isInteger && b.isInteger, "greatestCommonDivisor: integers only")
        if let x = a.exactInt, let y = b.exactInt {
            return Rational(Int(wordGCD(x.magnitude, y.magnitude)))
        }
        let divisor = a.gmpValue().numerator.greatestCommonDivisor(with: b.gmpValue().numerator)
        return Rational(normalizing: GMPRational(divisor, GMPInteger(1)))
    }

    /// The non-negative least common multiple of two integers; 0 when either is 0.
    /// - Precondition: both are integers.
    public static func leastCommonMultiple(_ a: Rational, _ b: Rational) -> Rational {
        if a.isZero || b.isZero { return .zero }
        return (a * b).magnitude / greatestCommonDivisor(a, b)
    }
}

extension Rational {
    /// The greatest integer not above the value: 7/2 → 3, −7/2 → −4, 5 → 5.
    public var floor: Rational {
        switch storage {
        case let .small(numerator, denominator):
            let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
            return Rational(remainder < 0 ? quotient - 1 : quotient)
        case let .big(value):
            if value.isInteger { return self }
            let (quotient, _) = value.numerator.quotientAndRemainder(dividingBy: value.denominator)
            let truncated = Rational(normalizing: GMPRational(quotient, GMPInteger(1)))
            return signum < 0 ? truncated - 1 : truncated
        }
    }

    /// The nearest integer, halves away from zero: 5/2 → 3, −5/2 → −3.
    public var roundedToInteger: Rational {
        signum < 0 ? -(-self).roundedToInteger : (self + Rational(1, 2)).floor
    }
}
