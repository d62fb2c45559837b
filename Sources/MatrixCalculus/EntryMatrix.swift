import Exact
import Symbolic

/// A matrix of scalar expressions (row-major) in an `ExpressionArena`: a matrix expression
/// written out entry by entry, ready to be evaluated by Symbolic.
public struct EntryMatrix: Hashable {
    /// The number of rows.
    public let rows: Int
    /// The number of columns.
    public let columns: Int
    /// Row after row.
    public let entries: [ExpressionID]

    /// A rows × columns matrix of `entries`, row after row.
    /// - Precondition: `entries.count == rows * columns`.
    public init(rows: Int, columns: Int, entries: [ExpressionID]) {
        precondition(entries.count == rows * columns, "EntryMatrix: \(entries.count) entries for \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.entries = entries
    }

    /// The entry in row `i`, column `j`, from 0.
    public subscript(i: Int, j: Int) -> ExpressionID { entries[i * columns + j] }
}

/// Writes matrix expressions out entry by entry, substituting definitions (z_1 becomes
/// W_1 x_1 + b_1 in the entries) once each.
///
/// The entries of a leaf symbol are the scalar symbols `MatrixSymbol.entryName` names, so
/// bindings by those names evaluate them.
final class EntryExpander {
    let arena: ExpressionArena
    private let definitions: [String: MatrixExpression]
    private var expanded: [String: EntryMatrix] = [:]

    init(arena: ExpressionArena, definitions: [String: MatrixExpression]) {
        self.arena = arena
        self.definitions = definitions
    }

    func expand(_ e: MatrixExpression) -> EntryMatrix {
        let (m, n) = (e.shape.rows, e.shape.columns)
        func make(_ entry: (Int, Int) -> ExpressionID) -> EntryMatrix {
            EntryMatrix(rows: m, columns: n, entries: (0..<m).flatMap { i in (0..<n).map { j in entry(i, j) } })
        }
        switch e.node {
        case let .symbol(symbol):
            if let known = expanded[symbol.name] { return known }
            let result: EntryMatrix
            if let definition = definitions[symbol.name] {
                result = expand(definition)
            } else {
                result = make { arena.symbol(symbol.entryName($0, $1), latex: symbol.entryLaTeX($0, $1)) }
            }
            expanded[symbol.name] = result
            return result
        case .identity:
            return make { $0 == $1 ? arena.one : arena.zero }
        case .ones:
            return make { _, _ in arena.one }
        case let .product(a, b):
            return multiply(expand(a), expand(b))
        case let .sum(a, b):
            let (x, y) = (expand(a), expand(b))
            return make { arena.add(x[$0, $1], y[$0, $1]) }
        case let .difference(a, b):
            let (x, y) = (expand(a), expand(b))
            return make { arena.subtract(x[$0, $1], y[$0, $1]) }
        case let .hadamard(a, b):
            let (x, y) = (expand(a), expand(b))
            return make { arena.multiply(x[$0, $1], y[$0, $1]) }
        case let .scaled(c, a):
            let x = expand(a)
            return make { arena.scale(x[$0, $1], by: c) }
        case let .transpose(a):
            let x = expand(a)
            return make { x[$1, $0] }
        case let .kronecker(a, b):
            let (x, y) = (expand(a), expand(b))
            return make { i, j in arena.multiply(x[i / y.rows, j / y.columns], y[i % y.rows, j % y.columns]) }
        case let .diag(v):
            let x = expand(v)
            return make { $0 == $1 ? x[$0, 0] : arena.zero }
        case let .vec(a):
            let x = expand(a)
            return make { k, _ in x[k % x.rows, k / x.rows] }
        case let .elementwise(f, a):
            let x = expand(a)
            return make { f.apply(x[$0, $1], in: arena) }
        case let .derivative(f, a):
            let x = expand(a)
            return make { f.derivative(x[$0, $1], in: arena) }
        case let .softmax(v):
            let x = expand(v)
            let exponentials = x.entries.map { arena.apply(.exp, $0) }
            let total = arena.sum(exponentials)
            return make { i, _ in arena.divide(exponentials[i], total) }
        case let .loss(loss, output, target):
            let value = loss.value(output: expand(output).entries, target: expand(target).entries, in: arena)
            return make { _, _ in value }
        }
    }

    /// The matrix product of two expanded matrices.
    func multiply(_ x: EntryMatrix, _ y: EntryMatrix) -> EntryMatrix {
        EntryMatrix(rows: x.rows, columns: y.columns, entries: (0..<x.rows).flatMap { i in
            (0..<y.columns).map { j in arena.sum((0..<x.columns).map { k in arena.multiply(x[i, k], y[k, j]) }) }
        })
    }
}
