import Exact
import MatrixCalculus
import NetworkModel

/// The values a handout template fills in, computed once: every piece of LaTeX math the
/// template needs, in the order it is read. Arrays only (never a dictionary's order), so
/// the output is the same in every process.
///
/// The solution sheet computes each δ once (δ_L, δ_{L−1}, …), every gradient from its δ,
/// and walks through the Kronecker/vec chain rule in full only for the weights that
/// `HandoutOptions.walkthrough` names.
struct HandoutContext {
    let spec: NetworkSpec
    let options: HandoutOptions
    let derivation: MatrixDerivation
    let numbers: NumericDerivation<ExactValue>?
    let display: ValueDisplay
    let rules: RuleBook
    let printer = MatrixPrinter(.latex)

    init(spec: NetworkSpec, options: HandoutOptions) throws {
        self.spec = spec
        self.options = options
        derivation = try MatrixDerivation(network: spec.layeredNetwork)
        display = ValueDisplay(digits: options.digits)
        if options.values {
            let values = try spec.requireValues()
            numbers = try derivation.instantiate(with: ExactEntryEvaluator(bindings: derivation.bindings(values), significantDigits: options.digits))
        } else {
            numbers = nil
        }
        let walked = options.walkthrough.layers(depth: derivation.network.layers.count)
        rules = RuleBook(Self.usedRules(derivation, walked: walked))
    }

    /// The rules the sheet cites: the backward pass and the compact gradients always, and
    /// every factor's rule of the walk-throughs shown.
    static func usedRules(_ derivation: MatrixDerivation, walked: [Int]) -> Set<JacobianRule> {
        var used: Set<JacobianRule> = [.chainRule, .transposeOfProduct, .backwardRecursion, .affineInput,
                                       .affineWeights, .affineBias, .kroneckerVec, .reshape, derivation.network.loss.rule]
        if derivation.network.layers.contains(where: { $0.activation != .identity }) { used.insert(.elementwise) }
        for parameter in derivation.parameters where parameter.kind == .weights && walked.contains(parameter.layer) {
            for step in parameter.steps { used.insert(step.rule) }
        }
        return used
    }

    /// The layers whose weights get the walk-through.
    var walkedLayers: [Int] { options.walkthrough.layers(depth: derivation.network.layers.count) }

    var sizesText: String { spec.sizes.map(String.init).joined(separator: "-") }

    /// Entries shared by the solution and the exercise sheets: the problem page.
    func problemDictionary() -> [String: Any] {
        [
            "command": options.command,
            "title": "Gradients of a \(sizesText) network by the matrix chain rule",
            "origin": Self.escapeText(options.origin),
            "drawn": options.drawn.map(Self.escapeText) ?? "",
            "hasDrawn": options.drawn != nil,
            "values": options.values,
            "digits": options.digits,
            "drawing": NetworkDrawing(network: derivation.network, lossLaTeX: printer.string(derivation.definitions.last!.expression)).latex,
            "equations": Self.align(equations),
            "shapes": shapes,
            "givens": options.values ? Self.align(givens) : "",
            "activationRemarks": activationRemarks,
            "lossName": lossName,
        ]
    }

    func dictionary(check: String) -> [String: Any] {
        var result = problemDictionary()
        result["sheet"] = "Solution"
        result["summary"] = Self.align(summary)
        result["hasSummary"] = numbers != nil
        result["rules"] = rules.table
        result["forward"] = Self.align(forwardRows.map { "\($0["quantity"]!) &= \($0["definition"]!) &\\qquad &\($0["value"]!)" })
        result["backward"] = Self.align(backwardLines)
        result["gradients"] = Self.align(gradientLines)
        result["exactNote"] = exactNote
        result["exactForms"] = Self.align(exactForms)
        result["hasExactForms"] = !exactForms.isEmpty
        result["hasExactNote"] = !exactNote.isEmpty
        result["walkthroughs"] = walkedLayers.map(walkthrough)
        result["hasWalkthroughs"] = !walkedLayers.isEmpty
        result["manyWalkthroughs"] = walkedLayers.count > 1
        result["walkthroughNames"] = walkedLayers.map { "$W_{\($0)}$" }.joined(separator: ", ")
        result["check"] = check
        result["notebookRemarks"] = options.notebookRemarks
        result["kroneckerRule"] = rules.label(.kroneckerVec)
        result["reshapeRule"] = rules.label(.reshape)
        result["backwardRule"] = rules.label(.backwardRecursion)
        result["lastLayer"] = derivation.network.layers.count
        return result
    }

    // MARK: The problem

    /// `z_{1} &= W_{1} x_{1} + b_{1}, & x_{2} &= relu(z_1)`, one line per layer, then the loss.
    var equations: [String] {
        let definitions = derivation.definitions
        func line(_ d: Definition) -> String { "\(d.symbol.latex) &= \(printer.string(d.expression))" }
        var lines = stride(from: 0, to: definitions.count - 1, by: 2).map { line(definitions[$0]) + ", & " + line(definitions[$0 + 1]) }
        lines.append(line(definitions[definitions.count - 1]))
        return lines
    }

    var shapes: String {
        let all = derivation.weights.indices.flatMap { [derivation.weights[$0], derivation.biases[$0]] } + [derivation.activations[0], derivation.target]
        return all.map { "\(printer.string($0)) \\in \\mathbb{R}^{\($0.shape.latex)}" }.joined(separator: ",\\ ")
    }

    /// The loss's name in words.
    var lossName: String { derivation.network.loss.words }

    /// x_1 and t on one line, then W_l and b_l side by side, one line per layer.
    var givens: [String] {
        guard let values = try? spec.requireValues() else { return [] }
        func matrix(_ rows: Int, _ columns: Int, _ entries: [Rational]) -> String {
            ValueDisplay.latex(NumericMatrix(rows: rows, columns: columns, values: entries.map { $0.latex(.fraction) }), budget: 30)
        }
        var lines = ["\(printer.string(derivation.activations[0])) &= " + matrix(values.input.count, 1, values.input)
            + ",\\qquad \(printer.string(derivation.target)) = " + matrix(values.target.count, 1, values.target)]
        for (l, weights) in values.weights.enumerated() {
            lines.append("\(printer.string(derivation.weights[l])) &= " + matrix(weights.rowCount, weights.columnCount, weights.elements)
                + ",\\qquad \(printer.string(derivation.biases[l])) = " + matrix(values.biases[l].count, 1, values.biases[l]))
        }
        return lines
    }

    /// f′ of each activation the network uses, once each, in the order of the layers.
    var activationRemarks: [String] {
        var seen: [ElementwiseFunction] = []
        for layer in derivation.network.layers where layer.activation != .identity && !seen.contains(layer.activation) {
            seen.append(layer.activation)
        }
        return seen.map(\.derivativeExplanation)
    }

    // MARK: The answers

    /// The loss and every gradient in its parameter's shape, W_l and b_l side by side when
    /// they fit.
    var summary: [String] {
        guard let numbers else { return [] }
        var lines = ["L &" + lossValue(numbers.loss)]
        for l in 0..<derivation.network.layers.count {
            let (w, b) = (numbers.parameters[2 * l].gradient, numbers.parameters[2 * l + 1].gradient)
            let weights = "\(derivation.parameters[2 * l].gradientLaTeX) &" + display.inline(w, budget: 72)
            let bias = "\(derivation.parameters[2 * l + 1].gradientLaTeX) &" + display.inline(b, budget: 72)
            if LaTeXMatrix.width(weights) + LaTeXMatrix.width(bias) <= 74 {
                lines.append(weights + " & " + bias)
            } else {
                lines += [weights, bias]
            }
        }
        return lines
    }

    /// `= 29/2`, or `= closed form \approx 4.20110` when the closed form is short enough.
    func lossValue(_ loss: ExactValue) -> String {
        if let rational = loss.rational { return "= \(rational.latex(.fraction))" }
        let decimal = "\\approx \(display.decimal(loss.decimal))"
        return LaTeXMatrix.width(loss.latex) <= 40 ? "= \(loss.latex) \(decimal)" : decimal
    }

    /// One table row per computed quantity: its name, how it is computed, its value.
    var forwardRows: [[String: String]] {
        var rows: [[String: String]] = []
        for (index, definition) in derivation.definitions.enumerated() {
            var value = ""
            if let numbers {
                if index == derivation.definitions.count - 1 {
                    value = lossValue(numbers.loss)
                } else {
                    let matrix = index % 2 == 0 ? numbers.preActivations[index / 2] : numbers.activations[index / 2 + 1]
                    value = display.inline(matrix, budget: 40, closedForms: true, rows: true)
                }
            }
            rows.append(["quantity": definition.symbol.latex, "definition": printer.string(definition.expression), "value": value])
        }
        return rows
    }

    /// δ_L first, each δ computed once from the one after it.
    var backwardLines: [String] {
        var lines: [String] = []
        for (index, step) in derivation.backward.enumerated() {
            let delta = step.delta.symbol.latex
            let isLast = index == 0
            let rule = isLast ? rules.cite(derivation.network.loss.rule) : rules.cite(.backwardRecursion)
            let upstreamName = printer.string(step.upstream)
            let definition = isLast ? "\\left(\\frac{\\partial L}{\\partial \(printer.string(derivation.activations.last!))}\\right)^{\\!\\top}" : ""
            guard let slope = step.slope else {
                let middle = isLast ? "\(definition) = " : ""
                var line = "\(delta) &= \(middle)\(upstreamName)"
                if let numbers { line += " " + display.inline(numbers.backward[index].delta) }
                lines.append(line + " && \(rule)")
                continue
            }
            let slopeName = printer.string(slope)
            let diagonal = "\\operatorname{diag}\\left(\(slopeName)\\right)"
            let upstreamFactor = isLast ? definition : upstreamName
            lines.append("\(delta) &= \(diagonal)\\, \(upstreamFactor) = \(slopeName) \\odot \(Self.parenthesized(upstreamName)) && \(rule)")
            guard let numbers else { continue }
            let values = numbers.backward[index]
            lines.append("\(slopeName) &" + display.inline(values.slope!))
            lines.append("\(upstreamName) &" + substituted(step, values, index: index))
            var result = display.inline(values.delta)
            if [values.slope!, values.upstream].allSatisfy(\.isRational) {
                let product = "= " + ValueDisplay.latex(values.slope!.rationalCells) + " \\odot " + ValueDisplay.latex(values.upstream.rationalCells) + " "
                if LaTeXMatrix.width(product + result) <= LaTeXMatrix.pageBudget { result = product + result }
            }
            lines.append("\(delta) &" + result)
        }
        return lines
    }

    /// u_l's value, with the numbers of W_{l+1}ᵀ and δ_{l+1} written in first when they are
    /// rational and fit.
    private func substituted(_ step: BackwardStep, _ values: NumericBackwardStep<ExactValue>, index: Int) -> String {
        let result = display.inline(values.upstream)
        guard index > 0, let numbers, let given = try? spec.requireValues() else { return result }
        let weights = given.weights[step.layer]
        let transposed = NumericMatrix(rows: weights.columnCount, columns: weights.rowCount,
                                       values: (0..<weights.columnCount).flatMap { j in (0..<weights.rowCount).map { i in weights.elements[i * weights.columnCount + j].latex(.fraction) } })
        let next = numbers.backward[index - 1].delta
        guard next.isRational, values.upstream.isRational else { return result }
        let product = "= " + ValueDisplay.latex(transposed) + ValueDisplay.latex(next.rationalCells) + " " + result
        return LaTeXMatrix.width(product) <= LaTeXMatrix.pageBudget ? product : result
    }

    /// ∂L/∂W_l = δ_l x_lᵀ and ∂L/∂b_l = δ_l, last layer first.
    var gradientLines: [String] {
        var lines: [String] = []
        for l in stride(from: derivation.network.layers.count - 1, through: 0, by: -1) {
            let (w, b) = (derivation.parameters[2 * l], derivation.parameters[2 * l + 1])
            let delta = w.compact.delta.symbol.latex
            let x = printer.string(derivation.activations[l])
            var weights = "\(w.gradientLaTeX) &= \(delta)\\, \(x)^\\top"
            var bias = "\(b.gradientLaTeX) &= \(delta)"
            if let numbers {
                let (gw, gb) = (numbers.parameters[2 * l], numbers.parameters[2 * l + 1])
                let result = display.inline(gw.compactGradient, budget: LaTeXMatrix.pageBudget - 14)
                let input = numbers.activations[l]
                if gw.delta.isRational, input.isRational {
                    let product = "= " + ValueDisplay.latex(gw.delta.rationalCells) + ValueDisplay.latex(input.rationalCells) + "^\\top " + result
                    weights += " " + (LaTeXMatrix.width(product) <= LaTeXMatrix.pageBudget - 8 ? product : result)
                } else {
                    weights += " " + result
                }
                bias += " " + display.inline(gb.compactGradient, budget: LaTeXMatrix.pageBudget - 14)
            }
            lines.append(weights + " && \\text{(\(rules.label(.kroneckerVec)), \(rules.label(.reshape)))}")
            lines.append(bias + " && " + rules.cite(.affineBias))
        }
        return lines
    }

    /// The exact closed forms of the gradient entries that are not rational, one per line,
    /// when there are few and each fits on a line; empty otherwise (then `exactNote`
    /// summarises them once).
    var exactForms: [String] {
        guard let numbers else { return [] }
        var forms: [String] = []
        for (p, n) in zip(derivation.parameters, numbers.parameters) {
            let symbol = p.parameter.symbol!
            for (index, value) in n.gradient.values.enumerated() where value.rational == nil {
                let (i, j) = (index / p.shape.columns, index % p.shape.columns)
                forms.append("\\frac{\\partial L}{\\partial \(symbol.entryLaTeX(i, j))} &= \(value.latex) \\approx \(display.decimal(value.decimal))")
            }
        }
        let all = numbers.parameters.flatMap(\.gradient.values).filter { $0.rational == nil }
        guard forms.count <= Self.mostExactForms, all.allSatisfy({ ValueDisplay.fitsOnALine($0.latex) }) else { return [] }
        return forms
    }

    /// More exact forms than this are summarised, not listed.
    static let mostExactForms = 16

    /// One sentence about values that are not rational and how their exact forms are shown.
    var exactNote: String {
        guard let numbers else { return "" }
        let all = [numbers.loss] + numbers.parameters.flatMap(\.gradient.values) + numbers.activations.flatMap(\.values)
        let inexact = all.filter { $0.rational == nil }
        guard !inexact.isEmpty else { return "" }
        let rounded = "Values after $\\approx$ are not rational; they are rounded to \(options.digits) significant digits."
        if !exactForms.isEmpty {
            return rounded + " Their exact closed forms are shown beside them where they are short, and listed for every gradient entry after the gradients."
        }
        let longest = inexact.map(\.exact.count).max() ?? 0
        return rounded + " Their exact closed forms (in powers of $e$) are too long for the page (up to \(longest) characters) and are not printed; \\texttt{gradgen eval} with \\texttt{--format json} lists every one."
    }

    // MARK: Check

    /// The autodiff's numbers and verdict, for the check template.
    func checkDictionary(_ check: AutodiffCheck) -> [String: Any] {
        // Numbers from Double are rounded: they follow "≈", exact ones "=".
        let relation = check.arithmetic.contains("Double") ? "\\approx" : "="
        var lines = ["L &\(relation) \(Self.decimalCells(check.loss, display))"]
        var pending: String?
        for gradient in check.gradients {
            let cells = NumericMatrix(rows: gradient.rows, columns: gradient.columns, values: gradient.cells.map { Self.decimalCells($0, display) })
            let name = gradient.name.hasPrefix("W") ? "W_{\(gradient.name.dropFirst())}" : "b_{\(gradient.name.dropFirst())}"
            let line = "\\frac{\\partial L}{\\partial \(name)} &\(relation) " + ValueDisplay.latex(cells, budget: 72)
            // W_l and b_l side by side when they fit, as in the box of answers.
            if let weights = pending {
                lines += LaTeXMatrix.width(weights) + LaTeXMatrix.width(line) <= 74 ? [weights + " & " + line] : [weights, line]
                pending = nil
            } else {
                pending = line
            }
        }
        if let pending { lines.append(pending) }
        return ["arithmetic": check.arithmetic, "lines": Self.align(lines), "verdict": check.verdict]
    }

    /// A cell of the autodiff's table: a decimal (from Double) with every digit shown and
    /// written as × 10ⁿ where it is tiny; an exact fraction as it is.
    static func decimalCells(_ cell: String, _ display: ValueDisplay) -> String {
        cell.contains("\\") || !cell.contains(where: { $0 == "." || $0 == "e" }) ? cell : display.decimal(cell)
    }

    // MARK: Helpers

    /// The lines of an `align*` body.
    static func align(_ lines: [String]) -> String { lines.joined(separator: " \\\\\n") }

    /// `(a + b)` for a sum, a product left as it is.
    static func parenthesized(_ latex: String) -> String {
        latex.contains(" + ") || latex.contains(" - ") ? latex : "\\left(\(latex)\\right)"
    }

    /// Items joined by `separator`, broken into `align*` continuation lines of about
    /// `budget` digit widths.
    static func brokenProduct(_ items: [String], separator: String, budget: Double) -> String {
        var lines: [[String]] = [[]]
        var used = 0.0
        for item in items {
            let width = item.contains("\\frac") ? 3.5 : LaTeXMatrix.width(item)
            if !lines[lines.count - 1].isEmpty, used + width > budget {
                lines.append([])
                used = 0
            }
            lines[lines.count - 1].append(item)
            used += width + 1
        }
        return lines.map { $0.joined(separator: separator) }.joined(separator: " \\\\\n  &\\qquad ")
    }

    /// Text safe in LaTeX text mode (file names with `_`, `#`, …).
    static func escapeText(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\textbackslash{}"
            case "_", "#", "%", "&", "$", "{", "}": result += "\\" + String(character)
            case "~": result += "\\textasciitilde{}"
            case "^": result += "\\textasciicircum{}"
            default: result.append(character)
            }
        }
        return result
    }
}

extension NumericMatrix where Value == ExactValue {
    /// Whether every entry is rational.
    var isRational: Bool { values.allSatisfy { $0.rational != nil } }
    /// The entries as LaTeX fractions. - Precondition: `isRational`.
    var rationalCells: NumericMatrix<String> { map { $0.rational!.latex(.fraction) } }
}
