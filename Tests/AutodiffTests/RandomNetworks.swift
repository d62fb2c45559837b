import TestSupport
import Autodiff
import Exact

/// The reference network of the notebook (section 3): 3-2-2, ReLU then affine.
enum Reference {
    static let x1: [Rational] = [0, 1, 2]
    static let t: [Rational] = [1, 2]

    static func network(firstActivation: Activation = .relu) -> MLP<Rational> {
        MLP(layers: [
            Layer(weights: [[3, -1, 1], [-5, 2, -1]], bias: [1, 2], activation: firstActivation),
            Layer(weights: [[1, -2], [-3, 1]], bias: [1, 1], activation: .identity),
        ])
    }
}

/// Every activation, including leaky ReLU with a rational slope.
let allActivations: [Activation] = [.identity, .relu, .leakyReLU(slope: Rational(1, 10)), .sigmoid, .tanh, .softplus,
                                    .silu, .elu(alpha: Rational(1, 2)), .softsign]

/// The piecewise-linear activations, exact with `Rational`.
let piecewiseLinearActivations: [Activation] = [.identity, .relu, .leakyReLU(slope: Rational(1, 10))]

/// A parameter of an `MLP`, by position: layer (from 0), row and column of W, or row of b.
enum Parameter: CustomStringConvertible {
    case weight(layer: Int, row: Int, column: Int)
    case bias(layer: Int, row: Int)

    var description: String {
        switch self {
        case let .weight(l, i, j): return "W\(l + 1)[\(i + 1),\(j + 1)]"
        case let .bias(l, i): return "b\(l + 1)[\(i + 1)]"
        }
    }
}

extension MLP {
    /// Every W and b entry, layer by layer.
    var parameters: [Parameter] {
        layers.enumerated().flatMap { l, layer in
            layer.weights.enumerated().flatMap { i, row in row.indices.map { Parameter.weight(layer: l, row: i, column: $0) } }
                + layer.bias.indices.map { Parameter.bias(layer: l, row: $0) }
        }
    }

    /// The network with `delta` added to one parameter.
    func adding(_ delta: Scalar, to parameter: Parameter) -> MLP {
        var copy = self
        switch parameter {
        case let .weight(l, i, j): copy.layers[l].weights[i][j] = copy.layers[l].weights[i][j] + delta
        case let .bias(l, i): copy.layers[l].bias[i] = copy.layers[l].bias[i] + delta
        }
        return copy
    }

    /// z_l for every layer, read as the output of the network cut after layer l with an
    /// identity activation there.
    func preActivations(input x: [Scalar]) throws -> [[Scalar]] {
        try layers.indices.map { l in
            var cut = MLP(layers: Array(layers[...l]))
            cut.layers[l].activation = .identity
            let width = cut.layers[l].bias.count
            return try cut.lossAndGradients(input: x, target: Array(repeating: .zero, count: width)).output
        }
    }

    /// The smallest |z| over units whose activation has a kink at 0 (ReLU, leaky ReLU, ELU);
    /// nil when there are none.
    func distanceToKinks(input x: [Scalar]) throws -> Scalar? {
        var smallest: Scalar?
        for (layer, z) in zip(layers, try preActivations(input: x)) {
            switch layer.activation {
            case .relu, .leakyReLU, .elu:
                for value in z {
                    let magnitude = value < .zero ? -value : value
                    if smallest == nil || magnitude < smallest! { smallest = magnitude }
                }
            case .identity, .sigmoid, .tanh, .softplus, .silu, .softsign:
                break
            }
        }
        return smallest
    }
}

extension Evaluation {
    /// The gradient entry of one parameter.
    func gradient(_ parameter: Parameter) -> Scalar {
        switch parameter {
        case let .weight(l, i, j): return layers[l].weights[i][j]
        case let .bias(l, i): return layers[l].bias[i]
        }
    }
}

/// A random problem: a network with depth 1–4 and widths 1–6, an input and a target.
struct Problem<Scalar: AutodiffScalar> {
    var network: MLP<Scalar>
    var input: [Scalar]
    var target: [Scalar]
}

/// Draws a problem whose hidden layers use `activation`; the last layer uses it or the
/// identity. `draw` gives parameters and inputs, `drawTarget` the target of the given width.
func randomProblem<Scalar>(
    activation: Activation,
    using generator: inout SeededGenerator,
    draw: (inout SeededGenerator) -> Scalar,
    drawTarget: (Int, inout SeededGenerator) -> [Scalar]
) -> Problem<Scalar> {
    let depth = Int.random(in: 1...4, using: &generator)
    var widths = [Int.random(in: 1...6, using: &generator)]
    var layers: [Layer<Scalar>] = []
    for l in 0..<depth {
        let width = Int.random(in: 1...6, using: &generator)
        let weights = (0..<width).map { _ in (0..<widths.last!).map { _ in draw(&generator) } }
        let bias = (0..<width).map { _ in draw(&generator) }
        let last = l == depth - 1
        let f: Activation = last && Bool.random(using: &generator) ? .identity : activation
        layers.append(Layer(weights: weights, bias: bias, activation: f))
        widths.append(width)
    }
    let input = (0..<widths[0]).map { _ in draw(&generator) }
    return Problem(network: MLP(layers: layers), input: input, target: drawTarget(widths.last!, &generator))
}

/// Uniform in [−1, 1].
func drawDouble(_ generator: inout SeededGenerator) -> Double {
    Double.random(in: -1...1, using: &generator)
}

/// k/4 with k in −8…8: small exact values, often repeated, so sums cancel to 0 sometimes.
func drawRational(_ generator: inout SeededGenerator) -> Rational {
    Rational(Int.random(in: -8...8, using: &generator), 4)
}
