import Testing
import Exact

@Suite("Rational arithmetic")
struct ArithmeticTests {
    @Test func sumOfHalfAndThird() {
        #expect(Rational(1, 2) + Rational(1, 3) == Rational(5, 6))
    }

    @Test func differenceProductQuotient() {
        #expect(Rational(1, 2) - Rational(1, 3) == Rational(1, 6))
        #expect(Rational(2, 3) * Rational(9, 4) == Rational(3, 2))
        #expect(Rational(2, 3) / Rational(-4, 9) == Rational(-3, 2))
        #expect(-Rational(5, 7) == Rational(-5, 7))
    }

    @Test func integerPowers() {
        #expect(Rational(2, 3).power(-3) == Rational(27, 8))
        #expect(pow(Rational(-2, 3), 3) == Rational(-8, 27))
        #expect(Rational(7, 5).power(0) == 1)
        #expect(Rational(0).power(5) == 0)
        #expect(Rational(2).power(100).description == "1267650600228229401496703205376")
    }

    @Test func canonicalForm() {
        #expect(Rational(-6, 8) == Rational(3, -4))
        #expect(Rational(-6, 8).description == "-3/4")
        #expect(Rational(0, -5).description == "0")
        #expect(Rational(0, -5) == .zero)
        #expect(Rational(10, 5).isInteger)
        #expect(Rational(-6, 8).isCanonical)
    }

    @Test func signAbsoluteValueAndComparison() {
        #expect(Rational(-3, 4).signum == -1)
        #expect(Rational(0).signum == 0)
        #expect(abs(Rational(-3, 4)) == Rational(3, 4))
        #expect(Rational(1, 3) < Rational(1, 2))
        #expect(Rational(-1, 2) < Rational(-1, 3))
        #expect(max(Rational(2), Rational(5, 2)) == Rational(5, 2))
        #expect(Rational(Int.max, 1) > Rational(Int.max - 1, 1))
    }

    @Test func intMinIsHeldExactly() {
        let minimum = Rational(Int.min)
        #expect(minimum.description == String(Int.min))
        #expect(-minimum == Rational(Int.max) + 1)
        #expect(Rational(Int.min, Int.min) == 1)
        #expect(Rational(1, Int.min).description == "-1/9223372036854775808")
    }

    @Test func overflowAndBack() {
        let big = Rational(2).power(70) + 1
        #expect(big.isHeldInGMP)
        let one = big / big
        #expect(one == 1)
        #expect(!one.isHeldInGMP)
        #expect(one.hashValue == Rational(1).hashValue)
        #expect(Set([one, Rational(1), Rational(2, 2)]).count == 1)

        let wide = Rational(Int.max) * Rational(Int.max)
        #expect(wide.isHeldInGMP)
        let back = wide / Rational(Int.max)
        #expect(back == Rational(Int.max))
        #expect(!back.isHeldInGMP)
        #expect(back.hashValue == Rational(Int.max).hashValue)

        let tiny = Rational(1, Int.max) * Rational(1, 3)
        #expect(tiny.isHeldInGMP)
        #expect(tiny * 3 == Rational(1, Int.max))
        #expect(!(tiny * 3).isHeldInGMP)
    }

    @Test func compoundAssignmentIsCopyOnWrite() {
        var a = Rational(2).power(80)
        let b = a
        a += 1
        #expect(b == Rational(2).power(80))
        #expect(a - b == 1)
        var c = Rational(2).power(80)
        c *= Rational(1, 2).power(80)
        #expect(c == 1)
        #expect(!c.isHeldInGMP)
        c -= 3
        #expect(c == -2)
        c /= 4
        #expect(c == Rational(-1, 2))
    }

    @Test func hashableAcrossConstructions() {
        let values: Set<Rational> = [Rational(1, 2), Rational(2, 4), Rational(-3, -6), try! Rational(parsing: "0.5")]
        #expect(values.count == 1)
    }
}
