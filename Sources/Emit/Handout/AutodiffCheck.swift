/// What the runtime autodiff gave, for the handout's check section. Built by Verify (which
/// runs the oracle); Emit only prints it, so that the handout does not depend on the
/// oracle's code.
public struct AutodiffCheck: Sendable {
    /// One parameter's gradient from the autodiff, in the parameter's shape.
    public struct Gradient: Sendable {
        /// The parameter's name: `W1`, `b2`.
        public let name: String
        /// The parameter's rows.
        public let rows: Int
        /// The parameter's columns (1 for a bias).
        public let columns: Int
        /// LaTeX cells, row-major.
        public let cells: [String]

        /// A rows × columns gradient of `cells`, row after row.
        public init(name: String, rows: Int, columns: Int, cells: [String]) {
            self.name = name
            self.rows = rows
            self.columns = columns
            self.cells = cells
        }
    }

    /// "the autodiff in exact rational arithmetic" or "… in Double".
    public let arithmetic: String
    /// The loss, LaTeX.
    public let loss: String
    /// Every parameter's gradient, in the derivation's order.
    public let gradients: [Gradient]
    /// One sentence: how they compare with the derivation's numbers (LaTeX text).
    public let verdict: String
    /// Whether the autodiff agrees with the derivation.
    public let passed: Bool

    /// The check as the handout prints it.
    public init(arithmetic: String, loss: String, gradients: [Gradient], verdict: String, passed: Bool) {
        self.arithmetic = arithmetic
        self.loss = loss
        self.gradients = gradients
        self.verdict = verdict
        self.passed = passed
    }
}
