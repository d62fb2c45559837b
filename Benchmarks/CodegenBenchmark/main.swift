// Generated gradient code against the runtime autodiff (Double), side by side in one run on
// the same inputs: calls per second, median of 7 repetitions. Run in release:
// `swift run -c release CodegenBenchmark` (or Benchmarks/run).
import Autodiff
import Exact
import Foundation
import GeneratedNetworks
import Network
import Verify

/// Median calls per second of `body` over 7 repetitions of `calls` calls each.
func callsPerSecond(calls: Int, _ body: () -> Double) -> Double {
    var rates: [Double] = []
    var sink = 0.0
    for _ in 0..<7 {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<calls { sink += body() }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
        rates.append(Double(calls) / seconds)
    }
    if sink.isNaN { print("") }  // keeps the work observable
    return rates.sorted()[3]
}

/// One network: its spec (values drawn from a seed) and the generated entry point.
struct Case {
    let name: String
    let spec: NetworkSpec
    let generated: ([Double], [Double], [[Double]]) -> Double
}

// Generated code runs through its allocation-free entry points (a caller-owned `Gradients`,
// or a `Workspace`), as a training loop would call it.
nonisolated(unsafe) var referenceGradients = ReferenceReLU.Gradients<Double>()
nonisolated(unsafe) var wide30Gradients = Wide30.Gradients<Double>()
let wide784Workspace = Wide784.Workspace()

let cases = [
    Case(name: "reference-relu (3,2,2)", spec: BuiltinExample.referenceReLU.spec) { x, t, p in
        ReferenceReLU.lossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]), into: &referenceGradients)
        return referenceGradients.W1[1]
    },
    Case(name: "random relu (30,30,10)", spec: try NetworkSpec.random(seed: 7, options: RandomProblemOptions(sizes: .fixed([30, 30, 10])))) { x, t, p in
        Wide30.lossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]), into: &wide30Gradients)
        return wide30Gradients.W1[1]
    },
    Case(name: "loops (784,128,10)", spec: try NetworkSpec.random(seed: 1, options: RandomProblemOptions(sizes: .fixed([784, 128, 10])))) { x, t, p in
        Wide784.lossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3]), workspace: wide784Workspace)
    },
]

print("network                      generated calls/s   autodiff calls/s      ratio")
for item in cases {
    let spec = try item.spec.withRandomValues(seed: 2)
    let values = try spec.requireValues()
    let x = values.input.map { Double($0) }
    let t = values.target.map { Double($0) }
    let parameters: [[Double]] = zip(values.weights, values.biases).flatMap { weights, bias in [weights.elements.map { Double($0) }, bias.map { Double($0) }] }
    let network = OracleBridge.network(spec, values: values, as: Double.self)
    let loss = OracleBridge.loss(spec.loss)
    let work = spec.parameters.map { $0.rowCount * $0.columnCount }.reduce(0, +)
    let generatedRate = callsPerSecond(calls: max(20, 20_000_000 / (work * 10))) { item.generated(x, t, parameters) }
    let autodiffRate = callsPerSecond(calls: max(3, 200_000 / (work * 10))) {
        (try? network.lossAndGradients(input: x, target: t, loss: loss))?.loss ?? .nan
    }
    let row = [
        item.name.padding(toLength: 28, withPad: " ", startingAt: 0),
        String(format: "%18.0f", generatedRate),
        String(format: "%18.0f", autodiffRate),
        String(format: "%10.0f×", generatedRate / autodiffRate),
    ]
    print(row.joined(separator: " "))
}

// MARK: - The wide network per sample and in batches of 64, against this machine's limit

/// Peak double-precision throughput: a multiply and an add on eight independent SIMD8
/// accumulators, in registers (the default x86-64 target has no fused multiply-add, so
/// `addProduct` would call a software fma).
func peakFlopsPerSecond() -> Double {
    var accumulators = [SIMD8<Double>](repeating: SIMD8(repeating: 1), count: 8)
    let a = SIMD8<Double>(repeating: 1.000_000_1)
    let b = SIMD8<Double>(repeating: 0.999_999_9)
    let rounds = 20_000_000
    let rate = callsPerSecond(calls: 1) {
        accumulators.withUnsafeMutableBufferPointer { acc in
            for _ in 0..<rounds / 8 {
                for k in 0..<8 { acc[k] = acc[k] * a + b }
            }
        }
        return accumulators[0][0]
    }
    return rate * Double(rounds) * 8 * 2
}

/// Memory bandwidth: summing an array of 64 MiB, far larger than the caches.
func bandwidthBytesPerSecond() -> Double {
    let values = [Double](repeating: 1, count: 8 << 20)
    let rate = callsPerSecond(calls: 1) {
        values.withUnsafeBufferPointer { buffer in
            var lanes = SIMD8<Double>()
            var k = 0
            while k < buffer.count {
                lanes += UnsafeRawPointer(buffer.baseAddress! + k).loadUnaligned(as: SIMD8<Double>.self)
                k += 8
            }
            return lanes.sum()
        }
    }
    return rate * Double(values.count * 8)
}

let wide = try NetworkSpec.random(seed: 1, options: RandomProblemOptions(sizes: .fixed([784, 128, 10])))
let wideValues = try wide.requireValues()
let wideParameters = Wide784.Parameters(
    W1: wideValues.weights[0].elements.map { Double($0) }, b1: wideValues.biases[0].map { Double($0) },
    W2: wideValues.weights[1].elements.map { Double($0) }, b2: wideValues.biases[1].map { Double($0) })
let batch = try (0..<64).map { try wide.withRandomValues(seed: UInt64(500 + $0)).requireValues() }
let batchX = batch.flatMap { $0.input.map { Double($0) } }
let batchT = batch.flatMap { $0.target.map { Double($0) } }
let workspace = Wide784.Workspace()
let sampleRate = callsPerSecond(calls: 2_000) {
    Wide784.lossAndGradients(x: Array(batchX[0..<784]), t: Array(batchT[0..<10]), parameters: wideParameters, workspace: workspace)
}
let batchRate = callsPerSecond(calls: 50) {
    Wide784.batchLossAndGradients(x: batchX, t: batchT, count: 64, reduction: .mean, parameters: wideParameters, workspace: workspace)
}
// Per sample: the dot products of the forward pass and the δ xᵀ updates of the backward pass
// (2 flops per weight each), and at least W1 read once and ∂L/∂W1 read and written once.
let weights = Double(784 * 128 + 128 * 10)
let flops = 4 * weights
let bytes = 3 * weights * 8
let peak = peakFlopsPerSecond()
let bandwidth = bandwidthBytesPerSecond()
print("")
print("loops (784,128,10): \(String(format: "%.1f", 1e6 / sampleRate)) µs per sample alone, \(String(format: "%.1f", 1e6 / batchRate)) µs per batch of 64 (\(String(format: "%.1f", 1e6 / batchRate / 64)) µs per sample)")
print("machine: \(String(format: "%.1f", peak / 1e9)) GFLOP/s peak (SIMD8 multiply-add), \(String(format: "%.1f", bandwidth / 1e9)) GB/s memory read")
print("limit per sample: \(String(format: "%.1f", flops / peak * 1e6)) µs of arithmetic (\(Int(flops)) flops), \(String(format: "%.1f", bytes / bandwidth * 1e6)) µs of memory traffic (\(Int(bytes)) bytes) if nothing stays in cache")
