import Exact

// Content and primitive part: how a closed form is printed with integer coefficients
// (`10e^4 + 6e^2 + 1` rather than `5e^4 + 3e^2 + 1/2`).

extension Polynomial {
    /// The rational c with self = c·p, where p has coprime integer coefficients and a
    /// positive leading coefficient (so c carries the sign). Zero for the zero polynomial.
    public var content: Rational {
        guard !isZero else { return .zero }
        var numerators = Rational.zero
        var denominators = Rational.one
        for coefficient in coefficients where !coefficient.isZero {
            let (numerator, denominator) = (coefficient.numerator, coefficient.denominator)
            numerators = Rational.greatestCommonDivisor(numerators, numerator)
            denominators = Rational.leastCommonMultiple(denominators, denominator)
        }
        let magnitude = numerators / denominators
        return leadingCoefficient.signum < 0 ? -magnitude : magnitude
    }

    /// self / content: coprime integer coefficients, positive leading coefficient; zero
    /// stays zero.
    public var primitivePart: Polynomial {
        let c = content
        return c.isZero ? self : scaled(by: c.reciprocal)
    }
}
