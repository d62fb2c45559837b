import Autodiff
import Exact
import Foundation
import NetworkModel
import Testing
import TestSupport
import Verify

/// Verdicts from error bounds: PASS where the exact answer is right although Double cancels
/// (trained near-minimum networks), FAIL where one exact value is off by 1 part in 10⁹.
@Suite("Verdicts from rounding-error bounds")
struct ErrorBoundVerdictTests {
    /// XOR trained with SGD on a 2-h-1 ReLU network, written as a spec whose weights are the
    /// exact decimal text of the trained Doubles; x and t are one XOR sample.
    static func trainedXOR(seed: UInt64, hidden: Int, steps: Int = 800) throws -> (spec: NetworkSpec, json: String, loss: Double) {
        var random = SplitMix64(seed: seed)
        func draw() -> Double { Double(random.next() >> 11) * 0x1p-53 * 2 - 1 }
        var mlp = MLP<Double>(layers: [
            Layer(weights: (0..<hidden).map { _ in [draw(), draw()] }, bias: (0..<hidden).map { _ in draw() * 0.1 }, activation: .relu),
            Layer(weights: [(0..<hidden).map { _ in draw() }], bias: [0], activation: .identity),
        ])
        let samples: [([Double], [Double])] = [([0, 0], [0]), ([0, 1], [1]), ([1, 0], [1]), ([1, 1], [0])]
        for _ in 0..<steps {
            for (x, t) in samples {
                let gradient = try mlp.lossAndGradients(input: x, target: t)
                for l in mlp.layers.indices {
                    for i in mlp.layers[l].weights.indices {
                        for j in mlp.layers[l].weights[i].indices {
                            mlp.layers[l].weights[i][j] -= 0.05 * gradient.layers[l].weights[i][j]
                        }
                        mlp.layers[l].bias[i] -= 0.05 * gradient.layers[l].bias[i]
                    }
                }
            }
        }
        let total = try samples.map { try mlp.loss(input: $0.0, target: $0.1) }.reduce(0, +)
        func text(_ value: Double) -> String { Rational(exactly: value)!.decimal(significantDigits: 800) }
        func row(_ values: [Double]) -> String { "[" + values.map(text).joined(separator: ", ") + "]" }
        let layers = mlp.layers.enumerated().map { index, layer in
            "{\"size\": \(layer.bias.count), \"activation\": \"\(index == 0 ? "relu" : "identity")\", "
                + "\"W\": [\(layer.weights.map(row).joined(separator: ", "))], \"b\": \(row(layer.bias))}"
        }
        let json = "{\"input\": 2, \"layers\": [\(layers.joined(separator: ", "))], \"x\": [1, 0], \"t\": [1]}"
        return (try NetworkSpec(json: json, sourceName: "trained.json"), json, total)
    }

    static let trained: [(spec: NetworkSpec, json: String, loss: Double)] = [(8, 8), (12, 6), (4, 8)].map { seed, hidden in
        try! trainedXOR(seed: seed, hidden: hidden)
    }

    func exactValues(_ spec: NetworkSpec) throws -> [ExactReference] {
        let evaluation = try ExactEvaluation(derivation: Derivation(spec: spec), values: spec.requireValues(), significantDigits: 17)
        return ([evaluation.loss] + evaluation.gradients.flatMap(\.values)).map { ExactReference($0, significantDigits: 17) }
    }

    /// The nets are trained (near a minimum: XOR's summed loss is small) and their gradients
    /// cancel: a fixed relative tolerance of 1e-12 would fail them, the bounds pass them.
    @Test(arguments: 0..<3)
    func trainedNetworksPass(index: Int) throws {
        let (spec, _, loss) = Self.trained[index]
        #expect(loss < 1e-3, "XOR not learned: summed loss \(loss)")
        let values = try spec.requireValues()
        let exact = try exactValues(spec)
        let check = try OracleCheck(spec: spec, values: values, exact: exact)
        #expect(check.exactAgreement == true)
        #expect(check.passed, "\(check.verdictSentence(.plain))")
        #expect(check.double.compared == check.double.count)
        let doubles = try OracleBridge.lossAndGradients(spec, values: values, as: Double.self)
        let relative = zip(doubles, exact).map { computed, exact in
            exact.value.isZero ? 0 : abs(Double(Rational(exactly: computed)! - exact.value) / Double(exact.value))
        }.max() ?? 0
        #expect(relative > 1e-12, "no cancellation: largest relative error \(relative)")
    }

    /// The same through the command line, from the spec file, as a user runs it.
    @Test func trainedNetworksPassFromTheCommandLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for (index, network) in Self.trained.enumerated() {
            let path = try folder.write("trained\(index).json", network.json)
            let run = try CommandRun.gradgen(["eval", path, "--check"])
            #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
            #expect(run.standardOutput.contains("Rational autodiff: identical, exactly"))
            #expect(run.standardOutput.contains("lies within the rounding-error bound computed beside it"))
            #expect(run.standardOutput.hasSuffix("PASS\n"))
        }
    }

    /// Each exact gradient entry that the bounds resolve to better than 1 part in 10¹⁰,
    /// perturbed by 1 part in 10⁹, makes the check FAIL, naming its group.
    /// (Near a minimum, gradient entries are as small as their rounding noise and 1 part in
    /// 10⁹ of them is below what Double can resolve; the network trained for 400 steps is
    /// still far enough from it.)
    @Test(arguments: ["reference-relu", "reference-sigmoid", "random", "trained"])
    func perturbedEntryFails(network: String) throws {
        let spec = switch network {
        case "trained": try Self.trainedXOR(seed: 7, hidden: 6, steps: 400).spec
        case "random": try NetworkSpec.random(seed: 11, options: RandomProblemOptions(
            sizes: .fixed([4, 5, 4, 3]), hiddenActivations: [.relu, .tanh], values: .general))
        default: try #require(BuiltinExample(rawValue: network)).spec
        }
        let values = try spec.requireValues()
        let exact = try exactValues(spec)
        let oracle = try OracleBridge.lossAndGradients(spec, values: values, as: ErrorBounded<Double>.self)
        let groups = ValueGroup.groups(of: spec)
        var perturbed = 0
        for index in 1..<exact.count {
            guard let bound = oracle[index].bound, !exact[index].value.isZero,
                  Rational(exactly: bound)! < exact[index].value.magnitude / 10_000_000_000 else { continue }
            var changed = exact
            let value = exact[index].value * (1 + Rational(1, 1_000_000_000))
            changed[index] = exact[index].isExact ? ExactReference(exactly: value) : ExactReference(decimal: value, significantDigits: 17)
            let check = try OracleCheck(spec: spec, values: values, exact: changed)
            #expect(!check.passed, "entry \(index)")
            #expect(check.double.groups.filter { !$0.passed }.count == 1, "entry \(index)")
            #expect(check.verdictSentence(.plain).hasPrefix("THE AUTODIFF DISAGREES"))
            perturbed += 1
        }
        #expect(perturbed >= 4, "entries resolved to 1e-10: \(perturbed) of \(exact.count - 1)")
        #expect(groups.count == spec.parameters.count + 1)
    }

    /// The report of issue 13: an entry that is 0 in Double and 1.26e-19 exactly passed with
    /// "largest relative error 1.0". Now it is within its bound, and said so.
    @Test func cancellingEntryIsWithinItsBound() throws {
        let run = try CommandRun.gradgen(["eval", "--random", "11", "--sizes", "4,5,4,3", "--hidden", "relu,tanh", "--check"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(!run.standardOutput.contains("relative error"))
        #expect(run.standardOutput.contains("Each of the 65 values lies within the rounding-error bound computed beside it"))
        for group in ["loss", "W1", "b1", "W2", "b2", "W3", "b3"] {
            #expect(run.standardOutput.split(separator: "\n").contains { $0.hasPrefix("    \(group) ") && $0.hasSuffix("PASS") }, "\(group)")
        }
    }

    /// Values beyond Double's range are reported as such, not as a disagreement.
    @Test func overflowIsNotADisagreement() throws {
        let spec = try NetworkSpec(json: """
            {"input": 1, "layers": [{"size": 1, "activation": "identity", "W": [["1e160"]], "b": [0]}], "x": [1], "t": [0]}
            """, sourceName: "big.json")
        let check = try OracleCheck(spec: spec, values: spec.requireValues(), exact: exactValues(spec))
        #expect(check.exactAgreement == true)
        #expect(check.passed)
        #expect(check.double.overflows == 1)
        #expect(check.double.groups[0].overflows == 1)
        #expect(check.verdictSentence(.plain).contains("1 value overflows Double and was not compared"))
    }
}
