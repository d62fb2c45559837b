import Autodiff
import Exact
import NetworkModel

/// What `GeneratedCodeCheck` asks the compiled harness (`VerifyHarness.swift.mustache`), one
/// line per question, and the autodiff's answers to compare with. A trial line asks for one
/// sample's loss and gradients and `predict(x:parameters:)`; a batch line asks for
/// `batchLossAndGradients` of `batchSize` samples under `.sum` and `.mean` and for the batch
/// `predict`. A batch takes the parameters and first sample of one trial and the sample of
/// the next trial in between (b, b + 1, b), so that a sample read at the wrong offset shows,
/// and so that its oracle needs one more autodiff run per batch, not three; the exact mean
/// of the samples' exact values is what `.mean` must give.
struct HarnessProtocol {
    /// The scalar type of the generated code that the harness runs: the one place to change
    /// when verify checks another scalar.
    static let scalar = "Double"
    /// Samples in a batch.
    static let batchSize = 3
    /// Batches at most (each costs one autodiff run more); fewer when there are fewer trials.
    static let batchLimit = 4

    /// The program's standard input.
    private(set) var input = ""
    /// Trials and batches, in the order of their lines (trials first).
    private(set) var trials = 0, batches = 0
    /// The autodiff's loss and gradients, per trial and per batch under `.sum` and `.mean`;
    /// its predictions per trial and per batch.
    private(set) var single: [ErrorBounded<Double>] = [], sum: [ErrorBounded<Double>] = [], mean: [ErrorBounded<Double>] = []
    private(set) var predictions: [ErrorBounded<Double>] = [], batchPredictions: [ErrorBounded<Double>] = []

    /// The lines for `trials` trials of `spec` (its own numbers first when it has them, then
    /// seeded random ones) and their batches, with the autodiff's answers.
    init(spec: NetworkSpec, trials: Int, seed: UInt64) throws {
        var samples: [NetworkValues] = []
        var evaluations: [Evaluation<ErrorBounded<Double>>] = []
        for trial in 0..<trials {
            let values = try (trial == 0 && spec.hasAllValues ? spec : spec.withRandomValues(seed: seed &+ UInt64(trial))).requireValues()
            let evaluation = try Self.oracle(spec, parameters: values, sample: values)
            input += "trial " + Self.bits(values.input + values.target + Self.parameters(values)) + "\n"
            single += OracleBridge.flattened(evaluation)
            predictions += OracleBridge.predictions(spec, of: evaluation)
            samples.append(values)
            evaluations.append(evaluation)
        }
        self.trials = trials
        for batch in 0..<min(trials, Self.batchLimit) {
            let next = (batch + 1) % trials
            let members = [batch, next, batch].prefix(Self.batchSize)
            let nextEvaluation = next == batch ? evaluations[batch] : try Self.oracle(spec, parameters: samples[batch], sample: samples[next])
            let results = members.map { $0 == batch ? evaluations[batch] : nextEvaluation }
            input += "batch \(members.count) " + Self.bits(members.flatMap { samples[$0].input } + members.flatMap { samples[$0].target } + Self.parameters(samples[batch])) + "\n"
            // The returned loss and the workspace's loss are both compared with the loss.
            let summed = Self.combine(results.map(OracleBridge.flattened), mean: false)
            let averaged = Self.combine(results.map(OracleBridge.flattened), mean: true)
            sum += [summed[0]] + summed
            mean += [averaged[0]] + averaged
            batchPredictions += results.flatMap { OracleBridge.predictions(spec, of: $0) }
        }
        batches = min(trials, Self.batchLimit)
    }

    /// The loss and gradients of a minibatch from its samples' (bounded) ones, combined as the
    /// runtime combines them: summed in sample order, then, for the mean, multiplied by the
    /// nearest Double to 1/n; the bound of each step covers its rounding.
    static func combine(_ samples: [[ErrorBounded<Double>]], mean: Bool) -> [ErrorBounded<Double>] {
        var total = samples[0].map { _ in ErrorBounded<Double>.zero }
        for sample in samples { total = zip(total, sample).map(+) }
        guard mean else { return total }
        let scale = ErrorBounded<Double>(converting: Rational(1, samples.count))
        return total.map { $0 * scale }
    }

    /// The autodiff at the sample of `sample` with the parameters of `parameters`. The program
    /// computes with these Doubles: the oracle starts from them exactly, so that both bounds
    /// measure the distance from the same exact value.
    private static func oracle(_ spec: NetworkSpec, parameters: NetworkValues, sample: NetworkValues) throws -> Evaluation<ErrorBounded<Double>> {
        try OracleBridge.evaluation(spec, values: parameters, input: sample.input, target: sample.target) { ErrorBounded<Double>(exactly: Double($0)) }
    }

    private static func parameters(_ values: NetworkValues) -> [Rational] {
        zip(values.weights, values.biases).flatMap { $0.elements + $1 }
    }

    private static func bits(_ numbers: [Rational]) -> String {
        numbers.map { String(Double($0).bitPattern, radix: 16) }.joined(separator: " ")
    }
}
