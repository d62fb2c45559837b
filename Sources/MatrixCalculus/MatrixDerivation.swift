import Exact
import Symbolic

/// One step of the backward pass: δ_l = diag(f_l′(z_l)) u_l, where u_l is
/// (∂L/∂x_{L+1})ᵀ for the last layer and W_{l+1}ᵀ δ_{l+1} below it.
public struct BackwardStep: Hashable, Sendable {
    /// l, from 1.
    public let layer: Int
    /// δ_l and its definition.
    public let delta: Definition
    /// f_l′(z_l), a column; nil for an identity activation (then δ_l = u_l).
    public let slope: MatrixExpression?
    /// u_l, the column that the slopes scale.
    public let upstream: MatrixExpression
}

/// A named matrix and the expression that defines it: `z_1 := W_1 x_1 + b_1`.
public struct Definition: Hashable, Sendable {
    public let symbol: MatrixSymbol
    public let expression: MatrixExpression

    /// The symbol as an expression.
    public var variable: MatrixExpression { .symbol(symbol) }
}

/// The matrix-calculus derivation of a network's gradients: the forward definitions, and
/// for every parameter the chain rule as steps and its compact δ form.
///
/// Built from the definitions alone: the chain for a parameter θ starts at L, and at each
/// variable takes the Jacobian (by the rule table) with respect to the one variable of its
/// definition that depends on θ, until it reaches θ. So the derivation is the same code for
/// any depth, and each factor cites its rule.
public struct MatrixDerivation: Sendable {
    public let network: LayeredNetwork
    /// x_1 (the input) … x_{L+1} (the output).
    public let activations: [MatrixExpression]
    /// z_1 … z_L.
    public let preActivations: [MatrixExpression]
    /// W_1 … W_L.
    public let weights: [MatrixExpression]
    /// b_1 … b_L.
    public let biases: [MatrixExpression]
    /// t.
    public let target: MatrixExpression
    /// The scalar L.
    public let loss: MatrixExpression
    /// z_1, x_2, z_2, …, x_{L+1}, L, in the order they are computed.
    public let definitions: [Definition]
    /// δ_L, δ_{L−1}, …, δ_1: δ_l = (∂L/∂z_l)ᵀ by the backward recursion.
    public let deltas: [Definition]
    /// The backward pass, δ_L first: each δ_l as the product of its two parts, for a
    /// derivation that computes every δ once.
    public let backward: [BackwardStep]
    /// W_1, b_1, W_2, b_2, …
    public let parameters: [ParameterDerivation]

    public init(network: LayeredNetwork) throws {
        self.network = network
        let sizes = network.sizes
        let depth = network.layers.count
        func vector(_ stem: String, _ index: Int?, _ n: Int) -> MatrixExpression {
            let suffix = index.map(String.init) ?? ""
            let latex = index.map { "\(stem)_{\($0)}" } ?? stem
            let entryLaTeX = index.map { "\(stem)^{(\($0))}" } ?? stem
            return .symbol(MatrixSymbol(name: stem + suffix, latex: latex, shape: .column(n), entryLaTeXStem: entryLaTeX))
        }
        activations = (1...depth + 1).map { vector("x", $0, sizes[$0 - 1]) }
        preActivations = (1...depth).map { vector("z", $0, sizes[$0]) }
        biases = (1...depth).map { vector("b", $0, sizes[$0]) }
        weights = (1...depth).map { l in
            .symbol(MatrixSymbol(name: "W\(l)", latex: "W_{\(l)}", shape: Shape(sizes[l], sizes[l - 1]), entryLaTeXStem: "W^{(\(l))}"))
        }
        target = vector("t", nil, sizes[depth])
        loss = .symbol(MatrixSymbol(name: "L", latex: "L", shape: .scalar))

        var definitions: [Definition] = []
        for l in 0..<depth {
            let affine = try MatrixExpression.sum(.product(weights[l], activations[l]), biases[l])
            definitions.append(Definition(symbol: preActivations[l].symbol!, expression: affine))
            definitions.append(Definition(symbol: activations[l + 1].symbol!,
                                          expression: .elementwise(network.layers[l].activation, preActivations[l])))
        }
        definitions.append(Definition(symbol: loss.symbol!, expression: try .loss(network.loss, output: activations[depth], target: target)))
        self.definitions = definitions

        var deltas: [Definition] = []
        var backward: [BackwardStep] = []
        for l in stride(from: depth - 1, through: 0, by: -1) {
            let upstream: MatrixExpression
            if l == depth - 1 {
                upstream = try network.loss.gradient(output: activations[depth], target: target).transposed
            } else {
                upstream = try .product(weights[l + 1].transposed, deltas[deltas.count - 1].variable)
            }
            let activation = network.layers[l].activation
            let expression = activation == .identity
                ? upstream
                : try MatrixExpression.product(.diag(.derivative(activation, preActivations[l])), upstream)
            let symbol = MatrixSymbol(name: "delta\(l + 1)", latex: "\\delta_{\(l + 1)}", shape: .column(sizes[l + 1]))
            deltas.append(Definition(symbol: symbol, expression: expression))
            backward.append(BackwardStep(layer: l + 1, delta: deltas[deltas.count - 1],
                                         slope: activation == .identity ? nil : .derivative(activation, preActivations[l]),
                                         upstream: upstream))
        }
        self.deltas = deltas
        self.backward = backward

        let lookup = DefinitionTable(definitions)
        var parameters: [ParameterDerivation] = []
        for l in 0..<depth {
            for (kind, parameter) in [(ParameterDerivation.Kind.weights, weights[l]), (.bias, biases[l])] {
                let steps = try Self.chain(from: loss, to: parameter, lookup)
                let delta = deltas[depth - 1 - l]
                parameters.append(try ParameterDerivation(kind: kind, layer: l + 1, parameter: parameter, steps: steps,
                                                          input: activations[l], delta: delta))
            }
        }
        self.parameters = parameters
    }

    /// The steps ∂L/∂u₁, ∂u₁/∂u₂, …, ∂u_k/∂θ.
    private static func chain(from start: MatrixExpression, to parameter: MatrixExpression, _ table: DefinitionTable) throws -> [ChainStep] {
        var steps: [ChainStep] = []
        var current = start
        while current != parameter {
            guard let definition = table[current] else {
                throw MatrixCalculusError("\(MatrixPrinter(.plain).string(current)) has no definition on the way to \(MatrixPrinter(.plain).string(parameter))")
            }
            guard let next = definition.symbols.map(MatrixExpression.symbol).first(where: { table.depends($0, on: parameter) }) else {
                throw MatrixCalculusError("L does not depend on \(MatrixPrinter(.plain).string(parameter))")
            }
            let (factor, rule, meaning) = try Jacobian.of(definition, withRespectTo: next)
            steps.append(ChainStep(numerator: current, denominator: .vec(next), factor: factor, rule: rule, meaning: meaning))
            current = next
        }
        return steps
    }

    /// The definitions of the hidden quantities and the δs, by symbol name: what expanding
    /// a matrix into scalar entries substitutes.
    var expansionDefinitions: [String: MatrixExpression] {
        var table: [String: MatrixExpression] = [:]
        for definition in definitions + deltas { table[definition.symbol.name] = definition.expression }
        return table
    }

    /// The bindings of every leaf entry (x_1, the weights and biases row-major, t) by entry
    /// name, for instantiation.
    /// - Throws: `MatrixCalculusError` when a count does not match a shape.
    public func bindings(input: [Rational], weights: [[Rational]], biases: [[Rational]], target: [Rational]) throws -> [String: Rational] {
        var result: [String: Rational] = [:]
        func bind(_ matrix: MatrixExpression, _ values: [Rational]) throws {
            let symbol = matrix.symbol!
            guard values.count == symbol.shape.count else {
                throw MatrixCalculusError("\(symbol.name): expected \(symbol.shape.count) values, got \(values.count)")
            }
            for i in 0..<symbol.shape.rows {
                for j in 0..<symbol.shape.columns { result[symbol.entryName(i, j)] = values[i * symbol.shape.columns + j] }
            }
        }
        guard weights.count == self.weights.count, biases.count == self.biases.count else {
            throw MatrixCalculusError("expected values for \(self.weights.count) layers")
        }
        try bind(activations[0], input)
        try bind(self.target, target)
        for (symbol, values) in zip(self.weights, weights) { try bind(symbol, values) }
        for (symbol, values) in zip(self.biases, biases) { try bind(symbol, values) }
        return result
    }
}

/// Definitions by variable, and which variables depend on which.
struct DefinitionTable {
    private var byName: [String: MatrixExpression] = [:]

    init(_ definitions: [Definition]) {
        for definition in definitions { byName[definition.symbol.name] = definition.expression }
    }

    subscript(variable: MatrixExpression) -> MatrixExpression? {
        variable.symbol.flatMap { byName[$0.name] }
    }

    /// Whether `variable` is `parameter` or is defined (transitively) in terms of it.
    func depends(_ variable: MatrixExpression, on parameter: MatrixExpression) -> Bool {
        if variable == parameter { return true }
        guard let definition = self[variable] else { return false }
        return definition.symbols.contains { depends(.symbol($0), on: parameter) }
    }
}
