import Autodiff
import Emit
import Exact
import NetworkModel

/// What `GeneratedCodeCheck` asks the compiled harness (`VerifyHarness.swift.mustache`), one
/// line per question, and the autodiff's answers to compare with. A trial line asks for one
/// sample's loss and gradients and `predict(x:parameters:)`; a batch line asks for
/// `batchLossAndGradients` of `batchSize` samples under `.sum` and `.mean` and for the batch
/// `predict`. A batch takes the parameters and first sample of one trial and the sample of
/// the next trial in between (b, b + 1, b), so that a sample read at the wrong offset shows,
/// and so that its oracle needs one more autodiff run per batch, not three; the exact mean
/// of the samples' exact values is what `.mean` must give. Numbers travel as `Double` bit
/// patterns whatever the code's scalar; for `Float` code they are `Float`s (each rounded once
/// from its rational), and the autodiff runs in `Float` so that its bounds are `Float`'s.
struct HarnessProtocol {
    /// The scalar type of the generated code that the harness runs.
    let scalar: CodeScalar
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
    init(spec: NetworkSpec, trials: Int, seed: UInt64, scalar: CodeScalar = .double) throws {
        self.scalar = scalar
        switch scalar {
        case .double: try ask(spec: spec, trials: trials, seed: seed, in: Double.self)
        case .float: try ask(spec: spec, trials: trials, seed: seed, in: Float.self)
        }
    }

    /// The questions and the autodiff's answers in `Base`, the code's scalar; the answers
    /// widened to `Double` (every `Float` and every `Float` bound is a `Double` exactly).
    private mutating func ask<Base: ErrorBoundedBase & BinaryFloatingPoint>(spec: NetworkSpec, trials: Int, seed: UInt64, in _: Base.Type) throws {
        func widened(_ values: [ErrorBounded<Base>]) -> [ErrorBounded<Double>] {
            values.map { ErrorBounded<Double>(Double($0.value), bound: $0.bound.map { Double($0) }) }
        }
        var samples: [NetworkValues] = []
        var evaluations: [Evaluation<ErrorBounded<Base>>] = []
        for trial in 0..<trials {
            let values = try (trial == 0 && spec.hasAllValues ? spec : spec.withRandomValues(seed: seed &+ UInt64(trial))).requireValues()
            let evaluation: Evaluation<ErrorBounded<Base>> = try Self.oracle(spec, parameters: values, sample: values)
            input += "trial " + Self.bits(values.input + values.target + Self.parameters(values), Base.self) + "\n"
            single += widened(OracleBridge.flattened(evaluation))
            predictions += widened(OracleBridge.predictions(spec, of: evaluation))
            samples.append(values)
            evaluations.append(evaluation)
        }
        self.trials = trials
        for batch in 0..<min(trials, Self.batchLimit) {
            let next = (batch + 1) % trials
            let members = [batch, next, batch].prefix(Self.batchSize)
            let nextEvaluation = next == batch ? evaluations[batch] : try Self.oracle(spec, parameters: samples[batch], sample: samples[next])
            let results = members.map { $0 == batch ? evaluations[batch] : nextEvaluation }
            input += "batch \(members.count) " + Self.bits(members.flatMap { samples[$0].input } + members.flatMap { samples[$0].target } + Self.parameters(samples[batch]), Base.self) + "\n"
            // The returned loss and the workspace's loss are both compared with the loss.
            let summed = widened(Self.combine(results.map(OracleBridge.flattened), mean: false))
            let averaged = widened(Self.combine(results.map(OracleBridge.flattened), mean: true))
            sum += [summed[0]] + summed
            mean += [averaged[0]] + averaged
            batchPredictions += widened(results.flatMap { OracleBridge.predictions(spec, of: $0) })
        }
        batches = min(trials, Self.batchLimit)
    }

    /// The loss and gradients of a minibatch from its samples' (bounded) ones, combined as the
    /// runtime combines them: summed in sample order, then, for the mean, multiplied by the
    /// nearest `Base` to 1/n; the bound of each step covers its rounding.
    static func combine<Base: ErrorBoundedBase>(_ samples: [[ErrorBounded<Base>]], mean: Bool) -> [ErrorBounded<Base>] {
        var total = samples[0].map { _ in ErrorBounded<Base>.zero }
        for sample in samples { total = zip(total, sample).map(+) }
        guard mean else { return total }
        let scale = ErrorBounded<Base>(converting: Rational(1, samples.count))
        return total.map { $0 * scale }
    }

    /// The autodiff at the sample of `sample` with the parameters of `parameters`. The program
    /// computes with these numbers of `Base`: the oracle starts from them exactly, so that both
    /// bounds measure the distance from the same exact value.
    private static func oracle<Base: ErrorBoundedBase>(_ spec: NetworkSpec, parameters: NetworkValues, sample: NetworkValues) throws -> Evaluation<ErrorBounded<Base>> {
        try OracleBridge.evaluation(spec, values: parameters, input: sample.input, target: sample.target) { ErrorBounded<Base>(exactly: Base.nearest(to: $0).value) }
    }

    private static func parameters(_ values: NetworkValues) -> [Rational] {
        zip(values.weights, values.biases).flatMap { $0.elements + $1 }
    }

    /// The numbers rounded once to `Base`, as bit patterns of the `Double`s they are.
    private static func bits<Base: ErrorBoundedBase & BinaryFloatingPoint>(_ numbers: [Rational], _: Base.Type) -> String {
        numbers.map { String(Double(Base.nearest(to: $0).value).bitPattern, radix: 16) }.joined(separator: " ")
    }
}
