import Exact

/// Plain text for messages and tests: `2*x^2 + relu(W1_0_0*x_0) - 1/2`.
public struct PlainStyle: PrintStyle {
    /// The plain style; it has no options.
    public init() {}

    /// `29/2`; a fraction binds as a product.
    public func constant(_ value: Rational) -> Rendered {
        Rendered(value.description, value.isInteger ? .atom : .product)
    }

    /// The plain name: `W1_0_0`.
    public func symbol(_ symbol: Symbol) -> String { symbol.name }

    /// `relu(x)`, `leakyRelu(x, 1/10)`.
    public func call(_ function: Function, _ argument: String) -> Rendered {
        if case let .leakyRelu(slope) = function { return Rendered("leakyRelu(\(argument), \(slope))", .atom) }
        return Rendered("\(function.name)(\(argument))", .atom)
    }

    /// `(text)`.
    public func parenthesize(_ text: String) -> String { "(\(text))" }
    /// `*`, as in `2*x`.
    public var times: String { "*" }
    /// `x^2`.
    public func power(_ base: String, _ exponent: Int) -> Rendered { Rendered("\(base)^\(exponent)", .power) }

    /// `a/b`, the denominator parenthesized unless it is a power or an atom.
    public func quotient(_ numerator: Rendered, _ denominator: Rendered) -> Rendered {
        // A sum above the line needs its parentheses: (a + b)/c, not a + b/c.
        let top = numerator.precedence < .product ? parenthesize(numerator.text) : numerator.text
        let bottom = denominator.precedence < .power ? parenthesize(denominator.text) : denominator.text
        return Rendered("\(top)/\(bottom)", .product)
    }
}

/// LaTeX math for handouts: `\frac{1}{2}`, `W^{(1)}_{0,0} x_{0}`, `\sigma\left(z\right)`.
public struct LaTeXStyle: PrintStyle {
    /// The LaTeX style; it has no options.
    public init() {}

    /// `\frac{29}{2}`.
    public func constant(_ value: Rational) -> Rendered { Rendered(value.latex(.fraction), .atom) }
    /// The symbol's LaTeX: `W^{(1)}_{1,1}`.
    public func symbol(_ symbol: Symbol) -> String { symbol.latex }

    /// `\sigma\left(z\right)`, `e^{z}`, `\left|z\right|`, …
    public func call(_ function: Function, _ argument: String) -> Rendered {
        let bracketed = "\\left(\(argument)\\right)"
        switch function {
        case .exp: return Rendered("e^{\(argument)}", .power)
        case .log: return Rendered("\\log" + bracketed, .atom)
        case .relu: return Rendered("\\operatorname{relu}" + bracketed, .atom)
        case .step: return Rendered("\\operatorname{step}" + bracketed, .atom)
        case let .leakyRelu(slope): return Rendered("\\operatorname{lrelu}_{\(slope.latex(.inline))}" + bracketed, .atom)
        case .sigmoid: return Rendered("\\sigma" + bracketed, .atom)
        case .tanh: return Rendered("\\tanh" + bracketed, .atom)
        case .softplus: return Rendered("\\operatorname{softplus}" + bracketed, .atom)
        case .abs: return Rendered("\\left|\(argument)\\right|", .atom)
        }
    }

    /// `\left(text\right)`, brackets that grow with their content.
    public func parenthesize(_ text: String) -> String { "\\left(\(text)\\right)" }
    /// A space: in LaTeX, juxtaposition is multiplication.
    public var times: String { " " }
    /// `x^{2}`.
    public func power(_ base: String, _ exponent: Int) -> Rendered { Rendered("\(base)^{\(exponent)}", .power) }

    /// `\frac{a}{b}`, which needs no parentheses.
    public func quotient(_ numerator: Rendered, _ denominator: Rendered) -> Rendered {
        Rendered("\\frac{\(numerator.text)}{\(denominator.text)}", .atom)
    }
}

/// Swift expressions for generated code, over `Double` or the exact `Rational`. The
/// functions (`relu`, `step`, `sigmoid`, `pow`, …) are helpers of the generated runtime, inside
/// its `Gradgen` namespace so that they never meet a name of the user's.
public struct SwiftStyle: PrintStyle {
    /// How constants are written: `Double` literals, exact `Rational`s, or a generic scalar.
    public let scalar: SwiftScalarStyle

    /// Swift code whose constants are written in `scalar`'s way.
    public init(scalar: SwiftScalarStyle) { self.scalar = scalar }

    /// A literal or constructor call of the scalar type: `14.5`, `Rational(29, 2)`.
    public func constant(_ value: Rational) -> Rendered { Rendered(value.swiftExpression(scalar), .atom) }
    /// The generated variable's name: `W1_0_0`.
    public func symbol(_ symbol: Symbol) -> String { symbol.name }

    /// A call of the runtime's function: `Gradgen.relu(x)`, `Gradgen.leakyRelu(x, slope: 0.1)`.
    public func call(_ function: Function, _ argument: String) -> Rendered {
        if case let .leakyRelu(slope) = function {
            return Rendered("Gradgen.leakyRelu(\(argument), slope: \(slope.swiftExpression(scalar)))", .atom)
        }
        return Rendered("Gradgen.\(function.name)(\(argument))", .atom)
    }

    /// `(text)`.
    public func parenthesize(_ text: String) -> String { "(\(text))" }
    /// ` * `.
    public var times: String { " * " }
    /// `Gradgen.pow(x, 2)`, the runtime's integer power.
    public func power(_ base: String, _ exponent: Int) -> Rendered { Rendered("Gradgen.pow(\(base), \(exponent))", .atom) }

    /// `a / b`, the denominator parenthesized unless it is an atom.
    public func quotient(_ numerator: Rendered, _ denominator: Rendered) -> Rendered {
        // A sum above the line needs its parentheses: (a + b) / c, not a + b / c.
        let top = numerator.precedence < .product ? parenthesize(numerator.text) : numerator.text
        let bottom = denominator.precedence < .atom ? parenthesize(denominator.text) : denominator.text
        return Rendered("\(top) / \(bottom)", .product)
    }
}

/// Prints plain text, for messages and tests.
public typealias PlainPrinter = ExpressionPrinter<PlainStyle>
/// Prints LaTeX math, for handouts.
public typealias LaTeXPrinter = ExpressionPrinter<LaTeXStyle>
/// Prints Swift expressions, for generated code.
public typealias SwiftPrinter = ExpressionPrinter<SwiftStyle>

extension ExpressionPrinter where Style == PlainStyle {
    /// A plain-text printer of `arena`'s expressions.
    public init(arena: ExpressionArena, names: [ExpressionID: String] = [:]) {
        self.init(arena: arena, style: PlainStyle(), names: names)
    }
}

extension ExpressionPrinter where Style == LaTeXStyle {
    /// A LaTeX printer of `arena`'s expressions.
    public init(arena: ExpressionArena, names: [ExpressionID: String] = [:]) {
        self.init(arena: arena, style: LaTeXStyle(), names: names)
    }
}
