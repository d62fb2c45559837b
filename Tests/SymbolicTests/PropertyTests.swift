import TestSupport
import Foundation
import Testing
import Exact
@testable import Symbolic

@Suite("Properties over seeded random expressions")
struct PropertyTests {
    static let variables = RawExpression.symbols

    @Test func simplificationPreservesExactValues() throws {
        var generator = SeededGenerator(seed: 11)
        var compared = 0
        for _ in 0..<400 {
            let arena = ExpressionArena()
            let raw = RawExpression.random(depth: 4, exact: true, using: &generator)
            let built = raw.build(in: arena)
            for _ in 0..<4 {
                let point = RawExpression.randomPoint(using: &generator)
                guard let expected = raw.exactValue(point) else { continue }
                #expect(try arena.evaluate(built, bindings: point) == expected, "\(PlainPrinter(arena: arena).string(built))")
                compared += 1
            }
        }
        #expect(compared > 1000)
    }

    @Test func simplificationPreservesSmoothValues() throws {
        var generator = SeededGenerator(seed: 12)
        var compared = 0
        for _ in 0..<300 {
            let arena = ExpressionArena()
            let raw = RawExpression.random(depth: 3, exact: false, using: &generator)
            let built = raw.build(in: arena)
            let point = RawExpression.randomPoint(using: &generator)
            guard let expected = raw.doubleValue(point), expected.isFinite, abs(expected) < 1e8 else { continue }
            let actual = try arena.evaluateDouble([built], bindings: point.mapValues { Double($0) })[0]
            #expect(abs(actual - expected) <= 1e-9 * max(1, abs(expected)), "\(PlainPrinter(arena: arena).string(built))")
            compared += 1
        }
        #expect(compared > 150)
    }

    /// Exact central differences with h = 10⁻²⁰ agree with the symbolic derivative to
    /// within 10⁻³⁰ (relative to the derivative where it exceeds 1: the error is
    /// h²·f‴/6, and x¹²z⁶ at z = 20 has a large f‴) at points at least 10⁻⁶ from any kink.
    @Test func derivativesMatchExactDifferenceQuotients() throws {
        var generator = SeededGenerator(seed: 13)
        let h = Rational(1, 10).power(20)
        let tolerance = Rational(1, 10).power(30)
        let margin = Rational(1, 10).power(6)
        var compared = 0
        for _ in 0..<300 {
            let arena = ExpressionArena()
            let raw = RawExpression.random(depth: 4, exact: true, using: &generator)
            let built = raw.build(in: arena)
            let variable = Self.variables.randomElement(using: &generator)!
            let derivative = arena.derivative(of: built, withRespectTo: arena.symbol(variable))
            let point = RawExpression.randomPoint(using: &generator)
            if let distance = raw.distanceToKink(point), distance < margin { continue }
            var above = point
            above[variable]! += h
            var below = point
            below[variable]! -= h
            guard let fa = raw.exactValue(above), let fb = raw.exactValue(below), raw.exactValue(point) != nil else { continue }
            let quotient = (fa - fb) / (2 * h)
            let symbolic = try arena.evaluate(derivative, bindings: point)
            #expect(abs(symbolic - quotient) < tolerance * max(1, abs(symbolic)), "d/d\(variable) \(PlainPrinter(arena: arena).string(built))")
            compared += 1
        }
        #expect(compared > 150)
    }

    /// Smooth functions have no exact values at rational points; their derivatives are
    /// checked against central differences in Double.
    @Test func smoothDerivativesMatchDoubleDifferenceQuotients() throws {
        var generator = SeededGenerator(seed: 14)
        var compared = 0
        for _ in 0..<300 {
            let arena = ExpressionArena()
            let raw = RawExpression.random(depth: 3, exact: false, using: &generator)
            let built = raw.build(in: arena)
            let variable = Self.variables.randomElement(using: &generator)!
            let derivative = arena.derivative(of: built, withRespectTo: arena.symbol(variable))
            let point = RawExpression.randomPoint(using: &generator)
            if let distance = raw.distanceToKink(point), distance < Rational(1, 1000) { continue }
            let h = 1e-6
            var above = point.mapValues { Double($0) }
            above[variable]! += h
            var below = point.mapValues { Double($0) }
            below[variable]! -= h
            guard let fa = raw.doubleValue(above), let fb = raw.doubleValue(below), abs(fa) < 1e6, abs(fb) < 1e6 else { continue }
            let quotient = (fa - fb) / (2 * h)
            let symbolic = try arena.evaluateDouble([derivative], bindings: point.mapValues { Double($0) })[0]
            guard symbolic.isFinite, abs(symbolic) < 1e4 else { continue }
            #expect(abs(symbolic - quotient) <= 1e-4 * max(1, abs(symbolic)), "d/d\(variable) \(PlainPrinter(arena: arena).string(built))")
            compared += 1
        }
        #expect(compared > 100)
    }

    @Test func reverseModeEqualsForwardDerivativesExactly() throws {
        var generator = SeededGenerator(seed: 15)
        var compared = 0
        for _ in 0..<300 {
            let arena = ExpressionArena()
            let raw = RawExpression.random(depth: 4, exact: true, using: &generator)
            let built = raw.build(in: arena)
            let symbols = Self.variables.map { arena.symbol($0) }
            let reverse = arena.gradient(of: built, withRespectTo: symbols)
            let forward = symbols.map { arena.derivative(of: built, withRespectTo: $0) }
            let point = RawExpression.randomPoint(using: &generator)
            guard let r = try? arena.evaluate(reverse, bindings: point), let f = try? arena.evaluate(forward, bindings: point) else { continue }
            #expect(r == f, "\(PlainPrinter(arena: arena).string(built))")
            compared += 1
        }
        #expect(compared > 150)
    }

    @Test func reverseModeEqualsForwardDerivativesForSmoothExpressions() throws {
        var generator = SeededGenerator(seed: 16)
        for _ in 0..<200 {
            let arena = ExpressionArena()
            let built = RawExpression.random(depth: 3, exact: false, using: &generator).build(in: arena)
            let symbols = Self.variables.map { arena.symbol($0) }
            let reverse = arena.gradient(of: built, withRespectTo: symbols)
            let forward = symbols.map { arena.derivative(of: built, withRespectTo: $0) }
            let point = RawExpression.randomPoint(using: &generator).mapValues { Double($0) }
            let r = try arena.evaluateDouble(reverse, bindings: point)
            let f = try arena.evaluateDouble(forward, bindings: point)
            for (a, b) in zip(r, f) where a.isFinite && b.isFinite {
                #expect(abs(a - b) <= 1e-9 * max(1, abs(b)))
            }
        }
    }

    /// The same expression built in two different orders, in arenas with different
    /// histories, prints identically: printing depends on the structure, not on ids.
    @Test func printingIsIndependentOfConstructionOrder() {
        var generator = SeededGenerator(seed: 17)
        for _ in 0..<200 {
            let raw = RawExpression.random(depth: 4, exact: false, using: &generator)
            let first = ExpressionArena()
            let second = ExpressionArena()
            for name in ["z", "q", "y"] { _ = second.symbol(name) }  // a different creation history
            let a = raw.build(in: first)
            let b = raw.reversed.build(in: second)
            #expect(PlainPrinter(arena: first).string(a) == PlainPrinter(arena: second).string(b))
            #expect(LaTeXPrinter(arena: first).string(a) == LaTeXPrinter(arena: second).string(b))
        }
    }
}

extension RawExpression {
    /// The same expression with every operand list reversed.
    var reversed: RawExpression {
        switch self {
        case .constant, .symbol: self
        case let .sum(children): .sum(children.reversed().map(\.reversed))
        case let .product(children): .product(children.reversed().map(\.reversed))
        case let .power(base, exponent): .power(base.reversed, exponent)
        case let .apply(function, argument): .apply(function, argument.reversed)
        }
    }

    /// The value in Double, computed directly; nil where undefined.
    func doubleValue(_ point: [String: Double]) -> Double? {
        switch self {
        case let .constant(value): return Double(value)
        case let .symbol(name): return point[name]
        case let .sum(children):
            let values = children.compactMap { $0.doubleValue(point) }
            return values.count == children.count ? values.reduce(0, +) : nil
        case let .product(children):
            let values = children.compactMap { $0.doubleValue(point) }
            return values.count == children.count ? values.reduce(1, *) : nil
        case let .power(base, exponent):
            guard let v = base.doubleValue(point), !(v == 0 && exponent < 0) else { return nil }
            return Foundation.pow(v, Double(exponent))
        case let .apply(function, argument):
            guard let v = argument.doubleValue(point) else { return nil }
            switch function {
            case .relu: return v > 0 ? v : 0
            case .step: return v > 0 ? 1 : 0
            case let .leakyRelu(slope): return v > 0 ? v : Double(slope) * v
            case .abs: return Swift.abs(v)
            case .exp: return Foundation.exp(v)
            case .log: return v > 0 ? Foundation.log(v) : nil
            case .sigmoid: return 1 / (1 + Foundation.exp(-v))
            case .tanh: return Foundation.tanh(v)
            case .softplus: return Foundation.log(1 + Foundation.exp(v))
            }
        }
    }

    /// Overload for rational points.
    func doubleValue(_ point: [String: Rational]) -> Double? { doubleValue(point.mapValues { Double($0) }) }
}
