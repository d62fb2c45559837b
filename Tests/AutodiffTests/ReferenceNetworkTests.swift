import Foundation
import Testing
import Autodiff
import Exact

@Suite("Reference network (notebook, section 3)")
struct ReferenceNetworkTests {
    @Test func reluNetworkIsExact() throws {
        let result = try Reference.network().lossAndGradients(input: Reference.x1, target: Reference.t)
        #expect(result.loss == Rational(29, 2))
        #expect(result.output == [-1, -3])
        #expect(result.layers[0].weights == [[0, 13, 26], [0, -1, -2]])
        #expect(result.layers[0].bias == [13, -1])
        #expect(result.layers[1].weights == [[-4, -4], [-10, -10]])
        #expect(result.layers[1].bias == [-2, -5])
    }

    @Test func lossWithoutSweepAgrees() throws {
        #expect(try Reference.network().loss(input: Reference.x1, target: Reference.t) == Rational(29, 2))
    }

    @Test func namedGradientsAreW1b1W2b2InShape() throws {
        let named = try Reference.network().lossAndGradients(input: Reference.x1, target: Reference.t).namedGradients
        #expect(named.map(\.name) == ["W1", "b1", "W2", "b2"])
        #expect(named.map(\.rows) == [2, 2, 2, 2])
        #expect(named.map(\.columns) == [3, 1, 2, 1])
        #expect(named[0].values == [0, 13, 26, 0, -1, -2])  // row-major
        #expect(named[3].values == [-2, -5])
    }

    @Test func sigmoidNetworkInDouble() throws {
        let exact = Reference.network(firstActivation: .sigmoid)
        let network = MLP<Double>(layers: exact.layers.map { layer in
            Layer(weights: layer.weights.map { row in row.map { Double($0) } },
                  bias: layer.bias.map { Double($0) }, activation: layer.activation)
        })
        let result = try network.lossAndGradients(input: Reference.x1.map { Double($0) }, target: Reference.t.map { Double($0) })
        let expected = 4.2011028873917047
        #expect(abs(result.loss - expected) <= 1e-14 * expected)
        // The closed form of the design: (e⁴ + (1 + 3e²)²) / (2(1 + e²)²).
        let e2 = exp(2.0)
        #expect(abs((e2 * e2 + (1 + 3 * e2) * (1 + 3 * e2)) / (2 * (1 + e2) * (1 + e2)) - expected) <= 1e-14 * expected)
    }

    @Test func sigmoidNetworkInRationalThrowsNamingTheLayer() {
        #expect(throws: AutodiffError.unsupportedFunction(function: "sigmoid", scalar: "Rational", place: "layer 1")) {
            try Reference.network(firstActivation: .sigmoid).lossAndGradients(input: Reference.x1, target: Reference.t)
        }
    }
}
