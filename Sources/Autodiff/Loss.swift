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

    /// −Σ t_i log softmax(x)_i = Σ t_i (logsumexp(x) − x_i), with
    /// logsumexp(x) = m + log Σ e^(x_j − m) and m = max x: no e^x overflows. m is a
    /// constant leaf; that is exact, because the identity holds for every m.
    static func crossEntropy<Scalar>(_ x: [Value<Scalar>], _ t: [Scalar], _ tape: Tape<Scalar>) throws -> Value<Scalar> {
        let largest = tape.leaf(x.map(\.data).max() ?? .zero)
        let exponentials = try x.map { try ($0 - largest).exp() }
        let logSumExp = try tape.sum(exponentials).log() + largest
        return tape.sum(zip(x, t).map { x, t in tape.leaf(t) * (logSumExp - x) })
    }
}
