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
        let check = try GeneratedCodeCheck(spec: spec, trials: 50)
        #expect(check.compilerOutput.isEmpty, "swiftc printed: \(check.compilerOutput)")
        if spec.layers.contains(where: { $0.activation == .softplus }) {
            // The error bounds found defects here: the runtime's softplus computed
            // log(1 + e^−|x|) where log1p is needed (fixed: Gradgen.softplus uses log1p), and
            // ∂L/∂W3 and ∂L/∂b3 of this softplus network still lie far beyond their bounds on
            // some trials. Until that is found, this FAIL is expected; the known issue turns
            // into a failure of its own once it is fixed.
            withKnownIssue("∂L/∂W3 of a softplus, softmax cross-entropy network beyond its error bound") {
                #expect(check.passed, "largest error \(check.comparison.largestFraction) of its bound")
            }
            #expect(check.comparison.groups.first { $0.name == "W3" }.map { !$0.passed } == true)
        } else {
            #expect(check.passed, "largest error \(check.comparison.largestFraction) of its bound")
        }
        #expect(check.comparison.count == 50 * (1 + spec.parameters.map { $0.rowCount * $0.columnCount }.reduce(0, +)))
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
