import MatrixCalculus
import NetworkModel

/// How numbers appear in the handout: exact rationals as fractions; values that are not
/// rational as their exact closed form when every entry's is short, always with decimals
/// after "≈". Decimals keep every requested significant digit (4.20110, not 4.2011) and are
/// written 9.22 × 10⁻⁶ where they are very small or large, never in e-notation. Long column
/// vectors are printed as transposed rows, to save the page's height.
struct ValueDisplay {
    /// Significant digits of every decimal.
    let digits: Int

    /// Closed forms longer than this (in LaTeX characters) are not put inside matrices.
    static let longestClosedFormInMatrix = 28
    /// Closed forms wider than this (in digit widths) do not fit on a line, and LaTeX
    /// cannot break them inside their parentheses: they are summarised, not printed.
    static let widestClosedForm = 70.0
    /// Column vectors longer than this print as rows with ᵀ.
    static let tallestColumn = 3

    /// Whether a closed form fits on one line of the page.
    static func fitsOnALine(_ latex: String) -> Bool { LaTeXMatrix.width(latex) <= widestClosedForm }

    /// A decimal from the evaluator ("4.2011", "-9.22079e-6") as LaTeX with exactly
    /// `digits` significant digits: "4.20110", "-9.22079 \times 10^{-6}".
    func decimal(_ text: String) -> String { Self.decimal(text, digits: digits) }

    /// The sign, the significant digits and the decimal exponent of the first digit of a
    /// decimal from the evaluator ("-9.22079e-6" gives -, 922079, -6); nil for anything else
    /// and for zero.
    static func parts(_ text: String) -> (negative: Bool, digits: String, exponent: Int)? {
        var body = Substring(text)
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        let pieces = body.split(separator: "e", maxSplits: 1)
        guard let mantissa = pieces.first else { return nil }
        var shift = 0
        if pieces.count > 1 {
            guard let exponent = Int(pieces[1]) else { return nil }
            shift = exponent
        }
        let halves = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = halves[0]
        let all = integer + (halves.count > 1 ? halves[1] : "")
        guard all.allSatisfy(\.isNumber), let first = all.firstIndex(where: { $0 != "0" }) else { return nil }
        let leading = all.distance(from: all.startIndex, to: first)
        var digits = String(all[first...])
        while digits.count > 1, digits.hasSuffix("0") { digits.removeLast() }
        return (negative, digits, integer.count - 1 - leading + shift)
    }

    /// See `decimal(_:)`.
    static func decimal(_ text: String, digits: Int) -> String {
        if let e = text.firstIndex(of: "e"), Int(text[text.index(after: e)...]) == nil,
           let (negative, found, shift) = parts(String(text[..<e])), shift == 0 {
            // An exponent beyond Int (e^(−10²⁰) is 7.7e-43429448190325182766), kept as text.
            let significant = found + String(repeating: "0", count: max(0, digits - found.count))
            let tail = significant.dropFirst()
            return (negative ? "-" : "") + String(significant.prefix(1)) + (tail.isEmpty ? "" : "." + tail)
                + " \\times 10^{\(text[text.index(after: e)...])}"
        }
        guard let (negative, found, exponent) = parts(text) else { return text.hasPrefix("-") || text.allSatisfy({ $0 == "0" || $0 == "." }) ? "0" : text }
        var significant = found
        if significant.count < digits { significant += String(repeating: "0", count: digits - significant.count) }
        let sign = negative ? "-" : ""
        if exponent < -3 || exponent >= max(digits, 1) {
            let tail = significant.dropFirst()
            return sign + String(significant.prefix(1)) + (tail.isEmpty ? "" : "." + tail) + " \\times 10^{\(exponent)}"
        }
        return sign + positional(significant, exponent)
    }

    /// A decimal from the evaluator written out without an exponent, for machines that read
    /// no e-notation: "1.5e-7" gives "0.00000015".
    static func plainDecimal(_ text: String) -> String {
        guard let (negative, digits, exponent) = parts(text) else { return "0" }
        return (negative ? "-" : "") + positional(digits, exponent)
    }

    /// Digits d₁d₂… with d₁ at 10^exponent, written positionally.
    private static func positional(_ digits: String, _ exponent: Int) -> String {
        if exponent < 0 { return "0." + String(repeating: "0", count: -exponent - 1) + digits }
        let padded = digits.count <= exponent ? digits + String(repeating: "0", count: exponent + 1 - digits.count) : digits
        let head = padded.prefix(exponent + 1)
        let tail = padded.dropFirst(exponent + 1)
        return head + (tail.isEmpty ? "" : "." + tail)
    }

    /// The right-hand sides of `lhs = …`: `[("=", exact)]`, or `[("=", exact), ("\approx", decimals)]`,
    /// or `[("\approx", decimals)]`.
    func relations(_ matrix: NumericMatrix<ExactValue>, group: Int = 1, budget: Double = LaTeXMatrix.pageBudget,
                   closedForms: Bool = true) -> [(relation: String, latex: String)] {
        if matrix.values.allSatisfy({ $0.rational != nil }) {
            return [("=", Self.latex(matrix.map { $0.rational!.latex(.fraction) }, group: group, budget: budget))]
        }
        let decimals = ("\\approx", Self.latex(matrix.map { decimal($0.decimal) }, group: group, budget: budget))
        if closedForms, matrix.values.allSatisfy({ $0.latex.count <= Self.longestClosedFormInMatrix }) {
            return [("=", Self.latex(matrix.map(\.latex), group: group, budget: budget)), decimals]
        }
        return [decimals]
    }

    /// `= A`, `≈ B` or `= A \approx B` on one line.
    /// With `rows`, a column vector prints as a transposed row whatever its length.
    func inline(_ matrix: NumericMatrix<ExactValue>, budget: Double = LaTeXMatrix.pageBudget, closedForms: Bool = false, rows: Bool = false) -> String {
        let shown = rows && matrix.columns == 1 && matrix.rows > 1 ? matrix.transposed : matrix
        let transpose = shown.rows != matrix.rows ? "^{\\top}" : ""
        return relations(shown, budget: budget, closedForms: closedForms).map { "\($0.relation) \($0.latex)\(transpose)" }.joined(separator: " ")
    }

    /// One value: `= 29/2`, `\approx 4.20110`.
    func scalar(_ value: ExactValue) -> String {
        value.rational.map { "= \($0.latex(.fraction))" } ?? "\\approx \(decimal(value.decimal))"
    }

    /// The number itself, exact or decimal (for a cell of a table or a block).
    func number(_ value: ExactValue) -> String {
        value.rational?.latex(.fraction) ?? decimal(value.decimal)
    }

    /// A matrix of LaTeX cells: a bmatrix (split into column blocks when wide), a tall
    /// column as a transposed row.
    static func latex(_ cells: NumericMatrix<String>, group: Int = 1, budget: Double = LaTeXMatrix.pageBudget) -> String {
        if cells.rows == 1, cells.columns == 1 { return cells.values[0] }
        if cells.columns == 1, cells.rows > tallestColumn {
            return LaTeXMatrix(cells: [cells.values], group: group, budget: budget).latex + "^{\\top}"
        }
        return LaTeXMatrix(cells: cells.rowArrays, group: group, budget: budget).latex
    }

    /// One line per relation of an `align*`: `lhs &= A \\ &\approx B`.
    func alignLines(_ lhs: String, _ matrix: NumericMatrix<ExactValue>, group: Int = 1, closedForms: Bool = true,
                    budget: Double = LaTeXMatrix.pageBudget) -> [String] {
        relations(matrix, group: group, budget: budget, closedForms: closedForms).enumerated().map { index, item in
            (index == 0 ? lhs : "") + " &" + item.relation + " " + item.latex
        }
    }
}
