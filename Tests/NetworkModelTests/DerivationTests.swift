import Testing
import Exact
import Symbolic
@testable import NetworkModel

@Suite("Symbolic loss and exact evaluation")
struct DerivationTests {
    func evaluate(_ example: BuiltinExample, digits: Int = 17) throws -> ExactEvaluation {
        let spec = example.spec
        return try ExactEvaluation(derivation: Derivation(spec: spec), values: spec.requireValues(), significantDigits: digits)
    }

    func exact(_ values: [ExactValue]) -> [Rational?] { values.map(\.rational) }

    @Test func referenceReLUIsExact() throws {
        let evaluation = try evaluate(.referenceReLU)
        #expect(evaluation.loss.rational == Rational(29, 2))
        #expect(evaluation.loss.exact == "29/2")
        #expect(evaluation.loss.latex == "\\frac{29}{2}")
        #expect(evaluation.loss.decimal == "14.5")
        let gradients = Dictionary(uniqueKeysWithValues: evaluation.gradients.map { ($0.parameter.name, exact($0.values)) })
        #expect(gradients["W1"] == [0, 13, 26, 0, -1, -2])
        #expect(gradients["b1"] == [13, -1])
        #expect(gradients["W2"] == [-4, -4, -10, -10])
        #expect(gradients["b2"] == [-2, -5])
        #expect(evaluation.gradients.map(\.parameter.name) == ["W1", "b1", "W2", "b2"])
        #expect(exact(evaluation.preActivations[0]) == [2, 2])
        #expect(exact(evaluation.activations[2]) == [-1, -3])
    }

    @Test func referenceSigmoidHasClosedFormAndCorrectDecimals() throws {
        let evaluation = try evaluate(.referenceSigmoid)
        #expect(evaluation.loss.rational == nil)
        #expect(evaluation.loss.decimal == "4.2011028873917047")
        #expect(evaluation.loss.exact == "(10e^4 + 6e^2 + 1)/(2(e^2 + 1)^2)")
        #expect(evaluation.loss.latex == "\\frac{10 e^{4} + 6 e^{2} + 1}{2 \\left(e^{2} + 1\\right)^{2}}")
        let b1 = try #require(evaluation.gradients.first { $0.parameter.name == "b1" })
        #expect(b1.values.map(\.exact) == ["(8e^4 + 3e^2)/(e^2 + 1)^3", "-e^2/(e^2 + 1)^2"])
        // x1_0 = 0, so the first column of ∂L/∂W1 is exactly 0 although σ(2) is not rational.
        let w1 = try #require(evaluation.gradients.first { $0.parameter.name == "W1" })
        #expect(w1.values[0].rational == 0 && w1.values[3].rational == 0)
        let more = try evaluate(.referenceSigmoid, digits: 40)
        #expect(more.loss.decimal.hasPrefix("4.201102887391704"))
        #expect(more.loss.decimal.count == 41)
    }

    @Test func symbolicDerivationNeedsNoValues() {
        let derivation = Derivation(spec: BuiltinExample.referenceReLU.spec.withoutValues)
        let printed = PlainPrinter(arena: derivation.arena).string(derivation.gradients[3].entries[0])
        // ∂L/∂b2_0 = x3_0 − t_0, written out.
        #expect(printed == "W2_0_0*relu(W1_0_0*x1_0 + W1_0_1*x1_1 + W1_0_2*x1_2 + b1_0) + W2_0_1*relu(W1_1_0*x1_0 + W1_1_1*x1_1 + W1_1_2*x1_2 + b1_1) + b2_0 - t_0")
        #expect(derivation.parameters.map(\.entries.count) == [6, 2, 4, 2])
    }
}
