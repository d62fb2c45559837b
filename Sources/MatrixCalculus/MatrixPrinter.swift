import Exact

/// Prints matrix expressions in LaTeX (for the handout) or plain text (for messages and
/// tests): one visitor, the notation as data in `Notation`.
///
/// Precedence, loosest first: sums and leading signs, then ⊗ and ⊙, then juxtaposed
/// products, then postfix ᵀ, then atoms. A product shows its scalar factors once, in front:
/// `-(t - x_3)^\top W_2`. Kronecker and Hadamard products inside a product are
/// parenthesized: `g (x_1^\top \otimes I_2)`.
public struct MatrixPrinter: Sendable {
    /// The output language.
    public enum Notation: Sendable {
        /// LaTeX math mode, for the handout.
        case latex
        /// Plain Unicode text, for terminals and tests.
        case plain
    }

    /// The language it prints.
    public let notation: Notation

    /// A printer for `notation`.
    public init(_ notation: Notation) { self.notation = notation }

    /// The printed expression.
    public func string(_ e: MatrixExpression) -> String { render(e).text }

    /// The expression as a factor of a product written out one factor at a time:
    /// parenthesized where juxtaposition would bind it wrongly (`(x_1^\top \otimes I_2)`),
    /// except that the first factor may keep a leading sign.
    public func factorString(_ e: MatrixExpression, first: Bool) -> String {
        first ? render(e).text : operand(e, at: .product)
    }

    private enum Level: Int, Comparable {
        case sum = 1, kronecker, product, postfix, atom
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    private struct Piece {
        let text: String
        let level: Level
    }

    private var latex: Bool { notation == .latex }

    private func operand(_ e: MatrixExpression, at level: Level) -> String {
        let piece = render(e)
        return piece.level < level ? parenthesize(piece.text) : piece.text
    }

    private func parenthesize(_ text: String) -> String { latex ? "\\left(\(text)\\right)" : "(\(text))" }

    private func call(_ name: String, _ argument: MatrixExpression) -> String {
        let inner = render(argument).text
        return latex ? "\(name)\\left(\(inner)\\right)" : "\(name)(\(inner))"
    }

    private func render(_ e: MatrixExpression) -> Piece {
        switch e.node {
        case let .symbol(symbol):
            return Piece(text: latex ? symbol.latex : symbol.name, level: .atom)
        case .identity:
            return Piece(text: latex ? "I_{\(e.shape.rows)}" : "I\(e.shape.rows)", level: .atom)
        case .ones:
            return Piece(text: latex ? "\\mathbf{1}_{\(e.shape.rows)}" : "1_\(e.shape.rows)", level: .atom)
        case .product:
            return product(e)
        case let .scaled(c, inner):
            return scaled(c, operand(inner, at: .product))
        case let .sum(a, b):
            return Piece(text: operand(a, at: .sum) + " + " + operand(b, at: .kronecker), level: .sum)
        case let .difference(a, b):
            return Piece(text: operand(a, at: .sum) + " - " + operand(b, at: .kronecker), level: .sum)
        case let .hadamard(a, b):
            return Piece(text: operand(a, at: .kronecker) + (latex ? " \\odot " : " ⊙ ") + operand(b, at: .product), level: .kronecker)
        case let .kronecker(a, b):
            return Piece(text: operand(a, at: .kronecker) + (latex ? " \\otimes " : " ⊗ ") + operand(b, at: .product), level: .kronecker)
        case let .transpose(inner):
            return Piece(text: operand(inner, at: .atom) + (latex ? "^\\top" : "ᵀ"), level: .postfix)
        case let .diag(v):
            return Piece(text: call(latex ? "\\operatorname{diag}" : "diag", v), level: .atom)
        case let .vec(a):
            return Piece(text: call(latex ? "\\operatorname{vec}" : "vec", a), level: .atom)
        case let .elementwise(.identity, a):
            return render(a)
        case let .elementwise(f, a):
            return Piece(text: call(latex ? f.latexName : f.plainName, a), level: .atom)
        case let .derivative(f, a):
            return Piece(text: call(latex ? f.latexName + "'" : f.plainName + "′", a), level: .atom)
        case let .softmax(v):
            return Piece(text: call(latex ? "\\operatorname{softmax}" : "softmax", v), level: .atom)
        case let .loss(loss, output, target):
            return lossPiece(loss, output, target)
        }
    }

    /// The factors of a product, flattened, with their scalar coefficients pulled in front.
    private func product(_ e: MatrixExpression) -> Piece {
        var coefficient = Rational.one
        var factors: [MatrixExpression] = []
        func collect(_ e: MatrixExpression) {
            switch e.node {
            case let .product(a, b):
                collect(a)
                collect(b)
            case let .scaled(c, inner):
                coefficient = coefficient * c
                collect(inner)
            default:
                factors.append(e)
            }
        }
        collect(e)
        let body = factors.map { operand($0, at: .product) }.joined(separator: latex ? " " : " ")
        return coefficient == .one ? Piece(text: body, level: .product) : scaled(coefficient, body)
    }

    private func scaled(_ c: Rational, _ body: String) -> Piece {
        if c == -1 { return Piece(text: "-" + body, level: .sum) }
        let magnitude = latex ? c.magnitude.latex(.fraction) : c.magnitude.description
        let sign = c.signum < 0 ? "-" : ""
        return Piece(text: sign + magnitude + " " + body, level: c.signum < 0 ? .sum : .product)
    }

    private func lossPiece(_ loss: LossFunction, _ y: MatrixExpression, _ t: MatrixExpression) -> Piece {
        let difference = operand(t, at: .sum) + " - " + operand(y, at: .kronecker)
        switch (loss, latex) {
        case (.halfSumSquares, true):
            return Piece(text: "\\tfrac{1}{2}\\left\\lVert \(difference)\\right\\rVert^2", level: .product)
        case (.halfSumSquares, false):
            return Piece(text: "½‖\(difference)‖²", level: .product)
        case (.meanSquaredError, true):
            return Piece(text: "\\tfrac{1}{\(y.shape.rows)}\\left\\lVert \(difference)\\right\\rVert^2", level: .product)
        case (.meanSquaredError, false):
            return Piece(text: "(1/\(y.shape.rows))‖\(difference)‖²", level: .product)
        case (.softmaxCrossEntropy, true):
            return Piece(text: "-\(operand(t, at: .atom))^\\top \\log \\operatorname{softmax}\\left(\(render(y).text)\\right)", level: .sum)
        case (.softmaxCrossEntropy, false):
            return Piece(text: "-\(operand(t, at: .atom))ᵀ log softmax(\(render(y).text))", level: .sum)
        }
    }
}
