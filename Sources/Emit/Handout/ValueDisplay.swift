import MatrixCalculus
import NetworkModel

/// How numbers appear in the handout: exact rationals as fractions; values that are not
/// rational as their exact closed form when every entry's is short, always followed by
/// decimals. Long column vectors are printed as transposed rows, to save the page's height.
struct ValueDisplay {
    /// Closed forms longer than this (in LaTeX characters) are not put inside matrices;
    /// they are listed entry by entry where a gradient's exact forms are given.
    static let longestClosedFormInMatrix = 28
    /// Closed forms wider than this (in digit widths) do not fit on a line, and LaTeX
    /// cannot break them inside their parentheses: they are described, not printed.
    static let widestClosedForm = 70.0

    /// Whether a closed form fits on one line of the page.
    static func fitsOnALine(_ latex: String) -> Bool { LaTeXMatrix.width(latex) <= widestClosedForm }
    /// Column vectors longer than this print as rows with ᵀ.
    static let tallestColumn = 3

    /// The right-hand sides of `lhs = …`: `[("=", exact)]`, or `[("=", exact), ("\approx", decimals)]`,
    /// or `[("\approx", decimals)]`.
    static func relations(_ matrix: NumericMatrix<ExactValue>, group: Int = 1) -> [(relation: String, latex: String)] {
        let rational = matrix.values.allSatisfy { $0.rational != nil }
        if rational { return [("=", latex(matrix.map { $0.rational!.latex(.fraction) }, group: group))] }
        let decimals = ("\\approx", latex(matrix.map(\.decimal), group: group))
        if matrix.values.allSatisfy({ $0.latex.count <= longestClosedFormInMatrix }) {
            return [("=", latex(matrix.map(\.latex), group: group)), decimals]
        }
        return [decimals]
    }

    /// A matrix of LaTeX cells: a bmatrix (split into column blocks when wide), a tall
    /// column as a transposed row.
    static func latex(_ cells: NumericMatrix<String>, group: Int = 1) -> String {
        if cells.rows == 1, cells.columns == 1 { return cells.values[0] }
        if cells.columns == 1, cells.rows > tallestColumn {
            return LaTeXMatrix(cells: [cells.values], group: group).latex + "^{\\top}"
        }
        return LaTeXMatrix(cells: cells.rowArrays, group: group).latex
    }

    /// One line per relation of an `align*`: `lhs &= A \\ &\approx B`.
    static func alignLines(_ lhs: String, _ matrix: NumericMatrix<ExactValue>, group: Int = 1) -> [String] {
        relations(matrix, group: group).enumerated().map { index, item in
            (index == 0 ? lhs : "") + " &" + item.relation + " " + item.latex
        }
    }
}
