#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Exact

/// IEEE 754 binary formats with round-to-nearest: each operation's result is within the unit
/// roundoff u (2⁻⁵³ for `Double`, 2⁻²⁴ for `Float`) of the exact result relatively, or within
/// the smallest subnormal absolutely where it underflows.
extension ErrorBoundedBase where Self: BinaryFloatingPoint {
    /// The unit roundoff, half a unit in the last place of 1.
    static var unitRoundoff: Self { ulpOfOne / 2 }

    /// The nearest value, `nearest`, and its exact distance from `value` (given the exact
    /// value of `nearest`), rounded up.
    static func nearest(_ nearest: Self, exactly exact: Rational?, to value: Rational, distance: (Rational) -> Self) -> (value: Self, error: Self) {
        guard let exact else { return (nearest, .infinity) }
        let gap = distance((exact - value).magnitude)
        return (nearest, gap == 0 ? 0 : gap.nextUp)
    }

    /// u·|x| for normal results, the smallest subnormal below the normal range.
    public var roundingErrorBound: Self {
        magnitude < Self.leastNormalMagnitude ? Self.leastNonzeroMagnitude : magnitude * Self.unitRoundoff
    }

    /// Eight roundings of relative size u at most grow a value by (1 + u)⁸ < 1 + 16u; the
    /// subnormal term covers products that underflowed.
    public var roundedUp: Self {
        self * (1 + 16 * Self.unitRoundoff) + 16 * Self.leastNonzeroMagnitude
    }

    /// The mirror of `roundedUp`.
    public var roundedDown: Self {
        self * (1 - 16 * Self.unitRoundoff) - 16 * Self.leastNonzeroMagnitude
    }

    /// A C library function's result with 4 ulps (8u relative) as its error bound (glibc
    /// documents at most 2 for e^x, log, log1p and tanh on x86-64 and AArch64, in both formats).
    static func libraryResult(_ value: Self) -> Approximation<Self> {
        Approximation(value, error: value.isFinite ? value.magnitude * 8 * Self.unitRoundoff + 4 * Self.leastNonzeroMagnitude : nil)
    }
}

extension Double: ErrorBoundedBase {
    /// The correctly rounded value and its exact distance from `value`, rounded up.
    public static func nearest(to value: Rational) -> (value: Double, error: Double) {
        let nearest = Double(value)
        return self.nearest(nearest, exactly: Rational(exactly: nearest), to: value, distance: { Double($0) })
    }

    /// The C library's e^x, log, log1p and tanh, within 4 units in the last place.
    public static var elementaryFunctions: ElementaryFunctions<Double>? {
        ElementaryFunctions(exp: { libraryResult(exp($0)) }, log: { libraryResult(log($0)) },
                            log1p: { libraryResult(log1p($0)) }, tanh: { libraryResult(tanh($0)) })
    }
}

/// `Float`, the scalar of code generated with `--scalar Float`: its autodiff computes what that
/// code computes, with bounds in Float's unit roundoff.
extension Float: ErrorBoundedBase {
    /// One, for generic code.
    public static var one: Float { 1 }

    /// The correctly rounded value (once, from the exact rational) and its distance, rounded up.
    public static func nearest(to value: Rational) -> (value: Float, error: Float) {
        let nearest = Float(value)
        return self.nearest(nearest, exactly: Rational(exactly: nearest), to: value, distance: { Float($0) })
    }

    /// The C library's e^x, log, log1p and tanh in `Float`, within 4 units in the last place.
    public static var elementaryFunctions: ElementaryFunctions<Float>? {
        ElementaryFunctions(exp: { libraryResult(exp($0)) }, log: { libraryResult(log($0)) },
                            log1p: { libraryResult(log1p($0)) }, tanh: { libraryResult(tanh($0)) })
    }
}
