import Exact

// MARK: - Sums
//
// Canonical form of `.sum(constant: c, terms: [k₁·t₁, …, kₙ·tₙ])`:
//
// | valid                                   | invalid, and its valid equivalent            |
// |-----------------------------------------|----------------------------------------------|
// | Sum(1, {x: 2})               — 1 + 2x   | Sum(0, {})          → Const(0)               |
// | Sum(0, {x: 1, y: -1})        — x − y    | Sum(c, {})          → Const(c)               |
// | Sum(0, {x·y: 3, z: 1})                  | Sum(0, {x: 1})      → x                      |
// |                                         | Sum(0, {x: 2})      → Product(2, {x: 1})     |
// |                                         | Sum(0, {x: 0, y: 1, z: 1}) → Sum(0, {y: 1, z: 1}) (no zero coefficient) |
// |                                         | a term that is a constant → folded into c     |
// |                                         | a term that is a sum → flattened into the parent |
// | (terms ordered by `compare`, unique)    | a term Product(k, F) with k ≠ 1 → term Product(1, F) with coefficient k |
//
// So terms are symbols, functions, or products whose coefficient is 1.

extension ExpressionArena {
    /// `Σ operands`.
    public func sum(_ operands: [ExpressionID]) -> ExpressionID {
        sum(constant: .zero, terms: operands.map { ($0, Rational.one) })
    }

    /// `a + b`.
    public func add(_ a: ExpressionID, _ b: ExpressionID) -> ExpressionID { sum([a, b]) }

    /// `a − b`.
    public func subtract(_ a: ExpressionID, _ b: ExpressionID) -> ExpressionID {
        sum(constant: .zero, terms: [(a, .one), (b, -1)])
    }

    /// `−a`.
    public func negate(_ a: ExpressionID) -> ExpressionID { scale(a, by: -1) }

    /// `constant + Σ coefficient·expression`, canonicalized.
    public func sum(constant: Rational, terms: [(ExpressionID, Rational)]) -> ExpressionID {
        var accumulator = TermAccumulator(constant: constant)
        for (expression, coefficient) in terms { accumulate(expression, coefficient, into: &accumulator) }
        return build(accumulator)
    }

    /// `coefficient · a`, distributing over a sum (as SymPy does with numbers), so that
    /// `2·(x + 1)` is `2x + 2`.
    public func scale(_ a: ExpressionID, by coefficient: Rational) -> ExpressionID {
        if coefficient.isZero { return zero }
        if coefficient == .one { return a }
        switch self[a] {
        case let .constant(value):
            return constant(coefficient * value)
        case let .product(k, factors):
            return product(coefficient: k * coefficient, factors: factors.map { ($0.base, $0.exponent) })
        case let .sum(c, terms):
            // Scaling keeps every term nonzero and their order (it is by expression alone).
            let scaled = terms.map { Term(expression: $0.expression, coefficient: coefficient * $0.coefficient) }
            return intern(.sum(constant: coefficient * c, terms: scaled))
        case .symbol, .apply:
            return intern(.product(coefficient: coefficient, factors: [Factor(base: a, exponent: 1)]))
        }
    }

    /// Splits `a` into `(k, rest)` with `a = k · rest` and `rest` free of a numeric
    /// coefficient (so `rest` may be a term of a sum).
    func splitCoefficient(_ a: ExpressionID) -> (Rational, ExpressionID) {
        guard case let .product(k, factors) = self[a], k != .one else { return (.one, a) }
        if factors.count == 1, factors[0].exponent == 1 { return (k, factors[0].base) }
        return (k, intern(.product(coefficient: .one, factors: factors)))
    }

    private func accumulate(_ expression: ExpressionID, _ coefficient: Rational, into accumulator: inout TermAccumulator) {
        if coefficient.isZero { return }
        switch self[expression] {
        case let .constant(value):
            accumulator.constant += coefficient * value
        case let .sum(c, terms):
            accumulator.constant += coefficient * c
            for term in terms { accumulator.add(term.expression, coefficient * term.coefficient) }
        case .product:
            let (k, rest) = splitCoefficient(expression)
            accumulator.add(rest, coefficient * k)
        case .symbol, .apply:
            accumulator.add(expression, coefficient)
        }
    }

    private func build(_ accumulator: TermAccumulator) -> ExpressionID {
        let terms = accumulator.nonZeroTerms.sorted { compare($0.expression, $1.expression) < 0 }
        if terms.isEmpty { return constant(accumulator.constant) }
        if accumulator.constant.isZero, terms.count == 1 {
            return scale(terms[0].expression, by: terms[0].coefficient)
        }
        return intern(.sum(constant: accumulator.constant, terms: terms))
    }
}

/// A constant and the terms collected so far.
private struct TermAccumulator {
    var constant: Rational
    var terms = LikeCollector<Rational>()

    init(constant: Rational) { self.constant = constant }

    mutating func add(_ expression: ExpressionID, _ coefficient: Rational) { terms.add(expression, coefficient) }

    var nonZeroTerms: [Term] { terms.nonZero.map { Term(expression: $0.key, coefficient: $0.weight) } }
}
