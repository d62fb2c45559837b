import Foundation
import Exact
import NetworkModel
import Verify

/// The human-readable report of an evaluation: the network, the forward pass, the loss and
/// every gradient in its parameter's shape. Rational values print exactly; other values
/// print as decimals in the matrices, with their exact closed forms listed below.
struct TextReport {
    let spec: NetworkSpec
    let origin: String
    let evaluation: ExactEvaluation

    var text: String {
        var lines = [header, ""]
        lines += ["Forward pass"] + forwardPass + [""]
        lines += ["Loss"] + value("L", evaluation.loss) + [""]
        lines += ["Gradients, each in its parameter's shape (the notebook printed their transposes)"]
        for (parameter, values) in evaluation.gradients {
            lines += gradient(parameter, values)
        }
        return lines.joined(separator: "\n")
    }

    private var header: String {
        let activations = spec.layers.map(\.activation.displayName).joined(separator: ", ")
        return "Network \(spec.sizes.map(String.init).joined(separator: "-")) (\(activations)), loss \(spec.loss.formula) — \(origin)"
    }

    private var forwardPass: [String] {
        var lines: [String] = []
        let input = evaluation.activations[0]
        lines.append("  x1 = \(Self.vector(input))")
        for (index, layer) in spec.layers.enumerated() {
            let l = index + 1
            lines.append("  z\(l) = W\(l) x\(l) + b\(l) = \(Self.vector(evaluation.preActivations[index]))")
            lines.append("  x\(l + 1) = \(layer.activation.displayName)(z\(l)) = \(Self.vector(evaluation.activations[l]))")
        }
        let irrational = (evaluation.preActivations + evaluation.activations).joined().contains { $0.rational == nil }
        if irrational { lines.append("  (values that are not rational are shown as decimals)") }
        return lines
    }

    private func value(_ name: String, _ value: ExactValue) -> [String] {
        if let rational = value.rational {
            let decimal = rational.isInteger ? "" : "   (≈ \(value.decimal))"
            return ["  \(name) = \(rational)\(decimal)"]
        }
        return ["  \(name) = \(value.exact)", "    ≈ \(value.decimal)"]
    }

    private func gradient(_ parameter: Parameter, _ values: [ExactValue]) -> [String] {
        let exact = values.allSatisfy { $0.rational != nil }
        let cells = values.map { $0.rational?.description ?? $0.decimal }
        let name = "∂L/∂\(parameter.name)"
        let relation = exact ? "=" : "≈"
        var lines: [String]
        if parameter.kind == .bias {
            lines = ["  \(name) (\(parameter.rowCount)) \(relation) [\(cells.joined(separator: ", "))]"]
        } else {
            lines = ["  \(name) (\(parameter.rowCount)×\(parameter.columnCount)) \(relation)"]
            lines += MatrixLayout(rows: parameter.rowCount, columns: parameter.columnCount, cells: cells).lines.map { "    " + $0 }
        }
        if !exact {
            for (index, value) in values.enumerated() where value.rational == nil {
                let position = parameter.kind == .bias
                    ? "[\(index + 1)]"
                    : "[\(index / parameter.columnCount + 1),\(index % parameter.columnCount + 1)]"
                lines.append("    exact \(parameter.name)\(position): \(value.exact)")
            }
        }
        return lines
    }

    static func vector(_ values: [ExactValue]) -> String {
        "[" + values.map { $0.rational?.description ?? $0.decimal }.joined(separator: ", ") + "]"
    }

    /// The lines `--check` adds.
    static func check(_ check: OracleCheck) -> [String] {
        var lines = ["Check against the runtime autodiff (\(check.double.count) values: the loss and every gradient entry)"]
        switch check.exactAgreement {
        case true?: lines.append("  Rational autodiff: identical, exactly")
        case false?: lines.append("  Rational autodiff: DIFFERENT")
        case nil: lines.append("  Rational autodiff: not applicable (the network is not rational)")
        }
        lines.append("  Double autodiff: |Double − exact| against the rounding-error bound computed beside each value")
        lines += groupLines(check.double)
        if let precise = check.highPrecision {
            lines.append("  High-precision autodiff (\(precise.bits) bits, its own exp, log and tanh): each decimal to \(precise.digits) significant digits")
            let width = precise.groups.map(\.name.count).max() ?? 0
            for group in precise.groups {
                let name = group.name + String(repeating: " ", count: width - group.name.count)
                var text = "    \(name)  \(group.count) value\(group.count == 1 ? "" : "s"), \(group.agreed) agree"
                if group.beyond > 0 { text += ", \(group.beyond) disagree" }
                if group.unresolved > 0 { text += ", \(group.unresolved) not resolved" }
                lines.append(text + "  " + groupVerdict(passed: group.passed, compared: group.compared))
            }
        }
        lines.append("  " + check.verdictSentence(.plain))
        lines.append(check.verdict)
        return lines
    }
}

/// A group's verdict: FAIL, PASS, or "not compared" when none of its values could be (that is
/// no pass).
func groupVerdict(passed: Bool, compared: Int) -> String {
    !passed ? "FAIL" : compared == 0 ? "not compared" : "PASS"
}

/// One line per group (loss, W1, b1, …): its largest error as a fraction of its bound, what
/// was not compared, and PASS or FAIL.
func groupLines(_ check: ErrorBoundCheck) -> [String] {
    let width = check.groups.map(\.name.count).max() ?? 0
    return check.groups.map { group in
        let name = group.name + String(repeating: " ", count: width - group.name.count)
        var text = "    \(name)  \(group.count) value\(group.count == 1 ? "" : "s")"
        if group.compared > 0 {
            text += ", largest error \(String(format: "%.2g", group.largestFraction)) of its bound"
        }
        if group.beyond > 0 { text += ", \(group.beyond) beyond it" }
        if group.overflows > 0 { text += ", \(group.overflows) overflow\(group.overflows == 1 ? "s" : "") Double (not compared)" }
        if group.unbounded > 0 { text += ", \(group.unbounded) without a finite bound (not compared)" }
        return text + "  " + groupVerdict(passed: group.passed, compared: group.compared)
    }
}

/// Right-aligned columns in brackets, one line per row.
struct MatrixLayout {
    let rows: Int
    let columns: Int
    let cells: [String]

    /// One line per row, each cell right-aligned in its column. Built as bytes, once per line
    /// (a 4096×4096 gradient has 16 million cells); cells are numbers, ASCII, so their UTF-8
    /// length is their width.
    var lines: [String] {
        let lengths = cells.map { $0.utf8.count }
        let widths = (0..<columns).map { j in stride(from: j, to: cells.count, by: columns).map { lengths[$0] }.max() ?? 0 }
        let lineLength = widths.reduce(4, +) + 2 * columns
        let space = UInt8(ascii: " ")
        return (0..<rows).map { i in
            var line: [UInt8] = [UInt8(ascii: "["), space]
            line.reserveCapacity(lineLength)
            for j in 0..<columns {
                let index = i * columns + j
                if j > 0 { line += [space, space] }
                line.append(contentsOf: repeatElement(space, count: widths[j] - lengths[index]))
                line.append(contentsOf: cells[index].utf8)
            }
            line += [space, UInt8(ascii: "]")]
            return String(decoding: line, as: UTF8.self)
        }
    }
}
