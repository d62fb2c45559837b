import Foundation
import Testing
@testable import NetworkModel
import Exact

@Suite("Reading specs")
struct SpecReadingTests {
    @Test func referenceTextGivesTheExactValues() throws {
        let spec = try NetworkSpec(json: referenceJSON)
        #expect(spec.inputSize == 3)
        #expect(spec.sizes == [3, 2, 2])
        #expect(spec.loss == .halfSumSquares)
        #expect(spec.layers.map(\.activation) == [.relu, .identity])
        #expect(spec.layers[0].weights?.rows == [[r(3), r(-1), r(1)], [r(-5), r(2), r(-1)]])
        #expect(spec.layers[0].bias == [r(1), r(2)])
        #expect(spec.layers[1].weights?.rows == [[r(1), r(-2)], [r(-3), r(1)]])
        #expect(spec.layers[1].bias == [r(1), r(1)])
        #expect(spec.input == [r(0), r(1), r(2)])
        #expect(spec.target == [r(1), r(2)])
        #expect(spec == BuiltinExample.referenceReLU.spec)
    }

    @Test func jsonNumbersAreReadExactlyFromTheirText() throws {
        let spec = try NetworkSpec(json: reference(replacing: #""x": [0, 1, 2]"#, with: #""x": [0.1, 1e-3, -2.5E2]"#))
        #expect(spec.input == [r(1, 10), r(1, 1000), r(-250)])
        #expect(spec.input?[0] != Rational(exactly: 0.1))
    }

    @Test func stringsHoldFractionsAndDecimals() throws {
        let spec = try NetworkSpec(json: reference(replacing: #""t": [1, 2]"#, with: #""t": ["-1/2", "0.25"]"#))
        #expect(spec.target == [r(-1, 2), r(1, 4)])
    }

    @Test func valuesAreOptionalAndLossDefaults() throws {
        let spec = try NetworkSpec(json: #"{"input": 3, "layers": [{"size": 2, "activation": "relu"}, {"size": 1, "activation": "identity"}]}"#)
        #expect(spec.sizes == [3, 2, 1])
        #expect(spec.loss == .halfSumSquares)
        #expect(spec.input == nil && spec.target == nil)
        #expect(spec.layers.allSatisfy { $0.weights == nil && $0.bias == nil })
        #expect(!spec.hasAllValues)
    }

    @Test func activationForms() throws {
        func activation(_ json: String) throws -> Activation {
            try NetworkSpec(json: #"{"input": 1, "layers": [{"size": 1, "activation": "# + json + "}]}").layers[0].activation
        }
        #expect(try activation(#""leaky_relu""#) == .leakyReLU(slope: r(1, 100)))
        #expect(try activation(#"{"name": "leaky_relu", "slope": "1/10"}"#) == .leakyReLU(slope: r(1, 10)))
        #expect(try activation(#"{"name": "leaky_relu", "slope": 0.2}"#) == .leakyReLU(slope: r(1, 5)))
        #expect(try activation(#"{"name": "leaky_relu"}"#) == .leakyReLU(slope: r(1, 100)))
        #expect(try activation(#"{"name": "tanh"}"#) == .tanh)
        #expect(Activation.leakyReLU(slope: r(1, 10)).name == "leaky_relu")
        #expect(Activation.leakyReLU(slope: r(1, 10)).isRational)
        #expect(!Activation.softplus.isRational)
        // Exactness follows from the rule table's expression: softsign is rational, ELU and SiLU are not.
        #expect(Activation.softsign.isRational && !Activation.elu.isRational && !Activation.silu.isRational)
        #expect(try activation(#"{"name": "elu", "alpha": "1/2"}"#) == .elu(alpha: r(1, 2)))
        #expect(try activation(#"{"name": "elu"}"#) == .elu(alpha: r(1)))
        #expect(Activation.elu(alpha: r(1, 2)).name == "elu" && Activation.elu(alpha: r(1, 2)).displayName == "elu(1/2)")
        for name in Activation.names {
            #expect(try activation("\"\(name)\"").name == name)
        }
    }

    @Test func losses() throws {
        for loss in Loss.allCases {
            let spec = try NetworkSpec(json: #"{"input": 1, "layers": [{"size": 2, "activation": "identity"}], "loss": ""# + loss.name + "\"}")
            #expect(spec.loss == loss)
        }
        let oneHot = try NetworkSpec(json: reference(replacing: #""loss": "half_sum_squares""#, with: #""loss": "softmax_cross_entropy""#)
            .replacingOccurrences(of: #""t": [1, 2]"#, with: #""t": [0, 1]"#))
        #expect(oneHot.target == [r(0), r(1)])
        let soft = try NetworkSpec(json: reference(replacing: #""loss": "half_sum_squares""#, with: #""loss": "softmax_cross_entropy""#)
            .replacingOccurrences(of: #""t": [1, 2]"#, with: #""t": ["1/3", "2/3"]"#))
        #expect(soft.target == [r(1, 3), r(2, 3)])
    }

    @Test func readsAFileAndLocatesErrorsInIt() throws {
        let path = temporaryPath("reference.json")
        try referenceJSON.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try NetworkSpec(contentsOfFile: path) == BuiltinExample.referenceReLU.spec)

        let broken = temporaryPath("spec.json")
        try "{\n  \"input\": 3,\n  \"layers\": [{\"size\": 2 \"activation\": \"relu\"}]\n}".write(toFile: broken, atomically: true, encoding: .utf8)
        let error = thrownSpecError { _ = try NetworkSpec(contentsOfFile: broken) }
        #expect(error?.description == "\(broken):3:25: expected \",\" or \"}\"")
    }

    @Test func missingOrUnreadableFileNamesThePath() throws {
        let missing = temporaryPath("does-not-exist.json")
        #expect(thrownSpecError { _ = try NetworkSpec(contentsOfFile: missing) }?.description
            == "cannot read spec file \"\(missing)\": no such file")
        let directory = temporaryPath("a-directory")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        #expect(thrownSpecError { _ = try NetworkSpec(contentsOfFile: directory) }?.description
            == "cannot read spec file \"\(directory)\": it is a directory")
        let binary = temporaryPath("binary.json")
        try Data([0x7B, 0xFF, 0xFE, 0x7D]).write(to: URL(fileURLWithPath: binary))
        #expect(thrownSpecError { _ = try NetworkSpec(contentsOfFile: binary) }?.description
            == "cannot read spec file \"\(binary)\": not valid UTF-8")
    }

    @Test func requireValuesNamesWhatIsMissing() throws {
        let full = try BuiltinExample.referenceReLU.spec.requireValues()
        #expect(full.input == [r(0), r(1), r(2)])
        #expect(full.weights.map(\.shapeDescription) == ["2×3", "2×2"])
        #expect(full.biases == [[r(1), r(2)], [r(1), r(1)]])
        #expect(full.target == [r(1), r(2)])

        let partial = try NetworkSpec(json: reference(replacing: #", "W": [[1, -2], [-3, 1]]"#, with: "")
            .replacingOccurrences(of: ",\n  \"t\": [1, 2]", with: ""))
        #expect(thrownSpecError { _ = try partial.requireValues() }?.description
            == "missing values: W2 (layers[1].W), t")

        let bare = BuiltinExample.referenceSigmoid.spec.withoutValues
        #expect(thrownSpecError { _ = try bare.requireValues() }?.description
            == "missing values: W1 (layers[0].W), b1 (layers[0].b), W2 (layers[1].W), b2 (layers[1].b), x, t")
    }

    @Test func parameterNamesFollowTheNotebook() {
        let parameters = BuiltinExample.referenceReLU.spec.parameters
        #expect(parameters.map(\.name) == ["W1", "b1", "W2", "b2"])
        #expect(parameters.map(\.field) == ["layers[0].W", "layers[0].b", "layers[1].W", "layers[1].b"])
        #expect(parameters.map { "\($0.rowCount)×\($0.columnCount)" } == ["2×3", "2×1", "2×2", "2×1"])
    }
}
