import Exact
import Symbolic

/// Backpropagation of a layered network over a minibatch, as a short list of matrix steps:
/// the small IR that loop code is lowered from (as Symbolics.jl lowers to its code IR).
///
/// The samples are the rows: X_l, Z_l, Δ_l, G_l are count × n matrices, one sample a row. The
/// steps are matrix products (with transposes), entry-by-entry maps whose formulas are Symbolic
/// expressions (f and f′ of an activation, δ = f′ ⊙ g), sums over the samples, and the loss with
/// its gradient with respect to the output. Nothing here is a string: an emitter prints the
/// expressions with a Symbolic printer and names the matrices itself.
public struct BatchProgram {
    /// A matrix the program reads or writes. Per-sample matrices have one row per sample.
    public enum Matrix: Hashable, Sendable {
        /// X_1, the samples (count × n_0).
        case input
        /// The targets, one row per sample (count × n_L).
        case target
        /// W_l (n_l × n_(l−1)).
        case weights(Int)
        /// b_l, one value per unit (a row broadcast over the samples).
        case bias(Int)
        /// Z_l = X_l W_lᵀ + 1 b_lᵀ (count × n_l).
        case preActivations(Int)
        /// X_l for l ≥ 2: the activations that layer l reads (count × n_(l−1)).
        case activations(Int)
        /// G_l = ∂L/∂X_(l+1), the gradient with respect to layer l's output (count × n_l).
        case outputGradients(Int)
        /// Δ_l = ∂L/∂Z_l (count × n_l). Before the backward pass it holds f_l′(Z_l).
        case deltas(Int)
        /// ∂L/∂W_l (n_l × n_(l−1)).
        case weightGradients(Int)
        /// ∂L/∂b_l (n_l).
        case biasGradients(Int)
    }

    /// A matrix, read as it is or transposed.
    public struct Operand: Hashable, Sendable {
        /// The matrix read.
        public let matrix: Matrix
        /// True when the product reads its transpose.
        public let transposed: Bool

        /// `matrix`, or its transpose.
        public init(_ matrix: Matrix, transposed: Bool = false) {
            self.matrix = matrix
            self.transposed = transposed
        }
    }

    /// One entry-by-entry step over a count × n matrix: for every sample s and unit i, bind
    /// each input symbol to its matrix's entry (s, i) (or entry i of a broadcast row), then
    /// write each output expression to its matrix's entry (s, i) and add each sum to entry i
    /// of its row (a reduction over the samples).
    public struct Entrywise {
        /// The units per sample, n.
        public let width: Int
        /// The formulas, expressions of the input symbols.
        public let map: ElementwiseMap
        /// Which matrix each of `map.inputs` reads; a `bias` is one row broadcast over the samples.
        public let sources: [Matrix]
        /// Which matrix each of `map.outputs` writes.
        public let destinations: [Matrix]
        /// Which row each of `map.sums` is added to, summed over the samples.
        public let sumDestinations: [Matrix]
    }

    /// One step of the program.
    public enum Step {
        /// result = left · right, each operand possibly transposed.
        case product(result: Matrix, left: Operand, right: Operand, layer: Int)
        /// An entry-by-entry map (and sums over the samples) for layer `layer`.
        case entrywise(Entrywise, layer: Int)
        /// The loss of each sample's output row against its target row, summed over the samples,
        /// and G_L = ∂L/∂X_(L+1), row by row.
        case loss(SampleLoss, output: Matrix, target: Matrix, gradient: Matrix)
    }

    /// The network the program differentiates.
    public let network: LayeredNetwork
    /// The arena of every expression in the steps.
    public let arena: ExpressionArena
    /// The forward pass, then the loss, then the backward pass.
    public let steps: [Step]

    /// The program for `network`: per layer Z_l = X_l W_lᵀ, then X_(l+1) = f(Z_l + b) with
    /// f′(Z_l + b) kept for the backward pass (so that f and f′ share their work, such as
    /// tanh z); the loss and G_L; then per layer, last first, Δ_l = f′ ⊙ G_l with ∂L/∂b_l = Σ_s Δ_l,
    /// ∂L/∂W_l = Δ_lᵀ X_l and G_(l−1) = Δ_l W_l.
    public init(network: LayeredNetwork) {
        let arena = ExpressionArena()
        self.network = network
        self.arena = arena
        let sizes = network.sizes
        let layerCount = network.layers.count
        func layerInput(_ l: Int) -> Matrix { l == 1 ? .input : .activations(l) }
        var steps: [Step] = []
        // Whether layer l keeps f′(Z_l) in Δ_l: not where f′ = 1 everywhere (the identity).
        var keepsDerivative: [Bool] = []
        for (index, layer) in network.layers.enumerated() {
            let l = index + 1
            steps.append(.product(result: .preActivations(l), left: Operand(layerInput(l)),
                                  right: Operand(.weights(l), transposed: true), layer: l))
            // z = (X W_lᵀ)_si + b_i; x = f(z), and f′(z) unless it is 1 everywhere.
            // z is a symbol of its own, defined once as u + b: f(z) then reads one rounded value,
            // so that ELU's e^(z − relu(z)) is e^0 exactly for z > 0, whatever the size of z.
            let product = arena.symbol("u"), bias = arena.symbol("b"), z = arena.symbol("z")
            let derivative = layer.activation.derivative(z, in: arena)
            var outputs = [layer.activation.apply(z, in: arena)]
            var destinations = [Matrix.activations(l + 1)]
            keepsDerivative.append(derivative != arena.one)
            if derivative != arena.one {
                outputs.append(derivative)
                destinations.append(.deltas(l))
            }
            steps.append(.entrywise(Entrywise(
                width: sizes[l],
                map: ElementwiseMap(arena: arena, inputs: [product, bias], definitions: [(z, arena.add(product, bias))],
                                    outputs: outputs, sums: []),
                sources: [.preActivations(l), .bias(l)], destinations: destinations, sumDestinations: []), layer: l))
        }
        steps.append(.loss(SampleLoss(network.loss, outputCount: sizes[layerCount], in: arena),
                           output: .activations(layerCount + 1), target: .target, gradient: .outputGradients(layerCount)))
        for l in stride(from: layerCount, through: 1, by: -1) {
            // δ = f′ ⊙ g (just g where f′ = 1), and ∂L/∂b_l = Σ_s δ.
            let g = arena.symbol("g")
            let delta: ExpressionID
            let sources: [Matrix]
            let inputs: [ExpressionID]
            if keepsDerivative[l - 1] {
                let derivative = arena.symbol("d")
                (delta, sources, inputs) = (arena.multiply(derivative, g), [.deltas(l), .outputGradients(l)], [derivative, g])
            } else {
                (delta, sources, inputs) = (g, [.outputGradients(l)], [g])
            }
            steps.append(.entrywise(Entrywise(
                width: sizes[l],
                map: ElementwiseMap(arena: arena, inputs: inputs, definitions: [], outputs: [delta], sums: [delta]),
                sources: sources, destinations: [.deltas(l)], sumDestinations: [.biasGradients(l)]), layer: l))
            steps.append(.product(result: .weightGradients(l), left: Operand(.deltas(l), transposed: true),
                                  right: Operand(layerInput(l)), layer: l))
            if l > 1 {
                steps.append(.product(result: .outputGradients(l - 1), left: Operand(.deltas(l)),
                                      right: Operand(.weights(l)), layer: l))
            }
        }
        self.steps = steps
    }
}

/// Formulas applied entry by entry: each output and each sum is a Symbolic expression of the
/// input symbols. An emitter prints them together from one schedule, so that they share work.
public struct ElementwiseMap {
    /// The arena the expressions live in.
    public let arena: ExpressionArena
    /// The symbols bound to one entry of each source.
    public let inputs: [ExpressionID]
    /// Symbols defined from the inputs (and earlier definitions), in order: `z = u + b`.
    public let definitions: [(symbol: ExpressionID, value: ExpressionID)]
    /// The values written entry by entry.
    public let outputs: [ExpressionID]
    /// The values added up over the samples.
    public let sums: [ExpressionID]

    /// A map of `outputs` and `sums`, written in the `inputs` symbols and the `definitions` of `arena`.
    public init(arena: ExpressionArena, inputs: [ExpressionID], definitions: [(symbol: ExpressionID, value: ExpressionID)],
                outputs: [ExpressionID], sums: [ExpressionID]) {
        self.arena = arena
        self.inputs = inputs
        self.definitions = definitions
        self.outputs = outputs
        self.sums = sums
    }
}
