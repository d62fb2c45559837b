import Exact

// MARK: - Products
//
// Canonical form of `.product(coefficient: k, factors: [b₁^e₁, …, bₙ^eₙ])`:
//
// | valid                                   | invalid, and its valid equivalent             |
// |-----------------------------------------|-----------------------------------------------|
// | Product(2, {x: 1})           — 2x       | Product(0, F)        → Const(0)               |
// | Product(1, {x: 2, y: -1})    — x²/y     | Product(k, {})       → Const(k)               |
// | Product(-1, {x: 1, y: 1})    — −xy      | Product(1, {x: 1})   → x                      |
// | Product(1, {x+1: 2})         — (x+1)²   | Product(k, {x+y: 1}) → Sum(0, {x: k, y: k}) (numbers distribute over a sum) |
// |                                         | a base that is a constant → folded into k     |
// |                                         | a base that is a product → flattened          |
// |                                         | an exponent 0 → factor dropped                |
// |                                         | step(x)^n, n ≥ 1 → step(x)                    |
// |                                         | relu(x)^m · step(x)^n, m, n ≥ 1 → relu(x)^m   |
// | (bases ordered by `compare`, unique)    | x · x → x²                                    |

extension ExpressionArena {
    /// `Π operands`.
    public func product(_ operands: [ExpressionID]) -> ExpressionID {
        product(coefficient: .one, factors: operands.map { ($0, 1) })
    }

    /// `a · b`.
    public func multiply(_ a: ExpressionID, _ b: ExpressionID) -> ExpressionID { product([a, b]) }

    /// `a / b`.
    /// - Precondition: `b` is not the constant zero (as for `Int` division).
    public func divide(_ a: ExpressionID, _ b: ExpressionID) -> ExpressionID {
        product(coefficient: .one, factors: [(a, 1), (b, -1)])
    }

    /// `a^exponent`.
    /// - Precondition: a negative exponent needs a base other than the constant zero.
    public func power(_ a: ExpressionID, _ exponent: Int) -> ExpressionID {
        product(coefficient: .one, factors: [(a, exponent)])
    }

    /// `coefficient · Π base^exponent`, canonicalized.
    public func product(coefficient: Rational, factors: [(ExpressionID, Int)]) -> ExpressionID {
        var accumulator = FactorAccumulator(coefficient: coefficient)
        for (base, exponent) in factors { accumulate(base, exponent, into: &accumulator) }
        return build(accumulator)
    }

    private func accumulate(_ base: ExpressionID, _ exponent: Int, into accumulator: inout FactorAccumulator) {
        if exponent == 0 { return }
        switch self[base] {
        case let .constant(value):
            precondition(!(value.isZero && exponent < 0), "division by zero")
            accumulator.coefficient *= value.power(exponent)
        case let .product(k, factors):
            accumulator.coefficient *= k.power(exponent)
            for factor in factors { accumulator.add(factor.base, factor.exponent * exponent) }
        case .symbol, .sum, .apply:
            accumulator.add(base, exponent)
        }
    }

    private func build(_ accumulator: FactorAccumulator) -> ExpressionID {
        if accumulator.coefficient.isZero { return zero }
        var factors = accumulator.nonZeroFactors
        applyStepIdentities(&factors)
        factors.sort { compare($0.base, $1.base) < 0 }
        if factors.isEmpty { return constant(accumulator.coefficient) }
        if factors.count == 1, factors[0].exponent == 1 {
            let base = factors[0].base
            if accumulator.coefficient == .one { return base }
            if case .sum = self[base] { return scale(base, by: accumulator.coefficient) }
        }
        return intern(.product(coefficient: accumulator.coefficient, factors: factors))
    }

    /// step(x)ⁿ → step(x) for n ≥ 1 (step is 0 or 1), and relu(x)ᵐ·step(x)ⁿ → relu(x)ᵐ
    /// for m, n ≥ 1 (relu(x) is zero exactly where step(x) is).
    private func applyStepIdentities(_ factors: inout [Factor]) {
        var reluArguments: Set<ExpressionID> = []
        for factor in factors where factor.exponent >= 1 {
            if case let .apply(.relu, argument) = self[factor.base] { reluArguments.insert(argument) }
        }
        factors = factors.compactMap { factor in
            guard factor.exponent >= 1, case let .apply(.step, argument) = self[factor.base] else { return factor }
            if reluArguments.contains(argument) { return nil }
            return Factor(base: factor.base, exponent: 1)
        }
    }
}

/// A coefficient and the factors collected so far.
private struct FactorAccumulator {
    var coefficient: Rational
    var factors = LikeCollector<Int>()

    init(coefficient: Rational) { self.coefficient = coefficient }

    mutating func add(_ base: ExpressionID, _ exponent: Int) { factors.add(base, exponent) }

    var nonZeroFactors: [Factor] { factors.nonZero.map { Factor(base: $0.key, exponent: $0.weight) } }
}
