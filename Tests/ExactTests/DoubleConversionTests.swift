import TestSupport
import Testing
import Exact

@Suite("Conversion to and from Double")
struct DoubleConversionTests {
    @Test func smallValues() {
        #expect(Double(Rational(29, 2)) == 14.5)
        #expect(Double(Rational(1, 10)) == 0.1)
        #expect(Double(Rational(-1, 3)) == -1.0 / 3.0)
        #expect(Double(Rational.zero) == 0)
    }

    /// (10^30 + 1) / 10^31 lies just above 1/10; the nearest double is 0.1, which is above
    /// both. Truncation, as GMP's mpq_get_d does, gives the double below: 0.09999999999999999.
    @Test func roundsWhereTruncationWouldNot() throws {
        let value = try Rational(parsing: "0.1000000000000000000000000000001")
        #expect(value.isHeldInGMP)
        #expect(Double(value) == 0.1)
        #expect(Double(value) != 0.1.nextDown)
        #expect(Double(-value) == -0.1)
    }

    @Test func tiesGoToEven() throws {
        // 1 + 2^-53 is exactly halfway between 1 and 1 + 2^-52: ties to the even one, 1.
        let halfway = 1 + Rational(2).power(-53)
        #expect(Double(halfway) == 1)
        // 1 + 3·2^-53 is halfway between 1 + 2^-52 and 1 + 2^-51: ties to 1 + 2^-51.
        #expect(Double(1 + 3 * Rational(2).power(-53)) == 1 + 0x1p-51)
        // Just above halfway rounds up.
        #expect(Double(halfway + Rational(2).power(-200)) == 1 + 0x1p-52)
    }

    @Test func extremes() {
        #expect(Double(Rational(2).power(-1074)) == Double.leastNonzeroMagnitude)
        #expect(Double(Rational(2).power(-1076)) == 0)
        #expect(Double(Rational(3) * Rational(2).power(-1076)) == Double.leastNonzeroMagnitude)
        #expect(Double(Rational(2).power(1024)) == .infinity)
        #expect(Double(-Rational(2).power(1024)) == -.infinity)
        #expect(Double(Rational(2).power(1023)) == 0x1p1023)
    }

    /// Swift parses decimal text to the correctly rounded double; an independent oracle.
    @Test func agreesWithCorrectlyRoundedParsingOfDecimalText() throws {
        var generator = SeededGenerator(seed: 2024)
        for _ in 0..<3000 {
            let digits = (0..<Int.random(in: 1...40, using: &generator)).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            let exponent = Int.random(in: -340...320, using: &generator)
            let text = "\(Bool.random(using: &generator) ? "-" : "")\(digits)e\(exponent)"
            let expected = try #require(Double(text))
            #expect(Double(try Rational(parsing: text)) == expected, "\(text)")
        }
    }

    /// 1 + 2⁻²⁴ + 2⁻⁶⁰ lies above the tie 1 + 2⁻²⁴ between the Floats 1 and 1 + 2⁻²³, so it
    /// rounds up; through Double it first becomes the tie itself, which rounds to even, 1.
    @Test func floatRoundsOnceNotThroughDouble() {
        let value = Rational(1) + Rational(2).power(-24) + Rational(2).power(-60)
        #expect(Float(Double(value)) == 1)
        #expect(Float(value) == 1 + 0x1p-23)
        #expect(Float(-value) == -(1 + 0x1p-23))
        // Just below the tie it rounds down; the tie itself to even.
        #expect(Float(Rational(1) + Rational(2).power(-24) - Rational(2).power(-60)) == 1)
        #expect(Float(Rational(1) + Rational(2).power(-24)) == 1)
        #expect(Float(Rational(1) + Rational(3) * Rational(2).power(-24)) == 1 + 0x1p-22)
    }

    @Test func floatMatchesDivisionWhereExactAndCoversRange() throws {
        #expect(Float(Rational(1, 10)) == 0.1 as Float)
        #expect(Float(Rational(29, 2)) == 14.5)
        #expect(Float(Rational(2).power(-149)) == Float.leastNonzeroMagnitude)
        #expect(Float(Rational(2).power(-151)) == 0)
        #expect(Float(Rational(2).power(128)) == .infinity)
        #expect(Float(Rational(-1) * Rational(2).power(200)) == -.infinity)
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<2_000 {
            let value = Float(bitPattern: UInt32.random(in: 0..<0x7f80_0000, using: &generator)) * (Bool.random(using: &generator) ? 1 : -1)
            let exact = try #require(Rational(exactly: value))
            #expect(Float(exact) == value)
            // A value between two Floats goes to the nearer one, as Float's own division does
            // for small integers.
            let numerator = Int.random(in: -(1 << 24)...(1 << 24), using: &generator)
            let denominator = Int.random(in: 1...(1 << 24), using: &generator)
            #expect(Float(Rational(numerator, denominator)) == Float(numerator) / Float(denominator))
        }
        #expect(Rational(exactly: Float.infinity) == nil)
        #expect(Rational(exactly: Float(0.1)) == Rational(13_421_773, 134_217_728))
    }

    @Test func exactFromDouble() throws {
        #expect(Rational(exactly: 0.5) == Rational(1, 2))
        #expect(Rational(exactly: -3.0) == Rational(-3))
        #expect(Rational(exactly: 0.1) == Rational(3_602_879_701_896_397, 36_028_797_018_963_968))
        #expect(Rational(exactly: Double.infinity) == nil)
        #expect(Rational(exactly: Double.nan) == nil)
        #expect(Rational(exactly: Double.leastNonzeroMagnitude) == Rational(2).power(-1074))
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<2000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            let exact = try #require(Rational(exactly: value))
            #expect(Double(exact) == value)
        }
    }
}
