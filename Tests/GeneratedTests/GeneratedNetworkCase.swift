import Exact
import GeneratedNetworks
import Network
import TestSupport
import Verify

/// One committed generated network with the spec it was generated from, its entry points
/// flattened to [loss, W1…, b1…, …] so that one harness checks them all.
struct GeneratedNetworkCase: Sendable, CustomStringConvertible {
    let description: String
    /// The structure (values are replaced by random ones in the trials).
    let spec: NetworkSpec
    let double: @Sendable ([Double], [Double], [[Double]]) -> [Double]
    let exact: (@Sendable ([Rational], [Rational], [[Rational]]) -> [Rational])?

    static let all: [GeneratedNetworkCase] = [
        GeneratedNetworkCase(
            description: "ReferenceReLU",
            spec: BuiltinExample.referenceReLU.spec,
            double: { x, t, p in
                let g = ReferenceReLU.lossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]))
                return [g.loss] + g.W1 + g.b1 + g.W2 + g.b2
            },
            exact: { x, t, p in
                let g = ReferenceReLU.exactLossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]))
                return [g.loss] + g.W1 + g.b1 + g.W2 + g.b2
            }
        ),
        GeneratedNetworkCase(
            description: "ReferenceSigmoid",
            spec: BuiltinExample.referenceSigmoid.spec,
            double: { x, t, p in
                let g = ReferenceSigmoid.lossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]))
                return [g.loss] + g.W1 + g.b1 + g.W2 + g.b2
            },
            exact: nil
        ),
        GeneratedNetworkCase(
            description: "RandomDeep",
            // As Generated/regenerate draws it: --random 42 --sizes 4,8,6,3 --hidden relu,leaky_relu.
            spec: try! NetworkSpec.random(seed: 42, options: RandomProblemOptions(sizes: .fixed([4, 8, 6, 3]), hiddenActivations: [.relu, .leakyReLU])),
            double: { x, t, p in
                let g = RandomDeep.lossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3], W3: p[4], b3: p[5]))
                return [g.loss] + g.W1 + g.b1 + g.W2 + g.b2 + g.W3 + g.b3
            },
            exact: { x, t, p in
                let g = RandomDeep.exactLossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3], W3: p[4], b3: p[5]))
                return [g.loss] + g.W1 + g.b1 + g.W2 + g.b2 + g.W3 + g.b3
            }
        ),
    ]

    /// The spec's structure with fresh random values: k/d with |k/d| ≤ 3 and d ≤ 64.
    func withRandomValues(using generator: inout SeededGenerator) throws -> NetworkSpec {
        func value() -> Rational { Rational(Int.random(in: -192...192, using: &generator), Int.random(in: 1...64, using: &generator)) }
        var previous = spec.inputSize
        let layers = try spec.layers.map { layer in
            defer { previous = layer.size }
            let weights = RationalMatrix(rowCount: layer.size, columnCount: previous, elements: (0..<layer.size * previous).map { _ in value() })
            return LayerSpec(size: layer.size, activation: layer.activation, weights: try weights.orThrow(), bias: (0..<layer.size).map { _ in value() })
        }
        return try NetworkSpec(
            inputSize: spec.inputSize, layers: layers, loss: spec.loss,
            input: (0..<spec.inputSize).map { _ in value() }, target: (0..<spec.outputSize).map { _ in value() }
        )
    }
}

extension Optional {
    /// The value, or an error for a nil that a test did not expect.
    func orThrow() throws -> Wrapped {
        guard let self else { throw UnexpectedNil() }
        return self
    }
}

struct UnexpectedNil: Error {}
