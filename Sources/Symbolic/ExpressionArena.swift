import Exact

/// The interning table that owns every expression node.
///
/// Ownership and concurrency: an arena is a plain (non-`Sendable`) class passed
/// explicitly to whoever builds or reads expressions; there is no global table. Swift 6's
/// checker therefore keeps one arena inside one task, and there are no data races by
/// construction. Work in parallel uses one arena per task. `ExpressionID`s are only
/// meaningful together with the arena that made them.
///
/// Every node lives once: the smart constructors canonicalize, then `intern` returns the
/// existing id of an equal node or appends a new one. The memo dictionary is used for
/// look-up only; nothing is ever ordered by it.
public final class ExpressionArena {
    private var nodes: [Node] = []
    private var memo: [Node: ExpressionID] = [:]
    /// Natural-order keys of symbol names, precomputed for the total order; by node index,
    /// empty for nodes that are not symbols (an array: the order is compared often).
    private var symbolKeys: [[NameChunk]] = []
    /// By node index: true when the node has no symbol below it (its value is a number).
    private var closedFlags: [Bool] = []
    /// Enclosures of closed nodes at the first precision, kept because folding asks again and
    /// again about arguments that share their subexpressions (see `decidedSign(of:)`).
    var enclosureMemo: [ExpressionID: Enclosure?] = [:]

    /// The constants 0 and 1, interned first.
    public private(set) var zero = ExpressionID(0)
    public private(set) var one = ExpressionID(1)

    public init() {
        zero = intern(.constant(.zero))
        one = intern(.constant(.one))
    }

    /// Number of nodes in the table.
    public var count: Int { nodes.count }

    /// The node named by `id`.
    public subscript(id: ExpressionID) -> Node { nodes[Int(id.index)] }

    /// The id of `node`, appending it when new. Callers pass canonical nodes only.
    func intern(_ node: Node) -> ExpressionID {
        if let existing = memo[node] { return existing }
        let id = ExpressionID(nodes.count)
        nodes.append(node)
        memo[node] = id
        if case let .symbol(symbol) = node {
            symbolKeys.append(NameChunk.split(symbol.name))
            closedFlags.append(false)
        } else {
            symbolKeys.append([])
            closedFlags.append(node.children.allSatisfy { closedFlags[Int($0.index)] })
        }
        return id
    }

    /// True when `id` has no symbol below it, so that it stands for one number.
    public func isClosed(_ id: ExpressionID) -> Bool { closedFlags[Int(id.index)] }

    /// The id of `node` when the arena already holds it, without adding it.
    public func existing(_ node: Node) -> ExpressionID? { memo[node] }

    // MARK: Leaves

    /// The constant `value`.
    public func constant(_ value: Rational) -> ExpressionID { intern(.constant(value)) }

    /// The symbol named `name` (LaTeX derived from the name unless given).
    public func symbol(_ name: String, latex: String? = nil) -> ExpressionID {
        intern(.symbol(Symbol(name, latex: latex)))
    }

    /// The constant value of `id`, when it is a constant.
    public func constantValue(_ id: ExpressionID) -> Rational? {
        if case let .constant(value) = self[id] { return value }
        return nil
    }

    /// All ids reachable from `roots` (the roots included), ascending: a topological order.
    public func reachable(from roots: [ExpressionID]) -> [ExpressionID] {
        var seen = [Bool](repeating: false, count: nodes.count)
        var stack = roots
        var found: [ExpressionID] = []
        while let id = stack.popLast() {
            if seen[Int(id.index)] { continue }
            seen[Int(id.index)] = true
            found.append(id)
            stack.append(contentsOf: self[id].children)
        }
        return found.sorted()
    }

    // MARK: Total order

    /// The canonical total order on expressions: structural, so it does not depend on the
    /// order in which nodes were created (ids do). Kinds first (symbol < function <
    /// product < sum < constant), then contents; symbol names in natural order
    /// (`x_2` before `x_10`). Returns a negative number, zero or a positive number.
    public func compare(_ a: ExpressionID, _ b: ExpressionID) -> Int {
        if a == b { return 0 }
        let (x, y) = (self[a], self[b])
        let kinds = Self.kindRank(x) - Self.kindRank(y)
        if kinds != 0 { return kinds }
        switch (x, y) {
        case let (.constant(p), .constant(q)):
            return p < q ? -1 : 1
        case let (.symbol(s), .symbol(t)):
            let order = NameChunk.compare(symbolKeys[Int(a.index)], symbolKeys[Int(b.index)])
            return order != 0 ? order : (s.latex < t.latex ? -1 : 1)
        case let (.apply(f, u), .apply(g, v)):
            if f.rank != g.rank { return f.rank - g.rank }
            if case let .leakyRelu(s) = f, case let .leakyRelu(t) = g, s != t { return s < t ? -1 : 1 }
            return compare(u, v)
        case let (.product(c, fs), .product(d, gs)):
            for (f, g) in zip(fs, gs) {
                let order = compare(f.base, g.base)
                if order != 0 { return order }
                if f.exponent != g.exponent { return f.exponent < g.exponent ? -1 : 1 }
            }
            if fs.count != gs.count { return fs.count - gs.count }
            return c < d ? -1 : 1
        case let (.sum(c, ts), .sum(d, us)):
            for (t, u) in zip(ts, us) {
                let order = compare(t.expression, u.expression)
                if order != 0 { return order }
                if t.coefficient != u.coefficient { return t.coefficient < u.coefficient ? -1 : 1 }
            }
            if ts.count != us.count { return ts.count - us.count }
            return c < d ? -1 : 1
        default:
            preconditionFailure("kinds already compared")
        }
    }

    private static func kindRank(_ node: Node) -> Int {
        switch node {
        case .symbol: 0
        case .apply: 1
        case .product: 2
        case .sum: 3
        case .constant: 4
        }
    }
}

/// A run of digits (compared by value) or of other characters (compared by code point),
/// for the natural order of symbol names.
enum NameChunk: Hashable {
    case text([UInt32])
    case number(Int, digits: Int)

    static func split(_ name: String) -> [NameChunk] {
        var chunks: [NameChunk] = []
        var text: [UInt32] = []
        var digits = ""
        func flushText() { if !text.isEmpty { chunks.append(.text(text)); text = [] } }
        func flushDigits() {
            if !digits.isEmpty { chunks.append(.number(Int(digits) ?? .max, digits: digits.count)); digits = "" }
        }
        for scalar in name.unicodeScalars {
            if ("0"..."9").contains(scalar) {
                flushText()
                digits.unicodeScalars.append(scalar)
            } else {
                flushDigits()
                text.append(scalar.value)
            }
        }
        flushText()
        flushDigits()
        return chunks
    }

    static func compare(_ a: [NameChunk], _ b: [NameChunk]) -> Int {
        for (x, y) in zip(a, b) where x != y {
            switch (x, y) {
            case let (.number(m, i), .number(n, j)): return m != n ? (m < n ? -1 : 1) : i - j
            case (.number, .text): return -1
            case (.text, .number): return 1
            case let (.text(s), .text(t)):
                for (p, q) in zip(s, t) where p != q { return p < q ? -1 : 1 }
                return s.count - t.count
            }
        }
        return a.count - b.count
    }
}
