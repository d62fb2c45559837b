import Foundation

/// The verdict of an `OracleCheck` in words, the same for the terminal and the handout.
extension OracleCheck {
    /// How the sentence is set.
    public enum Style: Sendable {
        /// Plain text for the terminal.
        case plain
        /// LaTeX text for the handout's check section.
        case latex
    }

    /// One sentence that states the verdict and exactly the comparison behind it: exact
    /// equality for the Rational autodiff; for the Double autodiff, each value's distance
    /// from the exact value against the rounding-error bound computed beside it. The
    /// handout's check section prints it.
    public func verdictSentence(_ style: Style) -> String {
        let bold: (String) -> String = style == .latex ? { "\\textbf{\($0)}" } : { $0.uppercased() }
        let skipped = skippedClause
        if exactAgreement == false {
            return bold("The autodiff disagrees with the derivation") + ": in exact rational arithmetic its values differ."
        }
        if !double.passed {
            let worst = double.groups.filter { !$0.passed }.map { "\($0.beyond) of \($0.count) in \($0.name)" }.joined(separator: ", ")
            return bold("The autodiff disagrees with the derivation")
                + ": \(worst) lie beyond the rounding-error bound of the Double computation (up to \(Self.number(double.largestFraction, style)) times the bound)\(skipped)."
        }
        if let precise = highPrecision, !precise.passed {
            let groups = precise.groups.filter { !$0.passed }
            if precise.disagrees {
                let places = groups.filter { $0.beyond > 0 }.map { "\($0.beyond) of \($0.count) in \($0.name)" }.joined(separator: ", ")
                return bold("The derivation's decimals disagree with the high-precision autodiff")
                    + ": \(places) are not correctly rounded to \(precise.digits) significant digits."
            }
            let places = groups.map { "\($0.unresolved) of \($0.count) in \($0.name)" }.joined(separator: ", ")
            return bold("The high-precision autodiff could not confirm")
                + " \(places) to \(precise.digits) significant digits at \(precise.bits) bits."
        }
        let prefix = exactAgreement == true
            ? "The loss and all \(double.count - 1) gradient entries are identical to the derivation's, exactly; in Double, each"
            : "Each"
        let precise = highPrecision.map { check in
            let decimals = check.count == 1 ? "the 1 decimal" : "all \(check.count) decimals"
            return "; the high-precision autodiff (\(check.bits) bits) agrees with \(decimals) to \(check.digits) significant digits"
        } ?? ""
        if double.compared == 0 {
            return "No value could be compared in Double\(skipped)\(precise)."
        }
        return "\(prefix) of the \(double.compared) values lies within the rounding-error bound computed beside it"
            + " (largest error \(Self.number(double.largestFraction, style)) of its bound)\(skipped)\(precise)."
    }

    /// "; 2 values overflow Double and were not compared", or nothing.
    private var skippedClause: String {
        var parts: [String] = []
        if double.overflows > 0 {
            parts.append(double.overflows == 1 ? "1 value overflows Double" : "\(double.overflows) values overflow Double")
        }
        if double.unbounded > 0 {
            parts.append(double.unbounded == 1 ? "1 value has no finite bound in Double" : "\(double.unbounded) values have no finite bound in Double")
        }
        let were = double.overflows + double.unbounded == 1 ? "was" : "were"
        return parts.isEmpty ? "" : "; " + parts.joined(separator: " and ") + " and \(were) not compared"
    }

    /// Two significant digits, as C's %.2g: 0.031, 1.2, 3.4e-05 (LaTeX: $3.4 \times 10^{-5}$).
    static func number(_ value: Double, _ style: Style) -> String {
        if !value.isFinite { return style == .latex ? "$\\infty$" : "infinite" }
        let text = String(format: "%.2g", value)
        guard style == .latex, let e = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: e)...]) else { return text }
        return "$\(text[..<e]) \\times 10^{\(exponent)}$"
    }
}
