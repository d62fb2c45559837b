import Exact
import GeneratedNetworks
import Network
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
        GeneratedNetworkCase(
            description: "Wide30",
            // As Generated/regenerate draws it: --random 7 --sizes 30,30,10 --hidden relu --no-exact.
            spec: try! NetworkSpec.random(seed: 7, options: RandomProblemOptions(sizes: .fixed([30, 30, 10]), hiddenActivations: [.relu])),
            double: { x, t, p in
                let g = Wide30.lossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]))
                return [g.loss] + g.W1 + g.b1 + g.W2 + g.b2
            },
            // Emitted with --no-exact: specializing the 8,000-line body for Rational would cost
            // minutes of swiftc -O for a flavour that ReferenceReLU and RandomDeep already test.
            exact: nil
        ),
        GeneratedNetworkCase(
            description: "Wide784",
            // As Generated/regenerate draws it: --random 1 --sizes 784,128,10 (loops).
            spec: try! NetworkSpec.random(seed: 1, options: RandomProblemOptions(sizes: .fixed([784, 128, 10]))),
            double: { x, t, p in
                let g = Wide784.lossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]))
                return [g.loss] + g.W1 + g.b1 + g.W2 + g.b2
            },
            exact: nil
        ),
    ]
}
