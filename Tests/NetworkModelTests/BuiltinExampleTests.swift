import Testing
@testable import NetworkModel
import Exact

@Suite("Built-in examples")
struct BuiltinExampleTests {
    @Test func namesAndLookup() throws {
        #expect(BuiltinExample.names == ["reference-relu", "reference-sigmoid"])
        #expect(try BuiltinExample.named("reference-relu") == .referenceReLU)
        #expect(try BuiltinExample.named("reference-sigmoid") == .referenceSigmoid)
        #expect(thrownSpecError { _ = try BuiltinExample.named("reference") }?.description
            == "unknown example \"reference\" (expected one of reference-relu, reference-sigmoid)")
    }

    @Test func sigmoidDiffersOnlyInTheFirstActivation() {
        let relu = BuiltinExample.referenceReLU.spec
        let sigmoid = BuiltinExample.referenceSigmoid.spec
        #expect(sigmoid.layers.map(\.activation) == [.sigmoid, .identity])
        #expect(sigmoid.layers.map(\.weights) == relu.layers.map(\.weights))
        #expect(sigmoid.layers.map(\.bias) == relu.layers.map(\.bias))
        #expect(sigmoid.input == relu.input && sigmoid.target == relu.target && sigmoid.loss == relu.loss)
    }

    /// An independent check of the numbers: the ReLU forward pass gives the notebook's 29/2.
    @Test func reluReferenceLossIs29Over2() throws {
        let values = try BuiltinExample.referenceReLU.spec.requireValues()
        var x = values.input
        for (index, (w, b)) in zip(values.weights, values.biases).enumerated() {
            x = (0..<w.rowCount).map { i in
                let z = (0..<w.columnCount).reduce(b[i]) { $0 + w[i, $1] * x[$1] }
                return index == 0 ? max(z, .zero) : z
            }
        }
        let loss = zip(values.target, x).reduce(Rational.zero) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / 2
        #expect(loss == r(29, 2))
    }
}
