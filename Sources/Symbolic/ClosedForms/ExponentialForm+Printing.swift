import Exact

// Printing closed forms: descending powers of e, integer coefficients, the denominator as
// the product of the factors that arose. Everything follows arrays in a fixed order, so
// the text is the same in every process.

extension ExponentialForm: CustomStringConvertible {
    /// Plain text: `(10e^4 + 6e^2 + 1)/(2(e^2 + 1)^2)`, `-(e^2 - 1)/(e^2 + 1)`, `e^(1/2)`.
    public var description: String { presentation.text(ExponentialNotation.plain) }

    /// LaTeX math: `\frac{10 e^{4} + 6 e^{2} + 1}{2 \left(e^{2} + 1\right)^{2}}`.
    public var latex: String { presentation.text(ExponentialNotation.latex) }
}

/// What differs between plain text and LaTeX; the layout is shared in
/// `ExponentialPresentation.text(_:)`.
enum ExponentialNotation {
    case plain, latex

    /// e^r for r > 0: `e`, `e^2`/`e^{2}`, `e^(1/2)`/`e^{1/2}`.
    func power(of r: Rational) -> String {
        if r == .one { return "e" }
        switch self {
        case .plain: return r.isInteger ? "e^\(r)" : "e^(\(r))"
        case .latex: return "e^{\(r.latex(.inline))}"
        }
    }

    /// A positive integer coefficient times e^r (r ≥ 0): `10e^4`/`10 e^{4}`, `e`, `3`.
    func term(_ coefficient: Rational, _ r: Rational) -> String {
        if r.isZero { return coefficient.description }
        let power = power(of: r)
        if coefficient == .one { return power }
        return self == .plain ? "\(coefficient)\(power)" : "\(coefficient) \(power)"
    }

    func group(_ text: String) -> String { self == .plain ? "(\(text))" : "\\left(\(text)\\right)" }

    func superscript(_ n: Int) -> String { self == .plain ? "^\(n)" : "^{\(n)}" }

    /// Factors of a product, juxtaposed: `2(e^2 + 1)^2`, `2 \left(e^{2} + 1\right)^{2}`.
    var juxtaposition: String { self == .plain ? "" : " " }
}

extension ExponentialPresentation {
    /// The printed form in `notation`.
    func text(_ notation: ExponentialNotation) -> String {
        let sign = isNegative ? "-" : ""
        guard hasDenominator else {
            // An integer combination of powers of e: signs between the terms, -e^2 + 1.
            if numeratorConstant == .one { return polynomial(isNegative ? -numerator : numerator, notation).text }
            return sign + numeratorText(notation).text
        }
        let top = numeratorText(notation)
        let bottom = denominatorFactors(notation)
        switch notation {
        case .latex:
            // A lone sum needs no brackets under a fraction line: \frac{1}{e^{2} + 1}.
            let denominatorText = loneSum.map { polynomial($0, notation).text } ?? bottom.joined(separator: " ")
            return "\(sign)\\frac{\(top.text)}{\(denominatorText)}"
        case .plain:
            let numeratorText = top.isSum ? notation.group(top.text) : top.text
            let denominatorText = bottom.count > 1 ? notation.group(bottom.joined()) : bottom.joined()
            return "\(sign)\(numeratorText)/\(denominatorText)"
        }
    }

    /// n·N(u) without the sign: one term with n in its coefficient (`3e^2`), a sum
    /// (`e^2 + 1`, flagged so that plain text brackets it over a fraction line), or n times
    /// a bracketed sum (`3(e^2 + 1)`).
    private func numeratorText(_ notation: ExponentialNotation) -> (text: String, isSum: Bool) {
        let sum = polynomial(numerator, notation)
        if sum.terms == 1 { return (polynomial(numerator.scaled(by: numeratorConstant), notation).text, false) }
        if numeratorConstant == .one { return (sum.text, true) }
        return (numeratorConstant.description + notation.juxtaposition + notation.group(sum.text), false)
    }

    /// The denominator when it is a single sum to the first power, else nil.
    private var loneSum: Polynomial? {
        guard denominatorConstant == .one, denominatorPower == 0 else { return nil }
        if binomials.isEmpty { return denominatorRest == .one ? nil : denominatorRest }
        guard binomials.count == 1, binomials[0].multiplicity == 1, denominatorRest == .one else { return nil }
        return Polynomial.monomial(.one, degree: binomials[0].exponent) + .one
    }

    /// p(u) in descending powers with signs between terms, and its number of terms.
    private func polynomial(_ p: Polynomial, _ notation: ExponentialNotation) -> (text: String, terms: Int) {
        if p.isZero { return ("0", 1) }
        var text = ""
        var terms = 0
        for power in stride(from: p.degree, through: 0, by: -1) where !p[power].isZero {
            let coefficient = p[power]
            let negative = coefficient.signum < 0
            text += terms == 0 ? (negative ? "-" : "") : (negative ? " - " : " + ")
            text += notation.term(coefficient.magnitude, Rational(power, root))
            terms += 1
        }
        return (text, terms)
    }

    /// The printed factors of the denominator, in order: constant, power of e, u^k + 1
    /// factors by ascending k, whatever is left.
    private func denominatorFactors(_ notation: ExponentialNotation) -> [String] {
        var factors: [String] = []
        if denominatorConstant != .one { factors.append(denominatorConstant.description) }
        if denominatorPower > 0 { factors.append(notation.power(of: Rational(denominatorPower, root))) }
        for binomial in binomials {
            let base = notation.group(polynomial(Polynomial.monomial(.one, degree: binomial.exponent) + .one, notation).text)
            factors.append(binomial.multiplicity == 1 ? base : base + notation.superscript(binomial.multiplicity))
        }
        if denominatorRest != .one { factors.append(notation.group(polynomial(denominatorRest, notation).text)) }
        return factors
    }
}
