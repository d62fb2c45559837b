import Testing
import Exact
@testable import NetworkModel

/// The matrix backpropagation that evaluates wide rational networks agrees exactly with the
/// symbolic DAG's evaluation, kinks included.
@Suite("Matrix backpropagation over Rational")
struct MatrixBackpropagationTests {
    func numbers(_ evaluation: ExactEvaluation) -> [[Rational?]] {
        (evaluation.preActivations + evaluation.activations).map { $0.map(\.rational) }
            + [[evaluation.loss.rational]] + evaluation.gradients.map { $0.values.map(\.rational) }
    }

    @Test(arguments: 0..<24)
    func agreesWithTheDerivation(seed: UInt64) throws {
        let hidden: [[Activation]] = [[.relu], [.leakyReLU], [.identity, .relu], [.leakyReLU(slope: Rational(-1, 3)), .relu]]
        let losses: [Loss] = [.halfSumSquares, .meanSquaredError]
        let options = RandomProblemOptions(
            sizes: .random(depth: 1...3, width: 1...5),
            hiddenActivations: hidden[Int(seed) % hidden.count],
            loss: losses[Int(seed / 4) % losses.count],
            values: seed % 3 == 0 ? .general : .nice)
        let spec = try NetworkSpec.random(seed: seed, options: options)
        #expect(MatrixBackpropagation.applies(to: spec))
        let values = try spec.requireValues()
        let matrix = try ExactEvaluation(spec: spec, values: values, significantDigits: 20)
        let symbolic = try ExactEvaluation(derivation: Derivation(spec: spec), values: values, significantDigits: 20)
        #expect(numbers(matrix) == numbers(symbolic))
        #expect(matrix.gradients.map(\.parameter) == symbolic.gradients.map(\.parameter))
        #expect(matrix.loss.decimal == symbolic.loss.decimal)
    }

    /// Kinks at 0: ReLU′(0) = 0 and leaky ReLU′(0) = slope in both.
    @Test func kinksAtZero() throws {
        let spec = try NetworkSpec(json: """
            {"input": 2, "layers": [
              {"size": 2, "activation": "relu", "W": [[1, -1], [2, -2]], "b": [0, 0]},
              {"size": 2, "activation": {"name": "leaky_relu", "slope": "1/4"}, "W": [[1, 1], [1, -1]], "b": [0, 0]},
              {"size": 1, "activation": "identity", "W": [[3, 5]], "b": [1]}],
             "x": [1, 1], "t": [2]}
            """)
        let values = try spec.requireValues()
        let matrix = try ExactEvaluation(spec: spec, values: values, significantDigits: 10)
        let symbolic = try ExactEvaluation(derivation: Derivation(spec: spec), values: values, significantDigits: 10)
        #expect(numbers(matrix) == numbers(symbolic))
        #expect(matrix.gradients[0].values.map(\.rational) == [0, 0, 0, 0])
    }

    @Test func smoothNetworksUseTheDerivation() throws {
        #expect(!MatrixBackpropagation.applies(to: BuiltinExample.referenceSigmoid.spec))
        let spec = try NetworkSpec.random(seed: 1, options: RandomProblemOptions(loss: .softmaxCrossEntropy))
        #expect(!MatrixBackpropagation.applies(to: spec))
    }
}
