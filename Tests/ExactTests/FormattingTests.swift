import Testing
import Exact

@Suite("Formatting")
struct FormattingTests {
    @Test func plain() {
        #expect(Rational(29, 2).description == "29/2")
        #expect(Rational(-3).description == "-3")
        #expect(Rational(0).description == "0")
        #expect("\(Rational(-1, 2))" == "-1/2")
    }

    @Test func latex() {
        #expect(Rational(29, 2).latex() == "\\frac{29}{2}")
        #expect(Rational(-1, 2).latex() == "-\\frac{1}{2}")
        #expect(Rational(-3).latex() == "-3")
        #expect(Rational(29, 2).latex(.inline) == "29/2")
        #expect(Rational(-1, 2).latex(.inline) == "-1/2")
        #expect(Rational(7).latex(.inline) == "7")
    }

    @Test func swiftExpressions() {
        #expect(Rational(29, 2).swiftExpression(.double) == "14.5")
        #expect(Rational(1, 10).swiftExpression(.double) == "0.1")
        #expect(Rational(-3).swiftExpression(.double) == "-3.0")
        #expect(Rational(1, 3).swiftExpression(.double) == "0.3333333333333333")
        #expect(Rational(29, 2).swiftExpression(.rational) == "Rational(29, 2)")
        #expect(Rational(-3).swiftExpression(.rational) == "Rational(-3)")
        #expect(Rational(2).power(70).swiftExpression(.rational) == "Rational(\"1180591620717411303424\")!")
        #expect(Rational(10).power(400).swiftExpression(.double) == "Double.infinity")
    }

    /// Big values in generic code: the correctly rounded Double literal through
    /// `T(rounded:)` (exact expressions of them made swiftc type-check a slope of 1e80 for
    /// 37 s, and nest 1e5000 beyond its 256 levels). 10⁴⁰ + 7 rounds to 10⁴⁰; −1/3·10⁻²⁰ to
    /// the Double nearest it (Python's float of the Fraction).
    @Test func genericExpressionsOfBigValues() {
        #expect((Rational(10).power(40) + 7).swiftExpression(.generic(typeName: "T")) == "T(rounded: 1e+40)")
        #expect((Rational(-1, 3) / Rational(10).power(20)).swiftExpression(.generic(typeName: "T")) == "T(rounded: -3.3333333333333333e-21)")
        #expect(Rational(1, 3).swiftExpression(.generic(typeName: "T")) == "T(1, over: 3)")
    }

    @Test(arguments: [
        (Rational(1, 3), 5, "0.33333"), (Rational(2, 3), 5, "0.66667"), (Rational(29, 2), 5, "14.5"),
        (Rational(-2, 3), 3, "-0.667"), (Rational(1, 8), 2, "0.13"), (Rational(-1, 8), 2, "-0.13"),
        (Rational(99_999), 3, "1e5"), (Rational(123_456), 3, "1.23e5"), (Rational(123_456), 6, "123456"),
        (Rational(1, 1_000_000), 4, "1e-6"), (Rational(1, 100_000), 4, "0.00001"),
        (Rational(94, 100), 1, "0.9"), (Rational(95, 100), 1, "1"), (Rational(96, 100), 1, "1"), (Rational(0), 5, "0"),
        (Rational(100), 3, "100"), (Rational(1000), 3, "1e3"), (Rational(-7), 1, "-7"),
    ])
    func decimal(value: Rational, digits: Int, expected: String) {
        #expect(value.decimal(significantDigits: digits) == expected)
    }

    @Test func decimalOfLargeValues() throws {
        let third = Rational(2).power(200) / 3
        #expect(third.decimal(significantDigits: 10) == "5.356460148e59")
        let small = try Rational(parsing: "1e-50") / 3
        #expect(small.decimal(significantDigits: 4) == "3.333e-51")
        #expect(Rational(1, 7).decimal(significantDigits: 30) == "0.142857142857142857142857142857")
    }
}
