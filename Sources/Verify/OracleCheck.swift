import Autodiff
import Exact
import NetworkModel

/// How the symbolic results of a network agree with the runtime autodiff: exactly in
/// `Rational` where the network is rational (piecewise-linear activations, polynomial loss),
/// and in `Double` always, each Double value within the rounding-error bound that the
/// autodiff computes beside it.
public struct OracleCheck: Sendable {
    /// Whether the Rational autodiff gives exactly the same loss and gradients; nil when
    /// the network is not rational (sigmoid, tanh, softplus, cross-entropy).
    public let exactAgreement: Bool?
    /// The Double autodiff against the exact values, per group, by error bounds.
    public let double: ErrorBoundCheck
    /// The high-precision autodiff against the decimals, to their digits; nil when the
    /// network is rational (the Rational autodiff decides) or no digits were given.
    public let highPrecision: HighPrecisionCheck?

    /// Runs the autodiff on `spec`'s numbers and compares it with `evaluation`, whose decimals
    /// have `significantDigits` digits.
    public init(spec: NetworkSpec, values: NetworkValues, evaluation: ExactEvaluation, significantDigits: Int) throws {
        try self.init(spec: spec, values: values, symbolic: [evaluation.loss] + evaluation.gradients.flatMap(\.values),
                      significantDigits: significantDigits)
    }

    /// Runs the autodiff on `spec`'s numbers and compares it with `symbolic`: the loss, then
    /// every gradient entry (W1, b1, W2, … each row-major), computed any way (the handout
    /// passes the matrix derivation's numbers), decimals with `significantDigits` digits.
    public init(spec: NetworkSpec, values: NetworkValues, symbolic: [ExactValue], significantDigits: Int) throws {
        try self.init(spec: spec, values: values, exact: symbolic.map { ExactReference($0, significantDigits: significantDigits) },
                      digits: significantDigits)
    }

    /// Runs the autodiff on `spec`'s numbers and compares it with `exact`, in the same order:
    /// exactly in Rational when every value is rational, in Double within bounds, and, when
    /// `digits` is given and the network is not rational, in high precision to that many digits.
    public init(spec: NetworkSpec, values: NetworkValues, exact: [ExactReference], digits: Int? = nil) throws {
        if exact.allSatisfy(\.isExact) {
            do {
                exactAgreement = try OracleBridge.lossAndGradients(spec, values: values, as: Rational.self) == exact.map(\.value)
            } catch AutodiffError.unsupportedFunction {
                // Rational values from an activation that needs e^x elsewhere (ELU at positive z):
                // the Rational oracle refuses the network, so only Double checks it.
                exactAgreement = nil
            }
        } else {
            exactAgreement = nil
        }
        let oracle = try OracleBridge.lossAndGradients(spec, values: values, as: ErrorBounded<Double>.self)
        double = ErrorBoundCheck(exact: exact, oracle: oracle, layout: ValueGroup.groups(of: spec))
        if let digits, exactAgreement == nil {
            highPrecision = try HighPrecisionCheck(spec: spec, values: values, exact: exact, digits: digits)
        } else {
            highPrecision = nil
        }
    }

    /// Both checks that apply passed.
    public var passed: Bool { double.passed && exactAgreement != false && highPrecision?.passed != false }

    /// Some oracle compared at least one value. When none could, nothing was checked, and that
    /// is not a pass (the high-precision oracle compares every value of a network that is not
    /// rational, and the Rational autodiff every value of one that is: a guard, not a case).
    public var comparedAny: Bool {
        exactAgreement != nil || double.compared > 0 || highPrecision?.groups.contains { $0.compared > 0 } == true
    }

    /// The one-word verdict: PASS only when values were compared and all agree.
    public var verdict: String { !passed ? "FAIL" : comparedAny ? "PASS" : "NOT CHECKED" }
}
