import Autodiff
import Exact
import NetworkModel

/// How the symbolic results of a network agree with the runtime autodiff: exactly in
/// `Rational` where the network is rational (piecewise-linear activations, polynomial loss),
/// and in `Double` always.
public struct OracleCheck: Sendable {
    /// Whether the Rational autodiff gives exactly the same loss and gradients; nil when
    /// the network is not rational (sigmoid, tanh, softplus, cross-entropy).
    public let exactAgreement: Bool?
    /// The comparison with the Double autodiff.
    public let double: DoubleComparison

    /// Runs the autodiff on `spec`'s numbers and compares it with `evaluation`.
    public init(spec: NetworkSpec, values: NetworkValues, evaluation: ExactEvaluation) throws {
        try self.init(spec: spec, values: values, symbolic: [evaluation.loss] + evaluation.gradients.flatMap(\.values))
    }

    /// Runs the autodiff on `spec`'s numbers and compares it with `symbolic`: the loss, then
    /// every gradient entry (W1, b1, W2, … each row-major), computed any way (the handout
    /// passes the matrix derivation's numbers).
    public init(spec: NetworkSpec, values: NetworkValues, symbolic: [ExactValue]) throws {
        let rationals = symbolic.compactMap(\.rational)
        if rationals.count == symbolic.count {
            do {
                exactAgreement = try OracleBridge.lossAndGradients(spec, values: values, as: Rational.self) == rationals
            } catch AutodiffError.unsupportedFunction {
                // Rational values from an activation that needs e^x elsewhere (ELU at positive z):
                // the Rational oracle refuses the network, so only Double checks it.
                exactAgreement = nil
            }
        } else {
            exactAgreement = nil
        }
        let oracle = try OracleBridge.lossAndGradients(spec, values: values, as: Double.self)
        let mine: [Double] = symbolic.map { value in value.rational.map { Double($0) } ?? Double(value.decimal) ?? .nan }
        double = DoubleComparison(mine, oracle)
    }

    /// Both checks that apply passed.
    public var passed: Bool { double.agrees && exactAgreement != false }
}
