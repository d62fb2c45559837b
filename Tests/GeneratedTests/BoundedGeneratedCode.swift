import Autodiff
import Exact
@testable import GeneratedNetworks

/// `ErrorBounded` as a scalar of generated code's generic body, so that committed unrolled code
/// runs a second time with a bound on its own rounding error beside each value, as
/// `gradgen verify` runs it on its GradgenBounded: the same operations in the same order, so the
/// running error analysis bounds that code's error, and a comparison with the autodiff may use
/// the sum of both bounds instead of twice the autodiff's, which is no bound of the code's
/// error (the code's σ′ = σ(1 − σ) has errors the tape's σ(x)σ(−x) does not). Comparisons
/// follow the values: the networks run on it (sigmoid) have no kink.
extension ErrorBounded: ExpressibleByIntegerLiteral, Gradgen.Scalar, Gradgen.Transcendental where Base: BinaryFloatingPoint {
    public init(integerLiteral value: Int) { self.init(converting: Rational(value)) }
    public init(_ numerator: Int, over denominator: Int) { self.init(converting: Rational(numerator, denominator)) }
    public init(rounded value: Double) { self.init(Base(value), bound: Base(value).roundingErrorBound) }
    public static func exponential(_ x: Self) -> Self { transcendentalFunctions!.exp(x) }
    public static func logarithm(_ x: Self) -> Self { transcendentalFunctions!.log(x) }
    public static func logarithmOfOnePlus(_ x: Self) -> Self { transcendentalFunctions!.log1p(x) }
    public static func hyperbolicTangent(_ x: Self) -> Self { transcendentalFunctions!.tanh(x) }
}

/// Bounds of the generated code's own results (loss, W1, b1, W2, b2), from its generic body
/// run on `ErrorBounded`; an unknown bound is infinity.
enum OwnBounds {
    static func exactly<B: ErrorBoundedBase>(_ values: [B]) -> [ErrorBounded<B>] { values.map { ErrorBounded(exactly: $0) } }

    static func referenceSigmoid(_ x: [Double], _ t: [Double], _ p: [[Double]]) -> [ErrorBounded<Double>] {
        var g = ReferenceSigmoid.GradientSet<ErrorBounded<Double>>()
        ReferenceSigmoid.evaluate(x: exactly(x), t: exactly(t), parameters: .init(W1: exactly(p[0]), b1: exactly(p[1]), W2: exactly(p[2]), b2: exactly(p[3])), into: &g)
        return [g.loss] + g.W1 + g.b1 + g.W2 + g.b2
    }

    static func referenceSigmoidFloat(_ x: [Float], _ t: [Float], _ p: [[Float]]) -> [ErrorBounded<Float>] {
        var g = ReferenceSigmoidFloat.GradientSet<ErrorBounded<Float>>()
        ReferenceSigmoidFloat.evaluate(x: exactly(x), t: exactly(t), parameters: .init(W1: exactly(p[0]), b1: exactly(p[1]), W2: exactly(p[2]), b2: exactly(p[3])), into: &g)
        return [g.loss] + g.W1 + g.b1 + g.W2 + g.b2
    }

    /// The bounds as Doubles (every Float is a Double exactly), infinity where unknown.
    static func bounds<B: BinaryFloatingPoint>(_ values: [ErrorBounded<B>]) -> [Double] {
        values.map { $0.bound.map { Double($0) } ?? .infinity }
    }

    /// Samples' bounded results combined as the unrolled batch combines them: summed in sample
    /// order, then multiplied by the rounded 1/n for the mean.
    static func combined<B: ErrorBoundedBase>(_ samples: [[ErrorBounded<B>]], mean: Bool) -> [ErrorBounded<B>] {
        var total = samples[0].map { _ in ErrorBounded<B>.zero }
        for sample in samples { total = zip(total, sample).map(+) }
        let scale = ErrorBounded<B>(converting: mean ? Rational(1, samples.count) : 1)
        return mean ? total.map { $0 * scale } : total
    }
}
