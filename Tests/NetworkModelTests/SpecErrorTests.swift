import Testing
@testable import NetworkModel
import Exact

/// Every class of spec error, with its exact message.
@Suite("Spec errors")
struct SpecErrorTests {
    /// `field: message` of the error reading `json` (location checked separately).
    private func fieldMessage(_ json: String) -> String? {
        specError(json).map { SpecError(field: $0.field, message: $0.message).description }
    }

    @Test(arguments: [
        // Shapes.
        (#""W": [[3, -1, 1], [-5, 2, -1]]"#, #""W": [[3, -1], [-5, 2]]"#, "layers[0].W: expected 2×3, got 2×2"),
        (#""W": [[1, -2], [-3, 1]]"#, #""W": [[1, -2, 0], [-3, 1, 0]]"#, "layers[1].W: expected 2×2, got 2×3"),
        (#""W": [[1, -2], [-3, 1]]"#, #""W": [[1, -2]]"#, "layers[1].W: expected 2×2, got 1×2"),
        (#""W": [[1, -2], [-3, 1]]"#, #""W": []"#, "layers[1].W: expected 2×2, got 0×0"),
        (#""W": [[3, -1, 1], [-5, 2, -1]]"#, #""W": [[3, -1, 1], [-5, 2]]"#, "layers[0].W[1]: expected 3 values as in row 0, got 2"),
        (#""b": [1, 2]"#, #""b": [1, 2, 3]"#, "layers[0].b: expected 2 values, got 3"),
        (#""x": [0, 1, 2]"#, #""x": [0, 1]"#, "x: expected 3 values, got 2"),
        (#""t": [1, 2]"#, #""t": [1, 2, 3]"#, "t: expected 2 values, got 3"),
        // Sizes.
        (#""size": 2, "activation": "relu""#, #""size": 0, "activation": "relu""#, "layers[0].size: must be positive, got 0"),
        (#""size": 2, "activation": "relu""#, #""size": -4, "activation": "relu""#, "layers[0].size: must be positive, got -4"),
        (#""size": 2, "activation": "relu""#, #""size": 1.5, "activation": "relu""#, "layers[0].size: expected a whole number, got 3/2"),
        (#""size": 2, "activation": "relu""#, #""size": 1e30, "activation": "relu""#, "layers[0].size: must be at most 100000, got 1000000000000000000000000000000"),
        (#""size": 2, "activation": "relu""#, #""size": 200000, "activation": "relu""#, "layers[0].size: must be at most 100000, got 200000"),
        (#""input": 3"#, #""input": 0"#, "input: must be positive, got 0"),
        (#""input": 3"#, #""input": "three""#, "input: invalid number \"three\": expected a digit at offset 0, found \"t\""),
        // Names.
        (#""activation": "relu""#, #""activation": "rlu""#,
         "layers[0].activation: unknown activation \"rlu\" (expected one of identity, relu, leaky_relu, sigmoid, tanh, softplus, silu, elu, softsign)"),
        (#""activation": "relu""#, #""activation": {"name": "rlu"}"#,
         "layers[0].activation.name: unknown activation \"rlu\" (expected one of identity, relu, leaky_relu, sigmoid, tanh, softplus, silu, elu, softsign)"),
        (#""activation": "relu""#, #""activation": 3"#,
         "layers[0].activation: expected an activation name such as \"relu\" or an object such as {\"name\": \"leaky_relu\", \"slope\": \"1/100\"}, got 3"),
        (#""activation": "relu""#, #""activation": {"name": "relu", "slope": "1/2"}"#, "layers[0].activation.slope: only leaky_relu takes a slope, not relu"),
        (#""activation": "relu""#, #""activation": {"name": "leaky_relu", "slope": "a"}"#,
         "layers[0].activation.slope: invalid number \"a\": expected a digit at offset 0, found \"a\""),
        (#""activation": "relu""#, #""activation": {"slope": "1/2"}"#, "layers[0].activation: missing key \"name\""),
        (#""activation": "relu""#, #""activation": {"name": 1}"#, "layers[0].activation.name: expected an activation name such as \"relu\", got 1"),
        (#""loss": "half_sum_squares""#, #""loss": "ce""#,
         "loss: unknown loss \"ce\" (expected one of half_sum_squares, mse, softmax_cross_entropy)"),
        (#""loss": "half_sum_squares""#, #""loss": null"#, "loss: expected a loss name such as \"half_sum_squares\", got null"),
        // Numbers.
        (#""x": [0, 1, 2]"#, #""x": [0, 1, "1/0"]"#, "x[2]: invalid number \"1/0\": zero denominator"),
        (#""x": [0, 1, 2]"#, #""x": [0, true, 2]"#, "x[1]: expected a number or a string such as \"-1/2\", got true"),
        (#""x": [0, 1, 2]"#, #""x": [0, 1, {}]"#, "x[2]: expected a number or a string such as \"-1/2\", got an object"),
        (#""x": [0, 1, 2]"#, #""x": [[0], 1, 2]"#, "x[0]: expected a number or a string such as \"-1/2\", got an array"),
        (#""x": [0, 1, 2]"#, #""x": "0, 1, 2""#, "x: expected an array of numbers, got \"0, 1, 2\""),
        (#""b": [1, 2]"#, #""b": [1, " 2"]"#, "layers[0].b[1]: invalid number \" 2\": leading or trailing whitespace"),
        (#""W": [[1, -2], [-3, 1]]"#, #""W": [[1, -2], [-3, null]]"#, "layers[1].W[1][1]: expected a number or a string such as \"-1/2\", got null"),
        (#""W": [[1, -2], [-3, 1]]"#, #""W": [1, 2]"#, "layers[1].W[0]: expected an array of numbers, got 1"),
        (#""W": [[1, -2], [-3, 1]]"#, #""W": {}"#, "layers[1].W: expected an array of rows (arrays of numbers), got an object"),
        (#""x": [0, 1, 2]"#, #""x": [0, 1, 2e999999]"#,
         "x[2]: invalid number \"2e999999\": exponent 999999 is out of range (at most 100000 in magnitude)"),
        // Keys.
        (#""activation": "relu""#, #""activaton": "relu""#, "layers[0]: unknown key \"activaton\" (expected one of size, activation, W, b)"),
        (#""input": 3"#, #""inputs": 3"#, "unknown key \"inputs\" (expected one of input, layers, loss, x, t)"),
        (#""b": [1, 2]"#, #""b": [1, 2], "b": [1, 2]"#, "layers[0]: duplicate key \"b\""),
        (#""size": 2, "activation": "relu", "#, "", "layers[0]: missing key \"size\""),
        (#""input": 3,"#, "", "missing key \"input\""),
        (#""activation": "relu", "#, "", "layers[0]: missing key \"activation\""),
        // Structure.
        (#""layers": ["#, #""layers": [], "unused": ["#, "unknown key \"unused\" (expected one of input, layers, loss, x, t)"),
    ])
    func fieldErrors(old: String, new: String, expected: String) {
        #expect(fieldMessage(reference(replacing: old, with: new)) == expected)
    }

    @Test func structuralErrors() {
        #expect(fieldMessage(#"{"input": 3, "layers": []}"#) == "layers: expected at least one layer")
        #expect(fieldMessage(#"{"input": 3, "layers": {}}"#) == "layers: expected an array of layers, got an object")
        #expect(fieldMessage(#"{"input": 3, "layers": [3]}"#) == "layers[0]: expected an object, got 3")
        #expect(fieldMessage("[1, 2]") == "expected an object, got an array")
    }

    @Test func softmaxCrossEntropyNeedsAProbabilityTarget() {
        let crossEntropy = reference(replacing: #""loss": "half_sum_squares""#, with: #""loss": "softmax_cross_entropy""#)
        #expect(fieldMessage(crossEntropy) == "t: must sum to 1 for softmax_cross_entropy, got 3")
        #expect(fieldMessage(crossEntropy.replacingOccurrences(of: #""t": [1, 2]"#, with: #""t": ["3/2", "-1/2"]"#))
            == "t[1]: must be nonnegative for softmax_cross_entropy, got -1/2")
        #expect(fieldMessage(crossEntropy.replacingOccurrences(of: #""t": [1, 2]"#, with: #""t": [0.25, 0.5]"#))
            == "t: must sum to 1 for softmax_cross_entropy, got 3/4")
    }

    @Test func errorsPointAtTheValueInTheText() {
        // Line 4 is `    {"size": 2, "activation": "relu", "W": [[3, -1, 1], …`.
        #expect(specError(reference(replacing: #""activation": "relu""#, with: #""activation": "rlu""#), sourceName: "spec.json")?.description
            == "spec.json:4:31: layers[0].activation: unknown activation \"rlu\" (expected one of identity, relu, leaky_relu, sigmoid, tanh, softplus, silu, elu, softsign)")
        #expect(specError(reference(replacing: #""W": [[3, -1, 1], [-5, 2, -1]]"#, with: #""W": [[3, -1], [-5, 2]]"#))?.location?.description
            == "<string>:4:44")
        #expect(specError(reference(replacing: #""size": 2, "activation": "relu""#, with: #""size": 0, "activation": "relu""#))?.location?.description
            == "<string>:4:14")
        #expect(specError(reference(replacing: #""activation": "relu""#, with: #""activaton": "relu""#))?.location?.description
            == "<string>:4:17")
        // Line 9 is `  "t": [1, 2, 3]`.
        #expect(specError(reference(replacing: #""t": [1, 2]"#, with: #""t": [1, 2, 3]"#))?.location?.description
            == "<string>:9:8")
        #expect(specError(reference(replacing: #""x": [0, 1, 2]"#, with: #""x": [0, 1, "1/0"]"#))?.location?.description
            == "<string>:8:15")
        #expect(specError(reference(replacing: #""input": 3,"#, with: ""))?.location?.description == "<string>:1:1")
    }

    @Test func programmaticSpecsAreValidatedToo() {
        let tooWide = RationalMatrix(rows: [[r(1), r(2), r(3)]])
        let error = thrownSpecError {
            _ = try NetworkSpec(inputSize: 2, layers: [LayerSpec(size: 1, activation: .identity, weights: tooWide)])
        }
        #expect(error?.description == "layers[0].W: expected 1×2, got 1×3")
        #expect(error?.location == nil)
        #expect(thrownSpecError { _ = try NetworkSpec(inputSize: 2, layers: []) }?.description == "layers: expected at least one layer")
        #expect(thrownSpecError { _ = try NetworkSpec(inputSize: -1, layers: []) }?.description == "input: must be positive, got -1")
        #expect(RationalMatrix(rows: [[r(1)], [r(1), r(2)]]) == nil)
        #expect(RationalMatrix(rowCount: 2, columnCount: 2, elements: [r(1)]) == nil)
        #expect(RationalMatrix(rowCount: Int.max, columnCount: 2, elements: []) == nil)
        #expect(RationalMatrix(rowCount: -1, columnCount: 0, elements: []) == nil)
    }
}
