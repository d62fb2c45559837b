import Autodiff
import Exact
import GeneratedNetworks
import NetworkModel
import Verify

/// One committed generated network with the spec it was generated from, its entry points
/// flattened to [loss, W1…, b1…, …] so that one harness checks them all.
struct GeneratedNetworkCase: Sendable, CustomStringConvertible {
    let description: String
    /// The structure (values are replaced by random ones in the trials).
    let spec: NetworkSpec
    let double: @Sendable ([Double], [Double], [[Double]]) -> [Double]
    let exact: (@Sendable ([Rational], [Rational], [[Rational]]) -> [Rational])?
    /// The minibatch entry point with a fresh workspace: (x, t, count, mean, threads,
    /// parameters) → [returned loss, loss, W1…, b1…, …], called twice, so that what the first
    /// call left behind shows.
    let batch: @Sendable ([Double], [Double], Int, Bool, Int, [[Double]]) -> [Double]
    /// The generic body run on `ErrorBounded` (`OwnBounds`): the code's own bounds, for the
    /// networks with transcendental functions; nil for the others (exact or nearly so).
    var bounded: (@Sendable ([Double], [Double], [[Double]]) -> [ErrorBounded<Double>])? = nil

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
            },
            batch: { x, t, count, mean, threads, p in
                let w = ReferenceReLU.Workspace()
                let run = { ReferenceReLU.batchLossAndGradients(x: x, t: t, count: count, reduction: mean ? .mean : .sum, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]), workspace: w, threads: threads) }
                _ = run()
                let loss = run()
                return [loss, w.gradients.loss] + w.gradients.W1 + w.gradients.b1 + w.gradients.W2 + w.gradients.b2
            }
        ),
        GeneratedNetworkCase(
            description: "ReferenceSigmoid",
            spec: BuiltinExample.referenceSigmoid.spec,
            double: { x, t, p in
                let g = ReferenceSigmoid.lossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]))
                return [g.loss] + g.W1 + g.b1 + g.W2 + g.b2
            },
            exact: nil,
            batch: { x, t, count, mean, threads, p in
                let w = ReferenceSigmoid.Workspace()
                let run = { ReferenceSigmoid.batchLossAndGradients(x: x, t: t, count: count, reduction: mean ? .mean : .sum, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]), workspace: w, threads: threads) }
                _ = run()
                let loss = run()
                return [loss, w.gradients.loss] + w.gradients.W1 + w.gradients.b1 + w.gradients.W2 + w.gradients.b2
            },
            bounded: OwnBounds.referenceSigmoid
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
            },
            batch: { x, t, count, mean, threads, p in
                let w = RandomDeep.Workspace()
                let run = { RandomDeep.batchLossAndGradients(x: x, t: t, count: count, reduction: mean ? .mean : .sum, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3], W3: p[4], b3: p[5]), workspace: w, threads: threads) }
                _ = run()
                let loss = run()
                let g = w.gradients
                return [loss, g.loss] + g.W1 + g.b1 + g.W2 + g.b2 + g.W3 + g.b3
            }
        ),
        GeneratedNetworkCase(
            description: "Wide30",
            // As Generated/regenerate draws it: --random 7 --sizes 30,30,10 --hidden relu --no-exact.
            spec: wide30,
            double: { x, t, p in
                let g = Wide30.lossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]))
                return [g.loss] + g.W1 + g.b1 + g.W2 + g.b2
            },
            // Emitted with --no-exact: specializing the 8,000-line body for Rational would cost
            // minutes of swiftc -O for a flavour that ReferenceReLU and RandomDeep already test.
            exact: nil,
            batch: { x, t, count, mean, threads, p in
                let w = Wide30.Workspace()
                let run = { Wide30.batchLossAndGradients(x: x, t: t, count: count, reduction: mean ? .mean : .sum, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]), workspace: w, threads: threads) }
                _ = run()
                let loss = run()
                return [loss, w.gradients.loss] + w.gradients.W1 + w.gradients.b1 + w.gradients.W2 + w.gradients.b2
            }
        ),
        GeneratedNetworkCase(
            description: "Wide30Loops",
            // As Generated/regenerate draws it: the network of Wide30, --form loops.
            spec: wide30,
            double: { x, t, p in
                let g = Wide30Loops.lossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]))
                return [g.loss] + g.W1 + g.b1 + g.W2 + g.b2
            },
            exact: nil,
            batch: { x, t, count, mean, threads, p in
                let w = Wide30Loops.Workspace()
                let run = { Wide30Loops.batchLossAndGradients(x: x, t: t, count: count, reduction: mean ? .mean : .sum, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]), workspace: w, threads: threads) }
                _ = run()
                let loss = run()
                let g = w.gradients
                return [loss, loss] + g.W1 + g.b1 + g.W2 + g.b2
            }
        ),
        GeneratedNetworkCase(
            description: "Wide100",
            // As Generated/regenerate draws it: --random 1 --sizes 100,100,10 --hidden relu (loops).
            spec: try! NetworkSpec.random(seed: 1, options: RandomProblemOptions(sizes: .fixed([100, 100, 10]), hiddenActivations: [.relu])),
            double: { x, t, p in
                let g = Wide100.lossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]))
                return [g.loss] + g.W1 + g.b1 + g.W2 + g.b2
            },
            exact: nil,
            batch: { x, t, count, mean, threads, p in
                let w = Wide100.Workspace()
                let run = { Wide100.batchLossAndGradients(x: x, t: t, count: count, reduction: mean ? .mean : .sum, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]), workspace: w, threads: threads) }
                _ = run()
                let loss = run()
                let g = w.gradients
                return [loss, loss] + g.W1 + g.b1 + g.W2 + g.b2
            }
        ),
        GeneratedNetworkCase(
            description: "Wide784",
            // As Generated/regenerate draws it: --random 1 --sizes 784,128,10 (loops).
            spec: try! NetworkSpec.random(seed: 1, options: RandomProblemOptions(sizes: .fixed([784, 128, 10]))),
            double: { x, t, p in
                let g = Wide784.lossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]))
                return [g.loss] + g.W1 + g.b1 + g.W2 + g.b2
            },
            exact: nil,
            batch: { x, t, count, mean, threads, p in
                let w = Wide784.Workspace()
                let run = { Wide784.batchLossAndGradients(x: x, t: t, count: count, reduction: mean ? .mean : .sum, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]), workspace: w, threads: threads) }
                _ = run()
                let loss = run()
                let g = w.gradients
                return [loss, loss] + g.W1 + g.b1 + g.W2 + g.b2
            }
        ),
    ]

    private static let wide30 = try! NetworkSpec.random(seed: 7, options: RandomProblemOptions(sizes: .fixed([30, 30, 10]), hiddenActivations: [.relu]))
}
