extension Activation {
    /// As in the spec, with a parameter shown: `leaky_relu(1/100)`, `elu(1)`.
    public var displayName: String {
        parameter.map { "\(name)(\($0.value))" } ?? name
    }
}

extension Loss {
    /// The formula and the spec name, for headers and reports: `½‖t − x_out‖² (half_sum_squares)`.
    public var formula: String {
        switch self {
        case .halfSumSquares: "½‖t − x_out‖² (half_sum_squares)"
        case .meanSquaredError: "(1/n)‖t − x_out‖² (mse)"
        case .softmaxCrossEntropy: "−Σ t log softmax(x_out) (softmax_cross_entropy)"
        }
    }
}
