// Generated gradient code against the runtime autodiff (Double), side by side in one run on
// the same inputs, per sample and per batch of 64: median of 7 repetitions. Run in release:
// `swift run -c release CodegenBenchmark` (or Benchmarks/run) prints tables;
// `CodegenBenchmark --json` prints one JSON object per measurement instead (for
// Benchmarks/peers/run.py). Then the loop code in Float beside the same network in Double
// (`--float` alone; `--json --float` as JSON), and a batch of 256 at (784,128,10) on one thread
// and on two (`threads:`); `--json --threads` prints only those, as JSON.
import Autodiff
import Exact
import Foundation
import GeneratedNetworks
import NetworkModel
import Verify

/// Calls per second of `body`: the median and the best of 105 repetitions of `calls` / 15 calls
/// each (at least one). On a shared machine the best of short repetitions is the figure least
/// disturbed by other processes; the median says how busy the machine was.
struct Rate {
    let median: Double
    let best: Double
}

func callsPerSecond(calls: Int, _ body: () -> Double) -> Rate {
    var rates: [Double] = []
    var sink = 0.0
    let short = max(1, calls / 15)
    for _ in 0..<105 {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<short { sink += body() }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
        rates.append(Double(short) / seconds)
    }
    if sink.isNaN { print("") }  // keeps the work observable
    rates.sort()
    return Rate(median: rates[52], best: rates[104])
}

/// One committed network's allocation-free entry points, set up for one set of parameters
/// (W1, b1, W2, b2) and one set of inputs, in the code's scalar (converted once, beforehand):
/// a sample (x, t), and a batch (x, t, count) with the loss summed.
struct Entry {
    let sample: () -> Double
    let batch: () -> Double
}

/// The inputs of a measurement in `Double`: one sample, and a batch of `count`.
struct Inputs {
    let x: [Double], t: [Double]
    let batchX: [Double], batchT: [Double]
    let count: Int
}

/// One form of generated code for a size: its type, unrolled or loops, its scalar, and its
/// entry points.
struct Form {
    let type: String
    let form: String
    var scalar = "Double"
    let entry: ([[Double]], Inputs) -> Entry
}

/// `values` rounded to `Float`, once.
func float(_ values: [Double]) -> [Float] { values.map { Float($0) } }

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
        Form(type: "ReferenceReLU", form: "unrolled") { p, i in
            let parameters = ReferenceReLU.Parameters(W1: p[0], b1: p[1], W2: p[2], b2: p[3])
            var gradients = ReferenceReLU.Gradients()
            let workspace = ReferenceReLU.Workspace()
            return Entry(
                sample: { ReferenceReLU.lossAndGradients(x: i.x, t: i.t, parameters: parameters, into: &gradients); return gradients.loss },
                batch: { ReferenceReLU.batchLossAndGradients(x: i.batchX, t: i.batchT, count: i.count, reduction: .sum, parameters: parameters, workspace: workspace) })
        },
    ]),
    Case(name: "random relu", spec: try random(7, [30, 30, 10]), forms: [
        Form(type: "Wide30", form: "unrolled") { p, i in
            let parameters = Wide30.Parameters(W1: p[0], b1: p[1], W2: p[2], b2: p[3])
            var gradients = Wide30.Gradients()
            let workspace = Wide30.Workspace()
            return Entry(
                sample: { Wide30.lossAndGradients(x: i.x, t: i.t, parameters: parameters, into: &gradients); return gradients.loss },
                batch: { Wide30.batchLossAndGradients(x: i.batchX, t: i.batchT, count: i.count, reduction: .sum, parameters: parameters, workspace: workspace) })
        },
        Form(type: "Wide30Loops", form: "loops") { p, i in
            let parameters = Wide30Loops.Parameters(W1: p[0], b1: p[1], W2: p[2], b2: p[3])
            let workspace = Wide30Loops.Workspace()
            return Entry(
                sample: { Wide30Loops.lossAndGradients(x: i.x, t: i.t, parameters: parameters, workspace: workspace) },
                batch: { Wide30Loops.batchLossAndGradients(x: i.batchX, t: i.batchT, count: i.count, reduction: .sum, parameters: parameters, workspace: workspace) })
        },
        Form(type: "Wide30LoopsFloat", form: "loops", scalar: "Float") { p, i in
            let parameters = Wide30LoopsFloat.Parameters(W1: float(p[0]), b1: float(p[1]), W2: float(p[2]), b2: float(p[3]))
            let workspace = Wide30LoopsFloat.Workspace()
            let x = float(i.x), t = float(i.t), batchX = float(i.batchX), batchT = float(i.batchT)
            return Entry(
                sample: { Double(Wide30LoopsFloat.lossAndGradients(x: x, t: t, parameters: parameters, workspace: workspace)) },
                batch: { Double(Wide30LoopsFloat.batchLossAndGradients(x: batchX, t: batchT, count: i.count, reduction: .sum, parameters: parameters, workspace: workspace)) })
        },
    ]),
    Case(name: "random relu", spec: try random(1, [100, 100, 10]), forms: [
        Form(type: "Wide100", form: "loops") { p, i in
            let parameters = Wide100.Parameters(W1: p[0], b1: p[1], W2: p[2], b2: p[3])
            let workspace = Wide100.Workspace()
            return Entry(
                sample: { Wide100.lossAndGradients(x: i.x, t: i.t, parameters: parameters, workspace: workspace) },
                batch: { Wide100.batchLossAndGradients(x: i.batchX, t: i.batchT, count: i.count, reduction: .sum, parameters: parameters, workspace: workspace) })
        },
        Form(type: "Wide100Float", form: "loops", scalar: "Float") { p, i in
            let parameters = Wide100Float.Parameters(W1: float(p[0]), b1: float(p[1]), W2: float(p[2]), b2: float(p[3]))
            let workspace = Wide100Float.Workspace()
            let x = float(i.x), t = float(i.t), batchX = float(i.batchX), batchT = float(i.batchT)
            return Entry(
                sample: { Double(Wide100Float.lossAndGradients(x: x, t: t, parameters: parameters, workspace: workspace)) },
                batch: { Double(Wide100Float.batchLossAndGradients(x: batchX, t: batchT, count: i.count, reduction: .sum, parameters: parameters, workspace: workspace)) })
        },
    ]),
    Case(name: "random relu", spec: try random(1, [784, 128, 10]), forms: [
        Form(type: "Wide784", form: "loops") { p, i in
            let parameters = Wide784.Parameters(W1: p[0], b1: p[1], W2: p[2], b2: p[3])
            let workspace = Wide784.Workspace()
            return Entry(
                sample: { Wide784.lossAndGradients(x: i.x, t: i.t, parameters: parameters, workspace: workspace) },
                batch: { Wide784.batchLossAndGradients(x: i.batchX, t: i.batchT, count: i.count, reduction: .sum, parameters: parameters, workspace: workspace) })
        },
        Form(type: "Wide784Float", form: "loops", scalar: "Float") { p, i in
            let parameters = Wide784Float.Parameters(W1: float(p[0]), b1: float(p[1]), W2: float(p[2]), b2: float(p[3]))
            let workspace = Wide784Float.Workspace()
            let x = float(i.x), t = float(i.t), batchX = float(i.batchX), batchT = float(i.batchT)
            return Entry(
                sample: { Double(Wide784Float.lossAndGradients(x: x, t: t, parameters: parameters, workspace: workspace)) },
                batch: { Double(Wide784Float.batchLossAndGradients(x: batchX, t: batchT, count: i.count, reduction: .sum, parameters: parameters, workspace: workspace)) })
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

/// One measurement as a line of JSON (keys in a fixed order); `scalar` is the code's.
func jsonLine(sizes: [Int], type: String, form: String, mode: String, peer: String, rate: Rate, scalar: String = "Double") -> String {
    "{\"benchmark\": \"codegen\", \"sizes\": [\(sizes.map(String.init).joined(separator: ", "))], \"network\": \"\(type)\", "
        + "\"form\": \"\(form)\", \"scalar\": \"\(scalar)\", \"mode\": \"\(mode)\", \"peer\": \"\(peer)\", \"microseconds\": \(1e6 / rate.median), "
        + "\"best_microseconds\": \(1e6 / rate.best)}"
}

/// The numbers of the peers (Benchmarks/peers/evaluate.py) for `spec`: parameters, x and t
/// of seed 2, and a batch of `count`.
func problem(_ spec: NetworkSpec, count: Int) throws -> (spec: NetworkSpec, values: NetworkValues, parameters: [[Double]], inputs: Inputs) {
    let spec = try spec.withRandomValues(seed: 2)
    let values = try spec.requireValues()
    let parameters: [[Double]] = zip(values.weights, values.biases).flatMap { weights, bias in [weights.elements.map { Double($0) }, bias.map { Double($0) }] }
    let drawn = batch(inputSize: spec.inputSize, outputSize: spec.outputSize, count: count)
    let inputs = Inputs(x: values.input.map { Double($0) }, t: values.target.map { Double($0) }, batchX: drawn.x, batchT: drawn.t, count: count)
    return (spec, values, parameters, inputs)
}

// MARK: - Float beside Double: the same loop code, network and inputs in either scalar

/// Each size's loop code in `Double` and in `Float`, per sample and per batch of 64, measured in
/// turn three times each so that both see the same machine: the best and the median of each,
/// and Double's time over Float's. As JSON lines with `--json --float`.
@MainActor func floatTable(json: Bool) throws {
    if !json {
        print("")
        print("Float beside Double: the same loop code and inputs, loss summed; best of 105 repetitions, three rounds in turn (medians in brackets)")
        print("network                         mode        Double µs           Float µs            Double ÷ Float (medians)")
    }
    for item in cases {
        let loops = item.forms.filter { $0.form == "loops" }
        guard let double = loops.first(where: { $0.scalar == "Double" }), let single = loops.first(where: { $0.scalar == "Float" }) else { continue }
        let (spec, _, parameters, inputs) = try problem(item.spec, count: 64)
        let entries = [double, single].map { $0.entry(parameters, inputs) }
        let work = spec.parameters.map { $0.rowCount * $0.columnCount }.reduce(0, +)
        let sampleCalls = max(200, 20_000_000 / work)
        for mode in ["sample", "batch64"] {
            var rates: [[Rate]] = [[], []]
            for _ in 0..<3 {
                for (index, entry) in entries.enumerated() {
                    rates[index].append(mode == "sample" ? callsPerSecond(calls: sampleCalls, entry.sample)
                                                         : callsPerSecond(calls: max(10, sampleCalls / 64), entry.batch))
                }
            }
            let summary = rates.map { Rate(median: $0.map(\.median).sorted()[1], best: $0.map(\.best).max()!) }
            if json {
                for (form, rate) in zip([double, single], summary) {
                    print(jsonLine(sizes: spec.sizes, type: form.type, form: "loops", mode: mode, peer: "generated", rate: rate, scalar: form.scalar))
                }
                continue
            }
            let label = "\(item.name) (\(spec.sizes.map(String.init).joined(separator: ",")))"
            print([label.padding(toLength: 31, withPad: " ", startingAt: 0), (mode == "sample" ? "per sample" : "batch of 64").padding(toLength: 11, withPad: " ", startingAt: 0),
                   String(format: "%9.2f (%.2f)", 1e6 / summary[0].best, 1e6 / summary[0].median).padding(toLength: 19, withPad: " ", startingAt: 0),
                   String(format: "%9.2f (%.2f)", 1e6 / summary[1].best, 1e6 / summary[1].median).padding(toLength: 19, withPad: " ", startingAt: 0),
                   String(format: "%.2f× (%.2f×)", summary[1].best / summary[0].best, summary[1].median / summary[0].median)].joined(separator: " "))
        }
    }
}

// MARK: - Threads: a batch of 256 at (784,128,10) on one thread and on two

/// The (784,128,10) loop code's batch of `threadsBatchSize`, loss summed, on 1 and 2 threads
/// (`threads:`), measured in turn three times each so that both see the same machine: the best
/// and the median of each (the gradients have the same bits on both). As JSON lines with
/// `--json --threads` (Benchmarks/peers/run.py sets them beside its peers on as many threads).
func threadsTable(json: Bool) throws {
    let threadsBatchSize = 256
    let values = try random(1, [784, 128, 10]).withRandomValues(seed: 2).requireValues()
    let p: [[Double]] = zip(values.weights, values.biases).flatMap { weights, bias in [weights.elements.map { Double($0) }, bias.map { Double($0) }] }
    let parameters = Wide784.Parameters(W1: p[0], b1: p[1], W2: p[2], b2: p[3])
    let workspace = Wide784.Workspace()
    let inputs = batch(inputSize: 784, outputSize: 10, count: threadsBatchSize)
    var rates: [Int: [Rate]] = [:]
    for _ in 0..<3 {
        for threads in [1, 2] {
            rates[threads, default: []].append(callsPerSecond(calls: 30) {
                Wide784.batchLossAndGradients(x: inputs.x, t: inputs.t, count: threadsBatchSize, reduction: .sum, parameters: parameters, workspace: workspace, threads: threads)
            })
        }
    }
    let best = rates.mapValues { Rate(median: $0.map(\.median).sorted()[1], best: $0.map(\.best).max()!) }
    if json {
        for threads in [1, 2] {
            print(jsonLine(sizes: [784, 128, 10], type: "Wide784", form: "loops", mode: "batch\(threadsBatchSize)-threads\(threads)", peer: "generated", rate: best[threads]!))
        }
    } else {
        let one = best[1]!, two = best[2]!
        print("")
        print("Threads: random relu (784,128,10), loops, batch of \(threadsBatchSize), loss summed (best of 105 repetitions, three rounds each; median in brackets)")
        print(String(format: "  1 thread   %8.1f µs (%.1f)", 1e6 / one.best, 1e6 / one.median))
        print(String(format: "  2 threads  %8.1f µs (%.1f)   %.2f× one thread (medians %.2f×) on %d cores", 1e6 / two.best, 1e6 / two.median,
                     two.best / one.best, two.median / one.median, ProcessInfo.processInfo.activeProcessorCount))
    }
}

let json = CommandLine.arguments.contains("--json")
if CommandLine.arguments.contains("--threads") {
    try threadsTable(json: json)
    exit(0)
}
if CommandLine.arguments.contains("--float") {
    try floatTable(json: json)
    exit(0)
}
let batchSize = 64
if !json {
    print("Per sample: calls per second. Batch of \(batchSize), loss summed: µs per batch (µs per sample).")
    print("Medians of 105 short repetitions; the batch also as the best of them (the least disturbed by other processes).")
    print("network                                generated calls/s   autodiff calls/s      ratio        batch of \(batchSize)")
}
/// Per-sample microseconds of the (784,128,10) loop code, alone and in a batch, for the limit below.
var wideMicroseconds: (sample: Double, batch: Double)?
for item in cases {
    // The numbers of the peers (Benchmarks/peers/evaluate.py): parameters, x and t of seed 2.
    let (spec, values, parameters, inputs) = try problem(item.spec, count: batchSize)
    let x = inputs.x, t = inputs.t
    let network = OracleBridge.network(spec, values: values, as: Double.self)
    let loss = OracleBridge.loss(spec.loss)
    let work = spec.parameters.map { $0.rowCount * $0.columnCount }.reduce(0, +)
    let sampleCalls = max(200, 20_000_000 / work)  // about 0.1 s a repetition, 10 ms at the least
    let autodiffRate = callsPerSecond(calls: max(3, 200_000 / (work * 10))) {
        (try? network.lossAndGradients(input: x, target: t, loss: loss))?.loss ?? .nan
    }
    let sizes = spec.sizes
    if json { print(jsonLine(sizes: sizes, type: "autodiff", form: "tape", mode: "sample", peer: "autodiff", rate: autodiffRate)) }
    for form in item.forms {
        let entry = form.entry(parameters, inputs)
        let sampleRate = callsPerSecond(calls: sampleCalls, entry.sample)
        let batchRate = callsPerSecond(calls: max(10, sampleCalls / batchSize), entry.batch)
        if sizes == [784, 128, 10] && form.scalar == "Double" { wideMicroseconds = (1e6 / sampleRate.best, 1e6 / batchRate.best / Double(batchSize)) }
        if json {
            print(jsonLine(sizes: sizes, type: form.type, form: form.form, mode: "sample", peer: "generated", rate: sampleRate, scalar: form.scalar))
            print(jsonLine(sizes: sizes, type: form.type, form: form.form, mode: "batch64", peer: "generated", rate: batchRate, scalar: form.scalar))
            continue
        }
        let label = "\(item.name) (\(sizes.map(String.init).joined(separator: ","))), \(form.form)\(form.scalar == "Double" ? "" : ", \(form.scalar)")"
        let row = [
            label.padding(toLength: 36, withPad: " ", startingAt: 0),
            String(format: "%18.0f", sampleRate.median),
            String(format: "%18.0f", autodiffRate.median),
            String(format: "%10.0f×", sampleRate.median / autodiffRate.median),
            String(format: "%10.4g µs (%.3g), best %.4g µs", 1e6 / batchRate.median, 1e6 / batchRate.median / Double(batchSize), 1e6 / batchRate.best),
        ]
        print(row.joined(separator: " "))
    }
}

if !json {
    try floatTable(json: false)
    try threadsTable(json: false)
}
if json { exit(0) }

// MARK: - The (784,128,10) loop code against this machine's limit

/// Twelve independent vector sums: enough to keep two FMA pipes busy through a latency of
/// four or five cycles (2 × 5 = 10 chains in flight), where fewer would measure the latency.
struct Accumulators<Vector: SIMD> where Vector.Scalar == Double {
    var a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11: Vector

    init() {
        a0 = Vector(repeating: 1); a1 = a0; a2 = a0; a3 = a0; a4 = a0; a5 = a0
        a6 = a0; a7 = a0; a8 = a0; a9 = a0; a10 = a0; a11 = a0
    }

    /// Each sum ← sum · a + b, fused or as a multiply then an add.
    @inline(__always) mutating func step(_ a: Vector, _ b: Vector, fused: Bool) {
        @inline(__always) func next(_ x: Vector) -> Vector { fused ? b.addingProduct(x, a) : x * a + b }
        a0 = next(a0); a1 = next(a1); a2 = next(a2); a3 = next(a3); a4 = next(a4); a5 = next(a5)
        a6 = next(a6); a7 = next(a7); a8 = next(a8); a9 = next(a9); a10 = next(a10); a11 = next(a11)
    }

    var total: Double { (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11).sum() }
}

/// Double-precision throughput of `Vector` multiply-adds on twelve independent sums in registers,
/// fused (what the kernels run where the build has FMA) or separate: flops per second.
func peakFlopsPerSecond<Vector: SIMD>(_: Vector.Type, fused: Bool) -> Double where Vector.Scalar == Double {
    let a = Vector(repeating: 1.000_000_1), b = Vector(repeating: -0.000_000_1)
    let rounds = 50_000
    let rate = callsPerSecond(calls: 1) {
        var sums = Accumulators<Vector>()
        for _ in 0..<rounds { sums.step(a, b, fused: fused) }
        return sums.total
    }
    return rate.best * Double(rounds) * 12 * Double(Vector.scalarCount) * 2
}

/// Read bandwidth over a working set of `bytes`: summing an array of that size into eight
/// independent `Vector` sums (one sum would wait on the adder's latency), again and again
/// (64 MiB is far larger than the caches; a few hundred KiB stay in them). Eight sums of 8 lanes
/// are 16 registers of 256 bits, all a build for AVX2 has: there the 4-lane probe is the true one.
func readBytesPerSecond<Vector: SIMD>(workingSet bytes: Int, _: Vector.Type) -> Double where Vector.Scalar == Double {
    let values = [Double](repeating: 1, count: bytes / 8)
    let passes = max(1, (64 << 20) / bytes)
    let lanes = Vector.scalarCount
    let rate = callsPerSecond(calls: passes) {
        values.withUnsafeBufferPointer { buffer in
            var s0 = Vector(), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0
            func load(_ k: Int) -> Vector { UnsafeRawPointer(buffer.baseAddress! + k).loadUnaligned(as: Vector.self) }
            var k = 0
            while k + 8 * lanes <= buffer.count {
                s0 += load(k); s1 += load(k + lanes); s2 += load(k + 2 * lanes); s3 += load(k + 3 * lanes)
                s4 += load(k + 4 * lanes); s5 += load(k + 5 * lanes); s6 += load(k + 6 * lanes); s7 += load(k + 7 * lanes)
                k += 8 * lanes
            }
            return (s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7).sum()
        }
    }
    return rate.best * Double(values.count * 8)
}

/// The faster of the 4- and 8-lane read probes: the build's true read bandwidth.
func readBytesPerSecond(workingSet bytes: Int) -> Double {
    max(readBytesPerSecond(workingSet: bytes, SIMD4<Double>.self), readBytesPerSecond(workingSet: bytes, SIMD8<Double>.self))
}

/// The clock this system reports for the CPU (Linux: /proc/cpuinfo's "cpu MHz", the nominal
/// clock on a virtual machine), in GHz, or nil.
func nominalGigahertz() -> Double? {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
    let line = text.split(separator: "\n").first { $0.hasPrefix("cpu MHz") }
    return line.flatMap { Double($0.split(separator: ":").last!.trimmingCharacters(in: .whitespaces)) }.map { $0 / 1000 }
}

/// The vector extensions /proc/cpuinfo names for this CPU, of those that matter to the kernels.
func vectorExtensions() -> String {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let flags = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return "unknown" }
    let present = Set(flags.split(separator: " ").map(String.init))
    return ["avx2", "fma", "avx512f", "asimd"].filter(present.contains).joined(separator: " ")
}

// Per sample: the dot products of the forward pass and the δ xᵀ products of the backward pass
// (2 flops per weight each), and at least W1 read once and ∂L/∂W1 written once.
let weights = Double(784 * 128 + 128 * 10)
let flops = 4 * weights
let bytes = 2 * weights * 8
// The best of four probes is this build's limit: 4 and 8 lanes, fused and separate (a build for
// a CPU without FMA runs the fused probe as library calls, far slower, and so does not count).
let probes = [
    ("SIMD4 fused", peakFlopsPerSecond(SIMD4<Double>.self, fused: true)),
    ("SIMD8 fused", peakFlopsPerSecond(SIMD8<Double>.self, fused: true)),
    ("SIMD4 multiply, add", peakFlopsPerSecond(SIMD4<Double>.self, fused: false)),
    ("SIMD8 multiply, add", peakFlopsPerSecond(SIMD8<Double>.self, fused: false)),
]
let (peakName, peak) = probes.max { $0.1 < $1.1 }!
let peakLanes = peakName.hasPrefix("SIMD8") ? 8.0 : 4.0
let memory = readBytesPerSecond(workingSet: 64 << 20)
let cached = readBytesPerSecond(workingSet: Int(bytes))
print("")
print("CPU vector extensions: \(vectorExtensions())")
if let wide = wideMicroseconds {
    print("loops (784,128,10), best of 105: \(String(format: "%.1f", wide.sample)) µs per sample alone, \(String(format: "%.1f", wide.batch)) µs per sample in a batch of \(batchSize)")
}
print("peak probes (12 independent sums): " + probes.map { "\($0.0) \(String(format: "%.1f", $0.1 / 1e9))" }.joined(separator: ", ") + " GFLOP/s")
if let clock = nominalGigahertz() {
    // Two FMA pipes (Haswell and later, Zen): lanes × 2 flops × 2 pipes × clock. A virtual
    // machine reports its nominal clock; a measured peak above the 256-bit figure means a higher
    // clock (turbo) or 512-bit FMA.
    let theory = { (lanes: Double) in lanes * 2 * 2 * clock }
    print("theoretical at the nominal \(String(format: "%.2f", clock)) GHz, 2 FMA pipes: \(String(format: "%.1f", theory(4))) GFLOP/s with 256-bit vectors, \(String(format: "%.1f", theory(8))) with 512-bit; measured \(String(format: "%.1f", peak / 1e9)) (\(peakName)), which with \(Int(peakLanes) * 64)-bit vectors means \(String(format: "%.2f", peak / 1e9 / (peakLanes * 4))) GHz")
}
print("bandwidth: \(String(format: "%.1f", memory / 1e9)) GB/s memory read, \(String(format: "%.1f", cached / 1e9)) GB/s read of \(Int(bytes) >> 10) KiB in the caches (8 independent sums of 4 or 8 lanes, the faster)")
print("limit per sample alone: \(String(format: "%.1f", flops / peak * 1e6)) µs of arithmetic (\(Int(flops)) flops at the measured peak); moving W1 and ∂L/∂W1 (\(Int(bytes)) bytes) \(String(format: "%.1f", bytes / cached * 1e6)) µs from the caches, \(String(format: "%.1f", bytes / memory * 1e6)) µs from memory")
if let wide = wideMicroseconds {
    // A batch reads W1 and writes ∂L/∂W1 once for all its samples: its limit is the arithmetic.
    let batchLimit = max(flops / peak, bytes / cached / Double(batchSize)) * 1e6
    let sampleLimit = max(flops / peak, bytes / cached) * 1e6
    print("(784,128,10) alone: \(String(format: "%.2f", wide.sample / sampleLimit))× its limit (\(String(format: "%.1f", wide.sample)) µs against \(String(format: "%.1f", sampleLimit)) µs)")
    print("(784,128,10) in a batch of \(batchSize): \(String(format: "%.2f", wide.batch / batchLimit))× the limit per sample (\(String(format: "%.1f", wide.batch)) µs against \(String(format: "%.1f", batchLimit)) µs; the ReLU backward pass skips δ's zeros, about a quarter of the flops counted)")
}
