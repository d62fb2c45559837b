@testable import GeneratedNetworks
import Testing
import TestSupport

/// The matrix kernels of loop code against the textbook triple loop, at every remainder of
/// their tiles (4 rows or 4 pairs of rows, 3 or 4 columns, 4 or 8 lanes, gathered rows in pairs
/// or alone by 16, 32 or 64 columns, 2 or 4 dense rows), with A dense or half zero, for every kernel (both tilings, fused
/// and separate multiply-add), with scratch room to copy A or B aligned and without.
@Suite("Loop-code matrix kernels")
struct KernelTests {
    static let shapes: [(rows: Int, columns: Int, depth: Int)] = [
        (1, 1, 1), (3, 5, 7), (4, 4, 8), (5, 9, 17), (8, 64, 16), (9, 83, 30), (7, 130, 3), (13, 10, 129),
        (6, 40, 5), (5, 47, 9), (2, 3, 4), (11, 50, 6), (10, 72, 9), (12, 144, 5), (16, 7, 100), (8, 4, 4),
        (2, 17, 3), (3, 24, 2), (3, 16, 5), (4, 33, 7), (5, 100, 12), (7, 66, 8), (9, 150, 4),
    ]

    /// Entries from a seeded generator, about half of them zero when `sparse`.
    static func matrix(_ count: Int, sparse: Bool, _ generator: inout SeededGenerator) -> [Double] {
        (0..<count).map { _ in
            sparse && Bool.random(using: &generator) ? 0 : Double.random(in: -1...1, using: &generator)
        }
    }

    /// Scratch for the products of `shapes`, with room to copy A or B (`packs`) or none.
    static func scratch(packs: Bool) -> Gradgen.Scratch {
        let scratch = Gradgen.Scratch.allocate(rows: 160, depth: 160)
        return packs ? scratch : Gradgen.Scratch(offsets: scratch.offsets, values: scratch.values, counts: scratch.counts, packed: scratch.packed, packedCount: 0)
    }

    /// C = A Bᵀ by `kernel`.
    static func multiplyTransposed(_ a: [Double], _ b: [Double], rows: Int, columns: Int, depth: Int, kernel: Gradgen.Kernel, packs: Bool = true) -> [Double] {
        var c = [Double](repeating: .nan, count: rows * columns)
        let scratch = Self.scratch(packs: packs)
        defer { scratch.deallocate() }
        Gradgen.multiplyTransposed(a, b, into: &c, rows: rows, columns: columns, depth: depth, scratch: scratch, kernel: kernel)
        return c
    }

    /// C = A B by `kernel`, A read through (rowStride, depthStride).
    static func multiply(_ a: [Double], rowStride: Int, depthStride: Int, _ b: [Double], rows: Int, columns: Int, depth: Int, kernel: Gradgen.Kernel, packs: Bool = true) -> [Double] {
        var c = [Double](repeating: .nan, count: rows * columns)
        let scratch = Self.scratch(packs: packs)
        defer { scratch.deallocate() }
        Gradgen.multiply(a, rowStride: rowStride, depthStride: depthStride, b, into: &c, rows: rows, columns: columns, depth: depth, scratch: scratch, kernel: kernel)
        return c
    }

    @Test func thereAreFourKernelsAndTheProcessUsesOne() {
        #expect(Gradgen.Kernel.all.count == 4)
        #expect(Set(Gradgen.Kernel.all.map { "\($0)" }).count == 4)
        #expect(Gradgen.Kernel.all.contains(Gradgen.Kernel.current))
    }

    /// The tiling follows from the build (fused multiply-add, full-width eight lanes), asked by
    /// probes whose answers differ by a factor of two: asked again and again on a busy machine,
    /// they answer the same, and `current` is what they say.
    @Test func theTilingFollowsTheBuildAndDoesNotFlip() {
        let fused = (0..<5).map { _ in Gradgen.Kernel.hasHardwareFusedMultiplyAdd() }
        let wide = (0..<5).map { _ in Gradgen.Kernel.hasFullWidthEightLanes() }
        #expect(Set(fused).count == 1 && Set(wide).count == 1, "fused \(fused), eight lanes at full width \(wide)")
        #expect(Gradgen.Kernel.current == Gradgen.Kernel(tiling: fused[0] && wide[0] ? .registers32 : .registers16, fused: fused[0]))
    }

    @Test(arguments: Gradgen.Kernel.all, [false, true])
    func multiplyTransposedIsTheProductWithTheTranspose(kernel: Gradgen.Kernel, packs: Bool) {
        var generator = SeededGenerator(seed: 5)
        for (rows, columns, depth) in Self.shapes {
            let a = Self.matrix(rows * depth, sparse: false, &generator)
            let b = Self.matrix(columns * depth, sparse: false, &generator)
            let c = Self.multiplyTransposed(a, b, rows: rows, columns: columns, depth: depth, kernel: kernel, packs: packs)
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
                let c = Self.multiply(a, rowStride: rowStride, depthStride: depthStride, b, rows: rows, columns: columns, depth: depth, kernel: kernel, packs: sparse)
                for r in 0..<rows {
                    for q in 0..<columns {
                        let expected = (0..<depth).reduce(0.0) { $0 + a[r * rowStride + $1 * depthStride] * b[$1 * columns + q] }
                        #expect(abs(c[r * columns + q] - expected) <= 1e-12 * Double(depth), "\(kernel): \(rows)×\(columns)×\(depth) at (\(r), \(q))")
                    }
                }
            }
        }
    }

    /// The tiling is chosen by probing the build, so the tilings must agree to the bit (for the same
    /// multiply-add), or a busy machine could change a result; so must the paths that copy A or
    /// B aligned and those that do not (a workspace's scratch decides).
    @Test(arguments: [false, true])
    func theTilingsAndCopiesGiveTheSameBits(fused: Bool) {
        var generator = SeededGenerator(seed: 7)
        let kernels = Gradgen.Kernel.all.filter { $0.fused == fused }
        #expect(kernels.count == 2)
        let paths = kernels.flatMap { kernel in [false, true].map { (kernel, $0) } }
        for (rows, columns, depth) in Self.shapes {
            let a = Self.matrix(rows * depth, sparse: false, &generator)
            let b = Self.matrix(columns * depth, sparse: false, &generator)
            let products = paths.map { Self.multiplyTransposed(a, b, rows: rows, columns: columns, depth: depth, kernel: $0, packs: $1) }
            for product in products.dropFirst() {
                #expect(product.map(\.bitPattern) == products[0].map(\.bitPattern), "C = A Bᵀ, \(rows)×\(columns)×\(depth)")
            }
            for sparse in [false, true] {
                let a = Self.matrix(rows * depth, sparse: sparse, &generator)
                let b = Self.matrix(depth * columns, sparse: false, &generator)
                let products = paths.map { Self.multiply(a, rowStride: depth, depthStride: 1, b, rows: rows, columns: columns, depth: depth, kernel: $0, packs: $1) }
                for product in products.dropFirst() {
                    #expect(product.map(\.bitPattern) == products[0].map(\.bitPattern), "C = A B, \(rows)×\(columns)×\(depth), sparse: \(sparse)")
                }
            }
        }
    }
}
