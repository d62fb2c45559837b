import Foundation
import GradgenKit
import Testing

/// The README's "Using GradgenKit from Swift" example, compiled and run: one import brings
/// every module, and the reference network's answers come out exact.
@Suite("GradgenKit, as the README uses it")
struct ReadmeExampleTests {
    @Test func specToExactGradientsAndToEmittedCode() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradgenkit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }

        // From the README:
        let spec = try NetworkSpec(json: """
            {"input": 3,
             "layers": [{"size": 2, "activation": "relu", "W": [[3, -1, 1], [-5, 2, -1]], "b": [1, 2]},
                        {"size": 2, "activation": "identity", "W": [[1, -2], [-3, 1]], "b": [1, 1]}],
             "x": [0, 1, 2], "t": [1, 2]}
            """)
        let derivation = Derivation(spec: spec)
        let answers = try ExactEvaluation(derivation: derivation, values: spec.requireValues(), significantDigits: 17)
        print(answers.loss.exact)                                   // 29/2
        for (parameter, values) in answers.gradients {
            print(parameter.name, values.map(\.exact))              // W1 ["0", "13", "26", "0", "-1", "-2"] …
        }
        let files = try GeneratedSwiftFiles(
            spec: spec, options: SwiftEmitter.Options(typeName: "ReferenceNet", command: "my build step"),
            fileName: "ReferenceNet.swift", templates: .bundled, form: .automatic(for: spec))
        try files.write(toFolder: folder.appendingPathComponent("Sources/Net").path)   // ReferenceNet.swift, Gradgen.swift, …

        #expect(answers.loss.rational == Rational(29, 2))
        #expect(answers.gradients[0].values.map(\.exact) == ["0", "13", "26", "0", "-1", "-2"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("Sources/Net").path).sorted()
            == ["Gradgen+Rational.swift", "Gradgen.swift", "ReferenceNet.swift"])
    }
}
