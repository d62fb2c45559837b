import Exact
import Symbolic

/// One sample's loss over its n outputs, written through one output entry `y` and its target
/// `t`, so that code can loop over the entries: an optional shift m = maxᵢ yᵢ, sums over the
/// entries, scalars defined from them, and the loss Σᵢ φ(yᵢ, tᵢ, scalars).
///
/// The gradient gᵢ = ∂ℓ/∂yᵢ is not written by hand: it is derived here with Symbolic's rules,
/// by reverse mode over the scalars (each scalar's adjoint, summed over the entries where
/// needed), then gᵢ = ∂φ/∂y + Σ_r r̄ ∂ρ_r/∂y for each sum r = Σᵢ ρ_r(yᵢ, tᵢ). The shift takes no
/// part: the loss does not depend on it (it only keeps exponentials from overflowing).
public struct SampleLoss {
    /// A per-sample scalar: `symbol` = Σᵢ `element` over the entries, or a formula in earlier scalars.
    public struct Scalar {
        /// The scalar's symbol, which later formulas refer to.
        public let symbol: ExpressionID
        /// Its definition: the element summed, or the formula.
        public let value: ExpressionID
    }

    /// The symbol of one output entry yᵢ.
    public let output: ExpressionID
    /// The symbol of its target tᵢ.
    public let target: ExpressionID
    /// m = maxᵢ yᵢ, when the loss shifts by it.
    public let shift: ExpressionID?
    /// Sums over the entries (first pass, after the shift); `value` is the element.
    public let sums: [Scalar]
    /// Scalars from the shift and the sums, in order.
    public let definitions: [Scalar]
    /// φ: the loss is the sum of this over the entries.
    public let entryLoss: ExpressionID
    /// Sums the gradient needs besides the loss (second pass, with the loss); `value` is the element.
    public let adjointSums: [Scalar]
    /// The adjoints of the scalars that the gradient reads, in order.
    public let adjointDefinitions: [Scalar]
    /// gᵢ = ∂ℓ/∂yᵢ, in the entry's symbols and the scalars.
    public let gradient: ExpressionID

    /// The per-entry form of `loss` for n = `outputCount` outputs.
    public init(_ loss: LossFunction, outputCount: Int, in arena: ExpressionArena) {
        let y = arena.symbol("y"), t = arena.symbol("t")
        switch loss {
        case .halfSumSquares, .meanSquaredError:
            let scale = loss == .halfSumSquares ? Rational(1, 2) : Rational(1, outputCount)
            self.init(output: y, target: t, shift: nil, sums: [], definitions: [],
                      entryLoss: arena.scale(arena.power(arena.subtract(y, t), 2), by: scale), in: arena)
        case .softmaxCrossEntropy:
            // −Σ tᵢ log softmax(y)ᵢ = Σ tᵢ (log Σⱼ e^{yⱼ} − yᵢ), with log Σⱼ e^{yⱼ} = m + log Σⱼ e^{yⱼ − m}.
            let m = arena.symbol("m"), expSum = arena.symbol("expSum"), logSumExp = arena.symbol("logSumExp")
            self.init(output: y, target: t, shift: m,
                      sums: [Scalar(symbol: expSum, value: arena.apply(.exp, arena.subtract(y, m)))],
                      definitions: [Scalar(symbol: logSumExp, value: arena.add(m, arena.apply(.log, expSum)))],
                      entryLoss: arena.multiply(t, arena.subtract(logSumExp, y)), in: arena)
        }
    }

    /// A loss from its parts; derives the adjoints and the gradient.
    init(output: ExpressionID, target: ExpressionID, shift: ExpressionID?, sums: [Scalar], definitions: [Scalar],
         entryLoss: ExpressionID, in arena: ExpressionArena) {
        self.output = output
        self.target = target
        self.shift = shift
        self.sums = sums
        self.definitions = definitions
        self.entryLoss = entryLoss
        var adjointSums: [Scalar] = []
        var adjointDefinitions: [Scalar] = []
        // The adjoint of each scalar, by its symbol; from the last definition back to the sums.
        var adjoints: [ExpressionID: ExpressionID] = [:]
        for scalar in (sums + definitions).reversed() {
            var terms: [ExpressionID] = []
            // Σᵢ ∂φ/∂s: one more sum over the entries (shared with an equal one).
            let partial = arena.derivative(of: entryLoss, withRespectTo: scalar.symbol)
            if partial != arena.zero {
                if let existing = adjointSums.first(where: { $0.value == partial }) {
                    terms.append(existing.symbol)
                } else {
                    let symbol = arena.symbol("adjointSum\(adjointSums.count)")
                    adjointSums.append(Scalar(symbol: symbol, value: partial))
                    terms.append(symbol)
                }
            }
            // Through each later definition that reads s.
            for later in definitions where adjoints[later.symbol] != nil {
                let local = arena.derivative(of: later.value, withRespectTo: scalar.symbol)
                if local != arena.zero { terms.append(arena.multiply(adjoints[later.symbol]!, local)) }
            }
            let adjoint = arena.sum(terms)
            if adjoint == arena.zero { continue }
            if case .symbol = arena[adjoint] {
                adjoints[scalar.symbol] = adjoint
            } else {
                let name: String
                if case let .symbol(s) = arena[scalar.symbol] { name = s.name + "Adjoint" } else { name = "adjoint\(adjointDefinitions.count)" }
                let symbol = arena.symbol(name)
                adjointDefinitions.append(Scalar(symbol: symbol, value: adjoint))
                adjoints[scalar.symbol] = symbol
            }
        }
        var gradient = [arena.derivative(of: entryLoss, withRespectTo: output)]
        for sum in sums {
            guard let adjoint = adjoints[sum.symbol] else { continue }
            gradient.append(arena.multiply(adjoint, arena.derivative(of: sum.value, withRespectTo: output)))
        }
        self.adjointSums = adjointSums
        // Found last scalar first: each adjoint reads only adjoints found before it.
        self.adjointDefinitions = adjointDefinitions
        self.gradient = arena.sum(gradient)
    }
}
