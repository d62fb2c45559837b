import Exact
import MatrixCalculus
import NetworkModel

/// Which weights a solution sheet walks through with the full Kronecker/vec chain rule (the
/// reference notebook's equations 23–26): every factor with its shape and rule, their
/// product (the row "before re-shaping") and the reshape.
public enum Walkthrough: Sendable, Hashable {
    /// Every W_l.
    case all
    /// W_l of one layer, from 1.
    case layer(Int)
    /// None: the δ derivation alone.
    case none

    /// `all`, `none`, `W1`, `W2`, …; nil for anything else.
    public init?(argument: String) {
        switch argument {
        case "all": self = .all
        case "none": self = .none
        default:
            guard argument.hasPrefix("W"), let layer = Int(argument.dropFirst()), layer >= 1 else { return nil }
            self = .layer(layer)
        }
    }

    /// The layers walked through in a network of `depth` layers (a layer beyond it: none).
    public func layers(depth: Int) -> [Int] {
        switch self {
        case .all: Array(1...depth)
        case let .layer(l): l <= depth ? [l] : []
        case .none: []
        }
    }
}

extension HandoutContext {
    /// The walk-through of W_l: the chain of Jacobians, the table of factors, their values,
    /// the partial products, the row before re-shaping and the reshape.
    func walkthrough(layer: Int) -> [String: Any] {
        let index = 2 * (layer - 1)
        let p = derivation.parameters[index]
        let rows = p.shape.rows
        var result: [String: Any] = [
            "name": printer.string(p.parameter),
            "shape": p.shape.latex,
            "rowShape": "1 \\times \(p.shape.count)",
            "rowLaTeX": p.rowLaTeX,
            "layer": layer,
            "rows": rows,
            "delta": p.compact.delta.symbol.latex,
            "input": printer.string(derivation.activations[layer - 1]),
            "chainRule": rules.label(.chainRule),
            "chain": Self.brokenProduct(p.steps.map(\.jacobianLaTeX), separator: "\\,", budget: 40),
            "product": Self.brokenProduct(p.factors.enumerated().map { printer.factorString($0.element.factor, first: $0.offset == 0) },
                                          separator: "\\,", budget: 50),
            "steps": p.steps.enumerated().map { number, step in
                [
                    "number": number + 1,
                    "jacobian": step.jacobianInlineLaTeX,
                    "factor": printer.string(step.factor),
                    "shape": step.shape.latex,
                    "rule": rules.label(step.rule),
                    "meaning": step.meaning + (step.isIdentity ? "; left out of the product" : ""),
                ] as [String: Any]
            },
            "hasValues": numbers != nil,
        ]
        guard let numbers else { return result }
        let n = numbers.parameters[index]
        var factorLines: [String] = []
        for (step, matrix) in zip(p.factors, n.factors) {
            let lhs = "\(step.jacobianLaTeX) = \(printer.string(step.factor))"
            switch step.rule {
            case .elementwise:
                factorLines.append("\(lhs) &" + diagonal(matrix))
            case .affineWeights:
                factorLines.append("\(lhs) &" + kroneckerBlocks(numbers.activations[layer - 1], identity: rows))
            default:
                factorLines += display.alignLines(lhs, matrix, closedForms: false)
            }
        }
        result["factorValues"] = Self.align(factorLines)
        result["rowValues"] = Self.align(display.alignLines(p.rowLaTeX, n.row, group: rows, closedForms: false))
        let shaped = "\\operatorname{vec}^{-1}_{\(p.shape.latex)}\\left(\\left(\(p.rowLaTeX)\\right)^{\\!\\top}\\right)"
        let oneLine = display.alignLines("\(p.gradientLaTeX) = \(shaped)", n.gradient, closedForms: false)
        result["gradientValues"] = Self.align(oneLine.allSatisfy { LaTeXMatrix.width($0) <= LaTeXMatrix.pageBudget + 8 } ? oneLine
            : ["\(p.gradientLaTeX) &= \(shaped)"] + display.alignLines("", n.gradient, closedForms: false))
        return result
    }

    /// diag(f′(z)) at the values: `= \operatorname{diag}(1, 0)` or `\approx \operatorname{diag}(0.104994, …)`.
    private func diagonal(_ matrix: NumericMatrix<ExactValue>) -> String {
        let entries = (0..<matrix.rows).map { matrix[$0, $0] }
        let relation = entries.allSatisfy { $0.rational != nil } ? "= " : "\\approx "
        let cells = entries.map(display.number)
        let list = cells.joined(separator: ",\\ ")
        if LaTeXMatrix.width(list) <= LaTeXMatrix.pageBudget - 12 {
            return relation + "\\operatorname{diag}\\left(\\,\(list)\\right)"
        }
        // Too long for one line: the diagonal as a row, cut into blocks.
        let row = ValueDisplay.latex(NumericMatrix(rows: 1, columns: cells.count, values: cells), budget: LaTeXMatrix.pageBudget - 30)
        return relation + "\\operatorname{diag}\\left(\(row)^{\\top}\\right)"
    }

    /// x_lᵀ ⊗ I_n at the values, in block form: `= [0 I_2, 1 I_2, 2 I_2]`.
    private func kroneckerBlocks(_ input: NumericMatrix<ExactValue>, identity n: Int) -> String {
        let exact = input.isRational
        let blocks = input.values.map { value -> String in
            let identity = "I_{\(n)}"
            guard let rational = value.rational else { return "\(display.decimal(value.decimal))\\, \(identity)" }
            if rational == .one { return identity }
            if rational == -1 { return "-\(identity)" }
            return "\(rational.latex(.fraction))\\, \(identity)"
        }
        let cells = NumericMatrix(rows: 1, columns: blocks.count, values: blocks)
        return (exact ? "= " : "\\approx ") + ValueDisplay.latex(cells)
    }
}
