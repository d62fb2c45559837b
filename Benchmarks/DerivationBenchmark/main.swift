// From spec to symbolic gradient to schedule, timed; and the exact path (spec → gradient →
// exact rational values). Prints one JSON object per line, for Benchmarks/peers/run.py and
// for people. Run in release:
//   swift build -c release --product DerivationBenchmark
//   .build/release/DerivationBenchmark [--sizes 3,2,2:10,10,10] [--runs N] [--seed S]
//   .build/release/DerivationBenchmark --exact --sizes 50,50,10 --seed S --spec-out spec.json --answers-out answers.json
// Network: ReLU hidden layers, identity output, ½‖t − y‖² (the defaults of a random problem).
import Exact
import Foundation
import NetworkModel
import Symbolic

#if canImport(Glibc)
import Glibc
#endif

/// Seconds on the monotonic clock.
func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("DerivationBenchmark: \(message)\n".utf8))
    exit(2)
}

/// The command line: --sizes a,b,c:d,e,f  --runs N  --seed S  --exact  --spec-out P  --answers-out P
struct Options {
    var sizes: [[Int]] = [[3, 2, 2], [10, 10, 10], [30, 30, 10], [50, 50, 10], [100, 100, 10]]
    var runs: Int?
    var seed: UInt64 = 1
    var exact = false
    var specOut: String?
    var answersOut: String?

    init(_ arguments: [String]) {
        var rest = arguments[...]
        func value(_ flag: String) -> String {
            guard let next = rest.popFirst() else { fail("\(flag) needs a value") }
            return next
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--sizes":
                sizes = value(argument).split(separator: ":").map { group in
                    group.split(separator: ",").map { number(String($0), "--sizes") }
                }
            case "--runs": runs = number(value(argument), argument)
            case "--seed": seed = UInt64(number(value(argument), argument))
            case "--exact": exact = true
            case "--spec-out": specOut = value(argument)
            case "--answers-out": answersOut = value(argument)
            default: fail("unknown argument \(argument)")
            }
        }
    }
}

/// A non-negative integer argument, or exit with a message.
func number(_ text: String, _ flag: String) -> Int {
    guard let value = Int(text), value >= 0 else { fail("\(flag): not a non-negative number: \(text)") }
    return value
}

func json(_ fields: [(String, String)]) -> String {
    "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
}

func json(_ sizes: [Int]) -> String { "[" + sizes.map(String.init).joined(separator: ", ") + "]" }

func json(_ seconds: Double) -> String { String(format: "%.6g", seconds) }

func json(_ values: [Double]) -> String { "[" + values.map { json($0) }.joined(separator: ", ") + "]" }

/// How many runs to take the median of: fewer for slow cases, at least 3.
func runCount(firstRun seconds: Double, asked: Int?) -> Int {
    if let asked { return asked }
    return seconds < 1 ? 7 : seconds < 10 ? 5 : 3
}

let options = Options(Array(CommandLine.arguments.dropFirst()))

func problem(_ sizes: [Int], values: RandomProblemOptions.ValueStyle) -> NetworkSpec {
    do {
        return try NetworkSpec.random(seed: options.seed, options: RandomProblemOptions(sizes: .fixed(sizes), values: values))
    } catch {
        fail("\(error)")
    }
}

// MARK: - Derivation: spec → loss DAG and reverse-mode gradient → schedule

struct DerivationRun {
    var derivation: Double
    var schedule: Double
    var nodes: Int
    var scheduleLength: Int
    var parameters: Int
    var total: Double { derivation + schedule }
}

func deriveOnce(_ sizes: [Int]) -> DerivationRun {
    let start = now()
    let spec = problem(sizes, values: .nice)
    let derivation = Derivation(spec: spec)
    let derived = now()
    let outputs = [derivation.loss] + derivation.gradients.flatMap(\.entries)
    let schedule = Schedule(outputs: outputs, in: derivation.arena)
    let end = now()
    return DerivationRun(
        derivation: derived - start, schedule: end - derived, nodes: derivation.arena.count,
        scheduleLength: schedule.assignments.count, parameters: outputs.count - 1)
}

func benchmarkDerivation(_ sizes: [Int]) {
    var runs = [deriveOnce(sizes)]
    let count = runCount(firstRun: runs[0].total, asked: options.runs)
    while runs.count < count { runs.append(deriveOnce(sizes)) }
    let totals = runs.map(\.total)
    print(json([
        ("benchmark", "\"derivation\""),
        ("sizes", json(sizes)),
        ("parameters", String(runs[0].parameters)),
        ("runs", String(runs.count)),
        ("seconds", json(median(totals))),
        ("derivation_seconds", json(median(runs.map(\.derivation)))),
        ("schedule_seconds", json(median(runs.map(\.schedule)))),
        ("all_seconds", json(totals)),
        ("dag_nodes", String(runs[0].nodes)),
        ("schedule_length", String(runs[0].scheduleLength)),
    ]))
    fflush(nil)
}

// MARK: - Exact: spec → gradient → exact rationals

func write(_ text: String, to path: String) {
    do {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
        fail("cannot write \(path): \(error)")
    }
}

func benchmarkExact(_ sizes: [Int]) {
    let spec = problem(sizes, values: .general)
    let values: NetworkValues
    do { values = try spec.requireValues() } catch { fail("\(error)") }

    // Rationals only: the derivation, then one pass over the DAG in exact arithmetic.
    var rationalTimes: [Double] = []
    var answers: [Rational] = []
    var derivation: Derivation?
    repeat {
        let start = now()
        let derived = Derivation(spec: spec)
        let outputs = [derived.loss] + derived.gradients.flatMap(\.entries)
        do { answers = try derived.arena.evaluate(outputs, bindings: derived.bindings(values)) } catch { fail("\(error)") }
        rationalTimes.append(now() - start)
        derivation = derived
    } while rationalTimes.count < runCount(firstRun: rationalTimes[0], asked: options.runs)

    // The evaluation alone, over the derivation already built.
    var evaluateTimes: [Double] = []
    let outputs = [derivation!.loss] + derivation!.gradients.flatMap(\.entries)
    let bindings = derivation!.bindings(values)
    repeat {
        let start = now()
        do { _ = try derivation!.arena.evaluate(outputs, bindings: bindings) } catch { fail("\(error)") }
        evaluateTimes.append(now() - start)
    } while evaluateTimes.count < runCount(firstRun: evaluateTimes[0], asked: options.runs)

    // As `gradgen eval` does it: ExactEvaluation (every value, with 17-digit decimals).
    var evaluationTimes: [Double] = []
    var evaluation: ExactEvaluation?
    repeat {
        let start = now()
        do {
            evaluation = try ExactEvaluation(derivation: Derivation(spec: spec), values: values, significantDigits: 17)
        } catch {
            fail("\(error)")
        }
        evaluationTimes.append(now() - start)
    } while evaluationTimes.count < runCount(firstRun: evaluationTimes[0], asked: options.runs)

    // The two gradgen paths must agree before anything is compared with a peer.
    let fromEvaluation = [evaluation!.loss.rational] + evaluation!.gradients.flatMap { $0.values.map(\.rational) }
    guard fromEvaluation == answers.map(Optional.some) else { fail("ExactEvaluation and evaluate disagree") }

    if let path = options.specOut { write(spec.jsonText, to: path) }
    if let path = options.answersOut {
        var lines = ["{", "  \"loss\": \"\(answers[0])\","]
        var offset = 1
        let gradients = derivation!.gradients
        for (index, entries) in gradients.enumerated() {
            let slice = answers[offset..<offset + entries.entries.count].map { "\"\($0)\"" }.joined(separator: ", ")
            offset += entries.entries.count
            lines.append("  \"\(entries.parameter.name)\": [\(slice)]" + (index == gradients.count - 1 ? "" : ","))
        }
        lines.append("}")
        write(lines.joined(separator: "\n") + "\n", to: path)
    }
    let digits = answers.map { $0.description.count }
    print(json([
        ("benchmark", "\"exact\""),
        ("sizes", json(sizes)),
        ("seed", String(options.seed)),
        ("parameters", String(answers.count - 1)),
        ("runs", String(rationalTimes.count)),
        ("seconds", json(median(rationalTimes))),
        ("all_seconds", json(rationalTimes)),
        ("evaluate_only_seconds", json(median(evaluateTimes))),
        ("exact_evaluation_seconds", json(median(evaluationTimes))),
        ("exact_evaluation_all_seconds", json(evaluationTimes)),
        ("dag_nodes", String(derivation!.arena.count)),
        ("loss", "\"\(answers[0])\""),
        ("longest_answer_characters", String(digits.max() ?? 0)),
    ]))
    fflush(nil)
}

for sizes in options.sizes {
    if sizes.count < 2 { fail("--sizes: each network needs at least two sizes") }
    if options.exact { benchmarkExact(sizes) } else { benchmarkDerivation(sizes) }
}
