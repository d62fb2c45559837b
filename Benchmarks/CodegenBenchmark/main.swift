// Generated gradient code against the runtime autodiff (Double), side by side in one run on
// the same inputs, per sample and per batch of 64: median of 7 repetitions. Run in release:
// `swift run -c release CodegenBenchmark` (or Benchmarks/run) prints tables;
// `CodegenBenchmark --json` prints one JSON object per measurement instead (for
// Benchmarks/peers/run.py).
import Autodiff
import Exact
import Foundation
import GeneratedNetworks
import NetworkModel
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

/// One committed network's allocation-free entry points, set up for one set of parameters
/// (W1, b1, W2, b2): a sample (x, t), and a batch (x, t, count) with the loss summed.
struct Entry {
    let sample: ([Double], [Double]) -> Double
    let batch: ([Double], [Double], Int) -> Double
}

/// One form of generated code for a size: its type, unrolled or loops, and its entry points.
struct Form {
    let type: String
    let form: String
    let entry: ([[Double]]) -> Entry
}

/// A network size: the spec drawn as Generated/regenerate draws it, and its committed forms.
struct Case {
    let name: String
    let spec: NetworkSpec
    let forms: [Form]
}

func random(_ seed: UInt64, _ sizes: [Int]) throws -> NetworkSpec {
    try NetworkSpec.random(seed: seed, options: RandomProblemOptions(sizes: .fixed(sizes), hiddenActivations: [.relu]))
}

// Every call goes through an allocation-free entry point (a caller-owned `Gradients`, or a
// `Workspace`), as a training loop would make it.
let cases = [
    Case(name: "reference-relu", spec: BuiltinExample.referenceReLU.spec, forms: [
        Form(type: "ReferenceReLU", form: "unrolled") { p in
            let parameters = ReferenceReLU.Parameters(W1: p[0], b1: p[1], W2: p[2], b2: p[3])
            var gradients = ReferenceReLU.Gradients()
            let workspace = ReferenceReLU.Workspace()
            return Entry(
                sample: { x, t in ReferenceReLU.lossAndGradients(x: x, t: t, parameters: parameters, into: &gradients); return gradients.loss },
                batch: { x, t, n in ReferenceReLU.batchLossAndGradients(x: x, t: t, count: n, reduction: .sum, parameters: parameters, workspace: workspace) })
        },
    ]),
    Case(name: "random relu", spec: try random(7, [30, 30, 10]), forms: [
        Form(type: "Wide30", form: "unrolled") { p in
            let parameters = Wide30.Parameters(W1: p[0], b1: p[1], W2: p[2], b2: p[3])
            var gradients = Wide30.Gradients()
            let workspace = Wide30.Workspace()
            return Entry(
                sample: { x, t in Wide30.lossAndGradients(x: x, t: t, parameters: parameters, into: &gradients); return gradients.loss },
                batch: { x, t, n in Wide30.batchLossAndGradients(x: x, t: t, count: n, reduction: .sum, parameters: parameters, workspace: workspace) })
        },
        Form(type: "Wide30Loops", form: "loops") { p in
            let parameters = Wide30Loops.Parameters(W1: p[0], b1: p[1], W2: p[2], b2: p[3])
            let workspace = Wide30Loops.Workspace()
            return Entry(
                sample: { x, t in Wide30Loops.lossAndGradients(x: x, t: t, parameters: parameters, workspace: workspace) },
                batch: { x, t, n in Wide30Loops.batchLossAndGradients(x: x, t: t, count: n, reduction: .sum, parameters: parameters, workspace: workspace) })
        },
    ]),
    Case(name: "random relu", spec: try random(1, [100, 100, 10]), forms: [
        Form(type: "Wide100", form: "loops") { p in
            let parameters = Wide100.Parameters(W1: p[0], b1: p[1], W2: p[2], b2: p[3])
            let workspace = Wide100.Workspace()
            return Entry(
                sample: { x, t in Wide100.lossAndGradients(x: x, t: t, parameters: parameters, workspace: workspace) },
                batch: { x, t, n in Wide100.batchLossAndGradients(x: x, t: t, count: n, reduction: .sum, parameters: parameters, workspace: workspace) })
        },
    ]),
    Case(name: "random relu", spec: try random(1, [784, 128, 10]), forms: [
        Form(type: "Wide784", form: "loops") { p in
            let parameters = Wide784.Parameters(W1: p[0], b1: p[1], W2: p[2], b2: p[3])
            let workspace = Wide784.Workspace()
            return Entry(
                sample: { x, t in Wide784.lossAndGradients(x: x, t: t, parameters: parameters, workspace: workspace) },
                batch: { x, t, n in Wide784.batchLossAndGradients(x: x, t: t, count: n, reduction: .sum, parameters: parameters, workspace: workspace) })
        },
    ]),
]

/// `count` (x, t) pairs drawn in turn from SplitMix64(seed: 3), x then t, each value as
/// `RandomProblem` draws a general one: the batch of Benchmarks/peers/problem.py.
func batch(inputSize: Int, outputSize: Int, count: Int) -> (x: [Double], t: [Double]) {
    var generator = SplitMix64(seed: 3)
    func value() -> Double { Double(RandomProblem.value(using: &generator, style: .general)) }
    var x: [Double] = [], t: [Double] = []
    for _ in 0..<count {
        x += (0..<inputSize).map { _ in value() }
        t += (0..<outputSize).map { _ in value() }
    }
    return (x, t)
}

/// One measurement as a line of JSON (keys in a fixed order).
func jsonLine(sizes: [Int], type: String, form: String, mode: String, peer: String, microseconds: Double) -> String {
    "{\"benchmark\": \"codegen\", \"sizes\": [\(sizes.map(String.init).joined(separator: ", "))], \"network\": \"\(type)\", "
        + "\"form\": \"\(form)\", \"mode\": \"\(mode)\", \"peer\": \"\(peer)\", \"microseconds\": \(microseconds)}"
}

let json = CommandLine.arguments.contains("--json")
let batchSize = 64
if !json {
    print("Per sample: calls per second. Batch of \(batchSize), loss summed: µs per batch (µs per sample).")
    print("network                                generated calls/s   autodiff calls/s      ratio        batch of \(batchSize)")
}
/// Per-sample microseconds of the (784,128,10) loop code, alone and in a batch, for the limit below.
var wideMicroseconds: (sample: Double, batch: Double)?
for item in cases {
    // The numbers of the peers (Benchmarks/peers/evaluate.py): parameters, x and t of seed 2.
    let spec = try item.spec.withRandomValues(seed: 2)
    let values = try spec.requireValues()
    let x = values.input.map { Double($0) }
    let t = values.target.map { Double($0) }
    let parameters: [[Double]] = zip(values.weights, values.biases).flatMap { weights, bias in [weights.elements.map { Double($0) }, bias.map { Double($0) }] }
    let inputs = batch(inputSize: spec.inputSize, outputSize: spec.outputSize, count: batchSize)
    let network = OracleBridge.network(spec, values: values, as: Double.self)
    let loss = OracleBridge.loss(spec.loss)
    let work = spec.parameters.map { $0.rowCount * $0.columnCount }.reduce(0, +)
    let sampleCalls = max(200, 20_000_000 / work)  // about 0.1 s a repetition, 10 ms at the least
    let autodiffRate = callsPerSecond(calls: max(3, 200_000 / (work * 10))) {
        (try? network.lossAndGradients(input: x, target: t, loss: loss))?.loss ?? .nan
    }
    let sizes = spec.sizes
    if json { print(jsonLine(sizes: sizes, type: "autodiff", form: "tape", mode: "sample", peer: "autodiff", microseconds: 1e6 / autodiffRate)) }
    for form in item.forms {
        let entry = form.entry(parameters)
        let sampleRate = callsPerSecond(calls: sampleCalls) { entry.sample(x, t) }
        let batchRate = callsPerSecond(calls: max(10, sampleCalls / batchSize)) { entry.batch(inputs.x, inputs.t, batchSize) }
        if sizes == [784, 128, 10] { wideMicroseconds = (1e6 / sampleRate, 1e6 / batchRate / Double(batchSize)) }
        if json {
            print(jsonLine(sizes: sizes, type: form.type, form: form.form, mode: "sample", peer: "generated", microseconds: 1e6 / sampleRate))
            print(jsonLine(sizes: sizes, type: form.type, form: form.form, mode: "batch64", peer: "generated", microseconds: 1e6 / batchRate))
            continue
        }
        let label = "\(item.name) (\(sizes.map(String.init).joined(separator: ","))), \(form.form)"
        let row = [
            label.padding(toLength: 36, withPad: " ", startingAt: 0),
            String(format: "%18.0f", sampleRate),
            String(format: "%18.0f", autodiffRate),
            String(format: "%10.0f×", sampleRate / autodiffRate),
            String(format: "%10.4g µs (%.3g)", 1e6 / batchRate, 1e6 / batchRate / Double(batchSize)),
        ]
        print(row.joined(separator: " "))
    }
}
if json { exit(0) }

// MARK: - The (784,128,10) loop code against this machine's limit

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

/// Read bandwidth over a working set of `bytes`: summing an array of that size, again and again
/// (64 MiB is far larger than the caches; a few MiB stay in them).
func readBytesPerSecond(workingSet bytes: Int) -> Double {
    let values = [Double](repeating: 1, count: bytes / 8)
    let passes = max(1, (64 << 20) / bytes)
    let rate = callsPerSecond(calls: passes) {
        values.withUnsafeBufferPointer { buffer in
            var lanes = SIMD8<Double>()
            var k = 0
            while k + 8 <= buffer.count {
                lanes += UnsafeRawPointer(buffer.baseAddress! + k).loadUnaligned(as: SIMD8<Double>.self)
                k += 8
            }
            return lanes.sum()
        }
    }
    return rate * Double(values.count * 8)
}

// Per sample: the dot products of the forward pass and the δ xᵀ products of the backward pass
// (2 flops per weight each), and at least W1 read once and ∂L/∂W1 written once.
let weights = Double(784 * 128 + 128 * 10)
let flops = 4 * weights
let bytes = 2 * weights * 8
let peak = peakFlopsPerSecond()
let memory = readBytesPerSecond(workingSet: 64 << 20)
let cached = readBytesPerSecond(workingSet: Int(bytes))
print("")
if let wide = wideMicroseconds {
    print("loops (784,128,10): \(String(format: "%.1f", wide.sample)) µs per sample alone, \(String(format: "%.1f", wide.batch)) µs per sample in a batch of \(batchSize)")
}
print("machine: \(String(format: "%.1f", peak / 1e9)) GFLOP/s peak (SIMD8 multiply-add), \(String(format: "%.1f", memory / 1e9)) GB/s memory read, \(String(format: "%.1f", cached / 1e9)) GB/s read of \(Int(bytes) >> 10) KiB in the caches")
print("limit per sample: \(String(format: "%.1f", flops / peak * 1e6)) µs of arithmetic (\(Int(flops)) flops); moving W1 and ∂L/∂W1 (\(Int(bytes)) bytes) \(String(format: "%.1f", bytes / cached * 1e6)) µs from the caches, \(String(format: "%.1f", bytes / memory * 1e6)) µs from memory")
