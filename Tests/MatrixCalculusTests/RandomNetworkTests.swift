import Exact
import MatrixCalculus
import NetworkModel
import Testing

/// The matrix derivation (Jacobians multiplied left to right, and the δ recursion) against
/// Network's scalar derivation (reverse mode over the DAG) on seeded random networks.
@Suite("Matrix derivation agrees with the scalar derivation")
struct RandomNetworkTests {
    func random(_ seed: Int, hidden: [Activation], loss: Loss, values: RandomProblemOptions.ValueStyle, width: ClosedRange<Int> = 1...6) throws -> NetworkSpec {
        let options = RandomProblemOptions(sizes: .random(depth: 1...4, width: width), hiddenActivations: hidden,
                                           outputActivation: seed % 3 == 0 ? .relu : .identity, loss: loss, values: values)
        return try NetworkSpec.random(seed: UInt64(seed), options: options)
    }

    /// Piecewise-linear networks of depth 1–4: every gradient equal exactly, by both routes
    /// of the matrix derivation (the vec row reshaped, and δ_l x_lᵀ).
    @Test func piecewiseLinearNetworksAgreeExactly() throws {
        var depths: Set<Int> = []
        for seed in 0..<60 {
            let spec = try random(seed, hidden: [.relu, .leakyReLU(slope: Rational(1, 10))],
                                  loss: seed % 2 == 0 ? .halfSumSquares : .meanSquaredError, values: seed % 4 == 3 ? .general : .nice)
            depths.insert(spec.layers.count)
            let values = try spec.requireValues()
            let derivation = try MatrixDerivation(network: spec.layeredNetwork)
            let numbers = try derivation.instantiate(with: RationalEvaluator(bindings: derivation.bindings(values)))
            let expected = try ExactEvaluation(derivation: Derivation(spec: spec), values: values, significantDigits: 5)
            #expect(numbers.loss == expected.loss.rational, "seed \(seed)")
            #expect(derivation.parameters.map(\.name) == expected.gradients.map(\.parameter.name))
            for (parameter, (numeric, reference)) in zip(derivation.parameters, zip(numbers.parameters, expected.gradients)) {
                #expect(numeric.gradient.values == reference.values.map(\.rational), "seed \(seed) \(parameter.name)")
                #expect(numeric.compactGradient == numeric.gradient, "seed \(seed) \(parameter.name)")
                #expect(numeric.row.shape == Shape(1, parameter.shape.count))
                #expect(numeric.delta.values == numeric.upstream.values, "δ is gᵀ, seed \(seed) \(parameter.name)")
            }
        }
        #expect(depths == [1, 2, 3, 4])
    }

    /// Sigmoid, tanh, softplus, and softmax cross-entropy: closed forms, so the decimals
    /// (correctly rounded to 25 digits) must agree.
    @Test func smoothNetworksAgreeInEveryDigit() throws {
        for seed in 0..<8 {
            let spec = try random(seed, hidden: [.sigmoid, .tanh, .softplus],
                                  loss: seed % 2 == 0 ? .halfSumSquares : .softmaxCrossEntropy, values: .nice, width: 1...3)
            let values = try spec.requireValues()
            let derivation = try MatrixDerivation(network: spec.layeredNetwork)
            let numbers = try derivation.instantiate(with: ExactEntryEvaluator(bindings: derivation.bindings(values), significantDigits: 25))
            let expected = try ExactEvaluation(derivation: Derivation(spec: spec), values: values, significantDigits: 25)
            #expect(numbers.loss.decimal == expected.loss.decimal, "seed \(seed)")
            for (numeric, reference) in zip(numbers.parameters, expected.gradients) {
                #expect(numeric.gradient.values.map(\.decimal) == reference.values.map(\.decimal), "seed \(seed) \(reference.parameter)")
                #expect(numeric.compactGradient.values.map(\.decimal) == numeric.gradient.values.map(\.decimal))
            }
        }
    }

    /// The chain for W_1 in a network of depth L has one loss factor, L − 1 pairs of
    /// (activation, weights), the first layer's activation and the Kronecker factor; every
    /// shape chains.
    @Test func chainLengthGrowsWithDepth() throws {
        for depth in 1...5 {
            let layers = (0..<depth).map { LayeredNetwork.Layer(size: $0 + 2, activation: $0 == depth - 1 ? .identity : .tanh) }
            let derivation = try MatrixDerivation(network: LayeredNetwork(inputSize: 3, layers: layers, loss: .halfSumSquares))
            let w1 = derivation.parameters[0]
            #expect(w1.steps.count == 2 * depth + 1)
            #expect(w1.steps.last?.rule == .affineWeights)
            for (a, b) in zip(w1.factors, w1.factors.dropFirst()) { #expect(a.shape.columns == b.shape.rows) }
            #expect(w1.row.shape == Shape(1, 3 * 2))
        }
    }
}
