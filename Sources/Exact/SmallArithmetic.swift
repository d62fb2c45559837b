/// Greatest common divisor of two magnitudes (binary GCD); `gcd(0, n) == n`.
@inlinable
func wordGCD(_ a: UInt, _ b: UInt) -> UInt {
    var a = a
    var b = b
    if a == 0 { return b }
    if b == 0 { return a }
    let shift = (a | b).trailingZeroBitCount
    a >>= a.trailingZeroBitCount
    repeat {
        b >>= b.trailingZeroBitCount
        if a > b { swap(&a, &b) }
        b -= a
    } while b != 0
    return a << shift
}

/// Inline arithmetic on canonical small fractions. Each function returns `nil` when
/// an intermediate overflows, and the caller falls back to GMP.
@usableFromInline
enum SmallFraction {
    /// `a/b + c/d` (Knuth, TAOCP 4.5.1): reduce by `gcd(b, d)` first so that
    /// intermediates stay small and the result comes out in lowest terms.
    @inlinable
    static func sum(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Rational? {
        if b == 1, d == 1 {
            let (s, o) = a.addingReportingOverflow(c)
            return o || s == .min ? nil : Rational(canonicalNumerator: s, denominator: 1)
        }
        let g = Int(wordGCD(UInt(b), UInt(d)))
        if g == 1 {
            let (ad, o1) = a.multipliedReportingOverflow(by: d)
            let (cb, o2) = c.multipliedReportingOverflow(by: b)
            let (n, o3) = ad.addingReportingOverflow(cb)
            let (den, o4) = b.multipliedReportingOverflow(by: d)
            if o1 || o2 || o3 || o4 || n == .min { return nil }
            return Rational(canonicalNumerator: n, denominator: den)
        }
        let bg = b / g
        let (t1, o1) = a.multipliedReportingOverflow(by: d / g)
        let (t2, o2) = c.multipliedReportingOverflow(by: bg)
        let (t, o3) = t1.addingReportingOverflow(t2)
        if o1 || o2 || o3 || t == .min { return nil }
        if t == 0 { return .zero }
        let g2 = Int(wordGCD(t.magnitude, UInt(g)))
        let (den, o4) = bg.multipliedReportingOverflow(by: d / g2)
        return o4 ? nil : Rational(canonicalNumerator: t / g2, denominator: den)
    }

    /// `a/b · c/d`, cancelling across before multiplying.
    @inlinable
    static func product(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Rational? {
        if a == 0 || c == 0 { return .zero }
        let g1 = Int(wordGCD(a.magnitude, UInt(d)))
        let g2 = Int(wordGCD(c.magnitude, UInt(b)))
        let (n, o1) = (a / g1).multipliedReportingOverflow(by: c / g2)
        let (den, o2) = (b / g2).multipliedReportingOverflow(by: d / g1)
        if o1 || o2 || n == .min { return nil }
        return Rational(canonicalNumerator: n, denominator: den)
    }
}
