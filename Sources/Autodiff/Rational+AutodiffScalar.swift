import Exact

extension Rational: AutodiffScalar {
    /// The value itself: constants are exact already.
    public init(converting value: Rational) {
        self = value
    }

    /// None: e^q is irrational for every rational q ≠ 0, so exact arithmetic stops at
    /// the piecewise-linear activations and polynomial losses.
    public static var transcendentalFunctions: TranscendentalFunctions<Rational>? { nil }
}
