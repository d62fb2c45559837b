import Exact

/// A rectangular matrix of exact values, stored row-major.
///
/// A spec holds weights as this type rather than `[[Rational]]` so that "every row has the
/// same length" is a property of the type, checked once where rows come in.
public struct RationalMatrix: Sendable, Hashable {
    /// Number of rows.
    public let rowCount: Int
    /// Number of columns.
    public let columnCount: Int
    /// The entries, row after row.
    public let elements: [Rational]

    /// The matrix with these rows; nil when the rows differ in length. `[]` is 0×0.
    public init?(rows: [[Rational]]) {
        let columns = rows.first?.count ?? 0
        guard rows.allSatisfy({ $0.count == columns }) else { return nil }
        self.rowCount = rows.count
        self.columnCount = rows.isEmpty ? 0 : columns
        self.elements = rows.flatMap { $0 }
    }

    /// The matrix with `rowCount` rows of `columnCount` entries taken from `elements` in
    /// row-major order; nil when the count does not match or a dimension is negative.
    public init?(rowCount: Int, columnCount: Int, elements: [Rational]) {
        let (count, overflow) = rowCount.multipliedReportingOverflow(by: columnCount)
        guard rowCount >= 0, columnCount >= 0, !overflow, count == elements.count else { return nil }
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.elements = elements
    }

    /// The entry in row `row`, column `column` (both from 0).
    ///
    /// - Precondition: the indices are in range (a programming error, not input).
    public subscript(row: Int, column: Int) -> Rational {
        precondition((0..<rowCount).contains(row) && (0..<columnCount).contains(column), "RationalMatrix: index out of range")
        return elements[row * columnCount + column]
    }

    /// The rows, each as an array.
    public var rows: [[Rational]] {
        (0..<rowCount).map { r in Array(elements[(r * columnCount)..<((r + 1) * columnCount)]) }
    }

    /// `2×3`: the shape as error messages and documentation write it.
    public var shapeDescription: String { "\(rowCount)×\(columnCount)" }
}
