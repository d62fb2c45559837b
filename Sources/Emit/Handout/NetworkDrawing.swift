import MatrixCalculus

/// A TikZ picture of the network for a problem page: one column of units per layer, every
/// connection drawn, each column labelled with its vector, size and activation, and the
/// loss at the right. Columns of more than `tallestColumn` units show that many and a
/// count, so that a wide layer still fits on the page.
struct NetworkDrawing {
    let network: LayeredNetwork
    /// The loss as LaTeX, `\tfrac{1}{2}\lVert t - x_{3}\rVert^2`.
    let lossLaTeX: String

    static let tallestColumn = 10

    var latex: String {
        let sizes = network.sizes
        let shown = sizes.map { min($0, Self.tallestColumn) }
        let tallest = shown.max() ?? 1
        var lines = [
            "\\begin{tikzpicture}[x=2.7cm, y=0.5cm, unit/.style={circle, draw, fill=white, minimum size=0.32cm, inner sep=0pt}, label/.style={align=center, font=\\small}]",
        ]
        func top(_ column: Int) -> String { Self.number(Double(shown[column] - 1) / 2) }
        // Connections first, so that the filled units cover their ends.
        for column in 1..<shown.count {
            lines.append("\\foreach \\i in {1,...,\(shown[column - 1])} \\foreach \\j in {1,...,\(shown[column])} \\draw[gray!55] (\(column - 1), {\(top(column - 1)) - (\\i - 1)}) -- (\(column), {\(top(column)) - (\\j - 1)});")
        }
        for column in shown.indices {
            lines.append("\\foreach \\i in {1,...,\(shown[column])} \\node[unit] at (\(column), {\(top(column)) - (\\i - 1)}) {};")
        }
        let bottom = -Double(tallest - 1) / 2 - 0.9
        let top = Double(tallest - 1) / 2 + 0.9
        for (column, size) in sizes.enumerated() {
            let function = column == 0 ? nil : network.layers[column - 1].activation
            let activation = function.map { $0 == .identity ? "identity" : "$" + $0.latexName + "$" } ?? "input"
            let more = size > Self.tallestColumn ? " (\(Self.tallestColumn) of \(size) shown)" : ""
            lines.append("\\node[label, anchor=north] at (\(column), \(Self.number(bottom))) {$x_{\(column + 1)} \\in \\mathbb{R}^{\(size)}$\\\\ \(activation)\(more)};")
            if column > 0 {
                lines.append("\\node[label, anchor=south] at (\(Self.number(Double(column) - 0.5)), \(Self.number(top))) {$W_{\(column)},\\ b_{\(column)}$};")
            }
        }
        let last = sizes.count - 1
        lines.append("\\node[label, anchor=west] (loss) at (\(Self.number(Double(last) + 0.35)), 0) {$L = \(lossLaTeX)$};")
        lines.append("\\end{tikzpicture}")
        return lines.joined(separator: "\n")
    }

    /// 1.5, 2, -0.5: coordinates without a trailing ".0".
    static func number(_ value: Double) -> String {
        let scaled = Int((value * 10).rounded())
        let sign = scaled < 0 ? "-" : ""
        let magnitude = abs(scaled)
        return sign + (magnitude % 10 == 0 ? "\(magnitude / 10)" : "\(magnitude / 10).\(magnitude % 10)")
    }
}
