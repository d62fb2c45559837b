import Exact

/// A shaped matrix expression: symbols, products, sums, transposes, Hadamard and Kronecker
/// products, identities, diag, vec, elementwise functions and their derivatives, softmax
/// and the losses.
///
/// Every constructor checks shapes and throws `MatrixShapeError` naming both shapes, so an
/// expression that exists has consistent shapes and `shape` is always right. Transposes
/// simplify where it is only notation (`(Aᵀ)ᵀ = A`, `(cA)ᵀ = c Aᵀ`, `Iᵀ = I`,
/// `diag(v)ᵀ = diag(v)`); a transposed product is left as written, so that a derivation can
/// cite the rule `(AB)ᵀ = BᵀAᵀ` where it uses it (`transposeOfProduct`).
public struct MatrixExpression: Hashable, Sendable {
    /// Rows × columns, checked when the expression is built.
    public let shape: Shape
    let node: Node

    indirect enum Node: Hashable, Sendable {
        case symbol(MatrixSymbol)
        /// I_n.
        case identity
        /// A column of ones, 𝟏_n.
        case ones
        case product(MatrixExpression, MatrixExpression)
        case sum(MatrixExpression, MatrixExpression)
        case difference(MatrixExpression, MatrixExpression)
        case scaled(Rational, MatrixExpression)
        case transpose(MatrixExpression)
        case hadamard(MatrixExpression, MatrixExpression)
        case kronecker(MatrixExpression, MatrixExpression)
        /// diag(v) of a column vector v.
        case diag(MatrixExpression)
        /// vec(A), the columns of A stacked.
        case vec(MatrixExpression)
        case elementwise(ElementwiseFunction, MatrixExpression)
        /// f′ applied entry by entry.
        case derivative(ElementwiseFunction, MatrixExpression)
        case softmax(MatrixExpression)
        case loss(LossFunction, output: MatrixExpression, target: MatrixExpression)
    }

    private init(_ shape: Shape, _ node: Node) {
        self.shape = shape
        self.node = node
    }

    // MARK: Leaves

    /// The symbol, with its shape.
    public static func symbol(_ symbol: MatrixSymbol) -> MatrixExpression { MatrixExpression(symbol.shape, .symbol(symbol)) }

    /// I_n.
    public static func identity(_ n: Int) -> MatrixExpression { MatrixExpression(Shape(n, n), .identity) }

    /// 𝟏_n, n × 1.
    public static func ones(_ n: Int) -> MatrixExpression { MatrixExpression(.column(n), .ones) }

    /// The symbol, when this is one.
    public var symbol: MatrixSymbol? {
        if case let .symbol(symbol) = node { return symbol }
        return nil
    }

    /// Whether this is I_n: a chain step that is one is left out of the products.
    public var isIdentity: Bool {
        if case .identity = node { return true }
        return false
    }

    // MARK: Products and sums

    /// a b. Throws unless a's columns match b's rows.
    public static func product(_ a: MatrixExpression, _ b: MatrixExpression) throws -> MatrixExpression {
        guard a.shape.columns == b.shape.rows else {
            throw MatrixShapeError(operation: "product", left: a.shape, right: b.shape,
                                   requirement: "the left's \(a.shape.columns) columns must match the right's \(b.shape.rows) rows")
        }
        return MatrixExpression(Shape(a.shape.rows, b.shape.columns), .product(a, b))
    }

    /// f₁ f₂ … fₖ, grouped from the left (the order the chain rule multiplies in).
    /// - Precondition: at least one factor.
    public static func product(_ factors: [MatrixExpression]) throws -> MatrixExpression {
        precondition(!factors.isEmpty, "a product of no factors")
        return try factors.dropFirst().reduce(factors[0]) { try product($0, $1) }
    }

    /// a + b, of equal shapes.
    public static func sum(_ a: MatrixExpression, _ b: MatrixExpression) throws -> MatrixExpression {
        try requireEqualShapes("sum", a, b)
        return MatrixExpression(a.shape, .sum(a, b))
    }

    /// a − b, of equal shapes.
    public static func difference(_ a: MatrixExpression, _ b: MatrixExpression) throws -> MatrixExpression {
        try requireEqualShapes("difference", a, b)
        return MatrixExpression(a.shape, .difference(a, b))
    }

    /// a ⊙ b, entry by entry, of equal shapes.
    public static func hadamard(_ a: MatrixExpression, _ b: MatrixExpression) throws -> MatrixExpression {
        try requireEqualShapes("Hadamard product", a, b)
        return MatrixExpression(a.shape, .hadamard(a, b))
    }

    /// a ⊗ b, of any shapes: (m·p) × (n·q).
    public static func kronecker(_ a: MatrixExpression, _ b: MatrixExpression) -> MatrixExpression {
        MatrixExpression(Shape(a.shape.rows * b.shape.rows, a.shape.columns * b.shape.columns), .kronecker(a, b))
    }

    /// c·a; 1·a is a.
    public func scaled(by coefficient: Rational) -> MatrixExpression {
        if coefficient == .one { return self }
        if case let .scaled(c, inner) = node { return inner.scaled(by: c * coefficient) }
        return MatrixExpression(shape, .scaled(coefficient, self))
    }

    /// aᵀ, simplified where it is only notation (see the type's documentation).
    public var transposed: MatrixExpression {
        switch node {
        case let .transpose(inner): return inner
        case let .scaled(c, inner): return inner.transposed.scaled(by: c)
        case .identity, .diag: return self
        default: return MatrixExpression(Shape(shape.columns, shape.rows), .transpose(self))
        }
    }

    // MARK: Vectors and functions

    /// diag(v): the square matrix with the column vector v on its diagonal.
    public static func diag(_ v: MatrixExpression) throws -> MatrixExpression {
        try requireColumn("diag", v)
        return MatrixExpression(Shape(v.shape.rows, v.shape.rows), .diag(v))
    }

    /// vec(a): a's columns stacked into one column (column-major).
    public static func vec(_ a: MatrixExpression) -> MatrixExpression {
        if a.shape.isColumnVector { return a }
        return MatrixExpression(.column(a.shape.count), .vec(a))
    }

    /// f(a) entry by entry. The identity is kept as a node (so that the Jacobian of an
    /// affine last layer can cite its rule) and prints as its argument.
    public static func elementwise(_ f: ElementwiseFunction, _ a: MatrixExpression) -> MatrixExpression {
         MatrixExpression(a.shape, .elementwise(f, a))
    }

    /// f′(a) entry by entry.
    public static func derivative(_ f: ElementwiseFunction, _ a: MatrixExpression) -> MatrixExpression {
        MatrixExpression(a.shape, .derivative(f, a))
    }

    /// softmax(v) of a column vector.
    public static func softmax(_ v: MatrixExpression) throws -> MatrixExpression {
        try requireColumn("softmax", v)
        return MatrixExpression(v.shape, .softmax(v))
    }

    /// The scalar loss of `output` against `target`, two column vectors of one shape.
    public static func loss(_ loss: LossFunction, output: MatrixExpression, target: MatrixExpression) throws -> MatrixExpression {
        try requireColumn("loss", output)
        try requireEqualShapes("loss", output, target)
        return MatrixExpression(.scalar, .loss(loss, output: output, target: target))
    }

    // MARK: Checks

    private static func requireEqualShapes(_ operation: String, _ a: MatrixExpression, _ b: MatrixExpression) throws {
        guard a.shape == b.shape else {
            throw MatrixShapeError(operation: operation, left: a.shape, right: b.shape, requirement: "the shapes must be equal")
        }
    }

    private static func requireColumn(_ operation: String, _ v: MatrixExpression) throws {
        guard v.shape.isColumnVector else {
            throw MatrixShapeError(operation: operation, left: v.shape, right: nil, requirement: "expected a column vector")
        }
    }

    // MARK: Structure

    /// The symbols this expression refers to directly, in order of appearance, each once.
    public var symbols: [MatrixSymbol] {
        var found: [MatrixSymbol] = []
        func visit(_ e: MatrixExpression) {
            switch e.node {
            case let .symbol(s): if !found.contains(s) { found.append(s) }
            case .identity, .ones: break
            case let .product(a, b), let .sum(a, b), let .difference(a, b), let .hadamard(a, b), let .kronecker(a, b):
                visit(a)
                visit(b)
            case let .scaled(_, a), let .transpose(a), let .diag(a), let .vec(a), let .elementwise(_, a),
                 let .derivative(_, a), let .softmax(a):
                visit(a)
            case let .loss(_, output, target):
                visit(output)
                visit(target)
            }
        }
        visit(self)
        return found
    }
}
