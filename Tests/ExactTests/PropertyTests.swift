import TestSupport
import Testing
import Exact

/// Many seeded random operands, checked against machine integers where they cannot
/// overflow and against an independent naive big integer where they do.
@Suite("Rational properties")
struct PropertyTests {
    @Test func smallOperandsAgreeWithIntArithmetic() {
        var generator = SeededGenerator(seed: 1)
        for _ in 0..<20_000 {
            let a = Int.random(in: -10_000...10_000, using: &generator)
            let b = Int.random(in: 1...10_000, using: &generator)
            let c = Int.random(in: -10_000...10_000, using: &generator)
            let d = Int.random(in: 1...10_000, using: &generator)
            let x = Rational(a, b)
            let y = Rational(c, d)
            #expect(x + y == Rational(a * d + c * b, b * d))
            #expect(x - y == Rational(a * d - c * b, b * d))
            #expect(x * y == Rational(a * c, b * d))
            if c != 0 { #expect(x / y == Rational(a * d, b * c)) }
            #expect((x < y) == (a * d < c * b))
            #expect((x == y) == (a * d == c * b))
            #expect((x + y).isCanonical && (x * y).isCanonical)
        }
    }

    @Test func integersAgreeWithInt() {
        var generator = SeededGenerator(seed: 2)
        for _ in 0..<20_000 {
            let a = Int.random(in: -(1 << 30)...(1 << 30), using: &generator)
            let b = Int.random(in: -(1 << 30)...(1 << 30), using: &generator)
            #expect(Rational(a) + Rational(b) == Rational(a + b))
            #expect(Rational(a) * Rational(b) == Rational(a * b))
            #expect(Rational(a) - Rational(b) == Rational(a - b))
            #expect((Rational(a) < Rational(b)) == (a < b))
        }
    }

    /// Operands near the edge of `Int`, so that most results overflow to GMP.
    /// Each result p/q is checked by cross-multiplication in `NaiveBigInt`.
    @Test func overflowingOperandsAgreeWithNaiveBigInt() {
        var generator = SeededGenerator(seed: 3)
        func edgeInt(positive: Bool) -> Int {
            let magnitude = Int.random(in: 1...Int.max, using: &generator) >> Int.random(in: 0...62, using: &generator)
            return positive || Bool.random(using: &generator) ? max(magnitude, 1) : -max(magnitude, 1)
        }
        var overflowed = 0
        for _ in 0..<3000 {
            let (a, b, c, d) = (edgeInt(positive: false), edgeInt(positive: true), edgeInt(positive: false), edgeInt(positive: true))
            let x = Rational(a, b)
            let y = Rational(c, d)
            let (A, B, C, D) = (NaiveBigInt(a), NaiveBigInt(b), NaiveBigInt(c), NaiveBigInt(d))

            let sum = x + y
            let (sp, sq) = sum.naiveParts
            #expect(sp * B * D == (A * D + C * B) * sq)

            let difference = x - y
            let (dp, dq) = difference.naiveParts
            #expect(dp * B * D == (A * D - C * B) * dq)

            let product = x * y
            let (pp, pq) = product.naiveParts
            #expect(pp * B * D == A * C * pq)

            let quotient = x / y
            let (qp, qq) = quotient.naiveParts
            #expect(qp * B * C == A * D * qq)

            #expect((x < y) == (A * D < C * B))
            #expect(sum.isCanonical && difference.isCanonical && product.isCanonical && quotient.isCanonical)
            if product.isHeldInGMP { overflowed += 1 }

            // Undoing the operation comes back to the small form, equal and hashing equal.
            let back = sum - y
            #expect(back == x)
            #expect(back.hashValue == x.hashValue)
            #expect(back.isHeldInGMP == x.isHeldInGMP)
        }
        #expect(overflowed > 1000, "the edge operands should overflow often")
    }

    @Test func powersAgreeWithRepeatedProducts() {
        var generator = SeededGenerator(seed: 4)
        for _ in 0..<500 {
            let base = Rational(Int.random(in: -50...50, using: &generator), Int.random(in: 1...50, using: &generator))
            let exponent = Int.random(in: 0...30, using: &generator)
            let repeated = (0..<exponent).reduce(Rational.one) { product, _ in product * base }
            #expect(base.power(exponent) == repeated)
            if !base.isZero { #expect(base.power(-exponent) * repeated == 1) }
        }
    }
}
