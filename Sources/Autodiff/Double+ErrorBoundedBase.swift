#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Exact

/// IEEE 754 binary64 with round-to-nearest: each operation's result is within
/// u = 2⁻⁵³ of the exact result relatively, or within the smallest subnormal absolutely
/// where it underflows.
extension Double: ErrorBoundedBase {
    /// The unit roundoff, 2⁻⁵³.
    static let unitRoundoff = 0x1p-53

    /// The correctly rounded value and its exact distance from `value`, rounded up.
    public static func nearest(to value: Rational) -> (value: Double, error: Double) {
        let nearest = Double(value)
        guard let exact = Rational(exactly: nearest) else { return (nearest, .infinity) }
        let distance = Double((exact - value).magnitude)
        return (nearest, distance == 0 ? 0 : distance.nextUp)
    }

    /// u·|x| for normal results, the smallest subnormal below the normal range.
    public var roundingErrorBound: Double {
        magnitude < Double.leastNormalMagnitude ? Double.leastNonzeroMagnitude : magnitude * Self.unitRoundoff
    }

    /// Eight roundings of relative size u at most grow a value by (1 + u)⁸ < 1 + 2⁻⁴⁹; the
    /// subnormal term covers products that underflowed.
    public var roundedUp: Double {
        self * (1 + 0x1p-49) + 16 * Double.leastNonzeroMagnitude
    }

    /// The mirror of `roundedUp`.
    public var roundedDown: Double {
        self * (1 - 0x1p-49) - 16 * Double.leastNonzeroMagnitude
    }

    /// The C library's e^x, log, log1p and tanh, taken to be within 4 units in the last
    /// place (glibc documents at most 2 for these on x86-64 and AArch64).
    public static var elementaryFunctions: ElementaryFunctions<Double>? {
        ElementaryFunctions(
            exp: { libraryResult(exp($0)) },
            log: { libraryResult(log($0)) },
            log1p: { libraryResult(log1p($0)) },
            tanh: { libraryResult(tanh($0)) })
    }

    /// A library function's result with 4 ulps (2⁻⁵⁰ relative) as its error bound.
    private static func libraryResult(_ value: Double) -> Approximation<Double> {
        Approximation(value, error: value.isFinite ? value.magnitude * 0x1p-50 + 4 * Double.leastNonzeroMagnitude : nil)
    }
}
