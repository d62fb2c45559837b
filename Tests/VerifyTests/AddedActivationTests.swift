import Emit
import Exact
import NetworkModel
import Testing
import Verify

/// SiLU, ELU and softsign, added as one entry each in the rule table, the spec's name table and
/// the oracle: exact or correctly rounded values, agreement with the oracle, and generated code
/// that compiles and agrees in both forms.
@Suite("SiLU, ELU and softsign")
struct AddedActivationTests {
    /// x ↦ f(x) with W = [1], b = [0], as a spec.
    func single(_ activation: String, input: String) throws -> NetworkSpec {
        try NetworkSpec(json: """
            {"input": 1, "layers": [{"size": 1, "activation": \(activation), "W": [[1]], "b": [0]}],
             "x": ["\(input)"], "t": [0]}
            """)
    }

    /// Decimals correctly rounded to 30 digits; the references were computed independently with
    /// Python's `decimal` module at 80 digits (1 / (1 + e⁻¹), and e^(−1/2)/2 − 1/2).
    @Test func decimalsAreCorrectlyRounded() throws {
        let silu = try ExactEvaluation(derivation: Derivation(spec: single("\"silu\"", input: "1")),
                                       values: single("\"silu\"", input: "1").requireValues(), significantDigits: 30)
        #expect(silu.activations[1][0].decimal == "0.731058578630004879251159241822")
        #expect(silu.activations[1][0].rational == nil)
        let eluSpec = try single(#"{"name": "elu", "alpha": "1/2"}"#, input: "-1/2")
        let elu = try ExactEvaluation(derivation: Derivation(spec: eluSpec), values: eluSpec.requireValues(), significantDigits: 30)
        #expect(elu.activations[1][0].decimal == "-0.196734670143683288198100232504")
        let softsignSpec = try single("\"softsign\"", input: "-3")
        let softsign = try ExactEvaluation(derivation: Derivation(spec: softsignSpec), values: softsignSpec.requireValues(), significantDigits: 30)
        #expect(softsign.activations[1][0].rational == Rational(-3, 4))
    }

    /// Softsign networks are rational: the symbolic results equal the Rational autodiff exactly,
    /// also where pre-activations sit at 0 (where |z| has its kink).
    @Test func softsignAgreesExactly() throws {
        for seed in 0..<30 {
            let options = RandomProblemOptions(sizes: .random(depth: 1...3, width: 1...6), hiddenActivations: [.softsign, .relu],
                                               outputActivation: seed % 2 == 0 ? .softsign : .identity,
                                               loss: seed % 3 == 0 ? .meanSquaredError : .halfSumSquares)
            var spec = try NetworkSpec.random(seed: UInt64(seed), options: options)
            if seed % 5 == 0 { spec = try Self.zeroingFirstPreActivation(spec) }
            let values = try spec.requireValues()
            let evaluation = try ExactEvaluation(derivation: Derivation(spec: spec), values: values, significantDigits: 5)
            let check = try OracleCheck(spec: spec, values: values, evaluation: evaluation, significantDigits: 5)
            #expect(check.exactAgreement == true, "seed \(seed)")
            #expect(check.double.passed, "seed \(seed)")
        }
    }

    /// The spec with b1 moved so that z1's first entry is exactly 0.
    static func zeroingFirstPreActivation(_ spec: NetworkSpec) throws -> NetworkSpec {
        let values = try spec.requireValues()
        var bias = values.biases[0]
        var z = bias[0]
        for j in 0..<values.weights[0].columnCount { z += values.weights[0][0, j] * values.input[j] }
        bias[0] -= z
        var layers = spec.layers
        layers[0] = LayerSpec(size: layers[0].size, activation: layers[0].activation, weights: values.weights[0], bias: bias)
        for l in 1..<layers.count {
            layers[l] = LayerSpec(size: layers[l].size, activation: layers[l].activation, weights: values.weights[l], bias: values.biases[l])
        }
        return try NetworkSpec(inputSize: spec.inputSize, layers: layers, loss: spec.loss, input: values.input, target: values.target)
    }

    /// SiLU and ELU networks agree with the Double autodiff to 1e-12.
    @Test(arguments: [Activation.silu, .elu, .elu(alpha: Rational(3, 2))])
    func smoothOnesAgreeInDouble(activation: Activation) throws {
        for seed in 0..<12 {
            let options = RandomProblemOptions(
                sizes: .random(depth: 1...3, width: 1...6), hiddenActivations: [activation, .relu],
                outputActivation: seed % 2 == 0 ? activation : .identity,
                loss: seed % 3 == 0 ? .softmaxCrossEntropy : .halfSumSquares, values: seed % 2 == 0 ? .general : .nice)
            let spec = try NetworkSpec.random(seed: UInt64(2000 + seed), options: options)
            let values = try spec.requireValues()
            let evaluation = try ExactEvaluation(derivation: Derivation(spec: spec), values: values, significantDigits: 17)
            let check = try OracleCheck(spec: spec, values: values, evaluation: evaluation, significantDigits: 17)
            #expect(check.exactAgreement != false)
            #expect(check.double.passed, "seed \(seed): largest error \(check.double.largestFraction) of its bound")
        }
    }

    /// Bugs in this network's loop code, each of which the bounded twin's bounds must not hide:
    /// Δ3 (the softsign layer, where loop code's bound is widest) off by 1 part in 10⁹, a
    /// sign in ∂L/∂b2 (the ELU layer), and the wrong bias read in z2.
    static let loopMutants: [CodeVariant] = [
        CodeVariant(name: "Δ3 off by 1e-9") { text in
            MutationTests.changingFirstLine(text, matching: #"^\s*w\.delta3\[k\] = v0$"#) { $0 + " * 1.000000001" }
        },
        CodeVariant(name: "sign of ∂L/∂b2") { text in
            MutationTests.changingFirstLine(text, matching: #"^\s*w\.db2\[i\] \+= v0$"#) { $0.replacingOccurrences(of: "+=", with: "-=") }
        },
        CodeVariant(name: "wrong bias index") { text in
            MutationTests.changingFirstLine(text, matching: #"^\s*let b = p\.b2\[i\]$"#) { $0.replacingOccurrences(of: "[i]", with: "[0]") }
        },
    ]

    /// One network with all three, as unrolled and as loop code: compiled without warnings, PASS;
    /// mutants of the loop code FAIL.
    @Test(arguments: [CodeForm.unrolled, .loops])
    func generatedCodeAgrees(form: CodeForm) throws {
        let random = try NetworkSpec.random(seed: 5, options: RandomProblemOptions(sizes: .fixed([4, 5, 4, 4, 3]), values: .general))
        let activations: [Activation] = [.silu, .elu(alpha: Rational(1, 2)), .softsign, .identity]
        let values = try random.requireValues()
        let layers = random.layers.indices.map { l in
            LayerSpec(size: random.layers[l].size, activation: activations[l], weights: values.weights[l], bias: values.biases[l])
        }
        let spec = try NetworkSpec(inputSize: random.inputSize, layers: layers, loss: .halfSumSquares, input: values.input, target: values.target)
        let mutants = form == .loops ? Self.loopMutants : []
        let check = try GeneratedCodeCheck(spec: spec, trials: 50, form: form, variants: mutants)
        #expect(check.compilerOutput.isEmpty, "swiftc printed: \(check.compilerOutput)")
        for (mutant, comparison) in zip(mutants, check.variantComparisons) {
            #expect(!comparison.passed, "mutant \"\(mutant.name)\" passed: largest error \(comparison.largestFraction) of its bound")
        }
        // Each form is held to the sum of its own rigorous bound (unrolled code's generic body,
        // loop code's bounded twin, whose bounds hold in any summation order) and the tape's.
        // Loop code's softsign′ is printed from the quotient rule, 1/(1 + |z|) − |z|/(1 + |z|)²,
        // which cancels at large |z|: within twice the tape's bound it failed (W3, b3 up to 4.6×).
        #expect(check.instrumented)
        #expect(check.passed, "largest error \(check.comparison.largestFraction) of its bound")
    }
}
