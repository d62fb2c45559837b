import Exact

// The derivative rules, one per node kind, written once and used by both the forward
// derivative and the reverse-mode gradient: each rule gives the local partial derivative
// of a node with respect to each of its children.

extension ExpressionArena {
    /// f′(x) for each function, as an expression in x (the chain rule is applied by the
    /// callers). Kink conventions: relu′ = step with step(0) = 0 (PyTorch's ReLU′(0) = 0);
    /// leakyRelu′(x) = slope + (1 − slope)·step(x), so slope at 0 (PyTorch's convention);
    /// step′ = 0 away from 0; abs′(x) = step(x) − step(−x), so 0 at 0.
    public func derivative(of function: Function, at x: ExpressionID) -> ExpressionID {
        switch function {
        case .exp: return apply(.exp, x)
        case .log: return power(x, -1)
        case .relu: return apply(.step, x)
        case .step: return zero
        case let .leakyRelu(slope):
            return sum(constant: slope, terms: [(apply(.step, x), 1 - slope)])
        case .sigmoid:
            let s = apply(.sigmoid, x)
            return multiply(s, subtract(one, s))
        case .tanh:
            return subtract(one, power(apply(.tanh, x), 2))
        case .softplus: return apply(.sigmoid, x)
        case .abs: return subtract(apply(.step, x), apply(.step, negate(x)))
        }
    }

    /// ∂node/∂child for each child of `id`, in the node's canonical child order.
    public func localPartials(of id: ExpressionID) -> [(child: ExpressionID, partial: ExpressionID)] {
        switch self[id] {
        case .constant, .symbol:
            return []
        case let .sum(_, terms):
            return terms.map { ($0.expression, constant($0.coefficient)) }
        case let .product(coefficient, factors):
            // ∂(k Π bᵢ^eᵢ)/∂bⱼ = k eⱼ bⱼ^(eⱼ−1) Π_{i≠j} bᵢ^eᵢ
            return factors.indices.map { j in
                let others = factors.enumerated().map { i, factor in
                    (factor.base, i == j ? factor.exponent - 1 : factor.exponent)
                }
                return (factors[j].base, product(coefficient: coefficient * Rational(factors[j].exponent), factors: others))
            }
        case let .apply(function, argument):
            // A constant argument has no derivative to pass on (and log′(0) has no value).
            if case .constant = self[argument] { return [] }
            return [(argument, derivative(of: function, at: argument))]
        }
    }

    /// d expression / d variable, by the chain rule over the DAG (forward, memoized).
    /// - Precondition: `variable` is a symbol.
    public func derivative(of expression: ExpressionID, withRespectTo variable: ExpressionID) -> ExpressionID {
        guard case .symbol = self[variable] else { preconditionFailure("differentiate with respect to a symbol only") }
        var memo: [ExpressionID: ExpressionID] = [variable: one]
        for id in reachable(from: [expression]) where memo[id] == nil {
            memo[id] = sum(localPartials(of: id).map { multiply($0.partial, memo[$0.child]!) })
        }
        return memo[expression]!
    }

    /// The gradient of a scalar `expression` with respect to each of `variables`, by
    /// reverse mode over the DAG: each node's adjoint is the sum of its parents'
    /// adjoint × local partial, so the gradient adds O(edges) nodes and shares the
    /// forward DAG, instead of one tree per variable.
    /// - Precondition: every variable is a symbol.
    public func gradient(of expression: ExpressionID, withRespectTo variables: [ExpressionID]) -> [ExpressionID] {
        for variable in variables {
            guard case .symbol = self[variable] else { preconditionFailure("differentiate with respect to a symbol only") }
        }
        // By node index: every node involved exists already (new nodes are only built on top).
        let existing = count
        var contributions = [[ExpressionID]](repeating: [], count: existing)
        var adjoints = [ExpressionID](repeating: zero, count: existing)
        contributions[Int(expression.index)] = [one]
        for id in reachable(from: [expression]).reversed() {
            // Every parent of `id` has a larger id, so all its contributions are in.
            let index = Int(id.index)
            let adjoint = sum(contributions[index])
            contributions[index] = []
            adjoints[index] = adjoint
            if adjoint == zero { continue }
            for (child, partial) in localPartials(of: id) {
                contributions[Int(child.index)].append(multiply(adjoint, partial))
            }
        }
        return variables.map { Int($0.index) < existing ? adjoints[Int($0.index)] : zero }
    }
}
