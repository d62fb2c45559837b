import NetworkModel

/// The `--format latex` report: an `align*` environment with the loss and every gradient
/// as a `bmatrix`, ready to paste into a document (the full derivation is `gradgen handout`).
/// Entries are exact; an entry whose exact form is long is shown as its decimal.
struct LaTeXReport {
    let evaluation: ExactEvaluation

    /// Exact forms longer than this print as decimals inside matrices.
    static let longestExactEntry = 40

    var text: String {
        var lines = ["\\begin{align*}"]
        lines.append("L &= \(Self.exact(evaluation.loss, limit: .max))" + approximation(evaluation.loss) + " \\\\")
        for (index, (parameter, values)) in evaluation.gradients.enumerated() {
            let symbol = parameter.kind == .weights ? "W^{(\(parameter.layer))}" : "b^{(\(parameter.layer))}"
            let columns = parameter.columnCount
            let rows = stride(from: 0, to: values.count, by: columns).map { start in
                values[start..<start + columns].map { Self.exact($0, limit: Self.longestExactEntry) }.joined(separator: " & ")
            }
            let matrix = "\\begin{bmatrix} " + rows.joined(separator: " \\\\ ") + " \\end{bmatrix}"
            let end = index == evaluation.gradients.count - 1 ? "" : " \\\\"
            lines.append("\\frac{\\partial L}{\\partial \(symbol)} &= \(matrix)\(end)")
        }
        lines.append("\\end{align*}")
        return lines.joined(separator: "\n") + "\n"
    }

    private func approximation(_ value: ExactValue) -> String {
        value.rational?.isInteger == true ? "" : " \\approx \(value.decimal)"
    }

    private static func exact(_ value: ExactValue, limit: Int) -> String {
        value.latex.count <= limit ? value.latex : value.decimal
    }
}
