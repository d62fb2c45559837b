import Autodiff
import Foundation
import Emit
import Exact
import NetworkModel

extension AutodiffCheck {
    /// Runs the runtime autodiff on the spec's values and compares it with `answers` (the
    /// handout's loss and gradients): exactly, in Rational, when the network is rational;
    /// in Double otherwise. The autodiff's own numbers are what the handout prints.
    public init(spec: NetworkSpec, values: NetworkValues, answers: [ExactValue], digits: Int) throws {
        let result = try OracleCheck(spec: spec, values: values, symbolic: answers)
        let cells: [String]
        let arithmetic: String
        let verdict: String
        if let exact = result.exactAgreement {
            cells = try OracleBridge.lossAndGradients(spec, values: values, as: Rational.self).map { $0.latex(.fraction) }
            arithmetic = "in exact rational arithmetic"
            verdict = exact
                ? "The loss and all \(result.double.count - 1) gradient entries are identical to the derivation's, exactly."
                : "\\textbf{The autodiff disagrees with the derivation} (largest difference \(Self.format(result.double.maximumAbsoluteError)))."
        } else {
            cells = try OracleBridge.lossAndGradients(spec, values: values, as: Double.self).map { value in
                Rational(exactly: value).map { $0.decimal(significantDigits: digits) } ?? "\(value)"
            }
            arithmetic = "in \\texttt{Double} (shown to \(digits) significant digits)"
            verdict = result.double.agrees
                ? "It agrees with the derivation's exact values to a relative difference of at most $\(Self.format(result.double.maximumRelativeError))$ (tolerance $10^{-12}$)."
                : "\\textbf{The autodiff disagrees with the derivation}: relative difference $\(Self.format(result.double.maximumRelativeError))$."
        }
        var offset = 1
        let gradients = spec.parameters.map { parameter in
            defer { offset += parameter.rowCount * parameter.columnCount }
            let count = parameter.rowCount * parameter.columnCount
            return Gradient(name: parameter.name, rows: parameter.rowCount, columns: parameter.columnCount,
                            cells: Array(cells[offset..<offset + count]))
        }
        self.init(arithmetic: arithmetic, loss: cells[0], gradients: gradients, verdict: verdict, passed: result.passed)
    }

    /// A small Double for LaTeX: `0`, or `3.2 \times 10^{-16}`.
    static func format(_ value: Double) -> String {
        if value == 0 { return "0" }
        let exponent = Int(Foundation.log10(value).rounded(.down))
        let mantissa = value / Foundation.pow(10, Double(exponent))
        return "\((mantissa * 10).rounded() / 10) \\times 10^{\(exponent)}"
    }
}
