import Autodiff
import Exact
import Network

/// How the symbolic results of a network agree with the runtime autodiff: exactly in
/// `Rational` where the network is rational (piecewise-linear activations, polynomial loss),
/// and in `Double` always.
public struct OracleCheck: Sendable {
    /// Whether the Rational autodiff gives exactly the same loss and gradients; nil when
    /// the network is not rational (sigmoid, tanh, softplus, cross-entropy).
    public let exactAgreement: Bool?
    /// Number of values compared (the loss and every gradient entry).
    public let count: Int
    /// Largest |symbolic − autodiff| in Double.
    public let maximumAbsoluteError: Double
    /// Largest |symbolic − autodiff| / max(|symbolic|, |autodiff|) in Double (0 where both are 0).
    public let maximumRelativeError: Double
    /// True when every Double value agrees to `relativeTolerance` (plus an absolute allowance
    /// of 1e-14 times the largest magnitude, for values that cancel to almost nothing).
    public let doubleAgreement: Bool

    /// The tolerance of `doubleAgreement`.
    public static let relativeTolerance = 1e-12

    /// Runs the autodiff on `spec`'s numbers and compares it with `evaluation`.
    public init(spec: NetworkSpec, values: NetworkValues, evaluation: ExactEvaluation) throws {
        try self.init(spec: spec, values: values, symbolic: [evaluation.loss] + evaluation.gradients.flatMap(\.values))
    }

    /// Runs the autodiff on `spec`'s numbers and compares it with `symbolic`: the loss, then
    /// every gradient entry (W1, b1, W2, … each row-major), computed any way (the handout
    /// passes the matrix derivation's numbers).
    public init(spec: NetworkSpec, values: NetworkValues, symbolic: [ExactValue]) throws {
        if symbolic.allSatisfy({ $0.rational != nil }) {
            let exact = try OracleBridge.lossAndGradients(spec, values: values, as: Rational.self)
            exactAgreement = exact == symbolic.map { $0.rational! }
        } else {
            exactAgreement = nil
        }
        let oracle = try OracleBridge.lossAndGradients(spec, values: values, as: Double.self)
        let mine: [Double] = symbolic.map { value in value.rational.map { Double($0) } ?? Double(value.decimal) ?? .nan }
        let scale: Double = (mine + oracle).map { Swift.abs($0) }.filter { $0.isFinite }.max() ?? 0
        var absolute = 0.0
        var relative = 0.0
        var agree = true
        for (a, b) in zip(mine, oracle) {
            let difference = Swift.abs(a - b)
            let size = max(Swift.abs(a), Swift.abs(b))
            absolute = max(absolute, difference)
            relative = max(relative, size == 0 ? 0 : difference / size)
            if !(difference <= Self.relativeTolerance * size + 1e-14 * scale) { agree = false }
        }
        count = mine.count
        maximumAbsoluteError = absolute
        maximumRelativeError = relative
        doubleAgreement = agree
    }

    /// Both checks that apply passed.
    public var passed: Bool { doubleAgreement && exactAgreement != false }
}
