import Testing
import Exact
@testable import Symbolic

@Suite("Printers")
struct PrinterTests {
    let arena = ExpressionArena()

    @Test func symbolLaTeX() {
        #expect(Symbol("W1_2_3").latex == "W^{(1)}_{2,3}")
        #expect(Symbol("b2_0").latex == "b^{(2)}_{0}")
        #expect(Symbol("x_1").latex == "x_{1}")
        #expect(Symbol("t").latex == "t")
        #expect(Symbol("loss_").latex == "loss\\_")
        #expect(Symbol("z", latex: "\\zeta").latex == "\\zeta")
    }

    @Test func signsAndParentheses() {
        let x = arena.symbol("x")
        let y = arena.symbol("y")
        let e = arena.sum(constant: Rational(-1, 2), terms: [(arena.multiply(x, y), -2), (x, 1)])
        #expect(PlainPrinter(arena: arena).string(e) == "-2*x*y + x - 1/2")
        #expect(LaTeXPrinter(arena: arena).string(e) == "-2 x y + x - \\frac{1}{2}")
        #expect(SwiftPrinter(arena: arena, style: SwiftStyle(scalar: .double)).string(e) == "-2.0 * x * y + x - 0.5")
        #expect(SwiftPrinter(arena: arena, style: SwiftStyle(scalar: .rational)).string(e) == "-Rational(2) * x * y + x - Rational(1, 2)")
    }

    @Test func fractionsAndPowers() {
        let x = arena.symbol("x")
        let y = arena.symbol("y")
        let e = arena.product(coefficient: Rational(3, 2), factors: [(arena.add(x, y), 2), (y, -1)])
        #expect(PlainPrinter(arena: arena).string(e) == "3/2*(x + y)^2/y")
        #expect(LaTeXPrinter(arena: arena).string(e) == "\\frac{\\frac{3}{2} \\left(x + y\\right)^{2}}{y}")
        #expect(SwiftPrinter(arena: arena, style: SwiftStyle(scalar: .double)).string(e) == "1.5 * Gradgen.pow((x + y), 2) / y")
        let inverse = arena.power(arena.multiply(x, y), -1)
        #expect(PlainPrinter(arena: arena).string(inverse) == "1/(x*y)")
    }

    @Test func functions() {
        let x = arena.symbol("W1_0_0")
        let s = arena.apply(.sigmoid, x)
        let derivative = arena.derivative(of: .sigmoid, at: x)
        #expect(PlainPrinter(arena: arena).string(derivative) == "sigmoid(W1_0_0)*(1 - sigmoid(W1_0_0))")
        #expect(LaTeXPrinter(arena: arena).string(s) == "\\sigma\\left(W^{(1)}_{0,0}\\right)")
        #expect(LaTeXPrinter(arena: arena).string(arena.apply(.exp, arena.negate(x))) == "e^{-W^{(1)}_{0,0}}")
        #expect(PlainPrinter(arena: arena).string(arena.apply(.leakyRelu(slope: Rational(1, 100)), x)) == "leakyRelu(W1_0_0, 1/100)")
        #expect(SwiftPrinter(arena: arena, style: SwiftStyle(scalar: .double)).string(arena.apply(.leakyRelu(slope: Rational(1, 100)), x))
            == "Gradgen.leakyRelu(W1_0_0, slope: 0.01)")
    }

    @Test func sumPrintsProductsThenFunctionsThenSymbolsThenConstant() {
        let w = arena.symbol("W1_0_0")
        let x = arena.symbol("x_0")
        let b = arena.symbol("b1_0")
        let e = arena.sum(constant: 1, terms: [(b, 1), (arena.apply(.relu, x), 1), (arena.multiply(w, x), 1)])
        #expect(PlainPrinter(arena: arena).string(e) == "W1_0_0*x_0 + relu(x_0) + b1_0 + 1")
    }

    /// A sum over a denominator keeps its parentheses in code and text (loop code prints
    /// expressions that are read once inline, so a numerator can be a sum).
    @Test func sumAboveTheLineIsParenthesized() {
        let x = arena.symbol("x")
        let y = arena.symbol("y")
        let e = arena.divide(arena.add(x, arena.one), y)
        #expect(PlainPrinter(arena: arena).string(e) == "(x + 1)/y")
        #expect(SwiftPrinter(arena: arena, style: SwiftStyle(scalar: .double)).string(e) == "(x + 1.0) / y")
        #expect(LaTeXPrinter(arena: arena).string(e) == "\\frac{x + 1}{y}")
    }
}
