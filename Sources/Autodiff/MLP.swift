/// One layer: z_l = W_l x_l + b_l, x_{l+1} = f_l(z_l).
public struct Layer<Scalar: AutodiffScalar>: Equatable, Sendable {
    /// W_l as rows: `weights[i][j]` is W_l[i, j], and there are n_l rows of n_{l−1}
    /// entries each. Rows, because unit i computes z_i = W_l[i, :] · x_l + b_l[i].
    public var weights: [[Scalar]]
    /// b_l, one entry per row of W_l.
    public var bias: [Scalar]
    /// f_l.
    public var activation: Activation

    /// A layer from W_l (as rows), b_l and f_l; shapes are checked when it is evaluated.
    public init(weights: [[Scalar]], bias: [Scalar], activation: Activation) {
        self.weights = weights
        self.bias = bias
        self.activation = activation
    }
}

/// A multilayer perceptron, described here and not imported from the `Network` module:
/// the oracle must not share code with what it checks.
///
/// Layers count from 1, as the parameters' names do: `layers[0]` holds W1 and b1,
/// and receives the input x1.
public struct MLP<Scalar: AutodiffScalar>: Equatable, Sendable {
    /// The layers, first to last.
    public var layers: [Layer<Scalar>]

    /// A network from its layers, first to last.
    public init(layers: [Layer<Scalar>]) {
        self.layers = layers
    }

    /// Throws, naming the layer, unless x has n0 entries, every W_l is n_l × n_{l−1}
    /// with n_l ≥ 1, every b_l has n_l entries, t has as many entries as the output, and
    /// `Scalar` has the functions that the activations and the loss need.
    public func validate(inputCount: Int, targetCount: Int, loss: Loss) throws {
        guard !layers.isEmpty else { throw AutodiffError.emptyNetwork }
        var width = inputCount
        for (offset, layer) in layers.enumerated() {
            let l = offset + 1
            let place = "layer \(l)"
            guard !layer.weights.isEmpty else {
                throw AutodiffError.shapeMismatch(place: place, detail: "W\(l) has no rows; a layer needs at least one unit")
            }
            for (r, row) in layer.weights.enumerated() where row.count != width {
                throw AutodiffError.shapeMismatch(
                    place: place,
                    detail: "row \(r + 1) of W\(l) has \(row.count) entries, but x\(l) has \(width)")
            }
            guard layer.bias.count == layer.weights.count else {
                throw AutodiffError.shapeMismatch(
                    place: place,
                    detail: "b\(l) has \(layer.bias.count) entries, but W\(l) has \(layer.weights.count) rows")
            }
            if layer.activation.isTranscendental && Scalar.transcendentalFunctions == nil {
                throw AutodiffError.unsupportedFunction(function: layer.activation.name, scalar: "\(Scalar.self)", place: place)
            }
            width = layer.weights.count
        }
        guard targetCount == width else {
            throw AutodiffError.shapeMismatch(
                place: "loss", detail: "the target t has \(targetCount) entries, but the network outputs \(width)")
        }
        if loss.isTranscendental && Scalar.transcendentalFunctions == nil {
            throw AutodiffError.unsupportedFunction(function: loss.name, scalar: "\(Scalar.self)", place: "loss")
        }
    }
}
