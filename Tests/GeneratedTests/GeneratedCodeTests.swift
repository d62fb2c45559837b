import Exact
import Foundation
import GeneratedNetworks
import Network
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
        var comparison: DoubleComparison?
        // The wide network's autodiff tape has 200,000 nodes: fewer trials keep the suite quick.
        let trials = network.spec.inputSize > 100 ? 3 : 100
        for trial in 0..<trials {
            let spec = try network.spec.withRandomValues(seed: UInt64(trial))
            let values = try spec.requireValues()
            let parameters: [[Rational]] = zip(values.weights, values.biases).flatMap { weights, bias in [weights.elements, bias] }
            let doubles: [[Double]] = parameters.map { $0.map { Double($0) } }
            let generated = network.double(values.input.map { Double($0) }, values.target.map { Double($0) }, doubles)
            let oracle = try OracleBridge.lossAndGradients(spec, values: values, as: Double.self)
            let trial = DoubleComparison(generated, oracle)
            comparison = comparison.map { $0.merged(with: trial) } ?? trial
            if let exact = network.exact {
                #expect(exact(values.input, values.target, parameters) == (try OracleBridge.lossAndGradients(spec, values: values, as: Rational.self)))
            }
        }
        let result = try #require(comparison)
        #expect(result.agrees, "largest relative error \(result.maximumRelativeError)")
        #expect(result.count == trials * (1 + network.spec.parameters.map { $0.rowCount * $0.columnCount }.reduce(0, +)))
    }
}

/// The loop code's minibatch entry point against its per-sample one.
@Suite("Generated loop code takes minibatches")
struct MinibatchTests {
    @Test(arguments: [Wide784.Reduction.sum, .mean])
    func batchEqualsTheCombinedSamples(reduction: Wide784.Reduction) throws {
        let spec = try NetworkSpec.random(seed: 1, options: RandomProblemOptions(sizes: .fixed([784, 128, 10])))
        let parameters = try spec.requireValues()
        let p = Wide784.Parameters(
            W1: parameters.weights[0].elements.map { Double($0) }, b1: parameters.biases[0].map { Double($0) },
            W2: parameters.weights[1].elements.map { Double($0) }, b2: parameters.biases[1].map { Double($0) })
        let samples = try (0..<4).map { try spec.withRandomValues(seed: UInt64(100 + $0)).requireValues() }
        let xs = samples.flatMap { $0.input.map { Double($0) } }
        let ts = samples.flatMap { $0.target.map { Double($0) } }
        let workspace = Wide784.Workspace()
        let batchLoss = Wide784.batchLossAndGradients(x: xs, t: ts, count: 4, reduction: reduction, parameters: p, workspace: workspace)
        let batch = workspace.gradients
        let single = samples.map { Wide784.lossAndGradients(x: $0.input.map { Double($0) }, t: $0.target.map { Double($0) }, parameters: p) }
        let scale = reduction == .mean ? 0.25 : 1.0
        let expectedLoss = single.map(\.loss).reduce(0, +) * scale
        let expectedW1 = (0..<single[0].W1.count).map { k in single.map { $0.W1[k] }.reduce(0, +) * scale }
        let expectedB2 = (0..<single[0].b2.count).map { k in single.map { $0.b2[k] }.reduce(0, +) * scale }
        #expect(DoubleComparison([batchLoss] + batch.W1 + batch.b2, [expectedLoss] + expectedW1 + expectedB2).agrees)
        #expect(batchLoss != 0)
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
        #expect(commands.count == 5)
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
