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

    /// Without `_Differentiation`, `--oracle swift-ad` says so and exits 1 before compiling,
    /// and `--oracle both` says so and compares with the tape alone. A swiftc that refuses
    /// to type-check (the probe) and otherwise runs the real one stands in for such a toolchain.
    @Test func missingModuleIsNamed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let real = try #require(path.split(separator: ":").map { "\($0)/swiftc" }.first { FileManager.default.isExecutableFile(atPath: $0) })
        let fake = folder.url.appendingPathComponent("swiftc")
        try "#!/bin/sh\ncase \"$*\" in *-typecheck*) exit 1;; esac\nexec \(real) \"$@\"\n".write(to: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        let gradgen = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gradgen")
        func verify(_ oracle: String) throws -> CommandRun {
            try CommandRun.run(URL(fileURLWithPath: "/usr/bin/env"),
                               ["PATH=\(folder.url.path):\(path)", gradgen.path, "verify", "--example", "reference-relu", "--trials", "2", "--oracle", oracle])
        }
        let explicit = try verify("swift-ad")
        #expect(explicit.status == 1)
        #expect(explicit.standardError == "Error: this toolchain has no _Differentiation; --oracle swift-ad unavailable\n")
        let both = try verify("both")
        #expect(both.status == 0, "\(both.standardError)")
        #expect(both.standardOutput.contains("Note: this toolchain has no _Differentiation; --oracle swift-ad unavailable; comparing with the tape alone\n"))
        #expect(both.standardOutput.contains("Against the tape: "))
        #expect(!both.standardOutput.contains("Against swift-ad"))
        #expect(both.standardOutput.hasSuffix("PASS\n"))
    }
}
