import Emit
import Foundation
import NetworkModel
import Testing
import TestSupport
import Verify

/// `gradgen verify`'s engine: generated code compiled with swiftc -O, run, and compared.
@Suite("Generated code compiled and checked")
struct GeneratedCodeCheckTests {
    @Test(arguments: [
        BuiltinExample.referenceReLU.spec,
        BuiltinExample.referenceSigmoid.spec,
        try! NetworkSpec.random(seed: 9, options: RandomProblemOptions(
            sizes: .fixed([4, 5, 4, 3]), hiddenActivations: [.tanh, .softplus, .leakyReLU], loss: .softmaxCrossEntropy)),
    ])
    func compilesWithoutWarningsAndAgrees(spec: NetworkSpec) throws {
        let check = try GeneratedCodeCheck(spec: spec, trials: 50, oracles: [.tape, .swiftAD])
        #expect(check.compilerOutput.isEmpty, "swiftc printed: \(check.compilerOutput)")
        let compiler = try #require(check.swiftADComparison)
        #expect(compiler.passed, "against swift-ad: largest error \(compiler.largestFraction) of its bound")
        #expect(check.instrumented)
        #expect(check.passed, "largest error \(check.comparison.largestFraction) of its bound")
        let weights = spec.parameters.map { $0.rowCount * $0.columnCount }.reduce(0, +)
        #expect(check.batches == 4)
        #expect(check.comparison.groups.map(\.name) == ["loss"] + spec.parameters.map(\.name) + ["batch of 3, sum", "batch of 3, mean", "predict", "predict, batch of 3"])
        // Per trial: loss, gradients, predict; per batch: returned loss, workspace loss and
        // gradients under .sum and .mean, and the batch's predictions.
        #expect(check.comparison.count == 50 * (1 + weights + spec.outputSize) + 4 * (2 * (2 + weights) + 3 * spec.outputSize))
    }

    /// Loop code for every activation and loss, compiled and checked the same way.
    @Test(arguments: [Loss.halfSumSquares, .meanSquaredError, .softmaxCrossEntropy])
    func loopCodeCompilesWithoutWarningsAndAgrees(loss: Loss) throws {
        let spec = try NetworkSpec.random(seed: 11, options: RandomProblemOptions(
            sizes: .fixed([9, 7, 6, 5, 4]), hiddenActivations: [.relu, .leakyReLU, .sigmoid, .tanh, .softplus],
            outputActivation: loss == .softmaxCrossEntropy ? .identity : .tanh, loss: loss, values: .general))
        let check = try GeneratedCodeCheck(spec: spec, trials: 50, form: .loops)
        #expect(check.compilerOutput.isEmpty, "swiftc printed: \(check.compilerOutput)")
        #expect(check.passed, "largest error \(check.comparison.largestFraction) of its bound")
    }

    /// Unrolled code emitted with `--scalar Float` compiles without warnings and passes against
    /// the autodiff run in Float (bounds in Float's unit roundoff); a mutant off by 1 part in
    /// 10⁴ fails.
    @Test func floatCodeCompilesWithoutWarningsAndAgrees() throws {
        let spec = try NetworkSpec.random(seed: 5, options: RandomProblemOptions(
            sizes: .fixed([6, 5, 4]), hiddenActivations: [.tanh, .relu], loss: .meanSquaredError, values: .general))
        let mutant = CodeVariant(name: "off by 1e-4") { text in
            guard let range = text.range(of: #"(?m)^\s*let dW\d+_\d+_\d+ = .*$"#, options: .regularExpression) else { return nil }
            return text.replacingCharacters(in: range, with: text[range] + " * Scalar(10_001, over: 10_000)")
        }
        let check = try GeneratedCodeCheck(spec: spec, trials: 30, form: .unrolled, scalar: .float, variants: [mutant])
        #expect(check.compilerOutput.isEmpty, "swiftc printed: \(check.compilerOutput)")
        #expect(!check.instrumented)
        #expect(check.passed, "largest error \(check.comparison.largestFraction) of its bound")
        #expect(check.variantComparisons.count == 1 && check.variantComparisons[0].passed == false, "the mutant fails")
        // The references in Float too.
        for reference in [BuiltinExample.referenceReLU.spec, BuiltinExample.referenceSigmoid.spec] {
            let check = try GeneratedCodeCheck(spec: reference, trials: 20, form: .unrolled, scalar: .float)
            #expect(check.passed && check.compilerOutput.isEmpty, "largest error \(check.comparison.largestFraction)")
        }
    }

    /// Loop code in Float (the kernels' eight-lane dot products, every entry point) passes
    /// against the autodiff run in Float, for the references and random networks with smooth
    /// and piecewise activations under every loss; a mutant whose δ is off by 1 part in 10⁴ fails.
    @Test func floatLoopCodeAgreesAndAMutantFails() throws {
        let mutant = CodeVariant(name: "δ off by 1e-4") { text in
            guard let range = text.range(of: #"(?m)^\s*w\.delta1\[k\] = .*$"#, options: .regularExpression) else { return nil }
            return text.replacingCharacters(in: range, with: text[range] + " * 1.0001")
        }
        let spec = try NetworkSpec.random(seed: 5, options: RandomProblemOptions(
            sizes: .fixed([9, 7, 6, 5]), hiddenActivations: [.tanh, .relu], loss: .meanSquaredError, values: .general))
        let check = try GeneratedCodeCheck(spec: spec, trials: 20, form: .loops, scalar: .float, variants: [mutant])
        #expect(check.compilerOutput.isEmpty, "swiftc printed: \(check.compilerOutput)")
        #expect(check.passed, "largest error \(check.comparison.largestFraction) of its bound")
        #expect(check.variantComparisons.count == 1 && check.variantComparisons[0].passed == false, "the mutant fails")
        for reference in [BuiltinExample.referenceReLU.spec, BuiltinExample.referenceSigmoid.spec] {
            let check = try GeneratedCodeCheck(spec: reference, trials: 10, form: .loops, scalar: .float)
            #expect(check.passed && check.compilerOutput.isEmpty, "largest error \(check.comparison.largestFraction)")
        }
        for (seed, loss) in [(21, Loss.softmaxCrossEntropy), (22, .halfSumSquares)] {
            let spec = try NetworkSpec.random(seed: UInt64(seed), options: RandomProblemOptions(
                sizes: .fixed([20, 17, 9]), hiddenActivations: [.sigmoid, .leakyReLU], outputActivation: loss == .softmaxCrossEntropy ? .identity : .tanh,
                loss: loss, values: .general))
            let check = try GeneratedCodeCheck(spec: spec, trials: 10, form: .loops, scalar: .float)
            #expect(check.passed, "\(loss): largest error \(check.comparison.largestFraction) of its bound")
        }
    }

    /// A compile error in generated code is reported with the compiler's own message.
    @Test func compileErrorsAreShown() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let templates = folder.url.appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: TemplateLibrary.bundled.directory, to: templates)
        let network = templates.appendingPathComponent("swift/Network.swift.mustache")
        let text = try String(contentsOf: network, encoding: .utf8)
        try text.replacingOccurrences(of: "public enum", with: "public enum enum").write(to: network, atomically: true, encoding: .utf8)
        do {
            _ = try GeneratedCodeCheck(spec: BuiltinExample.referenceReLU.spec, trials: 1, templates: TemplateLibrary(directory: templates))
            Issue.record("a broken template should not compile")
        } catch let VerificationError.compilation(output) {
            #expect(output.contains("error:"))
            #expect(output.contains("VerifiedNetwork.swift"))
        }
    }
}
