import Exact

/// Binary floating point of a caller-chosen precision with an exponent of any size, on
/// `BinaryFloat`: every operation rounds its exact result to `bits` significant bits, and
/// nothing overflows or underflows (σ(−10¹²) ≈ e^(−10¹²) is 2^(−1.44·10¹²), e^(−10²⁰) has a
/// binary exponent beyond `Int`). The high-precision oracle computes with
/// `ErrorBounded<RoundedFloat>`, whose bounds then say how many of its digits are right.
///
/// `bits == 0` marks an exact value (a constant such as ½ or a leaky-ReLU slope), which is
/// never rounded; an operation rounds to the larger precision of its operands.
public struct RoundedFloat: Sendable, Hashable, Comparable {
    /// The value.
    public let value: BinaryFloat
    /// Significant bits kept by operations on it; 0 for an exact value.
    public let bits: Int

    /// `value` rounded to `bits` significant bits (0: kept exactly).
    public init(_ value: BinaryFloat, bits: Int) {
        self.value = bits > 0 ? value.rounded(toSignificantBits: bits) : value
        self.bits = bits
    }

    /// An exact value.
    public init(exactly value: BinaryFloat) {
        self.init(value, bits: 0)
    }

    /// The precision of an operation on `a` and `b`.
    static func precision(_ a: RoundedFloat, _ b: RoundedFloat) -> Int { max(a.bits, b.bits) }

    /// Order by value.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }
}

extension RoundedFloat: ErrorBoundedBase {
    /// Zero, exact.
    public static var zero: Self { Self(exactly: .zero) }
    /// One, exact.
    public static var one: Self { Self(exactly: .one) }

    /// The rounded sum; exact for two exact operands (constants, which are rationals of
    /// ordinary size).
    public static func + (a: Self, b: Self) -> Self {
        let bits = precision(a, b)
        if bits == 0, let x = a.value.rational(), let y = b.value.rational() { return Self(exactly: BinaryFloat(x + y)) }
        return Self(a.value.adding(b.value, bits: max(bits, 64)), bits: max(bits, 64))
    }
    /// The rounded difference.
    public static func - (a: Self, b: Self) -> Self { a + (-b) }
    /// The rounded product; exact for two exact operands.
    public static func * (a: Self, b: Self) -> Self {
        let bits = precision(a, b)
        if bits == 0 { return Self(exactly: BinaryFloat(a.value.significand * b.value.significand, timesTwoToThe: a.value.exponent + b.value.exponent)) }
        return Self(a.value.multiplying(b.value, bits: bits), bits: bits)
    }
    /// The rounded quotient; a zero divisor gives zero, and `ErrorBounded` gives it no bound.
    public static func / (a: Self, b: Self) -> Self {
        if b.value.isZero { return .zero }
        let bits = precision(a, b)
        if bits == 0, let x = a.value.rational(), let y = b.value.rational() { return Self(exactly: BinaryFloat(x / y)) }
        return Self(a.value.dividing(by: b.value, bits: max(bits, 64)), bits: max(bits, 64))
    }
    /// Negation, exact.
    public static prefix func - (x: Self) -> Self { Self(-x.value, bits: x.bits) }

    /// |x|, exact.
    public var magnitude: Self { Self(value.magnitude, bits: bits) }
    /// Always: the exponent has no bound.
    public var isFinite: Bool { true }

    /// The value itself, exactly: constants are not rounded.
    public static func nearest(to value: Rational) -> (value: Self, error: Self) {
        (Self(exactly: BinaryFloat(value)), .zero)
    }

    /// Rounding to `bits` bits moves a value by at most 2^−bits of it, so by at most
    /// 2^(1−bits) of the rounded result.
    public var roundingErrorBound: Self {
        bits == 0 ? .zero : Self(exactly: value.magnitude.timesPowerOfTwo(Rational(1 - bits)))
    }

    /// Up by 2⁻⁶⁰ relatively, then to 64 bits: bounds stay short numbers, and the inflation
    /// covers the roundings (2^−bits each, bits ≥ 64) of the few operations that made them.
    public var roundedUp: Self {
        Self(exactly: value.multiplying(BinaryFloat(1 + Rational(2).power(-60)), bits: 64))
    }

    /// The mirror of `roundedUp`.
    public var roundedDown: Self {
        Self(exactly: value.multiplying(BinaryFloat(1 - Rational(2).power(-60)), bits: 64))
    }

    /// e^x, log, log(1 + x) and tanh by argument reduction (`Reduction`) and Autodiff's own
    /// series (`Series`), to the argument's precision (at least 64 bits).
    public static var elementaryFunctions: ElementaryFunctions<RoundedFloat>? {
        ElementaryFunctions(
            exp: { x in approximation(x, Reduction.exp) },
            log: { x in approximation(x, Reduction.log) },
            log1p: { x in approximation(x, Reduction.log1p) },
            tanh: { x in approximation(x, Reduction.tanh) })
    }

    /// A result at the argument's precision with its error bound plus the final rounding;
    /// nil (no bound) where the function is undefined or its value beyond reach.
    private static func approximation(_ x: Self, _ function: (BinaryFloat, Int) -> Reduction.Result?) -> Approximation<Self> {
        let bits = max(x.bits, 64)
        guard let result = function(x.value, bits) else { return Approximation(.zero, error: nil) }
        let value = Self(result.value, bits: bits)
        let error = Self(exactly: result.error).roundedUp + Self(exactly: value.value.magnitude.timesPowerOfTwo(Rational(1 - bits)))
        return Approximation(value, error: error.roundedUp)
    }
}

extension ErrorBounded where Base == RoundedFloat {
    /// `value` rounded to `bits` significant bits, with its distance from `value` as bound:
    /// a leaf of the high-precision oracle, which then computes to that precision.
    public init(_ value: Rational, bits: Int) {
        let rounded = RoundedFloat(BinaryFloat(value), bits: bits)
        // A spec's number is an ordinary rational, and so is its rounding.
        let distance = (rounded.value.rational(maximumExponent: .max)! - value).magnitude
        self.init(rounded, bound: RoundedFloat(exactly: BinaryFloat(distance)).roundedUp)
    }
}
