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
}
