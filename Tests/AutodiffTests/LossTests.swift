import TestSupport
import Foundation
import Testing
import Autodiff
import Exact

@Suite("Losses")
struct LossTests {
    /// (1/n)‖t − x‖² = (2/n)·½‖t − x‖², exactly, for the loss and every gradient.
    @Test func meanSquaredErrorIsTheMeanOverOutputs() throws {
        var generator = SeededGenerator(seed: 7)
        var widths: Set<Int> = []
        for _ in 0..<20 {
            let problem = randomProblem(activation: .relu, using: &generator, draw: drawRational) { width, generator in
                (0..<width).map { _ in drawRational(&generator) }
            }
            let n = problem.target.count
            widths.insert(n)
            let half = try problem.network.lossAndGradients(input: problem.input, target: problem.target)
            let mean = try problem.network.lossAndGradients(input: problem.input, target: problem.target, loss: .meanSquaredError)
            let factor = Rational(2, n)
            #expect(mean.loss == factor * half.loss)
            for parameter in problem.network.parameters {
                #expect(mean.gradient(parameter) == factor * half.gradient(parameter))
            }
        }
        #expect(widths.count > 2)  // several n, so a wrong divisor would show
    }

    /// One affine layer with W = 0 and b = the logits: x_out = b, and ∂L/∂b = (Σt)·softmax(b) − t.
    static func logits(_ b: [Double]) -> MLP<Double> {
        MLP(layers: [Layer(weights: b.map { _ in [0] }, bias: b, activation: .identity)])
    }

    @Test func crossEntropyValueAndGradient() throws {
        let b = [0.5, -1.25, 2.0], t = [0.2, 0.3, 0.5]
        let result = try Self.logits(b).lossAndGradients(input: [1], target: t, loss: .softmaxCrossEntropy)
        let denominator = b.map { exp($0) }.reduce(0, +)
        let softmax = b.map { exp($0) / denominator }
        let expected = -zip(t, softmax).map { $0 * log($1) }.reduce(0, +)
        #expect(abs(result.loss - expected) <= 1e-14 * expected)
        for i in b.indices {
            #expect(abs(result.layers[0].bias[i] - (softmax[i] - t[i])) <= 1e-14)
        }
    }

    @Test func crossEntropyOneHotIsMinusLogProbability() throws {
        let result = try Self.logits([1, 2, 3]).lossAndGradients(input: [0], target: [0, 1, 0], loss: .softmaxCrossEntropy)
        let expected = -log(exp(2.0) / (exp(1.0) + exp(2.0) + exp(3.0)))
        #expect(abs(result.loss - expected) <= 1e-14 * expected)
    }

    /// Subtracting the maximum keeps e^x finite: logits ±1000 give a finite loss and gradient.
    @Test func crossEntropyIsStable() throws {
        let result = try Self.logits([1000, 0, -1000]).lossAndGradients(input: [0], target: [0, 1, 0], loss: .softmaxCrossEntropy)
        #expect(result.loss == 1000)
        #expect(result.layers[0].bias == [1, -1, 0])
    }

    @Test func crossEntropyNeedsDouble() {
        let network = MLP<Rational>(layers: [Layer(weights: [[1]], bias: [0], activation: .identity)])
        #expect(throws: AutodiffError.unsupportedFunction(function: "softmaxCrossEntropy", scalar: "Rational", place: "loss")) {
            try network.lossAndGradients(input: [1], target: [1], loss: .softmaxCrossEntropy)
        }
    }
}
