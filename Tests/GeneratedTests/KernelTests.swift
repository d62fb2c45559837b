import Foundation
@testable import GeneratedNetworks
import Testing
import TestSupport

/// The matrix kernels of loop code against the textbook triple loop, at every remainder of
/// their tiles (4 rows or 4 pairs of rows, 3 or 4 columns, 4 or 8 lanes, 32 or 64 gathered
/// columns, 2 or 4 dense rows; in `Float` twice the lanes and columns), with A dense or half
/// zero, for every kernel (both tilings, fused and separate multiply-add), with scratch room to
/// copy A or B aligned and without, B small (C built row by row) and large (read in place where
/// its rows are whole cache lines), in `Double` and in `Float`.
@Suite("Loop-code matrix kernels")
struct KernelTests {
    static let shapes: [(rows: Int, columns: Int, depth: Int)] = [
        (1, 1, 1), (3, 5, 7), (4, 4, 8), (5, 9, 17), (8, 64, 16), (9, 83, 30), (7, 130, 3), (13, 10, 129),
        (6, 40, 5), (5, 47, 9), (2, 3, 4), (11, 50, 6), (10, 72, 9), (12, 144, 5), (16, 7, 100), (8, 4, 4),
        (2, 17, 3), (3, 24, 2), (3, 16, 5), (4, 33, 7), (5, 100, 12), (7, 66, 8), (9, 150, 4),
        // B beyond 16 KiB with rows of whole cache lines (read in place), with 64 columns and 48.
        (10, 64, 40), (9, 48, 50),
        // Depths of one and two whole words of `multiply`'s marks (64 entries a word).
        (9, 40, 64), (10, 30, 128),
    ]

    /// The shapes at `Float`'s remainders: depth ≡ 0…7 (mod 8) beyond one vector, rows ≡ 0…7
    /// (mod 8: four pairs), columns ≡ 0, 1, 2 (mod 3) and 0…3 (mod 4), segments of 16 with
    /// 1…15 left over, gathered blocks of 64 and 128 (with at most 32 left, so that the
    /// 128-column path runs), and the dense tiles (64 columns or more).
    static let floatShapes: [(rows: Int, columns: Int, depth: Int)] = [
        (1, 1, 1), (2, 3, 7), (8, 4, 8), (9, 17, 9), (10, 64, 10), (11, 65, 11), (12, 79, 12), (13, 130, 13),
        (14, 144, 14), (15, 260, 15), (16, 288, 16), (17, 100, 23), (4, 31, 100), (5, 47, 129), (3, 200, 6), (7, 6, 33),
    ]

    /// Entries from a seeded generator, about half of them zero when `sparse`.
    static func matrix<S: KernelTestScalar>(_ count: Int, sparse: Bool, _ generator: inout SeededGenerator) -> [S] {
        (0..<count).map { _ in
            sparse && Bool.random(using: &generator) ? 0 : S(Double.random(in: -1...1, using: &generator))
        }
    }

    /// Scratch for the products of the shapes, with room to copy A or B (`packs`) or none.
    static func scratch<S: KernelTestScalar>(packs: Bool) -> Gradgen.Scratch<S> {
        let scratch = Gradgen.Scratch<S>.allocate(rows: 300, depth: 300)
        return packs ? scratch : Gradgen.Scratch(offsets: scratch.offsets, values: scratch.values, counts: scratch.counts, marks: scratch.marks, packed: scratch.packed, packedCount: 0)
    }

    /// C = A Bᵀ by `kernel`.
    static func multiplyTransposed<S: KernelTestScalar>(_ a: [S], _ b: [S], rows: Int, columns: Int, depth: Int, kernel: Gradgen.Kernel, packs: Bool = true) -> [S] {
        var c = [S](repeating: .nan, count: rows * columns)
        let scratch: Gradgen.Scratch<S> = Self.scratch(packs: packs)
        defer { scratch.deallocate() }
        S.multiplyTransposed(a, b, into: &c, rows: rows, columns: columns, depth: depth, scratch: scratch, kernel: kernel)
        return c
    }

    /// C = A B by `kernel`, A read through (rowStride, depthStride).
    static func multiply<S: KernelTestScalar>(_ a: [S], rowStride: Int, depthStride: Int, _ b: [S], rows: Int, columns: Int, depth: Int, kernel: Gradgen.Kernel, packs: Bool = true) -> [S] {
        var c = [S](repeating: .nan, count: rows * columns)
        let scratch: Gradgen.Scratch<S> = Self.scratch(packs: packs)
        defer { scratch.deallocate() }
        S.multiply(a, rowStride: rowStride, depthStride: depthStride, b, into: &c, rows: rows, columns: columns, depth: depth, scratch: scratch, kernel: kernel)
        return c
    }

    /// Whether `computed` is Σ x_k·y_k within the rounding of the kernel's sum and of the
    /// reference's, each at most (depth + 1)·u·Σ|x_k·y_k| (u the scalar's unit roundoff); the
    /// reference sums the same scalars' products in `Double`.
    static func isDotProduct<S: KernelTestScalar>(_ computed: S, _ x: (Int) -> S, _ y: (Int) -> S, depth: Int) -> Bool {
        let terms = (0..<depth).map { Double(x($0)) * Double(y($0)) }
        let bound = 2 * Double(depth + 1) * Double(S.ulpOfOne / 2) * terms.map(abs).reduce(0, +)
        return abs(Double(computed) - terms.reduce(0, +)) <= bound
    }

    /// Every entry of A Bᵀ, by each kernel and with and without the aligned copy.
    static func checkMultiplyTransposed<S: KernelTestScalar>(_: S.Type, shapes: [(rows: Int, columns: Int, depth: Int)], kernel: Gradgen.Kernel, packs: Bool) {
        var generator = SeededGenerator(seed: 5)
        for (rows, columns, depth) in shapes {
            let a: [S] = Self.matrix(rows * depth, sparse: false, &generator)
            let b: [S] = Self.matrix(columns * depth, sparse: false, &generator)
            let c = Self.multiplyTransposed(a, b, rows: rows, columns: columns, depth: depth, kernel: kernel, packs: packs)
            for r in 0..<rows {
                for q in 0..<columns {
                    #expect(isDotProduct(c[r * columns + q], { a[r * depth + $0] }, { b[q * depth + $0] }, depth: depth), "\(S.self), \(kernel): \(rows)×\(columns)×\(depth) at (\(r), \(q))")
                }
            }
        }
    }

    /// Every entry of A B, A stored as rows × depth or read transposed, dense or half zero.
    static func checkMultiply<S: KernelTestScalar>(_: S.Type, shapes: [(rows: Int, columns: Int, depth: Int)], transposed: Bool, sparse: Bool) {
        var generator = SeededGenerator(seed: 6)
        for (rows, columns, depth) in shapes {
            // A stored as rows × depth, or as depth × rows and read transposed (∂L/∂W = Δᵀ X).
            let a: [S] = Self.matrix(rows * depth, sparse: sparse, &generator)
            let (rowStride, depthStride) = transposed ? (1, rows) : (depth, 1)
            let b: [S] = Self.matrix(depth * columns, sparse: false, &generator)
            for kernel in Gradgen.Kernel.all {
                let c = Self.multiply(a, rowStride: rowStride, depthStride: depthStride, b, rows: rows, columns: columns, depth: depth, kernel: kernel, packs: sparse)
                for r in 0..<rows {
                    for q in 0..<columns {
                        #expect(isDotProduct(c[r * columns + q], { a[r * rowStride + $0 * depthStride] }, { b[$0 * columns + q] }, depth: depth), "\(S.self), \(kernel): \(rows)×\(columns)×\(depth) at (\(r), \(q))")
                    }
                }
            }
        }
    }

    /// The two tilings, copying and not, to the bit for one multiply-add.
    static func checkSameBits<S: KernelTestScalar>(_: S.Type, shapes: [(rows: Int, columns: Int, depth: Int)], fused: Bool) {
        var generator = SeededGenerator(seed: 7)
        let kernels = Gradgen.Kernel.all.filter { $0.fused == fused }
        #expect(kernels.count == 2)
        let paths = kernels.flatMap { kernel in [false, true].map { (kernel, $0) } }
        for (rows, columns, depth) in shapes {
            let a: [S] = Self.matrix(rows * depth, sparse: false, &generator)
            let b: [S] = Self.matrix(columns * depth, sparse: false, &generator)
            let products = paths.map { Self.multiplyTransposed(a, b, rows: rows, columns: columns, depth: depth, kernel: $0, packs: $1) }
            for product in products.dropFirst() {
                #expect(product.map(\.bitPattern) == products[0].map(\.bitPattern), "\(S.self): C = A Bᵀ, \(rows)×\(columns)×\(depth)")
            }
            for sparse in [false, true] {
                let a: [S] = Self.matrix(rows * depth, sparse: sparse, &generator)
                let b: [S] = Self.matrix(depth * columns, sparse: false, &generator)
                let products = paths.map { Self.multiply(a, rowStride: depth, depthStride: 1, b, rows: rows, columns: columns, depth: depth, kernel: $0, packs: $1) }
                for product in products.dropFirst() {
                    #expect(product.map(\.bitPattern) == products[0].map(\.bitPattern), "\(S.self): C = A B, \(rows)×\(columns)×\(depth), sparse: \(sparse)")
                }
            }
        }
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
        Self.checkMultiplyTransposed(Double.self, shapes: Self.shapes, kernel: kernel, packs: packs)
    }

    @Test(arguments: Gradgen.Kernel.all, [false, true])
    func floatMultiplyTransposedIsTheProductWithTheTranspose(kernel: Gradgen.Kernel, packs: Bool) {
        Self.checkMultiplyTransposed(Float.self, shapes: Self.floatShapes, kernel: kernel, packs: packs)
    }

    /// Half of A zero takes the gathered path, all of it nonzero the dense one (where the
    /// shape has four rows and 32 columns).
    @Test(arguments: [false, true], [false, true])
    func multiplyIsTheProductThroughEitherStride(transposed: Bool, sparse: Bool) {
        Self.checkMultiply(Double.self, shapes: Self.shapes, transposed: transposed, sparse: sparse)
    }

    /// As in `Double`, the dense path from 64 columns.
    @Test(arguments: [false, true], [false, true])
    func floatMultiplyIsTheProductThroughEitherStride(transposed: Bool, sparse: Bool) {
        Self.checkMultiply(Float.self, shapes: Self.floatShapes, transposed: transposed, sparse: sparse)
    }

    /// The tiling is chosen by probing the build, so the tilings must agree to the bit (for the same
    /// multiply-add), or a busy machine could change a result; so must the paths that copy A or
    /// B aligned and those that do not (a workspace's scratch decides).
    @Test(arguments: [false, true])
    func theTilingsAndCopiesGiveTheSameBits(fused: Bool) {
        Self.checkSameBits(Double.self, shapes: Self.shapes, fused: fused)
    }

    @Test(arguments: [false, true])
    func floatTilingsAndCopiesGiveTheSameBits(fused: Bool) {
        Self.checkSameBits(Float.self, shapes: Self.floatShapes, fused: fused)
    }

    /// C = A Bᵀ with A's and B's rows starting on 32 bytes and 16 bytes past (where the products
    /// cut the depth half a vector on, `HalfShiftedDepth`), by every kernel of one multiply-add:
    /// the same bits everywhere, and the product.
    static func checkHalfShiftedDepth<S: KernelTestScalar>(_: S.Type, fused: Bool) {
        var generator = SeededGenerator(seed: 8)
        let half = 16 / MemoryLayout<S>.stride, width = 2 * half
        for (rows, columns, depth) in [(1, 8, 64 * width), (9, 5, 160 * width), (16, 12, 161 * width), (3, 9, 67 * width), (8, 4, 66 * width)] {
            let a: [S] = Self.matrix(rows * depth, sparse: false, &generator)
            let b: [S] = Self.matrix(columns * depth, sparse: false, &generator)
            var products: [[S.BitPattern]] = []
            for kernel in Gradgen.Kernel.all where kernel.fused == fused {
                // A and B copied at element 0 and at element `half` of a buffer: one of the two
                // starts 16 bytes past a multiple of 32 (arrays are aligned to 16), the other on one.
                for (aStart, start) in [(0, 0), (0, half), (half, 0), (half, half)] {
                    let padded = [S](repeating: 0, count: start) + b + [S](repeating: 0, count: half - start)
                    let paddedA = [S](repeating: 0, count: aStart) + a + [S](repeating: 0, count: half - aStart)
                    for packs in [true, false] {
                        var c = [S](repeating: .nan, count: rows * columns)
                        let scratch: Gradgen.Scratch<S> = Self.scratch(packs: packs)
                        defer { scratch.deallocate() }
                        paddedA.withUnsafeBufferPointer { paddedA in
                            padded.withUnsafeBufferPointer { padded in
                                c.withUnsafeMutableBufferPointer { c in
                                    S.multiplyTransposed(paddedA.baseAddress! + aStart, padded.baseAddress! + start, into: c.baseAddress!, rows: rows, columns: columns, depth: depth, scratch: scratch, kernel: kernel)
                                }
                            }
                        }
                        for r in 0..<rows {
                            for q in 0..<columns {
                                #expect(isDotProduct(c[r * columns + q], { a[r * depth + $0] }, { b[q * depth + $0] }, depth: depth), "\(S.self), \(kernel): \(rows)×\(columns)×\(depth) at (\(r), \(q))")
                            }
                        }
                        products.append(c.map(\.bitPattern))
                    }
                }
            }
            #expect(products.count == 16 && Set(products.map { "\($0)" }).count == 1, "\(S.self): C = A Bᵀ, \(rows)×\(columns)×\(depth), B at either place")
        }
    }

    @Test(arguments: [false, true])
    func theDepthCutHalfAVectorOnGivesTheSameBits(fused: Bool) {
        Self.checkHalfShiftedDepth(Double.self, fused: fused)
        Self.checkHalfShiftedDepth(Float.self, fused: fused)
    }

    /// The kernels as users build them: this target is built without optimization, and the
    /// optimizer can break what runs right unoptimized (a formulation of `multiplyGathered` that
    /// passed every test here listed garbage once built `-O`). OptimizedKernels/main.swift,
    /// built `swiftc -O -wmo -target-cpu native` with Generated/Gradgen.swift, checks every kernel
    /// in both scalars, with B and C at every offset in a cache line, against the product and for
    /// the same bits.
    @Test func theKernelsBuiltOptimizedAgreeWithTheProduct() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let root = RegenerationTests.packageRoot, program = folder.url.appendingPathComponent("check").path
        let sources = ["Tests/GeneratedTests/OptimizedKernels/main.swift", "Generated/Gradgen.swift"].map { root.appendingPathComponent($0).path }
        let compile = try CommandRun.run(URL(fileURLWithPath: "/usr/bin/env"),
                                         ["swiftc", "-O", "-wmo", "-target-cpu", "native", "-module-name", "KernelCheck", "-o", program] + sources)
        try #require(compile.status == 0, "\(compile.standardError)")
        let check = try CommandRun.run(URL(fileURLWithPath: program), [])
        #expect(check.status == 0 && !check.signalled, "\(check.standardOutput)\(check.standardError)")
        #expect(check.standardOutput.contains("checked 166 products") && check.standardOutput.hasSuffix("; 0 failures\n"), "\(check.standardOutput)")
    }

    /// `Float`'s `totals` sums each of four vectors of eight lanes exactly as `total` does
    /// (the paired tiling stores the first, the other tilings the second): the same bits, on
    /// sums where another order would round differently.
    @Test func floatTotalsAddInTheOrderOfTotal() {
        var generator = SeededGenerator(seed: 9)
        for _ in 0..<1000 {
            let d = (0..<4).map { _ in SIMD8<Float>((0..<8).map { _ in Float(Double.random(in: -1...1, using: &generator)) * (Bool.random(using: &generator) ? 1e7 : 1) }) }
            let four = Float.totals(d[0], d[1], d[2], d[3])
            for i in 0..<4 { #expect(four[i].bitPattern == Float.total(d[i]).bitPattern) }
        }
    }
}

/// The scalars the kernels take, each calling its own entry point (the kernels' generic bodies
/// are specialized behind one plain function per scalar).
protocol KernelTestScalar: Gradgen.KernelScalar {
    /// The scalar's bits, for comparing results to the bit.
    associatedtype BitPattern: Equatable
    var bitPattern: BitPattern { get }
    static func multiplyTransposed(_ a: [Self], _ b: [Self], into c: inout [Self], rows: Int, columns: Int, depth: Int, scratch: Gradgen.Scratch<Self>, kernel: Gradgen.Kernel)
    static func multiply(_ a: [Self], rowStride: Int, depthStride: Int, _ b: [Self], into c: inout [Self], rows: Int, columns: Int, depth: Int, scratch: Gradgen.Scratch<Self>, kernel: Gradgen.Kernel)
    /// C = A Bᵀ through pointers, with B wherever it is.
    static func multiplyTransposed(_ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, into c: UnsafeMutablePointer<Self>, rows: Int, columns: Int, depth: Int, scratch: Gradgen.Scratch<Self>, kernel: Gradgen.Kernel)
}

extension Double: KernelTestScalar {
    static func multiplyTransposed(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, into c: UnsafeMutablePointer<Double>, rows: Int, columns: Int, depth: Int, scratch: Gradgen.Scratch<Double>, kernel: Gradgen.Kernel) {
        Gradgen.multiplyTransposed(a, b, into: c, rows: rows, columns: columns, depth: depth, scratch: scratch, kernel: kernel)
    }
    static func multiplyTransposed(_ a: [Double], _ b: [Double], into c: inout [Double], rows: Int, columns: Int, depth: Int, scratch: Gradgen.Scratch<Double>, kernel: Gradgen.Kernel) {
        Gradgen.multiplyTransposed(a, b, into: &c, rows: rows, columns: columns, depth: depth, scratch: scratch, kernel: kernel)
    }
    static func multiply(_ a: [Double], rowStride: Int, depthStride: Int, _ b: [Double], into c: inout [Double], rows: Int, columns: Int, depth: Int, scratch: Gradgen.Scratch<Double>, kernel: Gradgen.Kernel) {
        Gradgen.multiply(a, rowStride: rowStride, depthStride: depthStride, b, into: &c, rows: rows, columns: columns, depth: depth, scratch: scratch, kernel: kernel)
    }
}

extension Float: KernelTestScalar {
    static func multiplyTransposed(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>, rows: Int, columns: Int, depth: Int, scratch: Gradgen.Scratch<Float>, kernel: Gradgen.Kernel) {
        Gradgen.multiplyTransposed(a, b, into: c, rows: rows, columns: columns, depth: depth, scratch: scratch, kernel: kernel)
    }
    static func multiplyTransposed(_ a: [Float], _ b: [Float], into c: inout [Float], rows: Int, columns: Int, depth: Int, scratch: Gradgen.Scratch<Float>, kernel: Gradgen.Kernel) {
        Gradgen.multiplyTransposed(a, b, into: &c, rows: rows, columns: columns, depth: depth, scratch: scratch, kernel: kernel)
    }
    static func multiply(_ a: [Float], rowStride: Int, depthStride: Int, _ b: [Float], into c: inout [Float], rows: Int, columns: Int, depth: Int, scratch: Gradgen.Scratch<Float>, kernel: Gradgen.Kernel) {
        Gradgen.multiply(a, rowStride: rowStride, depthStride: depthStride, b, into: &c, rows: rows, columns: columns, depth: depth, scratch: scratch, kernel: kernel)
    }
}
