import Exact

/// The name of a node in an `ExpressionArena`: an index into its table.
///
/// Nodes are hash-consed, so two ids are equal exactly when the expressions are
/// structurally equal. A node's children always have smaller ids than the node (they
/// exist before it), so sorting ids gives a topological order, as in egg's `RecExpr`.
public struct ExpressionID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Index in the arena's node table.
    public let index: UInt32

    init(_ index: Int) { self.index = UInt32(index) }

    /// Creation order, which is a topological order: children come first.
    public static func < (lhs: ExpressionID, rhs: ExpressionID) -> Bool { lhs.index < rhs.index }
    /// `%index`, for debugging.
    public var description: String { "%\(index)" }
}

/// A variable, with the LaTeX it prints as.
public struct Symbol: Hashable, Sendable {
    /// The identifier, also used in plain text and generated code: `W1_2_3`.
    public let name: String
    /// LaTeX for handouts: `W^{(1)}_{2,3}`.
    public let latex: String

    /// A symbol whose LaTeX follows the layer convention (see `Symbol.defaultLaTeX`)
    /// unless given.
    public init(_ name: String, latex: String? = nil) {
        self.name = name
        self.latex = latex ?? Symbol.defaultLaTeX(for: name)
    }

    /// `W1_2_3` → `W^{(1)}_{2,3}`, `b2_0` → `b^{(2)}_{0}`, `x_1` → `x_{1}`, `t` → `t`:
    /// letters, then an optional layer number, then `_`-separated indices.
    public static func defaultLaTeX(for name: String) -> String {
        let parts = name.split(separator: "_", omittingEmptySubsequences: false)
        let head = parts[0]
        let letters = head.prefix { !$0.isNumber }
        let layer = head.dropFirst(letters.count)
        guard !letters.isEmpty, layer.allSatisfy(\.isNumber), parts.dropFirst().allSatisfy({ !$0.isEmpty }) else {
            return name.split(separator: "_", omittingEmptySubsequences: false).joined(separator: "\\_")
        }
        let base = letters.count == 1 ? String(letters) : "\\mathrm{\(letters)}"
        let superscript = layer.isEmpty ? "" : "^{(\(layer))}"
        let subscripts = parts.count > 1 ? "_{" + parts.dropFirst().joined(separator: ",") + "}" : ""
        return base + superscript + subscripts
    }
}

/// The scalar functions an expression can apply. Their derivative rules live in
/// `Derivatives.swift`, their folding rules in `ExpressionArena+Functions.swift`.
public enum Function: Hashable, Sendable {
    /// e^x and the natural logarithm.
    case exp, log
    /// max(x, 0).
    case relu
    /// The derivative of relu: 1 for x > 0, else 0 (so step(0) = 0, ReLU′(0) = 0 as in PyTorch).
    case step
    /// x for x > 0, slope·x otherwise.
    case leakyRelu(slope: Rational)
    /// 1 / (1 + e^(−x)).
    case sigmoid
    /// The hyperbolic tangent.
    case tanh
    /// log(1 + e^x).
    case softplus
    /// |x|.
    case abs

    /// Name in plain text and generated code.
    public var name: String {
        switch self {
        case .exp: "exp"
        case .log: "log"
        case .relu: "relu"
        case .step: "step"
        case .leakyRelu: "leakyRelu"
        case .sigmoid: "sigmoid"
        case .tanh: "tanh"
        case .softplus: "softplus"
        case .abs: "abs"
        }
    }

    /// Position in the canonical order of functions.
    var rank: Int {
        switch self {
        case .exp: 0
        case .log: 1
        case .relu: 2
        case .step: 3
        case .leakyRelu: 4
        case .sigmoid: 5
        case .tanh: 6
        case .softplus: 7
        case .abs: 8
        }
    }
}

/// One term `coefficient · expression` of a sum.
public struct Term: Hashable, Sendable {
    /// The term's expression, never a constant or a sum.
    public let expression: ExpressionID
    /// Its coefficient, never zero.
    public let coefficient: Rational
}

/// One factor `base^exponent` of a product.
public struct Factor: Hashable, Sendable {
    /// The factor's base, never a constant or a product.
    public let base: ExpressionID
    /// Its exponent, never zero.
    public let exponent: Int
}

/// One node of the expression DAG. A closed enum: every `switch` over it is
/// exhaustive, so a new kind does not compile until every rule and printer handles it.
///
/// Only the arena's smart constructors create nodes, and they keep them canonical
/// (see `ExpressionArena+Sum.swift` and `ExpressionArena+Product.swift` for the tables
/// of valid and invalid forms).
public enum Node: Hashable, Sendable {
    /// A rational number.
    case constant(Rational)
    /// A named variable.
    case symbol(Symbol)
    /// `constant + Σ coefficient·term`.
    case sum(constant: Rational, terms: [Term])
    /// `coefficient · Π base^exponent`.
    case product(coefficient: Rational, factors: [Factor])
    /// `function(argument)`.
    case apply(Function, ExpressionID)

    /// The ids this node refers to, in canonical order.
    public var children: [ExpressionID] {
        switch self {
        case .constant, .symbol: []
        case let .sum(_, terms): terms.map(\.expression)
        case let .product(_, factors): factors.map(\.base)
        case let .apply(_, argument): [argument]
        }
    }

    /// True for constants and symbols.
    public var isLeaf: Bool {
        switch self {
        case .constant, .symbol: true
        case .sum, .product, .apply: false
        }
    }
}
