import Foundation
import Testing
@testable import NetworkModel
import Exact

@Suite("Writing specs")
struct SpecWritingTests {
    static let referenceText = """
        {
          "input": 3,
          "layers": [
            {
              "size": 2,
              "activation": "relu",
              "W": [
                [3, -1, 1],
                [-5, 2, -1]
              ],
              "b": [1, 2]
            },
            {
              "size": 2,
              "activation": "identity",
              "W": [
                [1, -2],
                [-3, 1]
              ],
              "b": [1, 1]
            }
          ],
          "loss": "half_sum_squares",
          "x": [0, 1, 2],
          "t": [1, 2]
        }

        """

    @Test func referenceIsWrittenInTheDocumentedLayout() {
        #expect(BuiltinExample.referenceReLU.spec.jsonText == Self.referenceText)
    }

    @Test func specDocumentShowsExactlyTheWrittenText() throws {
        let specPath = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/NetworkModel/SPEC.md").path
        let document = try String(contentsOfFile: specPath, encoding: .utf8)
        let afterFence = try #require(document.components(separatedBy: "```json\n").dropFirst().first)
        let example = try #require(afterFence.components(separatedBy: "```").first)
        #expect(example == Self.referenceText)
        #expect(try NetworkSpec(json: example) == BuiltinExample.referenceReLU.spec)
    }

    @Test func nonIntegersAreExactStringsAndOptionalPartsAreOmitted() throws {
        let spec = try NetworkSpec(
            inputSize: 2,
            layers: [
                LayerSpec(size: 1, activation: .leakyReLU(slope: r(1, 10)), weights: RationalMatrix(rows: [[r(29, 2), r(-1, 3)]])),
                LayerSpec(size: 2, activation: .softplus, bias: [r(0), r(-7)]),
            ],
            loss: .meanSquaredError,
            input: [r(1, 10), r(123_456_789_012)])
        #expect(spec.jsonText == """
            {
              "input": 2,
              "layers": [
                {
                  "size": 1,
                  "activation": {"name": "leaky_relu", "slope": "1/10"},
                  "W": [
                    ["29/2", "-1/3"]
                  ]
                },
                {
                  "size": 2,
                  "activation": "softplus",
                  "b": [0, -7]
                }
              ],
              "loss": "mse",
              "x": ["1/10", 123456789012]
            }

            """)
        #expect(try NetworkSpec(json: spec.jsonText) == spec)
    }

    @Test func bareSpecHasOnlyShapes() throws {
        let bare = BuiltinExample.referenceSigmoid.spec.withoutValues
        #expect(bare.jsonText == """
            {
              "input": 3,
              "layers": [
                {
                  "size": 2,
                  "activation": "sigmoid"
                },
                {
                  "size": 2,
                  "activation": "identity"
                }
              ],
              "loss": "half_sum_squares"
            }

            """)
    }

    @Test func roundTrip() throws {
        var specs = BuiltinExample.allCases.map(\.spec)
        specs += BuiltinExample.allCases.map(\.spec.withoutValues)
        let activations: [Activation] = [.relu, .leakyReLU(slope: r(-3, 7)), .sigmoid, .tanh, .softplus, .identity, .leakyReLU]
        for seed in UInt64(0)..<12 {
            for style in RandomProblemOptions.ValueStyle.allCases {
                let loss = Loss.allCases[Int(seed) % Loss.allCases.count]
                let options = RandomProblemOptions(
                    sizes: .random(depth: 1...4, width: 1...5), hiddenActivations: activations, loss: loss, values: style)
                specs.append(try NetworkSpec.random(seed: seed, options: options))
            }
        }
        // Huge values survive too.
        let huge = try Rational(parsing: "-123456789012345678901234567890/7")
        specs.append(try NetworkSpec(inputSize: 1, layers: [LayerSpec(size: 1, activation: .relu, bias: [huge])], input: [r(1) / huge]))
        for spec in specs {
            let text = spec.jsonText
            let reread = try NetworkSpec(json: text)
            #expect(reread == spec)
            #expect(reread.jsonText == text)
        }
    }
}
