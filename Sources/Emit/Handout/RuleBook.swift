import MatrixCalculus

/// The rules one handout cites, numbered R1, R2, … consecutively in the order of
/// `JacobianRule.allCases`: a handout never shows a gap (R1 then R4) for rules it leaves
/// out, such as the losses of other networks.
struct RuleBook {
    /// The rules shown, in order.
    let rules: [JacobianRule]

    init(_ used: Set<JacobianRule>) {
        rules = JacobianRule.allCases.filter { used.contains($0) }
    }

    /// `R3`, or the rule's own label when this book does not show it.
    func label(_ rule: JacobianRule) -> String {
        rules.firstIndex(of: rule).map { "R\($0 + 1)" } ?? rule.label
    }

    /// `(R3)` in text mode inside math: `\text{(R3)}`.
    func cite(_ rule: JacobianRule) -> String { "\\text{(\(label(rule)))}" }

    /// The table rows for the template.
    var table: [[String: Any]] {
        rules.map { ["label": label($0), "title": $0.title, "formula": $0.latex, "explanation": $0.explanation] }
    }
}
