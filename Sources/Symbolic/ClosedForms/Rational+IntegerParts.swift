import Exact

// `Exact` does not expose a rational's numerator and denominator, yet presenting a closed
// form with integer coefficients needs them. They are read back from the canonical
// `description` ("n" or "n/d", lowest terms, any size), which `Exact` documents and tests;
// if `Exact` gains accessors, only this file changes.

extension Rational {
    /// Numerator and (positive) denominator in lowest terms, as integer-valued rationals.
    var integerParts: (numerator: Rational, denominator: Rational) {
        if isInteger { return (self, .one) }
        let text = description
        guard let slash = text.firstIndex(of: "/"),
              let numerator = Rational(String(text[..<slash])),
              let denominator = Rational(String(text[text.index(after: slash)...])) else {
            preconditionFailure("Rational.description is \"n\" or \"n/d\", got \(text)")
        }
        return (numerator, denominator)
    }

    /// The non-negative gcd of two integer-valued rationals; gcd(0, 0) = 0. Rational
    /// division reduces to lowest terms, so a/b has numerator a/gcd(a, b).
    static func integerGCD(_ a: Rational, _ b: Rational) -> Rational {
        if a.isZero { return b.magnitude }
        if b.isZero { return a.magnitude }
        return (a / (a / b).integerParts.numerator).magnitude
    }

    /// The non-negative lcm of two integer-valued rationals; 0 when either is 0.
    static func integerLCM(_ a: Rational, _ b: Rational) -> Rational {
        if a.isZero || b.isZero { return .zero }
        return (a * b).magnitude / integerGCD(a, b)
    }
}
