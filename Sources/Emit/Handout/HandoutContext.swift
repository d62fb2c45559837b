import Exact
import MatrixCalculus
import NetworkModel

/// The values a handout template fills in, computed once: every piece of LaTeX math the
/// template needs, in the order it is read. Arrays only (never a dictionary's order), so
/// the output is the same in every process.
struct HandoutContext {
    let spec: NetworkSpec
    let options: HandoutOptions
    let derivation: MatrixDerivation
    let numbers: NumericDerivation<ExactValue>?
    private let printer = MatrixPrinter(.latex)

    init(spec: NetworkSpec, options: HandoutOptions) throws {
        self.spec = spec
        self.options = options
        derivation = try MatrixDerivation(network: spec.layeredNetwork)
        if options.values {
            let values = try spec.requireValues()
            numbers = try derivation.instantiate(with: ExactEntryEvaluator(bindings: derivation.bindings(values), significantDigits: options.digits))
        } else {
            numbers = nil
        }
    }

    func dictionary(answers: Bool, check: AutodiffCheck?) -> [String: Any] {
        let sizes = spec.sizes.map(String.init).joined(separator: "-")
        return [
            "command": options.command + (answers ? "" : " (exercise sheet)"),
            "title": "Gradients of a \(sizes) network by the matrix chain rule",
            "sheet": answers ? "Solution" : "Exercise",
            "origin": Self.escapeText(options.origin),
            "answers": answers,
            "values": options.values,
            "exerciseValues": options.values && !answers,
            "digits": options.digits,
            "sizes": spec.sizes.enumerated().map { "n_{\($0)} = \($1)" }.joined(separator: ",\\ "),
            "layers": derivation.network.layers.count,
            "equations": Self.align(equations),
            "shapes": shapes,
            "givens": options.values ? Self.align(givens) : "",
            "forward": answers ? Self.align(forward) : "",
            "hasForward": answers && numbers != nil,
            "rules": rules,
            "parameters": derivation.parameters.indices.map { parameter($0, answers: answers) },
            "hasCheck": answers && check != nil,
            "check": check.map(checkSection) ?? [:],
        ]
    }

    // MARK: Network

    /// `z_{1} &= W_{1} x_{1} + b_{1}` …, then the loss.
    private var equations: [String] {
        derivation.definitions.map { "\($0.symbol.latex) &= \(printer.string($0.expression))" }
    }

    private var shapes: String {
        let all = derivation.weights.indices.flatMap { [derivation.weights[$0], derivation.biases[$0]] } + [derivation.activations[0], derivation.target]
        return all.map { "\(printer.string($0)) \\in \\mathbb{R}^{\($0.shape.latex)}" }.joined(separator: ",\\quad ")
    }

    private var givens: [String] {
        guard let values = try? spec.requireValues() else { return [] }
        func column(_ entries: [Rational]) -> NumericMatrix<String> {
            NumericMatrix(rows: entries.count, columns: 1, values: entries.map { $0.latex(.fraction) })
        }
        var lines = ["\(printer.string(derivation.activations[0])) &= " + ValueDisplay.latex(column(values.input))]
        for (l, weights) in values.weights.enumerated() {
            let matrix = NumericMatrix(rows: weights.rowCount, columns: weights.columnCount, values: weights.elements.map { $0.latex(.fraction) })
            lines.append("\(printer.string(derivation.weights[l])) &= " + ValueDisplay.latex(matrix))
            lines.append("\(printer.string(derivation.biases[l])) &= " + ValueDisplay.latex(column(values.biases[l])))
        }
        lines.append("\(printer.string(derivation.target)) &= " + ValueDisplay.latex(column(values.target)))
        return lines
    }

    /// z_1 = W_1 x_1 + b_1 = …, x_2 = relu(z_1) = …, …, L = … = 29/2.
    private var forward: [String] {
        guard let numbers else { return [] }
        var lines: [String] = []
        for l in derivation.preActivations.indices {
            let z = derivation.definitions[2 * l]
            let x = derivation.definitions[2 * l + 1]
            lines += ValueDisplay.alignLines("\(z.symbol.latex) = \(printer.string(z.expression))", numbers.preActivations[l])
            lines += ValueDisplay.alignLines("\(x.symbol.latex) = \(printer.string(x.expression))", numbers.activations[l + 1])
        }
        let loss = derivation.definitions[derivation.definitions.count - 1]
        let value = NumericMatrix(rows: 1, columns: 1, values: [numbers.loss])
        lines += ValueDisplay.alignLines("L = \(printer.string(loss.expression))", value)
        if numbers.loss.rational == nil, numbers.loss.latex.count > ValueDisplay.longestClosedFormInMatrix,
           ValueDisplay.fitsOnALine(numbers.loss.latex) {
            lines.append(" &= \(numbers.loss.latex)")
        }
        return lines
    }

    // MARK: Rules

    /// The rule table, with only this network's loss rule.
    private var rules: [[String: Any]] {
        let losses: [JacobianRule] = [.halfSumSquaresLoss, .meanSquaredErrorLoss, .softmaxCrossEntropyLoss]
        let own = derivation.network.loss.rule
        return JacobianRule.allCases.filter { !losses.contains($0) || $0 == own }.map { rule in
            ["label": rule.label, "title": rule.title, "formula": rule.latex, "explanation": rule.explanation]
        }
    }

    // MARK: Parameters

    private func parameter(_ index: Int, answers: Bool) -> [String: Any] {
        let p = derivation.parameters[index]
        let isWeights = p.kind == .weights
        let rows = p.shape.rows
        var result: [String: Any] = [
            "name": printer.string(p.parameter),
            "shape": p.shape.latex,
            "rowShape": "1 \\times \(p.shape.count)",
            "rowLaTeX": p.rowLaTeX,
            "gradientLaTeX": p.gradientLaTeX,
            "isWeights": isWeights,
            "layer": p.layer,
            "delta": p.compact.delta.symbol.latex,
            "input": printer.string(derivation.activations[p.layer - 1]),
            "rows": rows,
            "codeName": p.name,
            "chainRule": JacobianRule.chainRule.label,
            "reshapeRule": JacobianRule.reshape.label,
        ]
        guard answers else { return result }
        result["chain"] = Self.brokenProduct(p.steps.map(\.jacobianLaTeX), separator: "\\,", budget: 40)
        let factors = p.factors.enumerated().map { printer.factorString($0.element.factor, first: $0.offset == 0) }
        result["product"] = Self.brokenProduct(factors, separator: "\\,", budget: 50)
        result["steps"] = p.steps.enumerated().map { number, step in
            [
                "number": number + 1,
                "jacobian": step.jacobianInlineLaTeX,
                "factor": printer.string(step.factor),
                "shape": step.shape.latex,
                "rule": step.rule.label,
                "meaning": step.meaning + (step.isIdentity ? "; left out of the product" : ""),
            ] as [String: Any]
        }
        result["compact"] = Self.align(p.compact.steps.map { "\($0.lhs) &= \($0.rhs) && \\text{(\($0.rule.label))}" })
        result["deltaDefinition"] = "\(p.compact.delta.symbol.latex) = \(printer.string(p.compact.delta.expression))"
        guard let numbers else { return result }
        let n = numbers.parameters[index]
        let group = isWeights ? rows : 1
        var factorLines: [String] = []
        for (step, matrix) in zip(p.factors, n.factors) {
            factorLines += ValueDisplay.alignLines("\(step.jacobianLaTeX) = \(printer.string(step.factor))", matrix,
                                                   group: step.rule == .affineWeights ? rows : 1)
        }
        result["factorValues"] = Self.align(factorLines)
        var productLines: [String] = []
        for (step, matrix) in zip(p.factors, n.partialProducts).dropFirst() {
            let lhs = step.denominator == .vec(p.parameter) ? p.rowLaTeX : "\\frac{\\partial L}{\\partial \(printer.string(step.denominator))}"
            productLines += ValueDisplay.alignLines(lhs, matrix, group: step.denominator == .vec(p.parameter) ? group : 1)
        }
        result["productValues"] = Self.align(productLines)
        result["hasProducts"] = !productLines.isEmpty
        result["rowValues"] = Self.align(ValueDisplay.alignLines(p.rowLaTeX, n.row, group: group))
        let shaped = isWeights ? "\\operatorname{vec}^{-1}_{\(p.shape.latex)}\\left(\\left(\(p.rowLaTeX)\\right)^{\\!\\top}\\right)" : "\\left(\(p.rowLaTeX)\\right)^{\\!\\top}"
        result["gradientValues"] = Self.align(ValueDisplay.alignLines("\(p.gradientLaTeX) = \(shaped)", n.gradient))
        if isWeights {
            let notebook = n.row.reshapedRowMajor(rows: p.shape.columns, columns: p.shape.rows)
            result["notebookValues"] = Self.align(ValueDisplay.alignLines("\\texttt{reshape}(\(p.shape.columns), \(p.shape.rows))", notebook))
            result["notebookShape"] = "\(p.shape.columns) \\times \(p.shape.rows)"
        }
        result["deltaValues"] = Self.align(ValueDisplay.alignLines(p.compact.delta.symbol.latex, n.delta))
        let compactLHS = isWeights ? "\(p.compact.delta.symbol.latex)\\, \(printer.string(derivation.activations[p.layer - 1]))^\\top" : p.compact.delta.symbol.latex
        result["compactValues"] = isWeights ? Self.align(ValueDisplay.alignLines(compactLHS, n.compactGradient)) : ""
        let symbol = p.parameter.symbol!
        let exactForms = n.gradient.values.enumerated().compactMap { index, value -> String? in
            guard value.rational == nil else { return nil }
            let (i, j) = (index / p.shape.columns, index % p.shape.columns)
            let entry = "\\dfrac{\\partial L}{\\partial \(symbol.entryLaTeX(i, j))}"
            guard ValueDisplay.fitsOnALine(value.latex) else {
                return "$\(entry) \\approx \(value.decimal)$ (its exact form, \(value.exact.count) characters long, is too long to print)"
            }
            return "$\\displaystyle \(entry) = \(value.latex) \\approx \(value.decimal)$"
        }
        result["exactForms"] = exactForms
        result["hasExactForms"] = !exactForms.isEmpty
        return result
    }

    // MARK: Check

    private func checkSection(_ check: AutodiffCheck) -> [String: Any] {
        var lines = ["L &= \(check.loss)"]
        for gradient in check.gradients {
            let cells = NumericMatrix(rows: gradient.rows, columns: gradient.columns, values: gradient.cells)
            let name = gradient.name.hasPrefix("W") ? "W_{\(gradient.name.dropFirst())}" : "b_{\(gradient.name.dropFirst())}"
            lines.append("\\frac{\\partial L}{\\partial \(name)} &= " + ValueDisplay.latex(cells))
        }
        return ["arithmetic": check.arithmetic, "lines": Self.align(lines), "verdict": check.verdict]
    }

    // MARK: Helpers

    /// The lines of an `align*` body.
    static func align(_ lines: [String]) -> String { lines.joined(separator: " \\\\\n") }

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
