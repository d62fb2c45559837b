/// The forward pass on a tape and the reverse sweep.
extension MLP {
    /// The loss at input x and target t, and its gradient with respect to every W_l and b_l.
    /// Throws, naming the place, when a shape does not fit (see `validate`).
    public func lossAndGradients(input x: [Scalar], target t: [Scalar], loss: Loss = .halfSumOfSquares) throws -> Evaluation<Scalar> {
        let pass = try forward(input: x, target: t, loss: loss)
        let adjoints = pass.tape.gradient(of: pass.loss)
        let gradients = pass.parameters.map { layer in
            LayerGradient(
                weights: layer.weights.map { row in row.map { adjoints[$0] } },
                bias: layer.bias.map { adjoints[$0] })
        }
        return Evaluation(loss: pass.loss.data, output: pass.output.map(\.data), layers: gradients)
    }

    /// The loss alone, without the reverse sweep (for difference quotients).
    public func loss(input x: [Scalar], target t: [Scalar], loss: Loss = .halfSumOfSquares) throws -> Scalar {
        try forward(input: x, target: t, loss: loss).loss.data
    }

    /// The parameters as leaves of one tape, the output x_out and the loss node.
    private func forward(input x: [Scalar], target t: [Scalar], loss: Loss) throws -> ForwardPass<Scalar> {
        try validate(inputCount: x.count, targetCount: t.count, loss: loss)
        let tape = Tape<Scalar>()
        let parameters = layers.map { layer in
            (weights: layer.weights.map { $0.map(tape.leaf) }, bias: layer.bias.map(tape.leaf))
        }
        var activations = x.map(tape.leaf)
        for (layer, parameter) in zip(layers, parameters) {
            let z = zip(parameter.weights, parameter.bias).map { row, b in
                tape.sum(zip(row, activations).map(*) + [b])
            }
            activations = try z.map(layer.activation.apply)
        }
        let lossNode = try loss.apply(output: activations, target: t, tape: tape)
        return ForwardPass(tape: tape, parameters: parameters, output: activations, loss: lossNode)
    }
}

/// What the forward pass leaves for the reverse sweep.
private struct ForwardPass<Scalar: AutodiffScalar> {
    let tape: Tape<Scalar>
    let parameters: [(weights: [[Value<Scalar>]], bias: [Value<Scalar>])]
    let output: [Value<Scalar>]
    let loss: Value<Scalar>
}
