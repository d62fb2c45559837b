// Where a batch of 64 spends its time in loop code: each phase of the (n0,n1,n2) ReLU network's
// forward and backward pass (Generated/Wide100.swift, Wide784.swift call the same kernels with
// the same shapes) timed alone, for each tiling with this build's multiply-add, beside the
// FLOP rate each reaches; in `Double`, then for this build's tiling in `Float` (`--double`
// leaves `Float` out), whose specialization of the same generic kernels can go wrong alone. Built by Benchmarks/kernel-phases together with Generated/Gradgen.swift
// (the kernels are internal to the generated runtime), once for each target CPU:
//
//   Benchmarks/kernel-phases 100,100,10 784,128,10
//
// Inputs: uniform in [-1, 1) from a fixed LCG; δ of the hidden layer half zero, as ReLU leaves
// it. Each phase: the best of `repetitions` calls (default 1000), in microseconds.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The best of `repetitions` timed calls of `body`, in microseconds.
func bestMicroseconds(_ repetitions: Int, _ body: () -> Void) -> Double {
    var best = UInt64.max
    for _ in 0..<repetitions {
        let start = Gradgen.Kernel.clock()
        body()
        best = min(best, Gradgen.Kernel.clock() - start)
    }
    return Double(best) / 1000
}

/// A fixed linear congruential generator: uniform values in [-1, 1).
struct Uniform {
    var state: UInt64 = 12345
    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53) * 2 - 1
    }
}

/// A buffer of `count` scalars, each from `value`.
func buffer<S: PhaseScalar>(_ count: Int, _ value: () -> Double) -> UnsafeMutablePointer<S> {
    let pointer = UnsafeMutablePointer<S>.allocate(capacity: count)
    for i in 0..<count { pointer[i] = S(value()) }
    return pointer
}

/// The scalars of the kernels, each calling its own entry points (one plain function per scalar).
protocol PhaseScalar: Gradgen.KernelScalar {
    static func multiplyTransposed(_ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, into c: UnsafeMutablePointer<Self>, rows: Int, columns: Int, depth: Int, scratch: Gradgen.Scratch<Self>, kernel: Gradgen.Kernel)
    static func multiply(_ a: UnsafePointer<Self>, rowStride: Int, depthStride: Int, _ b: UnsafePointer<Self>, into c: UnsafeMutablePointer<Self>, rows: Int, columns: Int, depth: Int, scratch: Gradgen.Scratch<Self>, kernel: Gradgen.Kernel)
}

extension Double: PhaseScalar {
    static func multiplyTransposed(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, into c: UnsafeMutablePointer<Double>, rows: Int, columns: Int, depth: Int, scratch: Gradgen.Scratch<Double>, kernel: Gradgen.Kernel) {
        Gradgen.multiplyTransposed(a, b, into: c, rows: rows, columns: columns, depth: depth, scratch: scratch, kernel: kernel)
    }
    static func multiply(_ a: UnsafePointer<Double>, rowStride: Int, depthStride: Int, _ b: UnsafePointer<Double>, into c: UnsafeMutablePointer<Double>, rows: Int, columns: Int, depth: Int, scratch: Gradgen.Scratch<Double>, kernel: Gradgen.Kernel) {
        Gradgen.multiply(a, rowStride: rowStride, depthStride: depthStride, b, into: c, rows: rows, columns: columns, depth: depth, scratch: scratch, kernel: kernel)
    }
}

extension Float: PhaseScalar {
    static func multiplyTransposed(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>, rows: Int, columns: Int, depth: Int, scratch: Gradgen.Scratch<Float>, kernel: Gradgen.Kernel) {
        Gradgen.multiplyTransposed(a, b, into: c, rows: rows, columns: columns, depth: depth, scratch: scratch, kernel: kernel)
    }
    static func multiply(_ a: UnsafePointer<Float>, rowStride: Int, depthStride: Int, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>, rows: Int, columns: Int, depth: Int, scratch: Gradgen.Scratch<Float>, kernel: Gradgen.Kernel) {
        Gradgen.multiply(a, rowStride: rowStride, depthStride: depthStride, b, into: c, rows: rows, columns: columns, depth: depth, scratch: scratch, kernel: kernel)
    }
}

/// Two significant decimals, without Foundation.
func decimals(_ value: Double) -> String {
    let scaled = (value * 100).rounded() / 100
    return "\(scaled)"
}

let arguments = CommandLine.arguments.dropFirst()
let repetitions = arguments.first { $0.hasPrefix("--repetitions=") }.map { Int($0.dropFirst(14))! } ?? 1000
let networks = arguments.filter { !$0.hasPrefix("--") }.map { $0.split(separator: ",").map { Int($0)! } }
let batch = 64
print("build: fused multiply-add \(Gradgen.Kernel.hasHardwareFusedMultiplyAdd()), 8 lanes at full width \(Gradgen.Kernel.hasFullWidthEightLanes()); this process runs \(Gradgen.Kernel.current)")

/// Each phase of the (n0,n1,n2) network's batch in scalar `S`, by each tiling in `kernels`.
func phases<S: PhaseScalar>(_: S.Type, _ sizes: [Int], kernels: [Gradgen.Kernel]) {
    let (n0, n1, n2) = (sizes[0], sizes[1], sizes[2])
    var uniform = Uniform()
    let x: UnsafeMutablePointer<S> = buffer(batch * n0) { uniform.next() }, w1: UnsafeMutablePointer<S> = buffer(n1 * n0) { uniform.next() }
    let w2: UnsafeMutablePointer<S> = buffer(n2 * n1) { uniform.next() }, z1: UnsafeMutablePointer<S> = buffer(batch * n1) { 0 }
    let x2: UnsafeMutablePointer<S> = buffer(batch * n1) { max(0, uniform.next()) }, z2: UnsafeMutablePointer<S> = buffer(batch * n2) { 0 }
    let delta1: UnsafeMutablePointer<S> = buffer(batch * n1) { uniform.next() > 0 ? uniform.next() : 0 }, delta2: UnsafeMutablePointer<S> = buffer(batch * n2) { uniform.next() }
    let g1: UnsafeMutablePointer<S> = buffer(batch * n1) { 0 }, dW1: UnsafeMutablePointer<S> = buffer(n1 * n0) { 0 }, dW2: UnsafeMutablePointer<S> = buffer(n2 * n1) { 0 }
    let scratch = Gradgen.Scratch<S>.allocate(rows: max(batch, n1), depth: max(n0, n1))
    for kernel in kernels {
        // (name, flops counted, microseconds); ∂L/∂W1 counts the nonzero half of δ only.
        let phases: [(String, Int, Double)] = [
            ("Z1 = X W1ᵀ", 2 * batch * n1 * n0, bestMicroseconds(repetitions) {
                S.multiplyTransposed(x, w1, into: z1, rows: batch, columns: n1, depth: n0, scratch: scratch, kernel: kernel) }),
            ("Z2 = X2 W2ᵀ", 2 * batch * n2 * n1, bestMicroseconds(repetitions) {
                S.multiplyTransposed(x2, w2, into: z2, rows: batch, columns: n2, depth: n1, scratch: scratch, kernel: kernel) }),
            ("∂L/∂W2 = Δ2ᵀ X2", 2 * batch * n2 * n1, bestMicroseconds(repetitions) {
                S.multiply(delta2, rowStride: 1, depthStride: n2, x2, into: dW2, rows: n2, columns: n1, depth: batch, scratch: scratch, kernel: kernel) }),
            ("G1 = Δ2 W2", 2 * batch * n2 * n1, bestMicroseconds(repetitions) {
                S.multiply(delta2, rowStride: n2, depthStride: 1, w2, into: g1, rows: batch, columns: n1, depth: n2, scratch: scratch, kernel: kernel) }),
            ("∂L/∂W1 = Δ1ᵀ X", batch * n1 * n0, bestMicroseconds(repetitions) {
                S.multiply(delta1, rowStride: 1, depthStride: n1, x, into: dW1, rows: n1, columns: n0, depth: batch, scratch: scratch, kernel: kernel) }),
        ]
        print("(\(n0),\(n1),\(n2)), batch of \(batch), \(S.self), \(kernel)\(kernel == Gradgen.Kernel.current ? " (this build's)" : ""):")
        var total = 0.0
        for (name, flops, microseconds) in phases {
            total += microseconds
            let padded = name + String(repeating: " ", count: max(0, 20 - name.count))
            print("  \(padded) \(decimals(microseconds)) µs, \(decimals(Double(flops) / microseconds / 1000)) GFLOP/s")
        }
        print("  products in all       \(decimals(total)) µs")
    }
    scratch.deallocate()
    for pointer in [x, w1, w2, z1, x2, z2, delta1, delta2, g1, dW1, dW2] { pointer.deallocate() }
}

for sizes in networks {
    phases(Double.self, sizes, kernels: Gradgen.Kernel.all.filter { $0.fused == Gradgen.Kernel.current.fused })
    if !arguments.contains("--double") { phases(Float.self, sizes, kernels: [Gradgen.Kernel.current]) }
}
