import Testing
@testable import Exact

/// `BinaryFloat`: exponents of any size, checked against exact `Rational` arithmetic where
/// that is still feasible.
@Suite("BinaryFloat")
struct BinaryFloatTests {
    /// Beyond `rationalExponentLimit` decimals come from scaling by a power of ten; the same
    /// value as an exact rational (2^−200000 has 60,206 decimal places) gives the reference.
    @Test(arguments: [1, 17, 30])
    func decimalsBeyondTheRationalRangeAreCorrectlyRounded(digits: Int) {
        for (significand, exponent) in [(Rational(1), -200_000), (Rational(-3, 2), -150_001), (Rational(5, 4), 123_457)] {
            let value = BinaryFloat(significand, timesTwoToThe: Rational(exponent))
            #expect(value.rational() == nil)
            let exact = significand * Rational(2).power(exponent)
            #expect(value.decimal(significantDigits: digits) == exact.decimal(significantDigits: digits))
        }
    }

    /// e^(−10²⁰)-sized exponents print with their exponent, beyond Int: 2^(−10²⁰) is
    /// 10^(−10²⁰·log₁₀ 2) = 10^(−30102999566398119521.37…), so its first digit sits at
    /// 10^(−30102999566398119522).
    @Test func exponentsBeyondIntPrint() {
        let value = BinaryFloat(.one, timesTwoToThe: -Rational(10).power(20))
        let text = value.decimal(significantDigits: 5)
        #expect(text.hasSuffix("e-30102999566398119522"), "\(text)")
        // 10^(1 − 0.37388947…) ≈ 4.2278 (log₁₀ 2 · 10²⁰ = 30102999566398119521.37388947…).
        #expect(text.hasPrefix("4.2"), "\(text)")
    }

    @Test func orderFollowsTheValues() {
        let values = [BinaryFloat(.one, timesTwoToThe: Rational(10).power(30)), BinaryFloat(Rational(3)), BinaryFloat(Rational(5, 2)),
                      BinaryFloat(.one, timesTwoToThe: -Rational(10).power(30)), .zero, -BinaryFloat(Rational(1, 3)),
                      -BinaryFloat(Rational(7)), -BinaryFloat(.one, timesTwoToThe: Rational(10).power(25))]
        for i in values.indices {
            for j in values.indices {
                #expect((values[i] < values[j]) == (j < i), "\(i) \(j)")
            }
        }
        #expect(BinaryFloat(Rational(6)) == BinaryFloat(Rational(3), timesTwoToThe: 1))
    }

    /// Rounded operations against exact ones, within a few units of the last place.
    @Test func arithmeticAgreesWithRational() {
        let bits = 100
        let a = Rational(355, 113), b = Rational(-22, 7)
        func close(_ x: BinaryFloat, _ exact: Rational) -> Bool {
            (x.rational()! - exact).magnitude <= exact.magnitude * Rational(2).power(3 - bits)
        }
        #expect(close(BinaryFloat(a).adding(BinaryFloat(b), bits: bits), a + b))
        #expect(close(BinaryFloat(a).multiplying(BinaryFloat(b), bits: bits), a * b))
        #expect(close(BinaryFloat(a).dividing(by: BinaryFloat(b), bits: bits), a / b))
        #expect(close(BinaryFloat(Rational(10)).power(Rational(-400), bits: bits), Rational(10).power(-400)))
        #expect(close(BinaryFloat(a).power(Rational(37), bits: bits), a.power(37)))
        // An addend below 2^−(bits+2) of the other only rounds it.
        let tiny = BinaryFloat(.one, timesTwoToThe: -Rational(10).power(12))
        #expect(BinaryFloat(a).adding(tiny, bits: bits) == BinaryFloat(a.roundedToSignificantBits(bits)))
    }

    @Test func floorAndNearestInteger() {
        #expect(Rational(7, 2).floor == 3 && Rational(-7, 2).floor == -4 && Rational(5).floor == 5)
        let big = Rational(10).power(30) + Rational(1, 3)
        #expect(big.floor == Rational(10).power(30) && (-big).floor == -Rational(10).power(30) - 1)
        #expect(Rational(5, 2).roundedToInteger == 3 && Rational(-5, 2).roundedToInteger == -3 && Rational(7, 3).roundedToInteger == 2)
    }

    /// Decimals with exponents of any size parse to within their stated error, and print back;
    /// an ordinary decimal parses exactly; text that is not a decimal is nil.
    @Test func decimalsOfAnyExponentParse() throws {
        for text in ["5.59979784230380700542886851974e-434294481904", "-7.71095392911671965165767704605e-43429448190325182766", "1.5e+400000"] {
            let parsed = try #require(BinaryFloat.parsing(decimal: text, bits: 200))
            #expect(parsed.value.decimal(significantDigits: 30 - (text.count > 40 ? 0 : 28)) == text.replacingOccurrences(of: "e+", with: "e"))
            #expect(parsed.error < parsed.value.magnitude.timesPowerOfTwo(Rational(-197)))
        }
        let plain = try #require(BinaryFloat.parsing(decimal: "-0.125", bits: 64))
        #expect(plain.value == BinaryFloat(Rational(-1, 8)) && plain.error == .zero)
        #expect(BinaryFloat.parsing(decimal: "1e1.5", bits: 64) == nil && BinaryFloat.parsing(decimal: "x", bits: 64) == nil)
    }
}
