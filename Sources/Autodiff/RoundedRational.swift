import Exact

/// Binary floating point of a caller-chosen precision, on `Rational`: every operation rounds
/// its exact result to `bits` significant bits (unbounded exponent, so nothing overflows).
/// The high-precision oracle computes with `ErrorBounded<RoundedRational>`, whose bounds then
/// say how many of its digits are right.
///
/// `bits == 0` marks an exact value (a constant such as ½ or a leaky-ReLU slope), which is
/// never rounded; an operation rounds to the larger precision of its operands.
public struct RoundedRational: Sendable, Hashable, Comparable {
    /// The value.
    public let value: Rational
    /// Significant bits kept by operations on it; 0 for an exact value.
    public let bits: Int

    /// `value` rounded to `bits` significant bits (0: kept exactly).
    public init(_ value: Rational, bits: Int) {
        self.value = bits > 0 ? value.roundedToSignificantBits(bits) : value
        self.bits = bits
    }

    /// An exact value.
    public init(exactly value: Rational) {
        self.init(value, bits: 0)
    }

    /// The precision of an operation on `a` and `b`.
    static func precision(_ a: RoundedRational, _ b: RoundedRational) -> Int { max(a.bits, b.bits) }

    /// Order by value.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }
}

extension RoundedRational: ErrorBoundedBase {
    /// Zero, exact.
    public static var zero: Self { Self(exactly: .zero) }
    /// One, exact.
    public static var one: Self { Self(exactly: .one) }

    /// The rounded sum.
    public static func + (a: Self, b: Self) -> Self { Self(a.value + b.value, bits: precision(a, b)) }
    /// The rounded difference.
    public static func - (a: Self, b: Self) -> Self { Self(a.value - b.value, bits: precision(a, b)) }
    /// The rounded product.
    public static func * (a: Self, b: Self) -> Self { Self(a.value * b.value, bits: precision(a, b)) }
    /// The rounded quotient; a zero divisor gives zero, and `ErrorBounded` gives it no bound.
    public static func / (a: Self, b: Self) -> Self {
        b.value.isZero ? .zero : Self(a.value / b.value, bits: precision(a, b))
    }
    /// Negation, exact.
    public static prefix func - (x: Self) -> Self { Self(-x.value, bits: x.bits) }

    /// |x|, exact.
    public var magnitude: Self { Self(value.magnitude, bits: bits) }
    /// Always: a rational has no infinity.
    public var isFinite: Bool { true }

    /// The value itself, exactly: constants are not rounded.
    public static func nearest(to value: Rational) -> (value: Self, error: Self) {
        (Self(exactly: value), .zero)
    }

    /// Rounding to `bits` bits moves a value by at most 2^−bits of it, so by at most
    /// 2^(1−bits) of the rounded result.
    public var roundingErrorBound: Self {
        bits == 0 ? .zero : Self(exactly: value.magnitude * Rational(2).power(1 - bits))
    }

    /// Up by 2⁻⁶⁰ relatively, then to 64 bits: bounds stay short numbers, and the inflation
    /// covers the roundings (2^−bits each, bits ≥ 64) of the few operations that made them.
    public var roundedUp: Self {
        Self(exactly: (value * (1 + Rational(2).power(-60))).roundedToSignificantBits(64))
    }

    /// The mirror of `roundedUp`.
    public var roundedDown: Self {
        Self(exactly: (value * (1 - Rational(2).power(-60))).roundedToSignificantBits(64))
    }

    /// e^x, log, log(1 + x) and tanh by argument reduction and series (`Series`), to the
    /// argument's precision (at least 64 bits), each within 2^(3−bits) of its value.
    public static var elementaryFunctions: ElementaryFunctions<RoundedRational>? {
        ElementaryFunctions(
            exp: { x in approximation(x) { Series.exp($0, bits: $1) } },
            log: { x in approximation(x) { $0.signum > 0 ? Series.log($0, bits: $1) : nil } },
            log1p: { x in approximation(x) { $0 > -1 ? Series.log1p($0, bits: $1) : nil } },
            tanh: { x in approximation(x) { Series.tanh($0, bits: $1) } })
    }

    /// A series result at the argument's precision with its error bound; nil (no bound) where
    /// the function is undefined or its value beyond reach.
    private static func approximation(_ x: Self, _ function: (Rational, Int) -> Series.Result?) -> Approximation<Self> {
        let bits = max(x.bits, 64)
        guard let result = function(x.value, bits) else { return Approximation(.zero, error: nil) }
        let value = Self(result.value, bits: bits)
        let error = Self(exactly: result.error + value.value.magnitude * Rational(2).power(1 - bits)).roundedUp
        return Approximation(value, error: error)
    }
}

extension ErrorBounded where Base == RoundedRational {
    /// `value` rounded to `bits` significant bits, with its distance from `value` as bound:
    /// a leaf of the high-precision oracle, which then computes to that precision.
    public init(_ value: Rational, bits: Int) {
        let rounded = RoundedRational(value, bits: bits)
        self.init(rounded, bound: RoundedRational(exactly: (rounded.value - value).magnitude).roundedUp)
    }
}
