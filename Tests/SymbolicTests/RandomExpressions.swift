import TestSupport
import Exact
@testable import Symbolic

/// A plain expression tree, built and evaluated without the arena: the independent
/// reference that canonical simplification must agree with.
indirect enum RawExpression {
    case constant(Rational)
    case symbol(String)
    case sum([RawExpression])
    case product([RawExpression])
    case power(RawExpression, Int)
    case apply(Function, RawExpression)

    static let symbols = ["x", "y", "z"]

    /// A random tree of depth at most `depth`; `exact` limits functions to those with
    /// rational values at rational points.
    static func random(depth: Int, exact: Bool, using generator: inout SeededGenerator) -> RawExpression {
        let leaf = depth == 0 || Int.random(in: 0..<4, using: &generator) == 0
        if leaf {
            if Bool.random(using: &generator) { return .symbol(symbols.randomElement(using: &generator)!) }
            return .constant(Rational(Int.random(in: -5...5, using: &generator), Int.random(in: 1...4, using: &generator)))
        }
        func child() -> RawExpression { random(depth: depth - 1, exact: exact, using: &generator) }
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: return .sum((0..<Int.random(in: 2...3, using: &generator)).map { _ in child() })
        case 1: return .product((0..<Int.random(in: 2...3, using: &generator)).map { _ in child() })
        case 2: return .power(child(), Int.random(in: -2...3, using: &generator))
        default:
            let exactFunctions: [Function] = [.relu, .step, .leakyRelu(slope: Rational(1, 10)), .abs]
            let smooth: [Function] = [.exp, .log, .sigmoid, .tanh, .softplus]
            let pool = exact ? exactFunctions : exactFunctions + smooth
            return .apply(pool.randomElement(using: &generator)!, child())
        }
    }

    /// Builds through the arena's smart constructors.
    func build(in arena: ExpressionArena) -> ExpressionID {
        switch self {
        case let .constant(value): arena.constant(value)
        case let .symbol(name): arena.symbol(name)
        case let .sum(children): arena.sum(children.map { $0.build(in: arena) })
        case let .product(children): arena.product(children.map { $0.build(in: arena) })
        case let .power(base, exponent):
            // 0⁻ⁿ has no value (the arena traps on it, as Int division by zero does); the raw
            // tree reports such expressions as undefined, so comparisons skip them.
            arena.power(base.build(in: arena), base.build(in: arena) == arena.zero ? abs(exponent) : exponent)
        case let .apply(function, argument): arena.apply(function, argument.build(in: arena))
        }
    }

    /// The exact value, computed directly; nil where undefined (a zero denominator).
    func exactValue(_ point: [String: Rational]) -> Rational? {
        switch self {
        case let .constant(value): return value
        case let .symbol(name): return point[name]
        case let .sum(children):
            var total = Rational.zero
            for child in children { guard let v = child.exactValue(point) else { return nil }; total += v }
            return total
        case let .product(children):
            var total = Rational.one
            for child in children { guard let v = child.exactValue(point) else { return nil }; total *= v }
            return total
        case let .power(base, exponent):
            guard let v = base.exactValue(point), !(v.isZero && exponent < 0) else { return nil }
            return v.power(exponent)
        case let .apply(function, argument):
            guard let v = argument.exactValue(point) else { return nil }
            switch function {
            case .relu: return v > 0 ? v : 0
            case .step: return v > 0 ? 1 : 0
            case let .leakyRelu(slope): return v > 0 ? v : slope * v
            case .abs: return v < 0 ? -v : v
            default: return nil
            }
        }
    }

    /// The smallest |argument| of any kink function (relu, step, leaky relu, abs) at `point`,
    /// to stay away from kinks when comparing with difference quotients.
    func distanceToKink(_ point: [String: Rational]) -> Rational? {
        switch self {
        case .constant, .symbol: return nil
        case let .sum(children), let .product(children):
            return children.compactMap { $0.distanceToKink(point) }.min()
        case let .power(base, _): return base.distanceToKink(point)
        case let .apply(function, argument):
            let inner = argument.distanceToKink(point)
            switch function {
            case .relu, .step, .leakyRelu, .abs:
                guard let v = argument.exactValue(point) else { return inner }
                return [abs(v), inner].compactMap { $0 }.min()
            default: return inner
            }
        }
    }

    /// Random rational point with small numerators and denominators.
    static func randomPoint(using generator: inout SeededGenerator) -> [String: Rational] {
        Dictionary(uniqueKeysWithValues: symbols.map {
            ($0, Rational(Int.random(in: -20...20, using: &generator), Int.random(in: 1...7, using: &generator)))
        })
    }
}
