import Testing
import Exact
@testable import Symbolic

@Suite("Canonical forms")
struct SimplificationTests {
    let arena = ExpressionArena()
    var x: ExpressionID { arena.symbol("x") }
    var y: ExpressionID { arena.symbol("y") }
    var z: ExpressionID { arena.symbol("z") }
    func c(_ n: Int, _ d: Int = 1) -> ExpressionID { arena.constant(Rational(n, d)) }
    func show(_ id: ExpressionID) -> String { PlainPrinter(arena: arena).string(id) }

    @Test func collectsLikeTerms() {
        let sum = arena.add(arena.scale(x, by: 2), arena.scale(x, by: 3))
        #expect(arena[sum] == .product(coefficient: 5, factors: [Factor(base: x, exponent: 1)]))
        #expect(show(sum) == "5*x")
        #expect(arena.subtract(x, x) == arena.zero)
    }

    @Test func combinesPowers() {
        #expect(arena[arena.multiply(x, x)] == .product(coefficient: 1, factors: [Factor(base: x, exponent: 2)]))
        #expect(arena.multiply(arena.power(x, 2), arena.power(x, -2)) == arena.one)
        #expect(arena.divide(x, x) == arena.one)
        #expect(show(arena.divide(arena.power(x, 3), arena.multiply(y, y))) == "x^3/y^2")
    }

    @Test func dropsZerosAndOnes() {
        #expect(arena.add(x, arena.zero) == x)
        #expect(arena.multiply(x, arena.one) == x)
        #expect(arena.multiply(x, arena.zero) == arena.zero)
        #expect(arena.power(x, 0) == arena.one)
        #expect(arena.power(x, 1) == x)
        #expect(arena.scale(x, by: 1) == x)
    }

    @Test func flattensAndOrdersIndependentlyOfConstruction() {
        let left = arena.add(arena.add(x, y), z)
        let right = arena.add(x, arena.add(y, z))
        let shuffled = arena.sum([z, x, y])
        #expect(left == right && right == shuffled)
        #expect(arena.product([arena.multiply(x, y), z]) == arena.product([z, y, x]))
        #expect(show(left) == "x + y + z")
    }

    @Test func foldsConstantsExactly() {
        #expect(arena.add(c(1, 2), c(1, 3)) == c(5, 6))
        #expect(arena.apply(.relu, c(-3)) == arena.zero)
        #expect(arena.apply(.relu, c(2, 3)) == c(2, 3))
        #expect(arena.apply(.exp, c(0)) == arena.one)
        #expect(arena.apply(.log, c(1)) == arena.zero)
        #expect(arena.apply(.sigmoid, c(0)) == c(1, 2))
        #expect(arena.apply(.tanh, c(0)) == arena.zero)
        #expect(arena.apply(.step, c(5)) == arena.one)
        #expect(arena.apply(.step, c(0)) == arena.zero)
        #expect(arena.apply(.leakyRelu(slope: Rational(1, 10)), c(-3)) == c(-3, 10))
        #expect(arena.apply(.abs, c(-7, 2)) == c(7, 2))
        #expect(show(arena.apply(.exp, c(1))) == "exp(1)")
        #expect(show(arena.apply(.softplus, c(0))) == "softplus(0)")
    }

    @Test func stepIdentities() {
        let relu = arena.apply(.relu, x)
        let step = arena.apply(.step, x)
        #expect(arena.multiply(relu, step) == relu)
        #expect(arena.multiply(arena.power(relu, 2), step) == arena.power(relu, 2))
        #expect(arena.multiply(step, step) == step)
        #expect(arena.power(step, 5) == step)
        // A step of another argument is kept.
        let otherStep = arena.apply(.step, y)
        #expect(show(arena.multiply(relu, otherStep)) == "relu(x)*step(y)")
        #expect(arena.apply(.step, relu) == step)
        #expect(arena.apply(.relu, relu) == relu)
    }

    @Test func functionIdentities() {
        #expect(arena.apply(.log, arena.apply(.exp, x)) == x)
        #expect(arena.apply(.exp, arena.apply(.log, x)) == x)
        #expect(arena.apply(.leakyRelu(slope: 0), x) == arena.apply(.relu, x))
        #expect(arena.apply(.leakyRelu(slope: 1), x) == x)
    }

    @Test func numbersDistributeOverSums() {
        let twice = arena.scale(arena.add(x, arena.one), by: 2)
        #expect(show(twice) == "2*x + 2")
        #expect(arena.product(coefficient: 3, factors: [(arena.add(x, y), 1)]) == arena.sum(constant: 0, terms: [(x, 3), (y, 3)]))
        // A power of a sum is kept.
        #expect(show(arena.power(arena.add(x, arena.one), 2)) == "(x + 1)^2")
    }

    @Test func naturalOrderOfNames() {
        let names = ["x_10", "x_2", "x_1", "W1_0_10", "W1_0_9", "b1_0"]
        let sum = arena.sum(names.map { arena.symbol($0) })
        #expect(show(sum) == "W1_0_9 + W1_0_10 + b1_0 + x_1 + x_2 + x_10")
    }

    @Test func everyConstructedNodeIsCanonical() {
        let w = arena.symbol("w")
        let expressions = [
            arena.add(arena.multiply(w, x), arena.scale(arena.multiply(x, w), by: -1)),
            arena.product([arena.constant(2), arena.add(x, y), arena.constant(Rational(1, 2))]),
            arena.sum([arena.multiply(arena.constant(3), x), arena.constant(0), arena.negate(arena.scale(x, by: 3))]),
        ]
        #expect(expressions[0] == arena.zero)
        #expect(expressions[1] == arena.add(x, y))
        #expect(expressions[2] == arena.zero)
    }
}
