import MatrixCalculus
/// What kind of random problem `RandomProblem` draws: its shape, activations, loss, and how
/// readable its numbers are. The defaults follow the reference notebook's `rand=True`: two
/// layers, every size from 2 to 11, ReLU then an affine output, ½‖t − x_out‖² — with nice
/// values instead of the notebook's floats, so the answers stay readable.
public struct RandomProblemOptions: Sendable, Hashable {
    /// How the sizes n_0, n_1, …, n_L are chosen.
    public enum Sizes: Sendable, Hashable {
        /// Exactly these sizes: input first, output last (at least two entries).
        case fixed([Int])
        /// The number of layers L uniform in `depth`, then each of n_0 … n_L uniform in `width`.
        case random(depth: ClosedRange<Int>, width: ClosedRange<Int>)

        /// The notebook's shapes: two layers, sizes in 2...11 (`np.random.randint(2, 12)`).
        public static let notebook = Sizes.random(depth: 2...2, width: 2...11)
    }

    /// How values are drawn. Both styles give values in [−5, 5].
    public enum ValueStyle: String, Sendable, Hashable, CaseIterable {
        /// k/d with d drawn from {1, 2, 4, 5}: small integers, halves, quarters and fifths, so
        /// exam answers stay short. Softmax cross-entropy targets are one-hot.
        case nice
        /// k/d with d drawn from 1...100: genuinely rational data that exercises exact
        /// arithmetic. Softmax cross-entropy targets are random distributions.
        case general
    }

    /// The sizes n_0 … n_L.
    public var sizes: Sizes
    /// Each hidden layer's activation is drawn uniformly from this list (one entry: all the same).
    public var hiddenActivations: [Activation]
    /// The last layer's activation.
    public var outputActivation: Activation
    /// The loss.
    public var loss: Loss
    /// How readable the drawn numbers are.
    public var values: ValueStyle

    /// Options; the defaults are the notebook's problem.
    public init(
        sizes: Sizes = .notebook,
        hiddenActivations: [Activation] = [.relu],
        outputActivation: Activation = .identity,
        loss: Loss = .default,
        values: ValueStyle = .nice
    ) {
        self.sizes = sizes
        self.hiddenActivations = hiddenActivations
        self.outputActivation = outputActivation
        self.loss = loss
        self.values = values
    }
}
