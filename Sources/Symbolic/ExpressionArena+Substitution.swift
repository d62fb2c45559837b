import Exact

/// Why a substitution or an evaluation has no exact answer.
public enum SymbolicError: Error, Equatable, CustomStringConvertible {
    /// A symbol has no value.
    case unboundSymbol(String)
    /// The value exists but is not rational, e.g. exp(1).
    case notRational(String)
    /// A zero denominator, e.g. 1/x at x = 0.
    case divisionByZero(String)
    /// Outside a function's domain, e.g. log(−1).
    case outsideDomain(String)
    /// Beyond a stated limit of the work done, e.g. e^x for |x| > 100000.
    case beyondLimit(String)

    public var description: String {
        switch self {
        case let .unboundSymbol(name): "no value for symbol \(name)"
        case let .notRational(what): "\(what) is not rational"
        case let .divisionByZero(what): "division by zero in \(what)"
        case let .outsideDomain(what): "\(what) is undefined"
        case let .beyondLimit(what): what
        }
    }
}

extension ExpressionArena {
    /// `expression` with each key replaced by its value, rebuilt through the smart
    /// constructors so that the result is canonical (constants fold).
    /// - Throws: `SymbolicError.divisionByZero` when a denominator becomes zero.
    public func substitute(_ replacements: [ExpressionID: ExpressionID], in expression: ExpressionID) throws -> ExpressionID {
        try substitute(replacements, in: [expression])[0]
    }

    /// Each of `expressions` with the replacements made, sharing the work across them.
    public func substitute(_ replacements: [ExpressionID: ExpressionID], in expressions: [ExpressionID]) throws -> [ExpressionID] {
        var memo = replacements
        for id in reachable(from: expressions) where memo[id] == nil {
            memo[id] = try rebuild(id) { memo[$0]! }
        }
        return expressions.map { memo[$0]! }
    }

    /// The node `id` rebuilt with each child mapped.
    private func rebuild(_ id: ExpressionID, _ map: (ExpressionID) -> ExpressionID) throws -> ExpressionID {
        switch self[id] {
        case .constant, .symbol:
            return id
        case let .sum(constant, terms):
            return sum(constant: constant, terms: terms.map { (map($0.expression), $0.coefficient) })
        case let .product(coefficient, factors):
            let mapped = factors.map { (map($0.base), $0.exponent) }
            if mapped.contains(where: { $0.1 < 0 && constantValue($0.0)?.isZero == true }) {
                throw SymbolicError.divisionByZero(PlainPrinter(arena: self).string(id))
            }
            return product(coefficient: coefficient, factors: mapped)
        case let .apply(function, argument):
            return apply(function, map(argument))
        }
    }
}
