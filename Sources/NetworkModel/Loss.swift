/// The scalar loss of the network's output `x_out` against the target `t`.
public enum Loss: String, Sendable, Hashable, CaseIterable {
    /// L = ½‖t − x_out‖² = ½ Σᵢ (tᵢ − x_out,ᵢ)²: the reference notebook's loss, and the default.
    case halfSumSquares = "half_sum_squares"
    /// L = (1/n) Σᵢ (tᵢ − x_out,ᵢ)², the mean over the n outputs (PyTorch's `MSELoss`).
    case meanSquaredError = "mse"
    /// L = −Σᵢ tᵢ log softmax(x_out)ᵢ, with t a probability vector (nonnegative, summing to 1;
    /// one-hot for a class label). The output layer is usually `identity` (logits).
    case softmaxCrossEntropy = "softmax_cross_entropy"

    /// The loss a spec gets when it names none.
    public static let `default` = Loss.halfSumSquares

    /// The spec name, e.g. `half_sum_squares`.
    public var name: String { rawValue }

    /// The spec names, in the order error messages list them.
    public static let names = allCases.map(\.rawValue)
}
