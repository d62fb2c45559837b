import Exact
import Symbolic

/// The loss of a network as one symbolic expression, and its gradient with respect to every
/// parameter by reverse mode over the shared DAG.
///
/// Symbols, named for code (0-based indices) with LaTeX for handouts (1-based, as in
/// mathematics): input `x1_j` (x^{(1)}_{j+1}, the notebook's x1), target `t_i`, weights
/// `W<l>_i_j` (W^{(l)}_{i+1,j+1}), biases `b<l>_i`. Layer l computes z_l = W_l x_l + b_l and
/// x_{l+1} = f_l(z_l); the last x is the output.
public struct Derivation {
    /// The network derived; its values, if any, are bound later (see `bindings`).
    public let spec: NetworkSpec
    /// The arena every expression of the derivation lives in.
    public let arena: ExpressionArena
    /// The input symbols x1_0, x1_1, …
    public let input: [ExpressionID]
    /// The target symbols t_0, t_1, …
    public let target: [ExpressionID]
    /// The parameter symbols, parameter by parameter (W1, b1, W2, …), each row-major.
    public let parameters: [ParameterEntries]
    /// z_l for each layer.
    public let preActivations: [[ExpressionID]]
    /// x_1 (the input), x_2, …, x_{L+1} (the output).
    public let activations: [[ExpressionID]]
    /// L.
    public let loss: ExpressionID
    /// ∂L/∂θ for each parameter θ, in the parameter's shape (row-major), same order as `parameters`.
    public let gradients: [ParameterEntries]

    /// Builds the loss of `spec` (its values, if any, are not used: see `bindings`).
    public init(spec: NetworkSpec) {
        let arena = ExpressionArena()
        self.spec = spec
        self.arena = arena
        input = (0..<spec.inputSize).map { arena.symbol("x1_\($0)", latex: "x^{(1)}_{\($0 + 1)}") }
        target = (0..<spec.outputSize).map { arena.symbol("t_\($0)", latex: "t_{\($0 + 1)}") }
        var parameters: [ParameterEntries] = []
        var preActivations: [[ExpressionID]] = []
        var activations = [input]
        for (parameter, bias) in Self.pairs(spec.parameters) {
            let layer = parameter.layer
            let weights = (0..<parameter.rowCount).flatMap { i in
                (0..<parameter.columnCount).map { j in
                    arena.symbol("W\(layer)_\(i)_\(j)", latex: "W^{(\(layer))}_{\(i + 1),\(j + 1)}")
                }
            }
            let biases = (0..<bias.rowCount).map { arena.symbol("b\(layer)_\($0)", latex: "b^{(\(layer))}_{\($0 + 1)}") }
            parameters += [ParameterEntries(parameter: parameter, entries: weights), ParameterEntries(parameter: bias, entries: biases)]
            let x = activations[activations.count - 1]
            let z = (0..<parameter.rowCount).map { i in
                arena.sum((0..<parameter.columnCount).map { j in arena.multiply(weights[i * parameter.columnCount + j], x[j]) } + [biases[i]])
            }
            preActivations.append(z)
            activations.append(z.map { Self.activate(spec.layers[layer - 1].activation, $0, in: arena) })
        }
        self.parameters = parameters
        self.preActivations = preActivations
        self.activations = activations
        loss = Self.loss(spec.loss, output: activations[activations.count - 1], target: target, in: arena)
        let flat = arena.gradient(of: loss, withRespectTo: parameters.flatMap(\.entries))
        var offset = 0
        gradients = parameters.map { entries in
            defer { offset += entries.entries.count }
            return ParameterEntries(parameter: entries.parameter, entries: Array(flat[offset..<offset + entries.entries.count]))
        }
    }

    /// The values of every symbol, by name, for exact evaluation.
    public func bindings(_ values: NetworkValues) -> [String: Rational] {
        var result: [String: Rational] = [:]
        func bind(_ symbols: [ExpressionID], _ numbers: [Rational]) {
            for (symbol, number) in zip(symbols, numbers) {
                guard case let .symbol(s) = arena[symbol] else { continue }
                result[s.name] = number
            }
        }
        bind(input, values.input)
        bind(target, values.target)
        for (index, entries) in parameters.enumerated() {
            let layer = index / 2
            bind(entries.entries, entries.parameter.kind == .weights ? values.weights[layer].elements : values.biases[layer])
        }
        return result
    }

    /// (W_l, b_l) pairs from the parameter list W1, b1, W2, b2, …
    private static func pairs(_ parameters: [Parameter]) -> [(Parameter, Parameter)] {
        stride(from: 0, to: parameters.count, by: 2).map { (parameters[$0], parameters[$0 + 1]) }
    }

    /// f(z) for a layer's activation, as an expression in `arena` (the rule table's definition).
    public static func activate(_ activation: Activation, _ z: ExpressionID, in arena: ExpressionArena) -> ExpressionID {
        activation.apply(z, in: arena)
    }

    /// ½‖t − y‖², (1/n)‖t − y‖², or Σᵢ tᵢ (log Σⱼ e^{yⱼ} − yᵢ) = −Σᵢ tᵢ log softmax(y)ᵢ.
    private static func loss(_ loss: Loss, output y: [ExpressionID], target t: [ExpressionID], in arena: ExpressionArena) -> ExpressionID {
        switch loss {
        case .halfSumSquares, .meanSquaredError:
            let squares = arena.sum(zip(t, y).map { arena.power(arena.subtract($0, $1), 2) })
            let scale = loss == .halfSumSquares ? Rational(1, 2) : Rational(1, y.count)
            return arena.scale(squares, by: scale)
        case .softmaxCrossEntropy:
            // log Σ e^{yⱼ} = m + log Σ e^{yⱼ − m} with m = max(y), so that no exponential
            // overflows in floating point; max(a, b) = b + relu(a − b) keeps m in the DAG, and
            // the shift cancels exactly in the gradient.
            let m = y.dropFirst().reduce(y[0]) { m, yj in arena.add(m, arena.apply(.relu, arena.subtract(yj, m))) }
            let shifted = arena.sum(y.map { arena.apply(.exp, arena.subtract($0, m)) })
            let logSumExp = arena.add(m, arena.apply(.log, shifted))
            return arena.sum(zip(t, y).map { arena.multiply($0, arena.subtract(logSumExp, $1)) })
        }
    }
}

/// One parameter and one expression per entry, row-major (a bias is a column).
public struct ParameterEntries {
    /// The parameter: its name and shape.
    public let parameter: Parameter
    /// One expression per entry.
    public let entries: [ExpressionID]
}
