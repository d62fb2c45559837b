import Autodiff
import Exact
@testable import GeneratedNetworks
import NetworkModel
import Testing
import TestSupport
import Verify

/// A committed network generated with `--scalar Float` beside its `Double` twin from the same
/// spec, entry points flattened to [loss, W1…, b1…, …].
struct FloatNetworkCase: Sendable, CustomStringConvertible {
    let description: String
    let spec: NetworkSpec
    let float: @Sendable ([Float], [Float], [[Float]]) -> [Float]
    let double: @Sendable ([Double], [Double], [[Double]]) -> [Double]
    /// The minibatch entry point over buffers: (x, t, count, mean, parameters) → [loss, W1…, …].
    let batch: @Sendable ([Float], [Float], Int, Bool, [[Float]]) -> [Float]

    static let all: [FloatNetworkCase] = [
        FloatNetworkCase(
            description: "ReferenceReLUFloat (unrolled)", spec: BuiltinExample.referenceReLU.spec,
            float: { x, t, p in
                let g = ReferenceReLUFloat.lossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]))
                return [g.loss] + g.W1 + g.b1 + g.W2 + g.b2
            },
            double: { x, t, p in
                let g = ReferenceReLU.lossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]))
                return [g.loss] + g.W1 + g.b1 + g.W2 + g.b2
            },
            batch: { x, t, count, mean, p in
                let w = ReferenceReLUFloat.Workspace()
                let loss = x.withUnsafeBufferPointer { x in
                    t.withUnsafeBufferPointer { t in
                        ReferenceReLUFloat.batchLossAndGradients(x: x, t: t, count: count, reduction: mean ? .mean : .sum, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]), workspace: w)
                    }
                }
                let g = w.gradients
                return [loss] + g.W1 + g.b1 + g.W2 + g.b2
            }
        ),
        FloatNetworkCase(
            description: "ReferenceSigmoidFloat (unrolled)", spec: BuiltinExample.referenceSigmoid.spec,
            float: { x, t, p in
                let g = ReferenceSigmoidFloat.lossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]))
                return [g.loss] + g.W1 + g.b1 + g.W2 + g.b2
            },
            double: { x, t, p in
                let g = ReferenceSigmoid.lossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]))
                return [g.loss] + g.W1 + g.b1 + g.W2 + g.b2
            },
            batch: { x, t, count, mean, p in
                let w = ReferenceSigmoidFloat.Workspace()
                let loss = ReferenceSigmoidFloat.batchLossAndGradients(x: x, t: t, count: count, reduction: mean ? .mean : .sum, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]), workspace: w)
                let g = w.gradients
                return [loss] + g.W1 + g.b1 + g.W2 + g.b2
            }
        ),
        FloatNetworkCase(
            description: "Wide30LoopsFloat (loops)",
            spec: try! NetworkSpec.random(seed: 7, options: RandomProblemOptions(sizes: .fixed([30, 30, 10]), hiddenActivations: [.relu])),
            float: { x, t, p in
                let g = Wide30LoopsFloat.lossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]))
                return [g.loss] + g.W1 + g.b1 + g.W2 + g.b2
            },
            double: { x, t, p in
                let g = Wide30Loops.lossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]))
                return [g.loss] + g.W1 + g.b1 + g.W2 + g.b2
            },
            batch: { x, t, count, mean, p in
                let w = Wide30LoopsFloat.Workspace()
                let loss = x.withUnsafeBufferPointer { x in
                    t.withUnsafeBufferPointer { t in
                        Wide30LoopsFloat.batchLossAndGradients(x: x, t: t, count: count, reduction: mean ? .mean : .sum, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]), workspace: w)
                    }
                }
                let g = w.gradients
                return [loss] + g.W1 + g.b1 + g.W2 + g.b2
            }
        ),
        FloatNetworkCase(
            description: "Wide784Float (loops)",
            spec: try! NetworkSpec.random(seed: 1, options: RandomProblemOptions(sizes: .fixed([784, 128, 10]))),
            float: { x, t, p in
                let g = Wide784Float.lossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]))
                return [g.loss] + g.W1 + g.b1 + g.W2 + g.b2
            },
            double: { x, t, p in
                let g = Wide784.lossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]))
                return [g.loss] + g.W1 + g.b1 + g.W2 + g.b2
            },
            batch: { x, t, count, mean, p in
                let w = Wide784Float.Workspace()
                let loss = Wide784Float.batchLossAndGradients(x: x, t: t, count: count, reduction: mean ? .mean : .sum, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]), workspace: w)
                let g = w.gradients
                return [loss] + g.W1 + g.b1 + g.W2 + g.b2
            }
        ),
    ]
}

/// Code generated with `--scalar Float` (Generated/*Float.swift, unrolled and loops) against the autodiff in `Float`,
/// whose bounds are in Float's unit roundoff 2⁻²⁴, and against the `Double` code of the same spec.
@Suite("Float code")
struct FloatCodeTests {
    /// One trial's numbers: x, t and the parameters rounded to Float (once, from the rationals).
    struct Trial {
        let values: NetworkValues
        let x: [Float], t: [Float], parameters: [[Float]]

        init(_ spec: NetworkSpec, seed: UInt64) throws {
            values = try spec.withRandomValues(seed: seed).requireValues()
            x = values.input.map { Float($0) }
            t = values.target.map { Float($0) }
            parameters = zip(values.weights, values.biases).flatMap { weights, bias in [weights.elements.map { Float($0) }, bias.map { Float($0) }] }
        }

        /// The autodiff in Float from exactly these Floats, each value with its bound (as Doubles, exactly).
        func oracle(_ spec: NetworkSpec) throws -> [ErrorBounded<Double>] {
            try OracleBridge.lossAndGradients(spec, values: values) { ErrorBounded<Float>(exactly: Float($0)) }
                .map { ErrorBounded<Double>(Double($0.value), bound: $0.bound.map(Double.init)) }
        }

        /// The autodiff in Double from the same Floats.
        func doubleOracle(_ spec: NetworkSpec) throws -> [ErrorBounded<Double>] {
            try OracleBridge.lossAndGradients(spec, values: values) { ErrorBounded<Double>(exactly: Double(Float($0))) }
        }
    }

    @Test(arguments: FloatNetworkCase.all)
    func agreesWithTheFloatAutodiffAndTheDoubleCode(network: FloatNetworkCase) throws {
        let trials = network.spec.inputSize >= 100 ? 2 : 40
        var againstAutodiff: ErrorBoundCheck?, againstDouble: ErrorBoundCheck?
        for seed in 0..<UInt64(trials) {
            let trial = try Trial(network.spec, seed: seed)
            let float = network.float(trial.x, trial.t, trial.parameters).map(Double.init)
            let oracle = try trial.oracle(network.spec)
            let layout = ValueGroup.groups(of: network.spec)
            let one = ErrorBoundCheck(generated: float, oracle: oracle, layout: layout)
            againstAutodiff = againstAutodiff.map { $0.merged(with: one) } ?? one
            // The Double code on the same numbers: each code within twice its autodiff's bound
            // of the exact value, so the two within twice the sum of the bounds.
            let double = network.double(trial.x.map(Double.init), trial.t.map(Double.init), trial.parameters.map { $0.map(Double.init) })
            let doubleOracle = try trial.doubleOracle(network.spec)
            let combined = zip(zip(double, oracle), doubleOracle).map { pair, bounded in
                ErrorBounded<Double>(pair.0, bound: pair.1.bound.flatMap { float in bounded.bound.map { float + $0 } })
            }
            let two = ErrorBoundCheck(generated: float, oracle: combined, layout: layout)
            againstDouble = againstDouble.map { $0.merged(with: two) } ?? two
        }
        let autodiff = try #require(againstAutodiff), double = try #require(againstDouble)
        #expect(autodiff.passed, "largest error \(autodiff.largestFraction) of the Float autodiff's bound")
        #expect(double.passed, "largest difference \(double.largestFraction) of the allowance")
        #expect(autodiff.compared == autodiff.count)
        // Float's bounds are Float's: about 2²⁹ times Double's, so a Double-sized bound would fail.
        #expect(autodiff.largestFraction > 0 || network.spec.inputSize < 10)
    }

    /// The batch entry point (both overloads) against the autodiff's sum or mean over the samples.
    @Test(arguments: FloatNetworkCase.all, [false, true])
    func batchIsTheCombinedSamples(network: FloatNetworkCase, mean: Bool) throws {
        let parameters = try Trial(network.spec, seed: 1)
        let samples = try (0..<5).map { try Trial(network.spec, seed: 100 + $0) }
        let batch = network.batch(samples.flatMap(\.x), samples.flatMap(\.t), samples.count, mean, parameters.parameters).map(Double.init)
        let oracle = OracleBridge.network(network.spec, values: parameters.values) { ErrorBounded<Float>(exactly: Float($0)) }
        var total: [ErrorBounded<Float>] = []
        for sample in samples {
            let result = try oracle.lossAndGradients(input: sample.x.map { .init(exactly: $0) }, target: sample.t.map { .init(exactly: $0) },
                                                     loss: OracleBridge.loss(network.spec.loss))
            let values = [result.loss] + result.namedGradients.flatMap(\.values)
            total = total.isEmpty ? values : zip(total, values).map(+)
        }
        let scale = ErrorBounded<Float>(converting: mean ? Rational(1, samples.count) : 1)
        let expected = total.map { $0 * scale }.map { ErrorBounded<Double>(Double($0.value), bound: $0.bound.map(Double.init)) }
        let comparison = ErrorBoundCheck(generated: batch, oracle: expected, layout: ValueGroup.groups(of: network.spec))
        #expect(comparison.passed, "largest error \(comparison.largestFraction) of its bound")
    }

    /// The reference network's loss, 29/2, and its gradients are exact in Float too.
    @Test func referenceIsExactInFloat() throws {
        let values = try BuiltinExample.referenceReLU.spec.requireValues()
        let p = zip(values.weights, values.biases).flatMap { w, b in [w.elements.map { Float($0) }, b.map { Float($0) }] }
        let result = FloatNetworkCase.all[0].float(values.input.map { Float($0) }, values.target.map { Float($0) }, p)
        #expect(result == [14.5, 0, 13, 26, 0, -1, -2, 13, -1, -4, -4, -10, -10, -2, -5])
    }

    /// Constants of generated code are rounded once: the runtime's quotient for a rational that
    /// rounds differently through Double, and Float literals of the Swift printer.
    @Test func constantsRoundOnceNotThroughDouble() {
        // (2⁶⁰ + 2³⁶ + 1) / 2⁶⁰ = 1 + 2⁻²⁴ + 2⁻⁶⁰, just above the tie between 1 and 1 + 2⁻²³.
        let numerator = (1 << 60) + (1 << 36) + 1, denominator = 1 << 60
        #expect(Float(Double(numerator) / Double(denominator)) == 1, "through Double: the tie, to even")
        #expect(Float(numerator, over: denominator) == 1 + 0x1p-23)
        #expect(Float(-numerator, over: denominator) == -(1 + 0x1p-23))
        #expect(Float(1, over: 10) == 0.1 as Float)
        #expect(Double(numerator, over: denominator) == Double(Rational(numerator, denominator)))
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<2_000 {
            let n = Int.random(in: -Int.max...Int.max, using: &generator) >> Int.random(in: 0...62, using: &generator)
            let d = max(1, Int.random(in: 1...Int.max, using: &generator) >> Int.random(in: 0...62, using: &generator))
            #expect(Float(n, over: d) == Float(Rational(n, d)), "\(n)/\(d)")
            #expect(Double(n, over: d) == Double(Rational(n, d)), "\(n)/\(d)")
        }
    }

    @Test func floatWeightsAreTheDoubleOnesRounded() throws {
        let float = ReferenceReLUFloat.Parameters.random(seed: 11), double = ReferenceReLU.Parameters.random(seed: 11)
        #expect(float.W1 == double.W1.map { Float($0) } && float.W2 == double.W2.map { Float($0) })
        #expect(float.W1.contains { $0 != 0 })
        let wideFloat = Wide784Float.Parameters.random(seed: 11), wide = Wide784.Parameters.random(seed: 11)
        #expect(wideFloat.W1 == wide.W1.map { Float($0) } && wideFloat.b2 == wide.b2.map { Float($0) })
        #expect(Gradgen.exactDecimal(Float(0.1)) == "0.100000001490116119384765625")
        var generator = Gradgen.SplitMix64(seed: 9)
        let samples = [Float.leastNonzeroMagnitude, Float.greatestFiniteMagnitude, -Float.leastNormalMagnitude]
            + (0..<200).map { _ in Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()) & 0x7f7f_ffff) }
        for value in samples {
            #expect(try Rational(parsing: Gradgen.exactDecimal(value)) == Rational(exactly: value), "\(value)")
        }
    }

    /// Float loop code splits a batch into chunks by its size alone: 130 samples (three chunks)
    /// give the same bits on one, two and three threads (verify checks predict and the rest).
    @Test func floatLoopCodeGivesTheSameBitsOnThreads() throws {
        let spec = FloatNetworkCase.all[3].spec
        let parameters = try Trial(spec, seed: 2).parameters
        let p = Wide784Float.Parameters(W1: parameters[0], b1: parameters[1], W2: parameters[2], b2: parameters[3])
        let samples = try (0..<130).map { try Trial(spec, seed: 200 + UInt64($0)) }
        let x = samples.flatMap(\.x), t = samples.flatMap(\.t)
        let workspace = Wide784Float.Workspace()
        var results: [[UInt32]] = []
        for threads in [1, 2, 3] {
            let loss = Wide784Float.batchLossAndGradients(x: x, t: t, count: 130, reduction: .mean, parameters: p, workspace: workspace, threads: threads)
            let g = workspace.gradients
            results.append(([loss, g.loss] + g.W1 + g.b1 + g.W2 + g.b2).map(\.bitPattern))
        }
        #expect(results[1] == results[0] && results[2] == results[0], "threads change no bit")
        #expect(results[0][0] != 0)
    }
}
