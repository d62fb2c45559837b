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

    @Test func exactFromDouble() throws {
        #expect(Rational(exactly: 0.5) == Rational(1, 2))
        #expect(Rational(exactly: -3.0) == Rational(-3))
        #expect(Rational(exactly: 0.1) == Rational(3_602_879_701_896_397, 36_028_797_018_963_968))
        #expect(Rational(exactly: .infinity) == nil)
        #expect(Rational(exactly: .nan) == nil)
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
