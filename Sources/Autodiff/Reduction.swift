import Exact

/// e^x, log x, log(1 + x) and tanh x of `BinaryFloat`s of any exponent, to `bits` bits: the
/// argument is reduced to a rational of ordinary size, `Series` computes there, and the
/// exponent is put back apart. e^x = 2^k e^r with k = round(x / log 2) and |r| ≤ 0.35 (so
/// e^(−10¹²) is 2^k times a number near 1, never a rational of 10¹² bits); log(m 2^E) =
/// E log 2 + log m. log 2 carries as many more bits as k or E has, so that k log 2 keeps
/// `bits` bits after the cancellation x − k log 2. Each result's error is at most
/// 2^(3−bits) of its value (of |x| for tiny x, whose tanh and log(1 + x) are x).
enum Reduction {
    /// A value and a bound on its distance from the exact one.
    struct Result {
        let value: BinaryFloat
        let error: BinaryFloat
    }

    /// |x| below 2^128 is reduced; e^x of a larger negative x is below 2^(−2^128), and of a
    /// larger positive one beyond any use.
    static let largestExponent = 128

    /// log 2 to `bits` bits with its error bound: 2 atanh(1/3).
    static func logTwo(bits: Int) -> (value: Rational, error: Rational) {
        let value = 2 * Series.atanh(Rational(1, 3), working: bits + 8)
        return (value, value * Rational(2).power(-bits))
    }

    /// |value| · 2^(shift − bits), the usual relative error.
    static func relative(_ value: BinaryFloat, _ bits: Int, _ shift: Int) -> BinaryFloat {
        value.magnitude.timesPowerOfTwo(Rational(shift - bits))
    }

    static func exp(_ x: BinaryFloat, bits: Int) -> Result? {
        if x.isZero { return Result(value: .one, error: .zero) }
        guard let xr = x.rational(maximumExponent: largestExponent) else {
            if x.signum > 0 { return nil }
            // |x| ≥ 2^128: e^x < 2^(−1.44 · 2^128) < 2^(−2^128).
            return Result(value: .zero, error: BinaryFloat(1, timesTwoToThe: -Rational(2).power(largestExponent)))
        }
        // k = round(x / log 2) from a rough log 2; r = x − k log 2 in [−0.35, 0.35] or near.
        let k = (xr / Rational(6_931_471_805_599_453, 10_000_000_000_000_000) + Rational(1, 2)).floor
        let kBits = max(k.magnitude.binaryMagnitude + 1, 0)
        let working = bits + kBits + 24
        let ln2 = logTwo(bits: working)
        let r = xr - k * ln2.value
        // |r − (x − k log 2)| ≤ |k| · error(log 2) ≤ 2^−(bits + 23), so e^r moves by at most
        // 2^−(bits + 22) of itself.
        guard let series = Series.exp(r, bits: bits + 8) else { return nil }
        let value = BinaryFloat(series.value, timesTwoToThe: k).rounded(toSignificantBits: bits + 8)
        return Result(value: value, error: relative(value, bits, -4))
    }

    static func log(_ x: BinaryFloat, bits: Int) -> Result? {
        guard x.signum > 0 else { return nil }
        if let xr = x.rational(maximumExponent: 1000) {
            guard let series = Series.log(xr, bits: bits + 8) else { return nil }
            let value = BinaryFloat(series.value).rounded(toSignificantBits: bits + 8)
            return Result(value: value, error: relative(value, bits, -4))
        }
        // x = m 2^E with |E| > 1000: log x = E log 2 + log m, |log m| < 0.7, so the sum is
        // at least 690 in magnitude and no digit cancels.
        let e = x.exponent
        let ln2 = logTwo(bits: bits + max(e.magnitude.binaryMagnitude + 1, 0) + 16)
        guard let m = Series.log(x.significand, bits: bits + 8) else { return nil }
        let value = BinaryFloat(e * ln2.value + m.value).rounded(toSignificantBits: bits + 8)
        return Result(value: value, error: relative(value, bits, -4))
    }

    static func log1p(_ y: BinaryFloat, bits: Int) -> Result? {
        guard y > BinaryFloat(-1) else { return nil }
        if y.isZero { return Result(value: .zero, error: .zero) }
        if y.exponent < Rational(-(bits + 10)) {
            // |log(1 + y) − y| ≤ y² for |y| < 1/2: within 2^−(bits + 8) of |y|.
            return Result(value: y, error: relative(y, bits, -8))
        }
        if y.magnitude < BinaryFloat(Rational(1, 4)), let yr = y.rational() {
            guard let series = Series.log1p(yr, bits: bits + 8) else { return nil }
            let value = BinaryFloat(series.value).rounded(toSignificantBits: bits + 8)
            return Result(value: value, error: relative(value, bits, -4))
        }
        // |y| ≥ 1/4: 1 + y rounded to bits + 16 moves log(1 + y), at least log(4/3) in
        // magnitude, by 2^−(bits + 14) of itself at most.
        guard let result = log(BinaryFloat.one.adding(y, bits: bits + 16), bits: bits + 4) else { return nil }
        return Result(value: result.value, error: relative(result.value, bits, -2))
    }

    static func tanh(_ x: BinaryFloat, bits: Int) -> Result? {
        if x.isZero { return Result(value: .zero, error: .zero) }
        if x.exponent < Rational(-(bits + 10)) {
            // |tanh x − x| ≤ |x|³/3.
            return Result(value: x, error: relative(x, bits, -8))
        }
        if x.magnitude <= BinaryFloat(Rational(1, 4)), let xr = x.rational() {
            guard let series = Series.tanh(xr, bits: bits + 8) else { return nil }
            let value = BinaryFloat(series.value).rounded(toSignificantBits: bits + 8)
            return Result(value: value, error: relative(value, bits, -4))
        }
        // |x| > 1/4: tanh|x| = (1 − e)/(1 + e), e = e^(−2|x|) < 0.61, within 2^−(bits + 6) of
        // itself; tanh|x| > 0.24 moves by at most 2e/(1 + e)² · that ≤ 2^−(bits + 3) of itself.
        guard let e = exp(x.magnitude.scaled(by: -2), bits: bits + 8) else { return nil }
        let working = bits + 16
        let value = BinaryFloat.one.adding(-e.value, bits: working).dividing(by: BinaryFloat.one.adding(e.value, bits: working), bits: working)
        let signed = x.signum < 0 ? -value : value
        return Result(value: signed, error: relative(signed, bits, -1).adding(e.error.scaled(by: 4), bits: 64))
    }
}
