/// The shape of a matrix, rows × columns. Column vectors are n × 1, row vectors 1 × n,
/// scalars 1 × 1 (the conventions of DESIGN.md: column vectors, numerator layout).
public struct Shape: Hashable, Sendable, CustomStringConvertible {
    /// The number of rows.
    public let rows: Int
    /// The number of columns.
    public let columns: Int

    /// The shape rows × columns.
    public init(_ rows: Int, _ columns: Int) {
        self.rows = rows
        self.columns = columns
    }

    /// n × 1.
    public static func column(_ n: Int) -> Shape { Shape(n, 1) }
    /// 1 × 1.
    public static let scalar = Shape(1, 1)

    /// Whether this is n × 1, a column vector.
    public var isColumnVector: Bool { columns == 1 }
    /// Whether rows equal columns.
    public var isSquare: Bool { rows == columns }
    /// rows · columns: the length of vec of a matrix of this shape.
    public var count: Int { rows * columns }

    /// `2×3`, as in error messages and the handout.
    public var description: String { "\(rows)×\(columns)" }

    /// `2 \times 3` for LaTeX.
    public var latex: String { "\(rows) \\times \(columns)" }
}

/// An operation on matrices whose shapes do not fit, named with both shapes so that the
/// message alone says what went wrong: "product: cannot multiply 2×3 by 2×1 (3 columns
/// against 2 rows)".
public struct MatrixShapeError: Error, Hashable, CustomStringConvertible {
    /// The operation: "product", "sum", "diag", …
    public let operation: String
    /// The first (or only) operand's shape.
    public let left: Shape
    /// The second operand's shape; nil for one-operand operations.
    public let right: Shape?
    /// What the operation needs, in words.
    public let requirement: String

    /// An error for `operation` on shapes that do not fit, and what it needs.
    public init(operation: String, left: Shape, right: Shape?, requirement: String) {
        self.operation = operation
        self.left = left
        self.right = right
        self.requirement = requirement
    }

    /// One line for the user: the operation, both shapes and the requirement.
    public var description: String {
        if let right {
            return "\(operation): \(left) and \(right) do not fit (\(requirement))"
        }
        return "\(operation): got \(left) (\(requirement))"
    }
}
