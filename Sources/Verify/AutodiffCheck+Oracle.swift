import Autodiff
import Emit
import Exact
import NetworkModel

extension AutodiffCheck {
    /// The digits of the handout's answers that are compared (`HandoutEmitter.answers()`
    /// computes them to 17 significant digits, more than a Double holds).
    static let answerDigits = 17

    /// Runs the runtime autodiff on the spec's values and compares it with `answers` (the
    /// handout's loss and gradients, decimals to `answerDigits` digits): exactly, in Rational,
    /// when the network is rational; in Double, within its rounding-error bounds, always.
    /// The autodiff's own numbers are what the handout prints, with `digits` digits.
    public init(spec: NetworkSpec, values: NetworkValues, answers: [ExactValue], digits: Int) throws {
        let result = try OracleCheck(spec: spec, values: values, symbolic: answers, significantDigits: Self.answerDigits)
        let cells: [String]
        let arithmetic: String
        if result.exactAgreement != nil {
            cells = try OracleBridge.lossAndGradients(spec, values: values, as: Rational.self).map { $0.latex(.fraction) }
            arithmetic = "in exact rational arithmetic"
        } else {
            cells = try OracleBridge.lossAndGradients(spec, values: values, as: Double.self).map { value in
                Rational(exactly: value).map { $0.decimal(significantDigits: digits) } ?? "\(value)"
            }
            arithmetic = "in \\texttt{Double} (shown to \(digits) significant digits)"
        }
        var offset = 1
        let gradients = spec.parameters.map { parameter in
            defer { offset += parameter.rowCount * parameter.columnCount }
            let count = parameter.rowCount * parameter.columnCount
            return Gradient(name: parameter.name, rows: parameter.rowCount, columns: parameter.columnCount,
                            cells: Array(cells[offset..<offset + count]))
        }
        self.init(arithmetic: arithmetic, loss: cells[0], gradients: gradients, verdict: result.verdictSentence(.latex), passed: result.passed)
    }
}
