@testable import GeneratedNetworks
import Testing
import TestSupport

/// The matrix kernels of loop code against the textbook triple loop, at every remainder of
/// their tiles (4 rows, 3 or 4 columns, 4 or 8 lanes, 16 or 32 columns, 2 or 4 dense rows),
/// with A dense or half zero, for every kernel (both tilings, fused and separate multiply-add).
@Suite("Loop-code matrix kernels")
struct KernelTests {
    static let shapes: [(rows: Int, columns: Int, depth: Int)] = [
        (1, 1, 1), (3, 5, 7), (4, 4, 8), (5, 9, 17), (8, 64, 16), (9, 83, 30), (7, 130, 3), (13, 10, 129),
        (6, 40, 5), (5, 47, 9), (2, 3, 4), (11, 50, 6), (5, 100, 23), (4, 64, 8),
    ]

    /// Entries from a seeded generator, about half of them zero when `sparse`.
    static func matrix(_ count: Int, sparse: Bool, _ generator: inout SeededGenerator) -> [Double] {
        (0..<count).map { _ in
            sparse && Bool.random(using: &generator) ? 0 : Double.random(in: -1...1, using: &generator)
        }
    }

    /// C = A Bᵀ by `kernel`.
    static func multiplyTransposed(_ a: [Double], _ b: [Double], rows: Int, columns: Int, depth: Int, kernel: Gradgen.Kernel) -> [Double] {
        var c = [Double](repeating: .nan, count: rows * columns)
        Gradgen.multiplyTransposed(a, b, into: &c, rows: rows, columns: columns, depth: depth, kernel: kernel)
        return c
    }

    /// C = A B by `kernel`, A read through (rowStride, depthStride).
    static func multiply(_ a: [Double], rowStride: Int, depthStride: Int, _ b: [Double], rows: Int, columns: Int, depth: Int, kernel: Gradgen.Kernel) -> [Double] {
        var c = [Double](repeating: .nan, count: rows * columns)
        let offsets = UnsafeMutablePointer<Int>.allocate(capacity: rows * depth)
        let values = UnsafeMutablePointer<Double>.allocate(capacity: rows * depth)
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: rows)
        defer { offsets.deallocate(); values.deallocate(); counts.deallocate() }
        Gradgen.multiply(a, rowStride: rowStride, depthStride: depthStride, b, into: &c, rows: rows, columns: columns, depth: depth,
                         gather: Gradgen.Gather(offsets: offsets, values: values, counts: counts), kernel: kernel)
        return c
    }

    @Test func thereAreFourKernelsAndTheProcessUsesOne() {
        #expect(Gradgen.Kernel.all.count == 4)
        #expect(Set(Gradgen.Kernel.all.map { "\($0)" }).count == 4)
        #expect(Gradgen.Kernel.all.contains(Gradgen.Kernel.current))
    }

    @Test(arguments: Gradgen.Kernel.all)
    func multiplyTransposedIsTheProductWithTheTranspose(kernel: Gradgen.Kernel) {
        var generator = SeededGenerator(seed: 5)
        for (rows, columns, depth) in Self.shapes {
            let a = Self.matrix(rows * depth, sparse: false, &generator)
            let b = Self.matrix(columns * depth, sparse: false, &generator)
            let c = Self.multiplyTransposed(a, b, rows: rows, columns: columns, depth: depth, kernel: kernel)
            for r in 0..<rows {
                for q in 0..<columns {
                    let expected = (0..<depth).reduce(0.0) { $0 + a[r * depth + $1] * b[q * depth + $1] }
                    #expect(abs(c[r * columns + q] - expected) <= 1e-12 * Double(depth), "\(kernel): \(rows)×\(columns)×\(depth) at (\(r), \(q))")
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
            for kernel in Gradgen.Kernel.all {
                let c = Self.multiply(a, rowStride: rowStride, depthStride: depthStride, b, rows: rows, columns: columns, depth: depth, kernel: kernel)
                for r in 0..<rows {
                    for q in 0..<columns {
                        let expected = (0..<depth).reduce(0.0) { $0 + a[r * rowStride + $1 * depthStride] * b[$1 * columns + q] }
                        #expect(abs(c[r * columns + q] - expected) <= 1e-12 * Double(depth), "\(kernel): \(rows)×\(columns)×\(depth) at (\(r), \(q))")
                    }
                }
            }
        }
    }

    /// The tiling is chosen by timing, so the tilings must agree to the bit (for the same
    /// multiply-add), or a busy machine could change a result.
    @Test(arguments: [false, true])
    func theTilingsGiveTheSameBits(fused: Bool) {
        var generator = SeededGenerator(seed: 7)
        let kernels = Gradgen.Kernel.all.filter { $0.fused == fused }
        #expect(kernels.count == 2)
        for (rows, columns, depth) in Self.shapes {
            let a = Self.matrix(rows * depth, sparse: false, &generator)
            let b = Self.matrix(columns * depth, sparse: false, &generator)
            let products = kernels.map { Self.multiplyTransposed(a, b, rows: rows, columns: columns, depth: depth, kernel: $0) }
            #expect(products[0].map(\.bitPattern) == products[1].map(\.bitPattern), "C = A Bᵀ, \(rows)×\(columns)×\(depth)")
            for sparse in [false, true] {
                let a = Self.matrix(rows * depth, sparse: sparse, &generator)
                let b = Self.matrix(depth * columns, sparse: false, &generator)
                let products = kernels.map { Self.multiply(a, rowStride: depth, depthStride: 1, b, rows: rows, columns: columns, depth: depth, kernel: $0) }
                #expect(products[0].map(\.bitPattern) == products[1].map(\.bitPattern), "C = A B, \(rows)×\(columns)×\(depth), sparse: \(sparse)")
            }
        }
    }

    /// The `Float` kernels (eight lanes, segments of sixteen) against the triple loop in Double
    /// on the same Floats, within the rounding of a Float dot product, (depth + 1)·2⁻²⁴·Σ|a·b|;
    /// and both tilings to the bit.
    @Test(arguments: [false, true])
    func floatKernelsAreTheProducts(sparse: Bool) {
        var generator = SeededGenerator(seed: 8)
        for (rows, columns, depth) in Self.shapes {
            let a = Self.matrix(rows * depth, sparse: sparse, &generator).map { Float($0) }
            let bt = Self.matrix(columns * depth, sparse: false, &generator).map { Float($0) }
            let b = Self.matrix(depth * columns, sparse: false, &generator).map { Float($0) }
            for fused in [false, true] {
                var products: [[Float]] = []
                for kernel in Gradgen.Kernel.all where kernel.fused == fused {
                    var transposed = [Float](repeating: .nan, count: rows * columns), plain = transposed
                    Gradgen.multiplyTransposed(a, bt, into: &transposed, rows: rows, columns: columns, depth: depth, kernel: kernel)
                    let offsets = UnsafeMutablePointer<Int>.allocate(capacity: rows * depth)
                    let values = UnsafeMutablePointer<Float>.allocate(capacity: rows * depth)
                    let counts = UnsafeMutablePointer<Int>.allocate(capacity: rows)
                    defer { offsets.deallocate(); values.deallocate(); counts.deallocate() }
                    Gradgen.multiply(a, rowStride: depth, depthStride: 1, b, into: &plain, rows: rows, columns: columns, depth: depth,
                                     gather: Gradgen.Gather(offsets: offsets, values: values, counts: counts), kernel: kernel)
                    for r in 0..<rows {
                        for q in 0..<columns {
                            let terms = (0..<depth).map { Double(a[r * depth + $0]) * Double(bt[q * depth + $0]) }
                            let plainTerms = (0..<depth).map { Double(a[r * depth + $0]) * Double(b[$0 * columns + q]) }
                            let bound = Double(depth + 1) * 0x1p-24 * terms.map(abs).reduce(0, +)
                            let plainBound = Double(depth + 1) * 0x1p-24 * plainTerms.map(abs).reduce(0, +)
                            #expect(abs(Double(transposed[r * columns + q]) - terms.reduce(0, +)) <= bound, "\(kernel): A Bᵀ \(rows)×\(columns)×\(depth) at (\(r), \(q))")
                            #expect(abs(Double(plain[r * columns + q]) - plainTerms.reduce(0, +)) <= plainBound, "\(kernel): A B \(rows)×\(columns)×\(depth) at (\(r), \(q))")
                        }
                    }
                    products.append(transposed + plain)
                }
                #expect(products[0].map(\.bitPattern) == products[1].map(\.bitPattern), "tilings, \(rows)×\(columns)×\(depth)")
            }
        }
    }
}
