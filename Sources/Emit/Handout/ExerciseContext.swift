import Exact
import MatrixCalculus
import NetworkModel

/// The exercise sheet and its solution sheet, which are the same pages: the problem, then
/// fill-in tables and answer boxes sized to each quantity's shape. Blank for the exercise,
/// filled in for the solution, with the same cell sizes so that the solution follows the
/// exercise page for page.
///
/// The sheet gives only the rules a student needs to start (the loss, elementwise and
/// affine Jacobians, the chain rule): the backward recursion, the Kronecker–vec identity
/// and the reshape are what the tasks ask for.
struct ExerciseContext {
    let handout: HandoutContext
    /// Whether the cells hold the answers.
    let filled: Bool

    /// The rules given on an exercise sheet: those of the walked weight's factors, the
    /// bias's and the chain rule.
    var startingRules: Set<JacobianRule> {
        let p = handout.derivation.parameters[2 * (walkedLayer - 1)]
        return Set(p.steps.map(\.rule)).union([.affineBias, .chainRule])
    }

    /// The weight whose chain of factors the sheet asks for: the first walked through, W_1
    /// when none is.
    var walkedLayer: Int { handout.walkedLayers.first ?? 1 }

    func dictionary() -> [String: Any] {
        var result = handout.problemDictionary()
        let book = RuleBook(startingRules)
        result["sheet"] = filled ? "Solution" : "Exercise"
        result["command"] = handout.options.command
        result["rules"] = book.table
        result["filled"] = filled
        let p = handout.derivation.parameters[2 * (walkedLayer - 1)]
        result["walkedName"] = handout.printer.string(p.parameter)
        result["walkedShape"] = p.shape.latex
        result["rowLaTeX"] = p.rowLaTeX
        result["gradientLaTeX"] = p.gradientLaTeX
        result["rowShape"] = "1 \\times \(p.shape.count)"
        result["chainRule"] = book.label(JacobianRule.chainRule)
        result["hasValues"] = handout.numbers != nil
        result["forward"] = forwardRows
        result["factors"] = factorRows(p, book: book)
        result["rowGrid"] = rowGrid(p)
        result["gradientGrid"] = grid(handout.numbers?.parameters[2 * (walkedLayer - 1)].gradient, shape: p.shape)
        result["deltas"] = deltaRows
        result["answers"] = answerRows
        result["lossGrid"] = grid(handout.numbers.map { NumericMatrix(rows: 1, columns: 1, values: [$0.loss]) }, shape: .scalar)
        result["inexact"] = handout.numbers.map { !$0.loss.isRationalValue || $0.parameters.contains { !$0.gradient.isRational } } ?? false
        result["digits"] = handout.options.digits
        return result
    }

    // MARK: Tables

    private var forwardRows: [[String: String]] {
        handout.derivation.definitions.enumerated().map { index, definition in
            let numbers = handout.numbers
            let value: NumericMatrix<ExactValue>?
            if index == handout.derivation.definitions.count - 1 {
                value = numbers.map { NumericMatrix(rows: 1, columns: 1, values: [$0.loss]) }
            } else {
                value = numbers.map { index % 2 == 0 ? $0.preActivations[index / 2] : $0.activations[index / 2 + 1] }
            }
            return ["quantity": definition.symbol.latex, "definition": handout.printer.string(definition.expression),
                    "grid": grid(value, shape: definition.symbol.shape)]
        }
    }

    /// One row per factor of the walked weight's chain: the Jacobian is given; the factor,
    /// its shape, its rule and its value are to fill in.
    private func factorRows(_ p: ParameterDerivation, book: RuleBook) -> [[String: String]] {
        let numbers = handout.numbers?.parameters[2 * (walkedLayer - 1)]
        var factorIndex = 0
        return p.steps.map { step in
            let text = { (value: String, width: String) in Self.cell(filled ? value : "", width: width, math: true) }
            var value = ""
            if !step.isIdentity {
                let matrix = numbers?.factors[factorIndex]
                factorIndex += 1
                switch step.rule {
                case .elementwise:
                    let entries = matrix.map { m in (0..<m.rows).map { m[$0, $0] } }
                    value = "\\operatorname{diag}\\left(" + grid(entries.map { NumericMatrix(rows: 1, columns: $0.count, values: $0) }, shape: Shape(1, step.shape.rows), brackets: false) + "\\right)"
                case .affineWeights:
                    let input = handout.numbers?.activations[walkedLayer - 1]
                    value = grid(input.map { $0.transposed }, shape: Shape(1, step.shape.columns / step.shape.rows), suffix: "\\, I_{\(step.shape.rows)}")
                default:
                    value = grid(matrix, shape: step.shape)
                }
            } else {
                value = "I_{\(step.shape.rows)}"
            }
            return [
                "jacobian": step.jacobianLaTeX,
                "jacobianInline": step.jacobianInlineLaTeX,
                "factor": text(handout.printer.string(step.factor), "9em"),
                "shape": text(step.shape.latex, "4.2em"),
                "rule": text(book.label(step.rule), "2.6em"),
                "value": value,
            ]
        }
    }

    /// The row before re-shaping, cut into one block per column of the weight when long.
    private func rowGrid(_ p: ParameterDerivation) -> String {
        let row = handout.numbers?.parameters[2 * (walkedLayer - 1)].row
        let n = p.shape.rows
        let width = cellWidth(row.map { [$0] } ?? [])
        let total = Double(p.shape.count) * (width + 0.5)
        guard total > 34, p.shape.columns > 1 else { return grid(row, shape: Shape(1, p.shape.count)) }
        let blocks = (0..<p.shape.columns).map { j -> String in
            let piece = row.map { NumericMatrix(rows: 1, columns: n, values: Array($0.values[j * n..<(j + 1) * n])) }
            return "\\text{\\footnotesize column \(j + 1):}\\ " + grid(piece, shape: Shape(1, n), width: width)
        }
        return "\\begin{aligned}[t]&" + blocks.joined(separator: "\\\\[2pt]\n&") + "\\end{aligned}"
    }

    private var deltaRows: [[String: String]] {
        handout.derivation.backward.enumerated().map { index, step in
            ["name": step.delta.symbol.latex, "grid": grid(handout.numbers?.backward[index].delta, shape: step.delta.symbol.shape)]
        }
    }

    private var answerRows: [[String: String]] {
        handout.derivation.parameters.enumerated().map { index, p in
            ["name": p.gradientLaTeX, "shape": p.shape.latex, "grid": grid(handout.numbers?.parameters[index].gradient, shape: p.shape)]
        }
    }

    // MARK: Grids

    /// A matrix of framed cells of one width: empty on the exercise, the values on the
    /// solution. Columns taller than six print as a row with ᵀ.
    func grid(_ values: NumericMatrix<ExactValue>?, shape: Shape, brackets: Bool = true, suffix: String = "", width: Double? = nil) -> String {
        let tall = shape.columns == 1 && shape.rows > 6
        let (rows, columns) = tall ? (1, shape.rows) : (shape.rows, shape.columns)
        let cellWidth = width ?? cellWidth(values.map { [$0] } ?? [])
        let lines = (0..<rows).map { i in
            (0..<columns).map { j -> String in
                let value = values.map { tall ? $0.values[j] : $0[i, j] }
                let text = filled ? value.map(handout.display.number) ?? "" : ""
                return Self.cell(text, width: Self.em(cellWidth), math: true) + suffix
            }.joined(separator: " & ")
        }
        let body = "\\begin{array}{@{}" + String(repeating: "c", count: columns) + "@{}}" + lines.joined(separator: " \\\\[5pt] ") + "\\end{array}"
        let framed = brackets ? "\\left[" + body + "\\right]" : body
        return framed + (tall ? "^{\\top}" : "")
    }

    /// The width of a cell that holds the widest of `matrices`' values, in ems: at least
    /// room for a three-digit number.
    func cellWidth(_ matrices: [NumericMatrix<ExactValue>]) -> Double {
        let widest = matrices.flatMap(\.values).map { LaTeXMatrix.width(handout.display.number($0)) }.max() ?? 0
        return max(2.4, 0.55 * widest + 0.9)
    }

    static func em(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded(.up))
        return "\(tenths / 10).\(tenths % 10)em"
    }

    /// A framed cell of a fixed width and height, holding `text` (math) or nothing.
    static func cell(_ text: String, width: String, math: Bool) -> String {
        let content = text.isEmpty ? "" : (math ? "$\(text)$" : text)
        return "\\answercell{\(width)}{\(content)}"
    }
}

extension ExactValue {
    /// Whether the value is rational.
    var isRationalValue: Bool { rational != nil }
}
