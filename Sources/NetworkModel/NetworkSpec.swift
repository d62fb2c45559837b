import Exact

/// A multilayer perceptron and its loss: the input of every derivation gradgen makes.
///
/// Layer l (from 1) computes `z_l = W_l x_l + b_l`, `x_{l+1} = f_l(z_l)` with `W_l` of shape
/// n_l × n_{l−1}; `x_1 = x` is the input (the notebook's `x1`) and the last `x` is the output
/// compared with the target `t` by `loss`. Parameters are named `W1, b1, W2, b2, …` (see
/// `parameters`).
///
/// Values (weights, biases, x, t) are optional: a symbolic derivation needs only sizes,
/// activations and the loss. `requireValues()` checks that a numeric one has them all.
///
/// The JSON format (full description and a complete example in SPEC.md):
/// ```json
/// {
///   "input": 3,
///   "layers": [
///     {"size": 2, "activation": "relu", "W": [[3, -1, 1], [-5, 2, -1]], "b": [1, 2]},
///     {"size": 2, "activation": "identity", "W": [[1, -2], [-3, 1]], "b": [1, 1]}
///   ],
///   "loss": "half_sum_squares",
///   "x": [0, 1, 2],
///   "t": [1, 2]
/// }
/// ```
/// `input` and `layers` (each with `size` and `activation`) are required; `loss` defaults to
/// `half_sum_squares`; `W`, `b`, `x`, `t` are optional. Values are exact: JSON numbers read
/// from their text (0.1 is 1/10) or strings such as `"-1/2"`. Activations: `identity`, `relu`,
/// `leaky_relu` (slope 1/100, or `{"name": "leaky_relu", "slope": "1/10"}`), `sigmoid`, `tanh`,
/// `softplus`. Losses: `half_sum_squares`, `mse`, `softmax_cross_entropy`. Unknown keys are errors.
///
/// A value of this type is always valid — every initializer validates, and the stored
/// properties cannot be changed from outside — so code downstream can rely on the shapes.
/// Read one from JSON with `init(json:sourceName:)` or `init(contentsOfFile:)` (format in
/// SPEC.md), write one with `jsonText`, take a built-in one with `BuiltinExample`, or draw a
/// seeded random one with `RandomProblem`.
public struct NetworkSpec: Sendable, Hashable {
    /// n_0, the length of x.
    public private(set) var inputSize: Int
    /// The layers, first (input → first hidden) to last (→ output).
    public private(set) var layers: [LayerSpec]
    /// The loss on the output.
    public private(set) var loss: Loss
    /// x, n_0 values, when given.
    public private(set) var input: [Rational]?
    /// t, n_L values (the output size), when given.
    public private(set) var target: [Rational]?

    /// The largest layer or input size accepted: a guard against typos such as `1e9`,
    /// far above anything a derivation can handle.
    public static let maximumSize = 100_000

    /// A validated spec.
    ///
    /// - Throws: `SpecError` naming the first field at fault, e.g.
    ///   `layers[1].W: expected 2×3, got 2×2` or `t: expected 2 values, got 3`.
    public init(
        inputSize: Int,
        layers: [LayerSpec],
        loss: Loss = .default,
        input: [Rational]? = nil,
        target: [Rational]? = nil
    ) throws {
        self.inputSize = inputSize
        self.layers = layers
        self.loss = loss
        self.input = input
        self.target = target
        try validate()
    }

    /// n_L, the length of the output and of t.
    public var outputSize: Int { layers.last?.size ?? inputSize }

    /// [n_0, n_1, …, n_L].
    public var sizes: [Int] { [inputSize] + layers.map(\.size) }

    /// Whether every value (all W_l, b_l, x and t) is given.
    public var hasAllValues: Bool { input != nil && target != nil && layers.allSatisfy(\.hasValues) }

    /// The same network without any values: what a symbolic derivation is about.
    public var withoutValues: NetworkSpec {
        var copy = self
        copy.input = nil
        copy.target = nil
        copy.layers = layers.map { LayerSpec(size: $0.size, activation: $0.activation) }
        return copy
    }

    // MARK: Validation

    /// Checks the invariants in a fixed order, so the same spec always reports the same
    /// first error: input size, layers (size, W, b), x, t, then what the loss requires of t.
    private func validate() throws {
        try Self.checkSize(inputSize, field: "input")
        if layers.isEmpty { throw SpecError(field: "layers", message: "expected at least one layer") }
        var previous = inputSize
        for (index, layer) in layers.enumerated() {
            let field = "layers[\(index)]"
            try Self.checkSize(layer.size, field: "\(field).size")
            if let weights = layer.weights, weights.rowCount != layer.size || weights.columnCount != previous {
                throw SpecError(field: "\(field).W", message: "expected \(layer.size)×\(previous), got \(weights.shapeDescription)")
            }
            if let bias = layer.bias { try Self.checkCount(bias, layer.size, field: "\(field).b") }
            previous = layer.size
        }
        if let input { try Self.checkCount(input, inputSize, field: "x") }
        if let target {
            try Self.checkCount(target, outputSize, field: "t")
            if loss == .softmaxCrossEntropy { try Self.checkProbabilities(target, field: "t") }
        }
    }

    private static func checkSize(_ size: Int, field: String) throws {
        if size < 1 { throw SpecError(field: field, message: "must be positive, got \(size)") }
        if size > maximumSize { throw SpecError(field: field, message: "must be at most \(maximumSize), got \(size)") }
    }

    private static func checkCount(_ values: [Rational], _ count: Int, field: String) throws {
        if values.count != count {
            throw SpecError(field: field, message: "expected \(count) value\(count == 1 ? "" : "s"), got \(values.count)")
        }
    }

    /// Softmax cross-entropy compares two distributions: t must be one.
    private static func checkProbabilities(_ values: [Rational], field: String) throws {
        for (index, value) in values.enumerated() where value.signum < 0 {
            throw SpecError(field: "\(field)[\(index)]", message: "must be nonnegative for softmax_cross_entropy, got \(value)")
        }
        let sum = values.reduce(Rational.zero, +)
        if sum != .one {
            throw SpecError(field: field, message: "must sum to 1 for softmax_cross_entropy, got \(sum)")
        }
    }
}
