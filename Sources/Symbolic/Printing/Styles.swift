import Exact

/// Plain text for messages and tests: `2*x^2 + relu(W1_0_0*x_0) - 1/2`.
public struct PlainStyle: PrintStyle {
    public init() {}

    public func constant(_ value: Rational) -> Rendered {
        Rendered(value.description, value.isInteger ? .atom : .product)
    }

    public func symbol(_ symbol: Symbol) -> String { symbol.name }

    public func call(_ function: Function, _ argument: String) -> Rendered {
        if case let .leakyRelu(slope) = function { return Rendered("leakyRelu(\(argument), \(slope))", .atom) }
        return Rendered("\(function.name)(\(argument))", .atom)
    }

    public func parenthesize(_ text: String) -> String { "(\(text))" }
    public var times: String { "*" }
    public func power(_ base: String, _ exponent: Int) -> Rendered { Rendered("\(base)^\(exponent)", .power) }

    public func quotient(_ numerator: Rendered, _ denominator: Rendered) -> Rendered {
        // A sum above the line needs its parentheses: (a + b)/c, not a + b/c.
        let top = numerator.precedence < .product ? parenthesize(numerator.text) : numerator.text
        let bottom = denominator.precedence < .power ? parenthesize(denominator.text) : denominator.text
        return Rendered("\(top)/\(bottom)", .product)
    }
}

/// LaTeX math for handouts: `\frac{1}{2}`, `W^{(1)}_{0,0} x_{0}`, `\sigma\left(z\right)`.
public struct LaTeXStyle: PrintStyle {
    public init() {}

    public func constant(_ value: Rational) -> Rendered { Rendered(value.latex(.fraction), .atom) }
    public func symbol(_ symbol: Symbol) -> String { symbol.latex }

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

    public func parenthesize(_ text: String) -> String { "\\left(\(text)\\right)" }
    public var times: String { " " }
    public func power(_ base: String, _ exponent: Int) -> Rendered { Rendered("\(base)^{\(exponent)}", .power) }

    public func quotient(_ numerator: Rendered, _ denominator: Rendered) -> Rendered {
        Rendered("\\frac{\(numerator.text)}{\(denominator.text)}", .atom)
    }
}

/// Swift expressions for generated code, over `Double` or the exact `Rational`. The
/// functions (`relu`, `step`, `sigmoid`, `pow`, …) are helpers of the generated runtime, inside
/// its `Gradgen` namespace so that they never meet a name of the user's.
public struct SwiftStyle: PrintStyle {
    public let scalar: SwiftScalarStyle

    public init(scalar: SwiftScalarStyle) { self.scalar = scalar }

    public func constant(_ value: Rational) -> Rendered { Rendered(value.swiftExpression(scalar), .atom) }
    public func symbol(_ symbol: Symbol) -> String { symbol.name }

    public func call(_ function: Function, _ argument: String) -> Rendered {
        if case let .leakyRelu(slope) = function {
            return Rendered("Gradgen.leakyRelu(\(argument), slope: \(slope.swiftExpression(scalar)))", .atom)
        }
        return Rendered("Gradgen.\(function.name)(\(argument))", .atom)
    }

    public func parenthesize(_ text: String) -> String { "(\(text))" }
    public var times: String { " * " }
    public func power(_ base: String, _ exponent: Int) -> Rendered { Rendered("Gradgen.pow(\(base), \(exponent))", .atom) }

    public func quotient(_ numerator: Rendered, _ denominator: Rendered) -> Rendered {
        // A sum above the line needs its parentheses: (a + b) / c, not a + b / c.
        let top = numerator.precedence < .product ? parenthesize(numerator.text) : numerator.text
        let bottom = denominator.precedence < .atom ? parenthesize(denominator.text) : denominator.text
        return Rendered("\(top) / \(bottom)", .product)
    }
}

public typealias PlainPrinter = ExpressionPrinter<PlainStyle>
public typealias LaTeXPrinter = ExpressionPrinter<LaTeXStyle>
public typealias SwiftPrinter = ExpressionPrinter<SwiftStyle>

extension ExpressionPrinter where Style == PlainStyle {
    public init(arena: ExpressionArena, names: [ExpressionID: String] = [:]) {
        self.init(arena: arena, style: PlainStyle(), names: names)
    }
}

extension ExpressionPrinter where Style == LaTeXStyle {
    public init(arena: ExpressionArena, names: [ExpressionID: String] = [:]) {
        self.init(arena: arena, style: LaTeXStyle(), names: names)
    }
}
