import Emit
import Exact
import Foundation
import NetworkModel
import Testing
import TestSupport
import Verify

/// The compiler-written oracle: generated code compared with Swift's own gradient
/// (`_Differentiation`) of the network written as a `@differentiable` function.
@Suite("verify against the swift-ad oracle")
struct SwiftADOracleTests {
    /// A random network (seed `seed`, sizes 4-5-4-3-3) with the given activations, layer by layer.
    static func network(seed: UInt64, activations: [Activation], loss: Loss) throws -> NetworkSpec {
        let random = try NetworkSpec.random(seed: seed, options: RandomProblemOptions(sizes: .fixed([4, 5, 4, 3, 3]), values: .general))
        let values = try random.requireValues()
        let layers = random.layers.indices.map { l in
            LayerSpec(size: random.layers[l].size, activation: activations[l], weights: values.weights[l], bias: values.biases[l])
        }
        var target = values.target
        if loss == .softmaxCrossEntropy { target = target.indices.map { $0 == 0 ? Rational(1) : Rational(0) } }
        return try NetworkSpec(inputSize: random.inputSize, layers: layers, loss: loss, input: values.input, target: target)
    }

    /// Every activation and every loss, in three networks, in both forms: PASS against both oracles.
    @Test(arguments: [
        (Loss.halfSumSquares, [Activation.relu, .leakyReLU(slope: Rational(1, 10)), .sigmoid, .tanh], CodeForm.unrolled),
        (.meanSquaredError, [.tanh, .softplus, .silu, .identity], .loops),
        (.softmaxCrossEntropy, [.elu(alpha: Rational(1, 2)), .softsign, .relu, .identity], .unrolled),
    ])
    func everyActivationAndLossPasses(loss: Loss, activations: [Activation], form: CodeForm) throws {
        let spec = try Self.network(seed: 17, activations: activations, loss: loss)
        let check = try GeneratedCodeCheck(spec: spec, trials: 30, form: form, oracles: [.tape, .swiftAD])
        #expect(check.compilerOutput.isEmpty, "swiftc printed: \(check.compilerOutput)")
        let compiler = try #require(check.swiftADComparison)
        #expect(compiler.groups.map(\.name) == ValueGroup.groups(of: spec).map(\.name))
        #expect(compiler.compared == 30 * ValueGroup.groups(of: spec).map(\.count).reduce(0, +))
        #expect(compiler.passed, "largest error \(compiler.largestFraction) of its bound")
        #expect(check.passed, "largest error \(check.comparison.largestFraction) of the tape's bound")
    }

    /// Without `_Differentiation`, `--oracle swift-ad` says so and exits 1 before compiling;
    /// a swiftc that cannot type-check the module stands in for such a toolchain.
    @Test func missingModuleIsNamed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fake = folder.url.appendingPathComponent("swiftc")
        try "#!/bin/sh\nexit 1\n".write(to: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        let gradgen = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gradgen")
        let run = try CommandRun.run(URL(fileURLWithPath: "/usr/bin/env"),
                                     ["PATH=\(folder.url.path):/usr/bin:/bin", gradgen.path, "verify", "--example", "reference-relu", "--oracle", "swift-ad"])
        #expect(run.status == 1)
        #expect(run.standardError == "Error: this toolchain has no _Differentiation; --oracle swift-ad unavailable\n")
    }
}
