import Autodiff
import Exact
import NetworkModel
import Testing
import Verify

/// `--check` on smooth networks: gradgen's decimals against the high-precision oracle.
@Suite("Smooth networks against the high-precision oracle")
struct HighPrecisionCheckTests {
    static let randomSmooth = try! NetworkSpec.random(seed: 21, options: RandomProblemOptions(
        sizes: .fixed([3, 5, 4, 3]), hiddenActivations: [.tanh, .softplus], loss: .softmaxCrossEntropy, values: .general))

    func references(_ spec: NetworkSpec, digits: Int) throws -> [ExactReference] {
        let evaluation = try ExactEvaluation(derivation: Derivation(spec: spec), values: spec.requireValues(), significantDigits: digits)
        return ([evaluation.loss] + evaluation.gradients.flatMap(\.values)).map { ExactReference($0, significantDigits: digits) }
    }

    @Test(arguments: [BuiltinExample.referenceSigmoid.spec, randomSmooth])
    func agreesToThirtyDigits(spec: NetworkSpec) throws {
        #expect(spec.layers.contains { [.sigmoid, .tanh, .softplus].contains($0.activation) })
        let check = try OracleCheck(spec: spec, values: spec.requireValues(), exact: references(spec, digits: 30), digits: 30)
        let precise = try #require(check.highPrecision)
        #expect(precise.digits == 30)
        #expect(precise.passed, "\(check.verdictSentence(.plain))")
        #expect(precise.count == check.double.count)
        #expect(check.passed)
        #expect(check.verdictSentence(.plain).contains("agrees with all \(precise.count) decimals to 30 significant digits"))
    }

    /// A decimal wrong in its 26th digit disagrees (the Double check cannot see it).
    @Test func aWrongLateDigitDisagrees() throws {
        let spec = Self.randomSmooth
        var exact = try references(spec, digits: 30)
        let index = exact.indices.dropFirst().first { !exact[$0].value.isZero }!
        exact[index] = ExactReference(decimal: exact[index].value * (1 + Rational(1, 10).power(25)), significantDigits: 30)
        let check = try OracleCheck(spec: spec, values: spec.requireValues(), exact: exact, digits: 30)
        #expect(check.double.passed)
        let precise = try #require(check.highPrecision)
        #expect(precise.disagrees)
        #expect(!check.passed)
        #expect(check.verdictSentence(.plain).hasPrefix("THE DERIVATION'S DECIMALS DISAGREE"))
    }

    /// Rational networks keep the exact comparison and run no high-precision oracle.
    @Test func rationalNetworksStayExact() throws {
        let spec = BuiltinExample.referenceReLU.spec
        let check = try OracleCheck(spec: spec, values: spec.requireValues(), exact: references(spec, digits: 30), digits: 30)
        #expect(check.exactAgreement == true)
        #expect(check.highPrecision == nil)
    }

    /// A sigmoid unit with W = 10¹² and a softmax cross-entropy with a logit of 10²⁰: values far
    /// beyond 10^±100000, which the oracle (binary floats of any exponent, e^x reduced to
    /// 2^k e^r) compares like any other.
    static let hugeSigmoid = try! NetworkSpec(json: #"{"input": 1, "layers": [{"size": 1, "activation": "sigmoid", "W": [[1e12]], "b": [0]}], "x": [1], "t": [0]}"#)
    static let hugeLogit = try! NetworkSpec(json: #"{"input": 1, "layers": [{"size": 2, "activation": "identity", "W": [[1e20], [0]], "b": [0, 0]}], "x": [1], "t": [1, 0], "loss": "softmax_cross_entropy"}"#)

    /// Both are compared, all values agree to 30 digits, and the oracle's own values, printed
    /// to 30 digits, are mpmath's (60-digit runs: σ(10¹²)²(1 − σ(10¹²)) =
    /// 5.599797842303807005428868519738…e-434294481904, log(1 + e^(−10²⁰)) =
    /// 7.710953929116719651657677046047…e-43429448190325182766).
    @Test func valuesBeyondTheRationalRangeAreCompared() throws {
        let cases: [(NetworkSpec, [String])] = [
            (Self.hugeSigmoid, ["0.5", "5.59979784230380700542886851974e-434294481904", "5.59979784230380700542886851974e-434294481904"]),
            (Self.hugeLogit, ["7.71095392911671965165767704605e-43429448190325182766",
                              "-7.71095392911671965165767704605e-43429448190325182766", "7.71095392911671965165767704605e-43429448190325182766",
                              "-7.71095392911671965165767704605e-43429448190325182766", "7.71095392911671965165767704605e-43429448190325182766"]),
        ]
        for (spec, expected) in cases {
            let exact = try references(spec, digits: 30)
            #expect(exact.contains { $0.isBeyondRationalRange })
            let check = try OracleCheck(spec: spec, values: spec.requireValues(), exact: exact, digits: 30)
            let precise = try #require(check.highPrecision)
            #expect(precise.passed && precise.count == expected.count, "\(check.verdictSentence(.plain))")
            #expect(check.passed && check.comparedAny)
            let oracle = try OracleBridge.lossAndGradients(spec, values: spec.requireValues()) { ErrorBounded<RoundedFloat>($0, bits: precise.bits) }
            #expect(oracle.map { $0.value.value.decimal(significantDigits: 30) } == expected)
        }
    }

    /// The same with one exact value wrong in its 29th digit: the oracle says it disagrees.
    @Test(arguments: [hugeSigmoid, hugeLogit])
    func aWrongDigitBeyondTheRationalRangeDisagrees(spec: NetworkSpec) throws {
        var exact = try references(spec, digits: 30)
        let index = try #require(exact.indices.last { exact[$0].isBeyondRationalRange })
        let decimal = try ExactEvaluation(derivation: Derivation(spec: spec), values: spec.requireValues(), significantDigits: 30)
        let text = ([decimal.loss] + decimal.gradients.flatMap(\.values))[index].decimal
        // The 29th significant digit up by one (…974e… → …984e…; no carry at these values).
        let mantissa = text.split(separator: "e")[0]
        let changed = String(mantissa.dropLast(2)) + String(Int(String(mantissa.dropLast().last!))! + 1) + String(mantissa.last!)
        exact[index] = try #require(ExactReference(beyondRationalRange: changed + "e" + text.split(separator: "e")[1], significantDigits: 30))
        let check = try OracleCheck(spec: spec, values: spec.requireValues(), exact: exact, digits: 30)
        let precise = try #require(check.highPrecision)
        #expect(precise.disagrees)
        #expect(!check.passed)
    }
}
