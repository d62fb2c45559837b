import Exact

/// How tightly a printed form binds; a child is parenthesized when it binds less
/// tightly than its position needs. The table is data, shared by every style.
public enum Precedence: Int, Comparable, Sendable {
    /// `a + b`, and a leading minus sign.
    case sum = 1
    /// `a · b`, `a / b`.
    case product = 2
    /// `a^n`.
    case power = 3
    /// Names, numbers, calls, anything already bracketed.
    case atom = 4

    /// Looser binds less: `sum < product < power < atom`.
    public static func < (lhs: Precedence, rhs: Precedence) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A printed piece and how tightly it binds.
public struct Rendered: Sendable {
    /// The printed text.
    public let text: String
    /// How tightly it binds, to decide parentheses around it.
    public let precedence: Precedence

    /// A piece `text` that binds as `precedence`.
    public init(_ text: String, _ precedence: Precedence) {
        self.text = text
        self.precedence = precedence
    }
}

/// What differs between output languages; the structure (signs, order, fractions,
/// parentheses) is shared in `ExpressionPrinter`.
public protocol PrintStyle {
    /// A non-negative constant.
    func constant(_ value: Rational) -> Rendered
    /// A symbol's name in this language.
    func symbol(_ symbol: Symbol) -> String
    /// `function(argument)`; the argument is printed without outer parentheses.
    func call(_ function: Function, _ argument: String) -> Rendered
    /// `text` in parentheses, as this language writes them.
    func parenthesize(_ text: String) -> String
    /// The multiplication operator between two printed factors.
    var times: String { get }
    /// `base^exponent` for exponent ≥ 2; `base` is already parenthesized where needed.
    func power(_ base: String, _ exponent: Int) -> Rendered
    /// `numerator / denominator`, each printed as a product.
    func quotient(_ numerator: Rendered, _ denominator: Rendered) -> Rendered
}

/// Prints expressions of an arena in a style: one visitor, one method per node kind.
///
/// Terms of a sum print products first, then functions, then symbols (each group in
/// canonical order), and the constant last (`W x + b + 1`), or first when the sum would
/// otherwise start with a minus sign (`1 - s`). Nodes listed in `names`
/// print as those names (the variables of a schedule).
public struct ExpressionPrinter<Style: PrintStyle> {
    /// The arena the printed expressions live in.
    public let arena: ExpressionArena
    /// The output language.
    public let style: Style
    /// Names to print instead of these nodes: the variables of a schedule.
    public var names: [ExpressionID: String]

    /// A printer of `arena`'s expressions in `style`, printing the nodes in `names` as those names.
    public init(arena: ExpressionArena, style: Style, names: [ExpressionID: String] = [:]) {
        self.arena = arena
        self.style = style
        self.names = names
    }

    /// The printed expression.
    public func string(_ id: ExpressionID) -> String { render(id).text }

    /// The printed expression with how tightly it binds.
    public func render(_ id: ExpressionID) -> Rendered {
        if let name = names[id] { return Rendered(name, .atom) }
        switch arena[id] {
        case let .constant(value):
            return signed(value.signum < 0, style.constant(value.magnitude))
        case let .symbol(symbol):
            return Rendered(style.symbol(symbol), .atom)
        case let .apply(function, argument):
            return style.call(function, render(argument).text)
        case let .product(coefficient, factors):
            if let (named, factor) = reusedProduct(of: id) {
                var pieces = [Rendered(names[named]!, .atom), render(factor.base)]
                // The named product carries the coefficient, or it is left to print here.
                if case let .product(k, _) = arena[named], k == coefficient { return joined(pieces) }
                if coefficient.magnitude != .one { pieces.insert(style.constant(coefficient.magnitude), at: 0) }
                return signed(coefficient.signum < 0, joined(pieces))
            }
            return signed(coefficient.signum < 0, product(coefficient.magnitude, factors))
        case let .sum(constant, terms):
            return sum(constant, terms)
        }
    }

    /// Wraps `body` in `position`'s parentheses when it binds less tightly.
    func operand(_ body: Rendered, at position: Precedence) -> String {
        body.precedence < position ? style.parenthesize(body.text) : body.text
    }

    private func signed(_ negative: Bool, _ body: Rendered) -> Rendered {
        negative ? Rendered("-" + operand(body, at: .product), .sum) : body
    }

    private func sum(_ constant: Rational, _ terms: [Term]) -> Rendered {
        let ordered = terms.enumerated().sorted { a, b in
            let (p, q) = (printGroup(a.element.expression), printGroup(b.element.expression))
            return p != q ? p < q : a.offset < b.offset
        }.map(\.element)
        var pieces: [(negative: Bool, body: Rendered)] = ordered.map { term in
            let magnitude = term.coefficient.magnitude
            let body: Rendered
            if magnitude == .one {
                body = render(term.expression)
            } else {
                body = product(magnitude, [Factor(base: term.expression, exponent: 1)])
            }
            return (term.coefficient.signum < 0, body)
        }
        if !constant.isZero {
            // A positive constant leads a sum that would otherwise start with a minus sign:
            // `1 - s`, not `-s + 1`.
            let piece = (negative: constant.signum < 0, body: style.constant(constant.magnitude))
            if constant.signum > 0, pieces.first?.negative == true { pieces.insert(piece, at: 0) } else { pieces.append(piece) }
        }
        var text = ""
        for (index, piece) in pieces.enumerated() {
            let body = operand(piece.body, at: .product)
            if index == 0 {
                text = (piece.negative ? "-" : "") + body
            } else {
                text += (piece.negative ? " - " : " + ") + body
            }
        }
        return Rendered(text, .sum)
    }

    private func printGroup(_ id: ExpressionID) -> Int {
        switch arena[id] {
        case .product, .sum: 0
        case .apply: 1
        case .symbol, .constant: 2
        }
    }

    /// `coefficient · Π factors` for a non-negative coefficient; negative exponents go
    /// below the fraction line.
    private func product(_ coefficient: Rational, _ factors: [Factor]) -> Rendered {
        var numerator: [Rendered] = []
        var denominator: [Rendered] = []
        if coefficient != .one || factors.isEmpty {
            numerator.append(style.constant(coefficient))
        }
        for factor in factors {
            let piece = power(factor.base, abs(factor.exponent))
            if factor.exponent > 0 { numerator.append(piece) } else { denominator.append(piece) }
        }
        let top = joined(numerator.isEmpty ? [style.constant(.one)] : numerator)
        return denominator.isEmpty ? top : style.quotient(top, joined(denominator))
    }

    /// The named product that the product `id` extends by one factor, if any: `id` then
    /// prints as `name * factor` (`db1_1 * x1_2`, not `s19 * s18 * x1_2`; reverse mode makes
    /// many such products, an adjoint times a local partial). Only a name that comes earlier
    /// in a schedule (a smaller id) is used, so that the printed code is in order; emitters ask
    /// this to know the extra dependency.
    public func reusedProduct(of id: ExpressionID) -> (named: ExpressionID, factor: Factor)? {
        guard !names.isEmpty, case let .product(coefficient, factors) = arena[id], factors.count >= 3 else { return nil }
        for (index, factor) in factors.enumerated() where factor.exponent == 1 {
            var rest = factors
            rest.remove(at: index)
            for k in coefficient == .one ? [Rational.one] : [coefficient, .one] {
                if let named = arena.existing(.product(coefficient: k, factors: rest)), named < id, names[named] != nil {
                    return (named, factor)
                }
            }
        }
        return nil
    }

    private func joined(_ pieces: [Rendered]) -> Rendered {
        if pieces.count == 1 { return pieces[0] }
        return Rendered(pieces.map { operand($0, at: .product) }.joined(separator: style.times), .product)
    }

    private func power(_ base: ExpressionID, _ exponent: Int) -> Rendered {
        let rendered = render(base)
        if exponent == 1 { return rendered }
        return style.power(operand(rendered, at: .atom), exponent)
    }
}
