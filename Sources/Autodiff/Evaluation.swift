/// ∂L/∂W_l and ∂L/∂b_l of one layer, in the shape of the parameters.
public struct LayerGradient<Scalar: AutodiffScalar>: Equatable, Sendable {
    /// ∂L/∂W_l, rows like `Layer.weights`: n_l × n_{l−1}, the shape of W_l (the notebook
    /// prints the transpose, PyTorch's `.grad.T`).
    public let weights: [[Scalar]]
    /// ∂L/∂b_l, n_l entries.
    public let bias: [Scalar]
}

/// The gradient of one parameter under its name, flattened, for comparisons that go by
/// name (generated code names its outputs W1, b1, …).
public struct NamedGradient<Scalar: AutodiffScalar>: Equatable, Sendable {
    /// "W1", "b1", "W2", …: layers count from 1.
    public let name: String
    /// n_l.
    public let rows: Int
    /// n_{l−1} for W_l, 1 for b_l (a column vector).
    public let columns: Int
    /// The entries, row-major.
    public let values: [Scalar]
}

/// The result of `MLP.lossAndGradients`.
public struct Evaluation<Scalar: AutodiffScalar>: Equatable, Sendable {
    /// L.
    public let loss: Scalar
    /// x_out, the last layer's output.
    public let output: [Scalar]
    /// The gradients per layer: `layers[0]` is ∂L/∂W1 and ∂L/∂b1.
    public let layers: [LayerGradient<Scalar>]

    /// Every parameter's gradient by name, in the order W1, b1, W2, b2, ….
    public var namedGradients: [NamedGradient<Scalar>] {
        layers.enumerated().flatMap { offset, layer in
            [
                NamedGradient(name: "W\(offset + 1)", rows: layer.weights.count,
                              columns: layer.weights.first?.count ?? 0, values: layer.weights.flatMap { $0 }),
                NamedGradient(name: "b\(offset + 1)", rows: layer.bias.count, columns: 1, values: layer.bias),
            ]
        }
    }
}
