// The loop-code kernels as users build them: compiled `swiftc -O -wmo -target-cpu native` with
// Generated/Gradgen.swift by `KernelTests.theKernelsBuiltOptimizedAgreeWithTheProduct` (the
// test target itself is built without optimization, and an optimizer can break what runs right
// unoptimized). Every kernel (both tilings, fused and separate multiply-add), in `Double` and
// `Float`, C = A B (A read either way, half zero or dense) and C = A Bᵀ, with B and C (and A)
// placed at every offset in a cache line: each entry against the product summed in `Double`,
// and every kernel of one multiply-add at every placement giving the same bits. Prints each
// failure and how many products were checked; exits 1 on a failure.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Uniform values in [-1, 1) from a fixed linear congruential generator.
struct Uniform {
    var state: UInt64 = 2026
    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53) * 2 - 1
    }
}

/// The scalars of the kernels, each calling its own entry points.
protocol CheckedScalar: Gradgen.KernelScalar, BinaryFloatingPoint {
    static func multiply(_ a: UnsafePointer<Self>, rowStride: Int, depthStride: Int, _ b: UnsafePointer<Self>, into c: UnsafeMutablePointer<Self>, rows: Int, columns: Int, depth: Int, scratch: Gradgen.Scratch<Self>, kernel: Gradgen.Kernel)
    static func multiplyTransposed(_ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, into c: UnsafeMutablePointer<Self>, rows: Int, columns: Int, depth: Int, scratch: Gradgen.Scratch<Self>, kernel: Gradgen.Kernel)
}

extension Double: CheckedScalar {
    static func multiply(_ a: UnsafePointer<Double>, rowStride: Int, depthStride: Int, _ b: UnsafePointer<Double>, into c: UnsafeMutablePointer<Double>, rows: Int, columns: Int, depth: Int, scratch: Gradgen.Scratch<Double>, kernel: Gradgen.Kernel) {
        Gradgen.multiply(a, rowStride: rowStride, depthStride: depthStride, b, into: c, rows: rows, columns: columns, depth: depth, scratch: scratch, kernel: kernel)
    }
    static func multiplyTransposed(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, into c: UnsafeMutablePointer<Double>, rows: Int, columns: Int, depth: Int, scratch: Gradgen.Scratch<Double>, kernel: Gradgen.Kernel) {
        Gradgen.multiplyTransposed(a, b, into: c, rows: rows, columns: columns, depth: depth, scratch: scratch, kernel: kernel)
    }
}

extension Float: CheckedScalar {
    static func multiply(_ a: UnsafePointer<Float>, rowStride: Int, depthStride: Int, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>, rows: Int, columns: Int, depth: Int, scratch: Gradgen.Scratch<Float>, kernel: Gradgen.Kernel) {
        Gradgen.multiply(a, rowStride: rowStride, depthStride: depthStride, b, into: c, rows: rows, columns: columns, depth: depth, scratch: scratch, kernel: kernel)
    }
    static func multiplyTransposed(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>, rows: Int, columns: Int, depth: Int, scratch: Gradgen.Scratch<Float>, kernel: Gradgen.Kernel) {
        Gradgen.multiplyTransposed(a, b, into: c, rows: rows, columns: columns, depth: depth, scratch: scratch, kernel: kernel)
    }
}

/// A copy of `values` starting `offset` scalars past a cache line.
struct Placed<S: CheckedScalar> {
    let base: UnsafeMutablePointer<S>
    let pointer: UnsafeMutablePointer<S>

    init(_ values: [S], offset: Int) {
        base = Gradgen.allocateAligned(capacity: values.count + offset + 1)
        pointer = base + offset
        pointer.update(from: values, count: values.count)
    }

    init(count: Int, offset: Int) { self.init([S](repeating: .nan, count: count), offset: offset) }

    func deallocate() { base.deallocate() }
}

/// Checks `product` (which writes C of rows × columns given A, B and C placed at an offset)
/// against `entry(r, q)`, the terms of C(r, q); returns the failures.
func check<S: CheckedScalar>(_ name: String, _: S.Type, rows: Int, columns: Int, depth: Int, a: [S], b: [S],
                             term: (Int, Int, Int) -> (S, S),
                             product: (UnsafePointer<S>, UnsafePointer<S>, UnsafeMutablePointer<S>, Gradgen.Scratch<S>, Gradgen.Kernel) -> Void) -> Int {
    var failures = 0
    let line = 64 / MemoryLayout<S>.stride
    var reference = [Double](repeating: 0, count: rows * columns), scale = reference
    for r in 0..<rows {
        for q in 0..<columns {
            for p in 0..<depth {
                let (x, y) = term(r, q, p)
                reference[r * columns + q] += Double(x) * Double(y)
                scale[r * columns + q] += abs(Double(x) * Double(y))
            }
        }
    }
    let scratch = Gradgen.Scratch<S>.allocate(rows: Swift.max(rows, columns, depth), depth: Swift.max(rows, columns, depth))
    defer { scratch.deallocate() }
    for fused in [false, true] {
        var firstBits: [UInt64] = []
        for kernel in Gradgen.Kernel.all where kernel.fused == fused {
            for offset in 0..<line {
                let placedA = Placed(a, offset: (offset * 3) % line), placedB = Placed(b, offset: offset)
                let placedC = Placed<S>(count: rows * columns, offset: (offset * 5) % line)
                defer { placedA.deallocate(); placedB.deallocate(); placedC.deallocate() }
                product(placedA.pointer, placedB.pointer, placedC.pointer, scratch, kernel)
                var resultBits: [UInt64] = []
                for k in 0..<rows * columns {
                    let value = placedC.pointer[k]
                    resultBits.append(Double(value).bitPattern)
                    let tolerance = 4 * Double(depth + 1) * Double(S.ulpOfOne) * scale[k] + Double(S.leastNormalMagnitude)
                    if !(abs(Double(value) - reference[k]) <= tolerance) {
                        failures += 1
                        if failures <= 5 {
                            print("\(name) \(S.self) \(rows)×\(columns)×\(depth), \(kernel), offset \(offset): C(\(k / columns), \(k % columns)) = \(value), the product \(reference[k])")
                        }
                    }
                }
                if firstBits.isEmpty {
                    firstBits = resultBits
                } else if resultBits != firstBits {
                    failures += 1
                    print("\(name) \(S.self) \(rows)×\(columns)×\(depth), \(kernel), offset \(offset): other bits than the first kernel of its multiply-add")
                }
            }
        }
    }
    return failures
}

var uniform = Uniform()
func matrix<S: CheckedScalar>(_ count: Int, sparse: Bool) -> [S] {
    (0..<count).map { _ in
        let value = uniform.next()
        return sparse && uniform.next() < 0 ? 0 : S(value)
    }
}

/// C = A B at the shapes of loop code's products (∂L/∂W = Δᵀ X and G = Δ W, a batch and a sample)
/// and at remainders of the tiles.
let multiplyShapes = [(1, 1, 1), (3, 5, 7), (9, 83, 30), (13, 10, 129), (16, 7, 100), (5, 100, 12), (10, 64, 40),
                      (9, 48, 50), (9, 40, 64), (30, 30, 64), (30, 30, 1), (100, 100, 64), (100, 100, 1), (10, 100, 64),
                      (64, 100, 10), (128, 784, 64), (128, 784, 1), (40, 260, 65)]
/// C = A Bᵀ at the forward products' shapes, remainders, and depths cut half a vector on.
let transposedShapes = [(1, 1, 1), (4, 4, 8), (9, 17, 9), (16, 7, 100), (64, 100, 100), (64, 128, 784), (1, 128, 784),
                        (64, 10, 100), (3, 9, 268), (9, 5, 1280), (8, 4, 1032)]

func checkAll<S: CheckedScalar>(_: S.Type) -> (checked: Int, failures: Int) {
    var checked = 0, failures = 0
    for (rows, columns, depth) in multiplyShapes {
        for transposed in [false, true] {
            for sparse in [false, true] {
                let a: [S] = matrix(rows * depth, sparse: sparse), b: [S] = matrix(depth * columns, sparse: false)
                let (rowStride, depthStride) = transposed ? (1, rows) : (depth, 1)
                failures += check("C = A B\(transposed ? " (A read transposed)" : "")\(sparse ? ", A half zero" : "")", S.self, rows: rows, columns: columns, depth: depth, a: a, b: b,
                                  term: { r, q, p in (a[r * rowStride + p * depthStride], b[p * columns + q]) }) { a, b, c, scratch, kernel in
                    S.multiply(a, rowStride: rowStride, depthStride: depthStride, b, into: c, rows: rows, columns: columns, depth: depth, scratch: scratch, kernel: kernel)
                }
                checked += 1
            }
        }
    }
    for (rows, columns, depth) in transposedShapes {
        let a: [S] = matrix(rows * depth, sparse: false), b: [S] = matrix(columns * depth, sparse: false)
        failures += check("C = A Bᵀ", S.self, rows: rows, columns: columns, depth: depth, a: a, b: b,
                          term: { r, q, p in (a[r * depth + p], b[q * depth + p]) }) { a, b, c, scratch, kernel in
            S.multiplyTransposed(a, b, into: c, rows: rows, columns: columns, depth: depth, scratch: scratch, kernel: kernel)
        }
        checked += 1
    }
    return (checked, failures)
}

let double = checkAll(Double.self), float = checkAll(Float.self)
print("checked \(double.checked + float.checked) products, each by every kernel at every offset in a cache line; \(double.failures + float.failures) failures")
exit(double.failures + float.failures == 0 ? 0 : 1)
