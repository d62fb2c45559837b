import Exact
import MatrixCalculus
import Symbolic
import Testing

/// Everything about an activation follows from its one definition in the rule table.
@Suite("The activation rule table")
struct RuleTableTests {
    static let all: [ElementwiseFunction] = [.identity, .relu, .leakyReLU(slope: Rational(1, 10)), .sigmoid, .tanh, .softplus,
                                             .silu, .elu(alpha: Rational(1, 2)), .softsign]

    /// f′(0) from Symbolic's rules: the left-hand value at each kink, as PyTorch.
    @Test func kinkValuesAtZero() {
        let arena = ExpressionArena()
        func atZero(_ f: ElementwiseFunction) -> Rational? { arena.constantValue(f.derivative(arena.zero, in: arena)) }
        #expect(atZero(.relu) == 0)
        #expect(atZero(.leakyReLU(slope: Rational(1, 10))) == Rational(1, 10))
        #expect(atZero(.elu(alpha: Rational(1, 2))) == Rational(1, 2))
        #expect(atZero(.elu(alpha: 2)) == 2)
        #expect(atZero(.softsign) == 1)
        #expect(atZero(.silu) == Rational(1, 2))
        #expect(atZero(.identity) == 1)
    }

    /// f′ agrees with a central difference of f at points away from 0, for every activation.
    @Test(arguments: all)
    func derivativeMatchesDifferenceQuotient(f: ElementwiseFunction) throws {
        let arena = ExpressionArena()
        let z = arena.symbol("z")
        for point in [-2.5, -0.75, 0.5, 3.25] {
            let h = 1e-6
            let values = try arena.evaluateDouble([f.apply(z, in: arena), f.derivative(z, in: arena)], bindings: ["z": point])
            let plus = try arena.evaluateDouble([f.apply(z, in: arena)], bindings: ["z": point + h])[0]
            let minus = try arena.evaluateDouble([f.apply(z, in: arena)], bindings: ["z": point - h])[0]
            let quotient = (plus - minus) / (2 * h)
            #expect(abs(quotient - values[1]) < 1e-7 * max(1, abs(values[1])), "\(f) at \(point): f′ = \(values[1]), quotient \(quotient)")
        }
    }

    /// The handout's rule text is printed from f′; ReLU's reads as before.
    @Test func ruleTextComesFromTheExpression() {
        #expect(ElementwiseFunction.relu.derivativeExplanation
            == "$\\operatorname{relu}'(z) = 1$ for $z > 0$, else $0$ (at the kink $\\operatorname{relu}'(0) = 0$, as PyTorch)")
        #expect(ElementwiseFunction.elu(alpha: Rational(1, 2)).derivativeExplanation
            == "$\\operatorname{elu}_{1/2}'(z) = 1$ for $z > 0$, else $\\frac{1}{2} e^{z}$ (at the kink $\\operatorname{elu}_{1/2}'(0) = \\frac{1}{2}$, as PyTorch)")
        #expect(ElementwiseFunction.tanh.derivativeExplanation == "$\\tanh'(z) = 1 - \\tanh\\left(z\\right)^{2}$")
    }

    /// Exactness follows from the functions the definition uses.
    @Test func rationalActivations() {
        #expect(Self.all.filter(\.isRational) == [.identity, .relu, .leakyReLU(slope: Rational(1, 10)), .softsign])
    }
}
