import Testing
import Autodiff
import Exact

/// Bad shapes give an error naming the place, never a trap.
@Suite("Shape validation")
struct ValidationTests {
    func error(_ network: MLP<Rational>, input: [Rational] = Reference.x1, target: [Rational] = Reference.t) -> AutodiffError? {
        do {
            _ = try network.lossAndGradients(input: input, target: target)
            return nil
        } catch {
            return error as? AutodiffError
        }
    }

    @Test func emptyNetwork() {
        #expect(error(MLP(layers: [])) == .emptyNetwork)
    }

    @Test func inputOfTheWrongLength() {
        #expect(error(Reference.network(), input: [0, 1])
            == .shapeMismatch(place: "layer 1", detail: "row 1 of W1 has 3 entries, but x1 has 2"))
    }

    @Test func columnsOfTheSecondLayer() {
        var network = Reference.network()
        network.layers[1].weights = [[1, -2, 0], [-3, 1, 0]]
        #expect(error(network) == .shapeMismatch(place: "layer 2", detail: "row 1 of W2 has 3 entries, but x2 has 2"))
    }

    @Test func raggedRows() {
        var network = Reference.network()
        network.layers[0].weights[1] = [-5, 2]
        #expect(error(network) == .shapeMismatch(place: "layer 1", detail: "row 2 of W1 has 2 entries, but x1 has 3"))
    }

    @Test func biasLength() {
        var network = Reference.network()
        network.layers[1].bias = [1]
        let found = error(network)
        #expect(found == .shapeMismatch(place: "layer 2", detail: "b2 has 1 entries, but W2 has 2 rows"))
        #expect(found?.description == "layer 2: b2 has 1 entries, but W2 has 2 rows")
    }

    @Test func layerWithoutUnits() {
        var network = Reference.network()
        network.layers[1] = Layer(weights: [], bias: [], activation: .identity)
        #expect(error(network) == .shapeMismatch(place: "layer 2", detail: "W2 has no rows; a layer needs at least one unit"))
    }

    @Test func targetLength() {
        #expect(error(Reference.network(), target: [1, 2, 3])
            == .shapeMismatch(place: "loss", detail: "the target t has 3 entries, but the network outputs 2"))
    }

    @Test func transcendentalActivationInALaterLayer() {
        var network = Reference.network()
        network.layers[1].activation = .softplus
        #expect(error(network) == .unsupportedFunction(function: "softplus", scalar: "Rational", place: "layer 2"))
    }
}
