import Exact
import Symbolic

/// The exact loss and gradients of a rational network (identity, ReLU and leaky ReLU layers;
/// a squared loss) by matrix backpropagation over `Rational`:
/// z_l = W_l x_l + b_l, x_(l+1) = f_l(z_l); δ_l = f_l′(z_l) ⊙ W_(l+1)ᵀ δ_(l+1),
/// ∂L/∂W_l = δ_l x_lᵀ, ∂L/∂b_l = δ_l.
///
/// Why not the symbolic DAG: building it costs a node per weight and more per product, which
/// for a 4096-4096-10 network is tens of millions of nodes and gigabytes, while the matrix form
/// needs only the numbers. The kink conventions are the DAG's: ReLU′(0) = 0, leaky ReLU′(0) =
/// slope. Tests check it against the DAG on small networks.
struct MatrixBackpropagation {
    /// z_l for each layer.
    let preActivations: [[Rational]]
    /// x_1 (the input) … x_(L+1) (the output).
    let activations: [[Rational]]
    let loss: Rational
    /// ∂L/∂W_l (row-major) and ∂L/∂b_l, in the order W1, b1, W2, b2, …
    let gradients: [[Rational]]

    /// True when every layer maps rationals to rationals and the loss is a polynomial.
    static func applies(to spec: NetworkSpec) -> Bool {
        spec.layers.allSatisfy { $0.activation.exactValueAndSlope(at: .zero) != nil } && spec.loss != .softmaxCrossEntropy
    }

    /// - Precondition: `applies(to: spec)`.
    init(spec: NetworkSpec, values: NetworkValues) {
        precondition(Self.applies(to: spec), "matrix backpropagation needs a rational network")
        var preActivations: [[Rational]] = []
        var activations = [values.input]
        var slopes: [[Rational]] = []
        for (index, layer) in spec.layers.enumerated() {
            let weights = values.weights[index]
            let x = activations[index]
            let z = (0..<weights.rowCount).map { i in
                var sum = values.biases[index][i]
                let row = i * weights.columnCount
                for j in 0..<weights.columnCount where !x[j].isZero {
                    sum += weights.elements[row + j] * x[j]
                }
                return sum
            }
            let applied = z.map { layer.activation.exactValueAndSlope(at: $0)! }
            preActivations.append(z)
            activations.append(applied.map(\.value))
            slopes.append(applied.map(\.slope))
        }
        let output = activations[activations.count - 1]
        let target = values.target
        let differences = zip(output, target).map { $0 - $1 }
        let squares = differences.reduce(Rational.zero) { $0 + $1 * $1 }
        // L = c·Σ(yᵢ − tᵢ)², so ∂L/∂y = 2c·(y − t).
        let scale = spec.loss == .halfSumSquares ? Rational(1, 2) : Rational(1, output.count)
        var upstream = differences.map { $0 * (2 * scale) }
        var gradients: [[Rational]] = Array(repeating: [], count: 2 * spec.layers.count)
        for index in spec.layers.indices.reversed() {
            let weights = values.weights[index]
            let x = activations[index]
            let delta = zip(upstream, slopes[index]).map { $0 * $1 }
            var weightGradient = [Rational](repeating: .zero, count: weights.rowCount * weights.columnCount)
            for i in 0..<weights.rowCount where !delta[i].isZero {
                let row = i * weights.columnCount
                for j in 0..<weights.columnCount where !x[j].isZero { weightGradient[row + j] = delta[i] * x[j] }
            }
            gradients[2 * index] = weightGradient
            gradients[2 * index + 1] = delta
            if index > 0 {
                var next = [Rational](repeating: .zero, count: weights.columnCount)
                for i in 0..<weights.rowCount where !delta[i].isZero {
                    let row = i * weights.columnCount
                    for j in 0..<weights.columnCount { next[j] += weights.elements[row + j] * delta[i] }
                }
                upstream = next
            }
        }
        self.preActivations = preActivations
        self.activations = activations
        self.loss = scale * squares
        self.gradients = gradients
    }
}

extension Activation {
    /// f(z) and f′(z) when both are rational for every rational z, folded from the rule table's
    /// expression (so ReLU′(0) = 0, leaky ReLU′(0) = slope, as the symbolic derivatives take
    /// them); nil for the others.
    func exactValueAndSlope(at z: Rational) -> (value: Rational, slope: Rational)? {
        guard isRational else { return nil }
        let arena = ExpressionArena()
        let point = arena.constant(z)
        guard let value = arena.constantValue(apply(point, in: arena)),
              let slope = arena.constantValue(derivative(point, in: arena)) else { return nil }
        return (value, slope)
    }
}
