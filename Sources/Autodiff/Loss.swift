import Exact

/// The loss L(x_out, t) of the network output x_out against the target t.
public enum Loss: Sendable, Hashable {
    /// L = ½‖t − x_out‖²: the reference loss (the notebook's), and the default.
    case halfSumOfSquares
    /// L = (1/n)‖t − x_out‖², the mean over the n outputs (PyTorch's `MSELoss`).
    case meanSquaredError
    /// L = −Σ t_i log softmax(x_out)_i with target probabilities t (one-hot is a special
    /// case). Needs a scalar with transcendental functions (`Double`).
    case softmaxCrossEntropy

    /// True when the loss needs e^x or log, which exact scalars lack.
    public var isTranscendental: Bool {
        switch self {
        case .halfSumOfSquares, .meanSquaredError: return false
        case .softmaxCrossEntropy: return true
        }
    }

    /// The name used in messages.
    public var name: String {
        switch self {
        case .halfSumOfSquares: return "halfSumOfSquares"
        case .meanSquaredError: return "meanSquaredError"
        case .softmaxCrossEntropy: return "softmaxCrossEntropy"
        }
    }

    /// L on the tape; `output` and `target` have the same length (the caller checked).
    public func apply<Scalar>(output: [Value<Scalar>], target: [Scalar], tape: Tape<Scalar>) throws -> Value<Scalar> {
        switch self {
        case .halfSumOfSquares:
            return tape.leaf(Scalar(converting: Rational(1, 2))) * Self.sumOfSquares(output, target, tape)
        case .meanSquaredError:
            let n = max(output.count, 1)
            return tape.leaf(Scalar(converting: Rational(1, n))) * Self.sumOfSquares(output, target, tape)
        case .softmaxCrossEntropy:
            return try Self.crossEntropy(output, target, tape)
        }
    }

    /// ‖t − x‖².
    static func sumOfSquares<Scalar>(_ x: [Value<Scalar>], _ t: [Scalar], _ tape: Tape<Scalar>) -> Value<Scalar> {
        tape.sum(zip(x, t).map { x, t in
            let residual = tape.leaf(t) - x
            return residual * residual
        })
    }

    /// −Σ t_i log softmax(x)_i = Σ t_i (logsumexp(x) − x_i), computed with a the index of the
    /// largest x as T ℓ + Σ_(i≠a) t_i (x_a − x_i), where T = Σ t_i and
    /// ℓ = log(1 + Σ_(j≠a) e^(x_j − x_a)) = logsumexp(x) − x_a: no e^x overflows, and with
    /// t ≥ 0 every term is non-negative, so neither the loss nor (through the reverse sweep)
    /// its gradient p_k T − t_k cancels where a probability is near 1 (a logit of 10²⁰ gives
    /// ∂L/∂x_a = −T(1 − p_a) = −Σ_(j≠a) p_j T, not 1 − 1).
    static func crossEntropy<Scalar>(_ x: [Value<Scalar>], _ t: [Scalar], _ tape: Tape<Scalar>) throws -> Value<Scalar> {
        guard let a = x.indices.max(by: { x[$0].data < x[$1].data }) else { return tape.leaf(.zero) }
        let others = x.indices.filter { $0 != a }
        let exponentials = try others.map { try (x[$0] - x[a]).exp() }
        let total = tape.leaf(t.dropFirst().reduce(t[0], +))
        var terms = [total * (try tape.sum(exponentials).log1p())]
        for i in others { terms.append(tape.leaf(t[i]) * (x[a] - x[i])) }
        return tape.sum(terms)
    }
}
