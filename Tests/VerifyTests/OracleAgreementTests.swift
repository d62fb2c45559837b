import Testing
import Exact
import NetworkModel
import Verify

/// The symbolic gradients against the independent runtime autodiff on many seeded random
/// networks.
@Suite("Symbolic results agree with the autodiff oracle")
struct OracleAgreementTests {
    func check(_ spec: NetworkSpec, digits: Int = 17) throws -> (OracleCheck, ExactEvaluation) {
        let values = try spec.requireValues()
        let evaluation = try ExactEvaluation(derivation: Derivation(spec: spec), values: values, significantDigits: digits)
        return (try OracleCheck(spec: spec, values: values, evaluation: evaluation, significantDigits: digits), evaluation)
    }

    @Test func referenceNetworks() throws {
        let (relu, _) = try check(BuiltinExample.referenceReLU.spec)
        #expect(relu.exactAgreement == true)
        #expect(relu.double.passed)
        #expect(relu.double.count == 15)
        #expect(relu.double.compared == 15)
        let (sigmoid, _) = try check(BuiltinExample.referenceSigmoid.spec)
        #expect(sigmoid.exactAgreement == nil)
        #expect(sigmoid.double.passed)
        #expect(sigmoid.double.compared == sigmoid.double.count)
        #expect(sigmoid.double.largestFraction <= 1)
    }

    /// 200 ReLU and leaky-ReLU networks of depth 1–4 and widths 1–12 with rational values:
    /// exactly equal, including points that sit on a kink (nice values put many
    /// pre-activations at exactly 0).
    @Test func piecewiseLinearNetworksAgreeExactly() throws {
        var kinks = 0
        for seed in 0..<200 {
            let options = RandomProblemOptions(
                sizes: .random(depth: 1...4, width: 1...12),
                hiddenActivations: [.relu, .leakyReLU(slope: Rational(1, 10)), .leakyReLU],
                outputActivation: seed % 3 == 0 ? .relu : .identity,
                loss: seed % 2 == 0 ? .halfSumSquares : .meanSquaredError,
                values: seed % 4 == 3 ? .general : .nice
            )
            let spec = try placingKinks(NetworkSpec.random(seed: UInt64(seed), options: options))
            let (result, evaluation) = try check(spec, digits: 5)
            #expect(result.exactAgreement == true, "seed \(seed)")
            kinks += evaluation.preActivations.joined().filter { $0.rational == 0 }.count
        }
        #expect(kinks > 500, "kinks hit: \(kinks)")
    }

    /// The same network with the bias of every other unit moved so that its pre-activation
    /// is exactly 0: the point sits on the kink of its activation.
    func placingKinks(_ spec: NetworkSpec) throws -> NetworkSpec {
        let values = try spec.requireValues()
        var x = values.input
        var layers: [LayerSpec] = []
        for (index, layer) in spec.layers.enumerated() {
            let weights = values.weights[index]
            var bias = values.biases[index]
            var z: [Rational] = []
            for i in 0..<layer.size {
                var sum = bias[i]
                for j in 0..<weights.columnCount { sum += weights[i, j] * x[j] }
                if i % 2 == 0 {
                    bias[i] -= sum
                    sum = 0
                }
                z.append(sum)
            }
            x = z.map { value in
                switch layer.activation {
                case .relu: max(value, 0)
                case let .leakyReLU(slope): value > 0 ? value : slope * value
                default: value
                }
            }
            layers.append(LayerSpec(size: layer.size, activation: layer.activation, weights: weights, bias: bias))
        }
        return try NetworkSpec(inputSize: spec.inputSize, layers: layers, loss: spec.loss, input: values.input, target: values.target)
    }

    /// Sigmoid, tanh, softplus and cross-entropy networks: in Double, within the bounds.
    @Test(arguments: [Activation.sigmoid, .tanh, .softplus])
    func smoothNetworksAgreeInDouble(activation: Activation) throws {
        for seed in 0..<12 {
            let options = RandomProblemOptions(
                sizes: .random(depth: 1...3, width: 1...6),
                hiddenActivations: [activation, .relu],
                outputActivation: seed % 2 == 0 ? activation : .identity,
                loss: seed % 3 == 0 ? .softmaxCrossEntropy : .halfSumSquares,
                values: seed % 2 == 0 ? .general : .nice
            )
            let spec = try NetworkSpec.random(seed: UInt64(1000 + seed), options: options)
            let (result, _) = try check(spec)
            #expect(result.double.passed, "seed \(seed): largest error \(result.double.largestFraction) of its bound")
        }
    }
}
