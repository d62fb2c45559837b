import Exact
import Symbolic

/// The scalar loss of the output `y = x_out` against the target `t`.
public enum LossFunction: Hashable, Sendable {
    /// ½‖t − y‖², the reference notebook's loss.
    case halfSumSquares
    /// (1/n)‖t − y‖², the mean over the n outputs.
    case meanSquaredError
    /// −Σᵢ tᵢ log softmax(y)ᵢ, with t a probability vector.
    case softmaxCrossEntropy

    /// L as one expression in the entries of y and t (the same formulas as Network's
    /// `Derivation`, so that both sides describe one loss).
    func value(output y: [ExpressionID], target t: [ExpressionID], in arena: ExpressionArena) -> ExpressionID {
        switch self {
        case .halfSumSquares, .meanSquaredError:
            let squares = arena.sum(zip(t, y).map { arena.power(arena.subtract($0, $1), 2) })
            return arena.scale(squares, by: self == .halfSumSquares ? Rational(1, 2) : Rational(1, y.count))
        case .softmaxCrossEntropy:
            let logSumExp = arena.apply(.log, arena.sum(y.map { arena.apply(.exp, $0) }))
            return arena.sum(zip(t, y).map { arena.multiply($0, arena.subtract(logSumExp, $1)) })
        }
    }

    /// The loss's name in words, as a handout writes it.
    public var words: String {
        switch self {
        case .halfSumSquares: "half the squared error"
        case .meanSquaredError: "the mean squared error"
        case .softmaxCrossEntropy: "softmax cross-entropy"
        }
    }

    /// The rule that differentiates this loss.
    public var rule: JacobianRule {
        switch self {
        case .halfSumSquares: .halfSumSquaresLoss
        case .meanSquaredError: .meanSquaredErrorLoss
        case .softmaxCrossEntropy: .softmaxCrossEntropyLoss
        }
    }

    /// ∂L/∂y, a row (numerator layout).
    func gradient(output y: MatrixExpression, target t: MatrixExpression) throws -> MatrixExpression {
        switch self {
        case .halfSumSquares:
            return try MatrixExpression.difference(t, y).transposed.scaled(by: -1)
        case .meanSquaredError:
            return try MatrixExpression.difference(t, y).transposed.scaled(by: Rational(-2, y.shape.rows))
        case .softmaxCrossEntropy:
            return try MatrixExpression.difference(MatrixExpression.softmax(y), t).transposed
        }
    }
}
