@testable import GeneratedNetworks
import Testing
import TestSupport

/// The matrix kernels of loop code against the textbook triple loop, at every remainder of
/// their tiles (4 rows, 4 columns, 4 or 8 lanes, 32 columns), with A dense or half zero.
@Suite("Loop-code matrix kernels")
struct KernelTests {
    static let shapes: [(rows: Int, columns: Int, depth: Int)] = [
        (1, 1, 1), (3, 5, 7), (4, 4, 8), (5, 9, 17), (8, 64, 16), (9, 83, 30), (7, 130, 3), (13, 10, 129),
    ]

    /// Entries from a seeded generator, about half of them zero when `sparse`.
    static func matrix(_ count: Int, sparse: Bool, _ generator: inout SeededGenerator) -> [Double] {
        (0..<count).map { _ in
            sparse && Bool.random(using: &generator) ? 0 : Double.random(in: -1...1, using: &generator)
        }
    }

    @Test func multiplyTransposedIsTheProductWithTheTranspose() {
        var generator = SeededGenerator(seed: 5)
        for (rows, columns, depth) in Self.shapes {
            let a = Self.matrix(rows * depth, sparse: false, &generator)
            let b = Self.matrix(columns * depth, sparse: false, &generator)
            var c = [Double](repeating: .nan, count: rows * columns)
            Gradgen.multiplyTransposed(a, b, into: &c, rows: rows, columns: columns, depth: depth)
            for r in 0..<rows {
                for q in 0..<columns {
                    let expected = (0..<depth).reduce(0.0) { $0 + a[r * depth + $1] * b[q * depth + $1] }
                    #expect(abs(c[r * columns + q] - expected) <= 1e-12 * Double(depth), "\(rows)×\(columns)×\(depth) at (\(r), \(q))")
                }
            }
        }
    }

    /// Half of A zero takes the gathered path, all of it nonzero the dense one (where the
    /// shape has four rows and 32 columns).
    @Test(arguments: [false, true], [false, true])
    func multiplyIsTheProductThroughEitherStride(transposed: Bool, sparse: Bool) {
        var generator = SeededGenerator(seed: 6)
        for (rows, columns, depth) in Self.shapes {
            // A stored as rows × depth, or as depth × rows and read transposed (∂L/∂W = Δᵀ X).
            let a = Self.matrix(rows * depth, sparse: sparse, &generator)
            let (rowStride, depthStride) = transposed ? (1, rows) : (depth, 1)
            let b = Self.matrix(depth * columns, sparse: false, &generator)
            var c = [Double](repeating: .nan, count: rows * columns)
            let offsets = UnsafeMutablePointer<Int>.allocate(capacity: rows * depth)
            let values = UnsafeMutablePointer<Double>.allocate(capacity: rows * depth)
            let counts = UnsafeMutablePointer<Int>.allocate(capacity: rows)
            defer { offsets.deallocate(); values.deallocate(); counts.deallocate() }
            Gradgen.multiply(a, rowStride: rowStride, depthStride: depthStride, b, into: &c, rows: rows, columns: columns, depth: depth,
                            gather: Gradgen.Gather(offsets: offsets, values: values, counts: counts))
            for r in 0..<rows {
                for q in 0..<columns {
                    let expected = (0..<depth).reduce(0.0) { $0 + a[r * rowStride + $1 * depthStride] * b[$1 * columns + q] }
                    #expect(abs(c[r * columns + q] - expected) <= 1e-12 * Double(depth), "\(rows)×\(columns)×\(depth) at (\(r), \(q))")
                }
            }
        }
    }
}
