/// The gradient of L with respect to one parameter, W_l or b_l: the chain of Jacobians,
/// their product (the row ∂L/∂vec(θ), the notebook's "before re-shaping"), and the compact
/// form δ_l x_lᵀ with the steps that turn the first into the second.
public struct ParameterDerivation: Sendable {
    /// Which of a layer's two parameters.
    public enum Kind: Hashable, Sendable {
        /// W_l, n_l × n_{l−1}.
        case weights
        /// b_l, n_l × 1.
        case bias
    }

    /// Weights or bias.
    public let kind: Kind
    /// The layer, from 1.
    public let layer: Int
    /// W_l or b_l.
    public let parameter: MatrixExpression
    /// Every Jacobian from L down to the parameter, identities included.
    public let steps: [ChainStep]
    /// The product of the factors that are not identities: ∂L/∂vec(θ), 1 × dim(θ).
    public let row: MatrixExpression
    /// How the row becomes the gradient in the parameter's shape.
    public let compact: CompactForm

    init(kind: Kind, layer: Int, parameter: MatrixExpression, steps: [ChainStep], input: MatrixExpression, delta: Definition) throws {
        self.kind = kind
        self.layer = layer
        self.parameter = parameter
        self.steps = steps
        row = try .product(steps.filter { !$0.isIdentity }.map(\.factor))
        compact = try CompactForm(kind: kind, layer: layer, parameter: parameter, steps: steps, input: input, delta: delta)
    }

    /// The steps whose factors are multiplied (the identities left out).
    public var factors: [ChainStep] { steps.filter { !$0.isIdentity } }

    /// The parameter's shape, which the gradient has.
    public var shape: Shape { parameter.shape }

    /// `W1`, `b2`.
    public var name: String { parameter.symbol!.name }

    /// The chain rule as one equation in Jacobian notation:
    /// `\frac{\partial L}{\partial x_3} \frac{\partial x_3}{\partial z_2} …` (identities included).
    public var jacobianChainLaTeX: String { steps.map(\.jacobianLaTeX).joined(separator: "\\,") }

    /// `\frac{\partial L}{\partial \operatorname{vec}(W_{1})}`.
    public var rowLaTeX: String { "\\frac{\\partial L}{\\partial \(MatrixPrinter(.latex).string(.vec(parameter)))}" }

    /// `\frac{\partial L}{\partial W_{1}}`: the gradient in the parameter's shape.
    public var gradientLaTeX: String { "\\frac{\\partial L}{\\partial \(MatrixPrinter(.latex).string(parameter))}" }
}

/// One line of the compact-form derivation: `lhs = rhs`, citing a rule.
public struct CompactStep: Hashable, Sendable {
    /// LaTeX math; empty to continue the previous line's left side.
    public let lhs: String
    /// LaTeX math: what the left side equals on this line.
    public let rhs: String
    /// The rule the line uses.
    public let rule: JacobianRule
}

/// The compact form of a gradient, ∂L/∂W_l = δ_l x_lᵀ or ∂L/∂b_l = δ_l, and how it follows
/// from the chain rule: g (xᵀ ⊗ I) = vec(gᵀxᵀ)ᵀ with g = ∂L/∂z_l, then gᵀ = δ_l by
/// transposing the product.
public struct CompactForm: Sendable {
    /// g_l = ∂L/∂z_l, the product of the factors before ∂z_l/∂θ: a row.
    public let upstream: MatrixExpression
    /// g_lᵀ with the product transposed factor by factor.
    public let transposedUpstream: MatrixExpression
    /// δ_l and its definition (the backward recursion).
    public let delta: Definition
    /// δ_l x_lᵀ for a weight, δ_l for a bias: the gradient in the parameter's shape.
    public let gradient: MatrixExpression
    /// The derivation, line by line.
    public let steps: [CompactStep]

    init(kind: ParameterDerivation.Kind, layer: Int, parameter: MatrixExpression, steps chain: [ChainStep],
         input: MatrixExpression, delta: Definition) throws {
        let before = chain.dropLast().filter { !$0.isIdentity }.map(\.factor)
        upstream = try .product(before)
        transposedUpstream = try .product(before.reversed().map(\.transposed))
        self.delta = delta
        let p = MatrixPrinter(.latex)
        let g = "g_{\(layer)}"
        let last = chain[chain.count - 1]
        let rowSide = "\\frac{\\partial L}{\\partial \(p.string(.vec(parameter)))}"
        let shaped = "\\frac{\\partial L}{\\partial \(p.string(parameter))}"
        let d = delta.symbol.latex
        var lines = [CompactStep(lhs: g, rhs: "\\frac{\\partial L}{\\partial \(p.string(last.numerator))} = \(p.string(upstream))", rule: .chainRule)]
        switch kind {
        case .weights:
            let x = p.string(input)
            gradient = try .product(delta.variable, input.transposed)
            lines += [
                CompactStep(lhs: rowSide, rhs: "\(g)\\,\\left(\(p.string(last.factor))\\right)", rule: .affineWeights),
                CompactStep(lhs: "", rhs: "\\operatorname{vec}\\left(\(g)^\\top \(x)^\\top\\right)^\\top", rule: .kroneckerVec),
                CompactStep(lhs: shaped, rhs: "\(g)^\\top \(x)^\\top", rule: .reshape),
            ]
        case .bias:
            gradient = delta.variable
            lines += [
                CompactStep(lhs: rowSide, rhs: "\(g)\\, \(p.string(last.factor)) = \(g)", rule: .affineBias),
                CompactStep(lhs: shaped, rhs: "\(g)^\\top", rule: .reshape),
            ]
        }
        if delta.expression == transposedUpstream {
            lines.append(CompactStep(lhs: "\(g)^\\top", rhs: "\(p.string(transposedUpstream)) = \(d)", rule: .transposeOfProduct))
        } else {
            lines.append(CompactStep(lhs: "\(g)^\\top", rhs: p.string(transposedUpstream), rule: .transposeOfProduct))
            lines.append(CompactStep(lhs: "", rhs: "\(p.string(delta.expression)) = \(d)", rule: .backwardRecursion))
        }
        let x = p.string(input)
        lines.append(CompactStep(lhs: shaped, rhs: kind == .weights ? "\(d)\\, \(x)^\\top" : d, rule: .reshape))
        steps = lines
    }
}
