/// The shape of a multilayer perceptron as matrix calculus sees it: sizes, one activation
/// per layer and the loss. No numbers: a derivation is symbolic, and numbers come in as
/// bindings when it is instantiated.
///
/// Layer l (from 1) computes `z_l = W_l x_l + b_l` and `x_{l+1} = f_l(z_l)`; `W_l` is
/// n_l × n_{l−1}; `x_1` is the input and `x_{L+1}` the output.
public struct LayeredNetwork: Hashable, Sendable {
    /// One layer: its size n_l and activation f_l.
    public struct Layer: Hashable, Sendable {
        /// n_l, the number of units.
        public let size: Int
        /// f_l, applied entry by entry to z_l.
        public let activation: ElementwiseFunction

        /// A layer of `size` units with activation `activation`.
        public init(size: Int, activation: ElementwiseFunction) {
            self.size = size
            self.activation = activation
        }
    }

    /// n_0.
    public let inputSize: Int
    /// Layers 1 … L, input side first.
    public let layers: [Layer]
    /// The loss of the output x_{L+1} against the target t.
    public let loss: LossFunction

    /// - Throws: `MatrixCalculusError` for no layers or a size below 1.
    public init(inputSize: Int, layers: [Layer], loss: LossFunction) throws {
        guard !layers.isEmpty else { throw MatrixCalculusError("a network needs at least one layer") }
        for (index, size) in ([inputSize] + layers.map(\.size)).enumerated() where size < 1 {
            throw MatrixCalculusError("size n\(index) must be positive, got \(size)")
        }
        self.inputSize = inputSize
        self.layers = layers
        self.loss = loss
    }

    /// [n_0, n_1, …, n_L].
    public var sizes: [Int] { [inputSize] + layers.map(\.size) }
}

/// A derivation that cannot be made, with the reason.
public struct MatrixCalculusError: Error, Hashable, CustomStringConvertible {
    /// Why, in words, for the user.
    public let message: String
    /// An error that says `message`.
    public init(_ message: String) { self.message = message }
    /// The message itself.
    public var description: String { message }
}
