import Autodiff
import Exact
import Foundation
import GeneratedNetworks
import NetworkModel
import Testing
import TestSupport
import Verify

/// The committed generated code (Generated/) against the runtime autodiff.
@Suite("Generated code agrees with the autodiff")
struct GeneratedCodeTests {
    @Test func exactFlavourReproducesTheReference() throws {
        let exact = try #require(GeneratedNetworkCase.all[0].exact)
        let values = try BuiltinExample.referenceReLU.spec.requireValues()
        let result = exact(values.input, values.target, [values.weights[0].elements, values.biases[0], values.weights[1].elements, values.biases[1]])
        #expect(result == [Rational(29, 2), 0, 13, 26, 0, -1, -2, 13, -1, -4, -4, -10, -10, -2, -5])
    }

    @Test(arguments: GeneratedNetworkCase.all)
    func agreesOnRandomInputs(network: GeneratedNetworkCase) throws {
        var comparison: ErrorBoundCheck?
        // The wide networks' autodiff tapes have 20,000 to 200,000 nodes: fewer trials keep the suite quick.
        let trials = network.spec.inputSize >= 100 ? 3 : 100
        for trial in 0..<trials {
            let spec = try network.spec.withRandomValues(seed: UInt64(trial))
            let values = try spec.requireValues()
            let parameters: [[Rational]] = zip(values.weights, values.biases).flatMap { weights, bias in [weights.elements, bias] }
            let doubles: [[Double]] = parameters.map { $0.map { Double($0) } }
            let generated = network.double(values.input.map { Double($0) }, values.target.map { Double($0) }, doubles)
            let oracle = try OracleBridge.lossAndGradients(spec, values: values, as: ErrorBounded<Double>.self)
            let trial = ErrorBoundCheck(generated: generated, oracle: oracle, layout: ValueGroup.groups(of: spec))
            comparison = comparison.map { $0.merged(with: trial) } ?? trial
            if let exact = network.exact {
                #expect(exact(values.input, values.target, parameters) == (try OracleBridge.lossAndGradients(spec, values: values, as: Rational.self)))
            }
        }
        let result = try #require(comparison)
        #expect(result.passed, "largest error \(result.largestFraction) of its bound")
        #expect(result.compared == result.count)
        #expect(result.count == trials * (1 + network.spec.parameters.map { $0.rowCount * $0.columnCount }.reduce(0, +)))
    }
}

/// Every minibatch entry point (unrolled and loop code) against its per-sample one.
@Suite("Generated code takes minibatches")
struct MinibatchTests {
    @Test(arguments: GeneratedNetworkCase.all, [false, true])
    func batchEqualsTheCombinedSamples(network: GeneratedNetworkCase, mean: Bool) throws {
        let parameters = try network.spec.withRandomValues(seed: 1).requireValues()
        let p: [[Double]] = zip(parameters.weights, parameters.biases).flatMap { weights, bias in
            [weights.elements.map { Double($0) }, bias.map { Double($0) }]
        }
        // Seven samples: the kernels take four at a time and then the rest one by one.
        let samples = try (0..<7).map { try network.spec.withRandomValues(seed: UInt64(100 + $0)).requireValues() }
        let xs = samples.map { $0.input.map { Double($0) } }
        let ts = samples.map { $0.target.map { Double($0) } }
        let batch = network.batch(xs.flatMap { $0 }, ts.flatMap { $0 }, samples.count, mean, 1, p)
        // The autodiff's sum (or mean) over the samples, each value with its rounding-error bound.
        let oracle = OracleBridge.network(network.spec, values: parameters, as: ErrorBounded<Double>.self)
        var total: [ErrorBounded<Double>] = []
        for sample in samples {
            let result = try oracle.lossAndGradients(input: sample.input.map { .init(converting: $0) }, target: sample.target.map { .init(converting: $0) },
                                                     loss: OracleBridge.loss(network.spec.loss))
            let values = [result.loss] + result.namedGradients.flatMap(\.values)
            total = total.isEmpty ? values : zip(total, values).map(+)
        }
        let scale = ErrorBounded<Double>(converting: mean ? Rational(1, samples.count) : 1)
        let expected = total.map { $0 * scale }
        let layout = [ValueGroup(name: "returned loss", count: 1)] + ValueGroup.groups(of: network.spec)
        let comparison = ErrorBoundCheck(generated: batch, oracle: [expected[0]] + expected, layout: layout)
        #expect(comparison.passed, "largest error \(comparison.largestFraction) of its bound")
        #expect(batch[0] != 0)
    }
}

/// Regenerating Generated/ with the lines of Generated/regenerate gives the same bytes.
@Suite("Generated code is reproducible")
struct RegenerationTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func regeneratingReproducesEveryFileByteForByte() throws {
        let generated = Self.packageRoot.appendingPathComponent("Generated")
        let script = try String(contentsOf: generated.appendingPathComponent("regenerate"), encoding: .utf8)
        let commands = script.split(separator: "\n").filter { $0.hasPrefix("\"$gradgen\" ") }.map { $0.split(separator: " ").dropFirst().map(String.init) }
        #expect(commands.count == 12)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("Generated"), withIntermediateDirectories: true)
        for arguments in commands {
            let run = try CommandRun.gradgen(arguments, in: folder.url)
            #expect(run.status == 0, "\(arguments): \(run.standardError)")
        }
        let committed = try FileManager.default.contentsOfDirectory(atPath: generated.path).filter { $0.hasSuffix(".swift") }.sorted()
        let regenerated = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("Generated").path).sorted()
        #expect(committed == regenerated)
        for name in committed {
            let old = try Data(contentsOf: generated.appendingPathComponent(name))
            let new = try Data(contentsOf: folder.url.appendingPathComponent("Generated").appendingPathComponent(name))
            #expect(old == new, "\(name) differs from what gradgen generates now; run Generated/regenerate")
        }
    }
}
