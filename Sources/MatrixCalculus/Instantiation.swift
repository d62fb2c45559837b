import Exact
import Symbolic

/// Turns scalar expressions into numbers: exact rationals (`RationalEvaluator`), or, from
/// Network, exact closed forms with decimals. The matrix derivation only writes matrices out
/// entry by entry; the numbers always come from Symbolic's evaluation, so there is one
/// evaluator for the whole project.
public protocol EntryEvaluator {
    associatedtype Value
    /// The value of each expression, in order. Called once per instantiation, with every
    /// entry of every matrix, so that shared work is done once.
    func values(_ expressions: [ExpressionID], in arena: ExpressionArena) throws -> [Value]
}

/// Exact rational values by Symbolic's `evaluate`; throws `SymbolicError.notRational` for
/// a network that is not piecewise linear (use Network's evaluator for closed forms).
public struct RationalEvaluator: EntryEvaluator {
    public let bindings: [String: Rational]

    public init(bindings: [String: Rational]) { self.bindings = bindings }

    public func values(_ expressions: [ExpressionID], in arena: ExpressionArena) throws -> [Rational] {
        try arena.evaluate(expressions, bindings: bindings)
    }
}

/// A matrix of numbers, row-major.
public struct NumericMatrix<Value> {
    public let rows: Int
    public let columns: Int
    /// Row after row.
    public let values: [Value]

    public init(rows: Int, columns: Int, values: [Value]) {
        precondition(values.count == rows * columns, "NumericMatrix: \(values.count) values for \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public subscript(i: Int, j: Int) -> Value { values[i * columns + j] }

    public var shape: Shape { Shape(rows, columns) }

    /// The rows, each as an array.
    public var rowArrays: [[Value]] { (0..<rows).map { Array(values[$0 * columns..<($0 + 1) * columns]) } }

    public var transposed: NumericMatrix {
        NumericMatrix(rows: columns, columns: rows, values: (0..<columns).flatMap { j in (0..<rows).map { i in self[i, j] } })
    }

    /// The entries in column-major order (vec), cut into `rows` × `columns` column by column:
    /// vec⁻¹, how a row ∂L/∂vec(W) becomes ∂L/∂W.
    /// - Precondition: the counts match.
    public func reshapedColumnMajor(rows m: Int, columns n: Int) -> NumericMatrix {
        precondition(m * n == values.count, "reshape: \(values.count) values into \(m)×\(n)")
        return NumericMatrix(rows: m, columns: n, values: (0..<m).flatMap { i in (0..<n).map { j in values[i + m * j] } })
    }

    /// The entries cut into rows of `n`, in order: numpy's `reshape` (row-major), which the
    /// notebook used, so that it printed the transpose of ∂L/∂W.
    public func reshapedRowMajor(rows m: Int, columns n: Int) -> NumericMatrix {
        precondition(m * n == values.count, "reshape: \(values.count) values into \(m)×\(n)")
        return NumericMatrix(rows: m, columns: n, values: values)
    }

    /// The same matrix with every value transformed.
    public func map<T>(_ transform: (Value) throws -> T) rethrows -> NumericMatrix<T> {
        NumericMatrix<T>(rows: rows, columns: columns, values: try values.map(transform))
    }
}

extension NumericMatrix: Equatable where Value: Equatable {}
extension NumericMatrix: Sendable where Value: Sendable {}

/// The numbers of one parameter's derivation.
public struct NumericParameter<Value> {
    /// Each factor that is multiplied (`ParameterDerivation.factors`), in order.
    public let factors: [NumericMatrix<Value>]
    /// The product of the first k factors, for each k: ∂L/∂(the k-th denominator). The
    /// last is the row.
    public let partialProducts: [NumericMatrix<Value>]
    /// ∂L/∂vec(θ), 1 × dim(θ): the notebook's "before re-shaping".
    public let row: NumericMatrix<Value>
    /// ∂L/∂θ in θ's shape: the row cut into columns (vec⁻¹).
    public let gradient: NumericMatrix<Value>
    /// g_l = ∂L/∂z_l, a row.
    public let upstream: NumericMatrix<Value>
    /// δ_l, computed by the backward recursion.
    public let delta: NumericMatrix<Value>
    /// δ_l x_lᵀ (weights) or δ_l (bias), computed from δ_l: equal to `gradient`, by a
    /// second route.
    public let compactGradient: NumericMatrix<Value>
}

/// Every number of a derivation: the forward pass, the loss, and each parameter's factors,
/// products and gradient.
public struct NumericDerivation<Value> {
    /// x_1 … x_{L+1}.
    public let activations: [NumericMatrix<Value>]
    /// z_1 … z_L.
    public let preActivations: [NumericMatrix<Value>]
    public let loss: Value
    /// In the order of `MatrixDerivation.parameters`.
    public let parameters: [NumericParameter<Value>]
    /// In the order of `MatrixDerivation.backward` (δ_L first).
    public let backward: [NumericBackwardStep<Value>]
}

/// The numbers of one backward step: f_l′(z_l) (nil for an identity activation), u_l, δ_l.
public struct NumericBackwardStep<Value> {
    public let slope: NumericMatrix<Value>?
    public let upstream: NumericMatrix<Value>
    public let delta: NumericMatrix<Value>
}

extension MatrixDerivation {
    /// Every factor, product and gradient of the derivation, written out entry by entry in a
    /// fresh arena and evaluated by `evaluator` in one call.
    /// - Throws: what the evaluator throws (an unbound symbol, a value with no meaning).
    public func instantiate<Evaluator: EntryEvaluator>(with evaluator: Evaluator) throws -> NumericDerivation<Evaluator.Value> {
        let arena = ExpressionArena()
        let expander = EntryExpander(arena: arena, definitions: expansionDefinitions)
        var collected: [EntryMatrix] = []
        func take(_ matrix: EntryMatrix) -> Int {
            collected.append(matrix)
            return collected.count - 1
        }
        let activationSlots = activations.map { take(expander.expand($0)) }
        let preActivationSlots = preActivations.map { take(expander.expand($0)) }
        let lossSlot = take(expander.expand(loss))
        let parameterSlots = parameters.map { parameter -> InstantiationSlots in
            let factors = parameter.factors.map { expander.expand($0.factor) }
            var partials: [EntryMatrix] = [factors[0]]
            for factor in factors.dropFirst() { partials.append(expander.multiply(partials[partials.count - 1], factor)) }
            return InstantiationSlots(factors: factors.map(take), partials: partials.map(take),
                         upstream: take(expander.expand(parameter.compact.upstream)),
                         delta: take(expander.expand(parameter.compact.delta.variable)),
                         compact: take(expander.expand(parameter.compact.gradient)))
        }
        let backwardSlots = backward.map { step in
            (slope: step.slope.map { take(expander.expand($0)) }, upstream: take(expander.expand(step.upstream)),
             delta: take(expander.expand(step.delta.variable)))
        }
        let flat = try evaluator.values(collected.flatMap(\.entries), in: arena)
        var offsets: [Int] = []
        var offset = 0
        for matrix in collected {
            offsets.append(offset)
            offset += matrix.entries.count
        }
        func numbers(_ slot: Int) -> NumericMatrix<Evaluator.Value> {
            let matrix = collected[slot]
            return NumericMatrix(rows: matrix.rows, columns: matrix.columns,
                                 values: Array(flat[offsets[slot]..<offsets[slot] + matrix.entries.count]))
        }
        return NumericDerivation(
            activations: activationSlots.map(numbers),
            preActivations: preActivationSlots.map(numbers),
            loss: numbers(lossSlot).values[0],
            parameters: zip(parameters, parameterSlots).map { parameter, slots in
                let row = numbers(slots.partials[slots.partials.count - 1])
                return NumericParameter(
                    factors: slots.factors.map(numbers),
                    partialProducts: slots.partials.map(numbers),
                    row: row,
                    gradient: row.reshapedColumnMajor(rows: parameter.shape.rows, columns: parameter.shape.columns),
                    upstream: numbers(slots.upstream),
                    delta: numbers(slots.delta),
                    compactGradient: numbers(slots.compact)
                )
            },
            backward: backwardSlots.map { NumericBackwardStep(slope: $0.slope.map(numbers), upstream: numbers($0.upstream), delta: numbers($0.delta)) }
        )
    }
}

/// Where each matrix of one parameter sits in the list of evaluated matrices.
private struct InstantiationSlots {
    var factors: [Int]
    var partials: [Int]
    var upstream: Int
    var delta: Int
    var compact: Int
}

extension MatrixExpression {
    /// The numbers of this expression alone: written out entry by entry (with `definitions`
    /// substituted) and evaluated by `evaluator`.
    public func evaluate<Evaluator: EntryEvaluator>(with evaluator: Evaluator, definitions: [Definition] = []) throws -> NumericMatrix<Evaluator.Value> {
        let arena = ExpressionArena()
        var table: [String: MatrixExpression] = [:]
        for definition in definitions { table[definition.symbol.name] = definition.expression }
        let matrix = EntryExpander(arena: arena, definitions: table).expand(self)
        return NumericMatrix(rows: matrix.rows, columns: matrix.columns, values: try evaluator.values(matrix.entries, in: arena))
    }
}
