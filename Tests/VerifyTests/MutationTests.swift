import Emit
import Foundation
import NetworkModel
import Testing
import Verify

/// Mutation tests of the checker: generated code changed the way bugs change code must FAIL
/// `gradgen verify`, and correct code must PASS, on trained near-minimum networks and where
/// values cancel too. All mutants of a network are compiled together, once.
@Suite("The checker fails mutated code and passes correct code")
struct MutationTests {
    /// The first line matching `pattern` (a regular expression), changed by `edit`; nil when
    /// no line matches or the edit changes nothing.
    static func changingFirstLine(_ text: String, matching pattern: String, _ edit: @escaping (String) -> String?) -> String? {
        var lines = text.components(separatedBy: "\n")
        guard let index = lines.firstIndex(where: { $0.range(of: pattern, options: .regularExpression) != nil }),
              let changed = edit(lines[index]), changed != lines[index] else { return nil }
        lines[index] = changed
        return lines.joined(separator: "\n")
    }

    static let mutants: [CodeVariant] = [
        // ∂L/∂W uses the wrong input: x_l[k] becomes x_l[0] (or x_l[1] for k = 0).
        CodeVariant(name: "wrong index") { text in
            changingFirstLine(text, matching: #"^\s*let dW\d+_\d+_\d+ = .*\bx\d+_\d+\b"#) { line in
                guard let range = line.range(of: #"\bx\d+_\d+\b"#, options: .regularExpression) else { return nil }
                let name = line[range]
                let index = name.split(separator: "_").last!
                return line.replacingCharacters(in: range, with: name.dropLast(index.count) + (index == "0" ? "1" : "0"))
            }
        },
        // A pre-activation loses one product W[i, j] x[j].
        CodeVariant(name: "dropped term") { text in
            changingFirstLine(text, matching: #"^\s*let z\d+_\d+ = .* \+ s\d+"#) { line in
                line.replacingOccurrences(of: #" \+ s\d+"#, with: "", options: .regularExpression, range: line.range(of: #" \+ s\d+"#, options: .regularExpression))
            }
        },
        // A δ with the wrong sign. (Flipping one term's sign can leave the value unchanged:
        // in cross-entropy code a term through the max is exactly 0.)
        CodeVariant(name: "sign") { text in
            changingFirstLine(text, matching: #"^\s*let db\d+_\d+ = "#) { line in
                guard let equals = line.range(of: " = ") else { return nil }
                return line[..<equals.upperBound] + "-(" + line[equals.upperBound...] + ")"
            }
        },
        // One weight gradient is off by 1 part in 10⁹.
        CodeVariant(name: "coefficient off by 1e-9") { text in
            changingFirstLine(text, matching: #"^\s*let dW\d+_\d+_\d+ = "#) { $0 + " * Scalar(1_000_000_001, over: 1_000_000_000)" }
        },
        // ∂L/∂W written transposed: entries (0, 1) and (1, 0) trade places.
        CodeVariant(name: "transposed gradient") { text in
            guard let layer = (1...9).first(where: { text.contains("= dW\($0)_0_1\n") && text.contains("= dW\($0)_1_0\n") }) else { return nil }
            return text.replacingOccurrences(of: "= dW\(layer)_0_1\n", with: "= SWAPPED\n")
                .replacingOccurrences(of: "= dW\(layer)_1_0\n", with: "= dW\(layer)_0_1\n")
                .replacingOccurrences(of: "= SWAPPED\n", with: "= dW\(layer)_1_0\n")
        },
    ]

    /// The network of issue 13 whose gradient has an entry of 1.26e-19 that Double computes as
    /// 0 (its own numbers are the first trial), and a sigmoid / leaky-ReLU cross-entropy one.
    static let networks: [NetworkSpec] = [
        try! NetworkSpec.random(seed: 11, options: RandomProblemOptions(sizes: .fixed([4, 5, 4, 3]), hiddenActivations: [.relu, .tanh])),
        try! NetworkSpec.random(seed: 4, options: RandomProblemOptions(
            sizes: .fixed([4, 3, 3]), hiddenActivations: [.sigmoid, .leakyReLU], loss: .softmaxCrossEntropy, values: .general)),
    ]

    @Test(arguments: networks)
    func everyMutantFailsAndTheCodePasses(spec: NetworkSpec) throws {
        // The entry-point mutants of unrolled code share this compile (loop code has its own).
        let entryMutants = EntryPointMutationTests.mutants(for: spec, form: .unrolled)
        let check = try GeneratedCodeCheck(spec: spec, trials: 20, form: .unrolled, variants: Self.mutants + entryMutants.map(\.variant),
                                           oracles: [.tape, .swiftAD])
        #expect(check.passed, "the generated code itself: largest error \(check.comparison.largestFraction) of its bound")
        #expect(check.variantComparisons.count == Self.mutants.count + entryMutants.count)
        EntryPointMutationTests.expectEachFailsItsEntryPointOnly(entryMutants, Array(check.variantComparisons.dropFirst(Self.mutants.count)))
        for (mutant, comparison) in zip(Self.mutants, check.variantComparisons) {
            #expect(!comparison.passed, "mutant \"\(mutant.name)\" passed: largest error \(comparison.largestFraction) of its bound")
        }
        // The compiler-written oracle alone fails every mutant too.
        #expect(check.swiftADVariantComparisons.count == Self.mutants.count + entryMutants.count)
        for (mutant, comparison) in zip(Self.mutants, check.swiftADVariantComparisons) {
            #expect(!comparison.passed, "mutant \"\(mutant.name)\" passed against swift-ad: largest error \(comparison.largestFraction) of its bound")
        }
    }

    /// Trained XOR networks near a minimum, at their own numbers (the first trial) and at
    /// random ones: PASS, though their gradients cancel to a fraction of their terms.
    @Test func trainedNetworksPass() throws {
        let spec = ErrorBoundVerdictTests.trained[0].spec
        let check = try GeneratedCodeCheck(spec: spec, trials: 5, form: .unrolled)
        #expect(check.passed, "largest error \(check.comparison.largestFraction) of its bound")
        #expect(check.comparison.compared == check.comparison.count)
    }
}

/// Mutants of the other entry points: a bug in the minibatch path or in predict must FAIL the
/// group of that entry point alone, where a network's file holds that code: loop code's minibatch
/// sums, and every network's forward pass of one sample for predict (with `MutationTests`'
/// compile for unrolled code). The minibatch of unrolled code and predict's loop over the
/// samples are the runtime's (`Gradgen.Network`, the same for every network, in Gradgen.swift),
/// so no network file can get them wrong; GeneratedTests and the API tests check them.
@Suite("The checker fails mutated batch and predict code")
struct EntryPointMutationTests {
    /// A mutant, the groups it must fail, and whether it applies to a network's code.
    struct Mutant {
        let variant: CodeVariant
        let fails: Set<String>
        let applies: @Sendable (NetworkSpec, CodeForm) -> Bool
    }

    static let mutants: [Mutant] = [
        Mutant(variant: CodeVariant(name: "mean divides by n − 1") { text in
            MutationTests.changingFirstLine(text, matching: #"let scale = 1 / Double\(count\)"#) {
                $0.replacingOccurrences(of: "Double(count)", with: "Double(count - 1)")
            }
        }, fails: ["batch of 3, mean"], applies: { _, form in form == .loops }),
        Mutant(variant: CodeVariant(name: "batch reads the first sample's target for every sample") { text in
            MutationTests.changingFirstLine(text, matching: #"targetRow = t \+ s \* \d+"#) {
                $0.replacingOccurrences(of: #"(?<=t \+ )s \* \d+"#, with: "0", options: .regularExpression)
            }
        }, fails: ["batch of 3, sum", "batch of 3, mean"], applies: { _, form in form == .loops }),
        Mutant(variant: CodeVariant(name: "predict skips the first hidden layer's activation") { text in
            MutationTests.changingFirstLine(text, matching: #"^\s*for i in 0\.\.<\d+ \{ let z = a\[i\]; a\[i\] = "#) { _ in "" }
        }, fails: ["predict", "predict, batch of 3"], applies: { spec, _ in spec.layers.count > 1 && spec.layers[0].activation != .identity }),
        Mutant(variant: CodeVariant(name: "predict without softmax") { text in
            MutationTests.changingFirstLine(text, matching: #"^\s*Gradgen\.softmax\(output, "#) { _ in "" }
        }, fails: ["predict", "predict, batch of 3"], applies: { spec, _ in spec.loss == .softmaxCrossEntropy }),
    ]

    /// The mutants that apply to `spec`'s code in `form`.
    static func mutants(for spec: NetworkSpec, form: CodeForm) -> [Mutant] {
        mutants.filter { $0.applies(spec, form) }
    }

    /// Each mutant fails exactly the groups it names.
    static func expectEachFailsItsEntryPointOnly(_ mutants: [Mutant], _ comparisons: [ErrorBoundCheck]) {
        #expect(comparisons.count == mutants.count)
        for (mutant, comparison) in zip(mutants, comparisons) {
            let failing = Set(comparison.groups.filter { !$0.passed }.map(\.name))
            #expect(failing == mutant.fails, "mutant \"\(mutant.variant.name)\" failed \(failing.sorted())")
        }
    }

    @Test func loopCodeMutantsFailTheirEntryPointOnly() throws {
        let spec = try NetworkSpec.random(seed: 4, options: RandomProblemOptions(
            sizes: .fixed([4, 3, 3]), hiddenActivations: [.tanh], loss: .softmaxCrossEntropy, values: .general))
        let mutants = Self.mutants(for: spec, form: .loops)
        #expect(mutants.count == Self.mutants.count, "every mutant applies to this loop code")
        let check = try GeneratedCodeCheck(spec: spec, trials: 10, form: .loops, variants: mutants.map(\.variant))
        #expect(check.passed, "the generated code itself: largest error \(check.comparison.largestFraction) of its bound")
        #expect(check.comparison.groups.map(\.name) == ["loss", "W1", "b1", "W2", "b2", "batch of 3, sum", "batch of 3, mean", "predict", "predict, batch of 3"])
        Self.expectEachFailsItsEntryPointOnly(mutants, check.variantComparisons)
    }
}
