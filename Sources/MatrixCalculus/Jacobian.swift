/// Matches a definition against the rule table and returns the Jacobian with the rule it
/// used: the single place where matrix derivatives are taken, so every factor of every
/// derivation cites a rule.
enum Jacobian {
    /// ∂definition/∂variable, with its rule and a description.
    /// - Throws: `MatrixCalculusError` when no rule applies.
    static func of(_ definition: MatrixExpression, withRespectTo variable: MatrixExpression) throws
        -> (factor: MatrixExpression, rule: JacobianRule, meaning: String) {
        let printer = MatrixPrinter(.latex)
        let name = "$" + printer.string(variable) + "$"
        switch definition.node {
        case let .loss(loss, output, target) where output == variable:
            return (try loss.gradient(output: output, target: target), loss.rule, "the loss differentiated by the output \(name), a row")
        case let .elementwise(f, z) where z == variable:
            if f == .identity { return (.identity(z.shape.rows), .identityFunction, "the identity activation") }
            return (try .diag(.derivative(f, z)), .elementwise, "the activation's derivative on the diagonal: " + f.derivativeExplanation)
        case let .sum(affine, b):
            guard case let .product(w, x) = affine.node else { break }
            let rows = w.shape.rows
            if x == variable { return (w, .affineInput, "the weights of the next layer") }
            if w == variable {
                return (.kronecker(x.transposed, .identity(rows)), .affineWeights,
                        "one block $x_j I_{\(rows)}$ per column $j$ of \(name)")
            }
            if b == variable { return (.identity(rows), .affineBias, "the identity: the bias adds entry by entry") }
        default:
            break
        }
        let plain = MatrixPrinter(.plain)
        throw MatrixCalculusError("no Jacobian rule for ∂(\(plain.string(definition)))/∂(\(plain.string(variable)))")
    }
}
