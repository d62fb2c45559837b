import Exact

// Division with remainder and the Euclidean gcd: what reduces a rational function to
// lowest terms and what factors its denominator. Over a field (ℚ) every non-zero divisor
// works, so the only failure is a zero divisor, reported as nil rather than a trap.

extension Polynomial {
    /// q and r with self = q·divisor + r and deg r < deg divisor; nil when `divisor` is zero.
    public func quotientAndRemainder(dividingBy divisor: Polynomial) -> (quotient: Polynomial, remainder: Polynomial)? {
        guard !divisor.isZero else { return nil }
        if degree < divisor.degree { return (.zero, self) }
        let inverseLeading = divisor.leadingCoefficient.reciprocal
        var remainder = coefficients
        var quotient = [Rational](repeating: .zero, count: degree - divisor.degree + 1)
        for shift in stride(from: quotient.count - 1, through: 0, by: -1) {
            let factor = remainder[shift + divisor.degree] * inverseLeading
            quotient[shift] = factor
            if factor.isZero { continue }
            for (power, coefficient) in divisor.coefficients.enumerated() where !coefficient.isZero {
                remainder[shift + power] -= factor * coefficient
            }
        }
        return (Polynomial(coefficients: quotient), Polynomial(coefficients: Array(remainder.prefix(divisor.degree))))
    }

    /// self / divisor when the division leaves no remainder, else nil (also for a zero
    /// divisor).
    public func exactlyDivided(by divisor: Polynomial) -> Polynomial? {
        guard let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor), remainder.isZero else { return nil }
        return quotient
    }

    /// The monic greatest common divisor (Euclid, each remainder made monic to keep the
    /// coefficients small); gcd(0, 0) = 0.
    public static func gcd(_ a: Polynomial, _ b: Polynomial) -> Polynomial {
        var (x, y) = (a.monic, b.monic)
        while let (_, remainder) = x.quotientAndRemainder(dividingBy: y) {
            (x, y) = (y, remainder.monic)
        }
        return x
    }
}
