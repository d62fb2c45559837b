import Exact

/// e^x, log x, log(1 + x) and tanh x of rationals, to a requested precision: argument
/// reduction, then a Taylor or atanh series, in exact rational arithmetic rounded to a
/// working precision with guard bits. The high-precision oracle's own functions: nothing here
/// comes from the symbolic side or from the C library.
enum Series {
    /// A value and a bound on its distance from the exact one.
    struct Result {
        let value: Rational
        let error: Rational
    }

    /// The largest |x| whose e^x is computed; beyond it, e^x has more than 1.5 million bits.
    static let largestExponent = Rational(1 << 20)

    /// e^x: x = 2^k r with |r| < 2^−7, e^r by its Taylor series, then squared k times. The
    /// working precision carries k + 40 guard bits, since each squaring doubles the relative
    /// error; the error claimed, 2^−(bits+8) relatively, leaves a margin of thousands.
    static func exp(_ x: Rational, bits: Int) -> Result? {
        if x.isZero { return Result(value: 1, error: 0) }
        if x < -largestExponent {
            // e^x < 2^−(1.44 |x|) < 2^−1,000,000: zero, within that.
            return Result(value: 0, error: Rational(2).power(-1_000_000))
        }
        guard x <= largestExponent else { return nil }
        let k = max(0, x.binaryMagnitude + 8)
        let working = bits + k + 40
        let r = x / Rational(2).power(k)
        var sum = Rational(1)
        var term = Rational(1)
        var n = 0
        let negligible = Rational(2).power(-(working + 2))
        repeat {
            n += 1
            term = (term * r / Rational(n)).roundedToSignificantBits(working)
            sum = (sum + term).roundedToSignificantBits(working)
        } while term.magnitude > negligible
        for _ in 0..<k { sum = (sum * sum).roundedToSignificantBits(working) }
        return Result(value: sum, error: sum.magnitude * Rational(2).power(-(bits + 8)))
    }

    /// e^x − 1 for |x| ≤ 1/2 by its Taylor series without the leading 1, so that small x keep
    /// their relative precision.
    static func expm1(_ x: Rational, bits: Int) -> Rational {
        let working = bits + 40
        var sum = Rational.zero
        var term = Rational(1)
        var n = 0
        let negligible = x.magnitude * Rational(2).power(-(working + 2))
        repeat {
            n += 1
            term = (term * x / Rational(n)).roundedToSignificantBits(working)
            sum = (sum + term).roundedToSignificantBits(working)
        } while term.magnitude > negligible && !term.isZero
        return sum
    }

    /// atanh s = Σ s^(2j+1)/(2j+1) for |s| ≤ 1/3, to relative precision 2^−working.
    static func atanh(_ s: Rational, working: Int) -> Rational {
        if s.isZero { return .zero }
        let square = (s * s).roundedToSignificantBits(working)
        var power = s
        var sum = s
        var j = 0
        let negligible = s.magnitude * Rational(2).power(-(working + 2))
        repeat {
            j += 1
            power = (power * square).roundedToSignificantBits(working)
            let term = (power / Rational(2 * j + 1)).roundedToSignificantBits(working)
            sum = (sum + term).roundedToSignificantBits(working)
            if term.magnitude <= negligible { break }
        } while true
        return sum
    }

    /// log x for x > 0: near 1, 2 atanh((x − 1)/(x + 1)); elsewhere x = 2^e m with m in
    /// [1/2, 2), log x = e log 2 + 2 atanh((m − 1)/(m + 1)), and log 2 = 2 atanh(1/3).
    static func log(_ x: Rational, bits: Int) -> Result? {
        guard x.signum > 0 else { return nil }
        if x == 1 { return Result(value: 0, error: 0) }
        let working = bits + 40
        let value: Rational
        if (x - 1).magnitude < Rational(1, 4) {
            value = 2 * atanh((x - 1) / (x + 1), working: working)
        } else {
            let e = x.binaryMagnitude
            let m = x / Rational(2).power(e)
            let logTwo = 2 * atanh(Rational(1, 3), working: working + 64)
            value = (Rational(e) * logTwo + 2 * atanh((m - 1) / (m + 1), working: working)).roundedToSignificantBits(working)
        }
        return Result(value: value, error: value.magnitude * Rational(2).power(-(bits + 8)))
    }

    /// log(1 + y) for y > −1: for small y, 2 atanh(y / (2 + y)) with y kept exact.
    static func log1p(_ y: Rational, bits: Int) -> Result? {
        guard y > -1 else { return nil }
        if y.magnitude >= Rational(1, 4) { return log(1 + y, bits: bits) }
        let value = 2 * atanh(y / (2 + y), working: bits + 40)
        return Result(value: value, error: value.magnitude * Rational(2).power(-(bits + 8)))
    }

    /// tanh x = (e^(2x) − 1)/(e^(2x) + 1), with e^(2x) − 1 from `expm1` for small |x|.
    static func tanh(_ x: Rational, bits: Int) -> Result? {
        if x.isZero { return Result(value: 0, error: 0) }
        let sign = Rational(x.signum)
        let magnitude = x.magnitude
        if magnitude > largestExponent {
            // 1 − tanh|x| = 2/(e^(2|x|) + 1) < 2^−1,000,000.
            return Result(value: sign, error: Rational(2).power(-1_000_000))
        }
        let value: Rational
        if magnitude <= Rational(1, 4) {
            let e = expm1(2 * magnitude, bits: bits)
            value = sign * e / (e + 2)
        } else {
            guard let e = exp(2 * magnitude, bits: bits + 8) else { return nil }
            value = sign * (e.value - 1) / (e.value + 1)
        }
        return Result(value: value, error: value.magnitude * Rational(2).power(-(bits + 6)))
    }
}
