/// One factor of the chain rule for a parameter: the Jacobian ∂numerator/∂denominator,
/// what it is, and the rule that gives it.
public struct ChainStep: Hashable, Sendable {
    /// The variable differentiated: L, x_3, z_2, …
    public let numerator: MatrixExpression
    /// The variable it is differentiated by: x_3, z_2, …, or vec(W_1) for a weight.
    public let denominator: MatrixExpression
    /// The Jacobian, in numerator layout: −(t − x_3)ᵀ, W_2, diag(relu′(z_1)), x_1ᵀ ⊗ I_2.
    public let factor: MatrixExpression
    /// The rule of the table that gives the factor, for the derivation to cite.
    public let rule: JacobianRule
    /// What the factor is, in words (LaTeX text mode).
    public let meaning: String

    /// dim(numerator) × dim(denominator).
    public var shape: Shape { factor.shape }

    /// An identity Jacobian: listed as a step, left out of the products (as the notebook's
    /// equations 23–26 leave out the affine last layer's).
    public var isIdentity: Bool { factor.isIdentity }

    /// `\frac{\partial x_3}{\partial z_2}`.
    public var jacobianLaTeX: String {
        let printer = MatrixPrinter(.latex)
        return "\\frac{\\partial \(printer.string(numerator))}{\\partial \(printer.string(denominator))}"
    }

    /// `\partial x_3 / \partial z_2`, for tables and running text.
    public var jacobianInlineLaTeX: String {
        let printer = MatrixPrinter(.latex)
        return "\\partial \(printer.string(numerator)) / \\partial \(printer.string(denominator))"
    }
}
