import Exact

/// The numbers an `ErrorBounded` value computes with: a rounded arithmetic that knows a
/// bound on each rounding it makes. `Double` is one (the running-error analysis of the
/// Double autodiff); `RoundedFloat` is another (the high-precision oracle).
public protocol ErrorBoundedBase: Comparable, Sendable {
    /// The additive identity, exact.
    static var zero: Self { get }
    /// The multiplicative identity, exact.
    static var one: Self { get }
    /// Rounded addition.
    static func + (lhs: Self, rhs: Self) -> Self
    /// Rounded subtraction.
    static func - (lhs: Self, rhs: Self) -> Self
    /// Rounded multiplication.
    static func * (lhs: Self, rhs: Self) -> Self
    /// Rounded division.
    static func / (lhs: Self, rhs: Self) -> Self
    /// Negation, exact.
    static prefix func - (x: Self) -> Self

    /// |self|, exact.
    var magnitude: Self { get }
    /// False for infinities and NaN, which no bound can describe.
    var isFinite: Bool { get }

    /// The representable value nearest to `value`, and a bound on its distance from it.
    static func nearest(to value: Rational) -> (value: Self, error: Self)
    /// A bound on the error of the one rounded operation whose result is `self`: what lies
    /// between `self` and the exact result of that operation on its (rounded) operands.
    var roundingErrorBound: Self { get }
    /// At least `self`, for a quantity computed from non-negative numbers by at most eight
    /// rounded additions and multiplications: bounds are rounded up with it, never down.
    var roundedUp: Self { get }
    /// At most `self` (for x ≥ 0 computed by one rounded subtraction): denominators of
    /// bounds are rounded down with it.
    var roundedDown: Self { get }

    /// e^x, log x, log(1 + x) and tanh x with bounds on their own errors, when this base
    /// has them.
    static var elementaryFunctions: ElementaryFunctions<Self>? { get }
}

/// A value of an elementary function and a bound on its distance from the exact value of the
/// function at the same argument; a nil bound when the base cannot bound it (e^x beyond range).
public struct Approximation<Base: Sendable>: Sendable {
    /// The computed value.
    public let value: Base
    /// |value − f(x)| is at most this; nil when unknown.
    public let error: Base?

    /// A value with its error bound.
    public init(_ value: Base, error: Base?) {
        self.value = value
        self.error = error
    }
}

/// The elementary functions of an `ErrorBoundedBase`, each with its error bound.
public struct ElementaryFunctions<Base: Sendable>: Sendable {
    /// e^x.
    public let exp: @Sendable (Base) -> Approximation<Base>
    /// The natural logarithm (x > 0).
    public let log: @Sendable (Base) -> Approximation<Base>
    /// log(1 + x) (x > −1).
    public let log1p: @Sendable (Base) -> Approximation<Base>
    /// The hyperbolic tangent.
    public let tanh: @Sendable (Base) -> Approximation<Base>

    /// Collects the four functions.
    public init(
        exp: @escaping @Sendable (Base) -> Approximation<Base>,
        log: @escaping @Sendable (Base) -> Approximation<Base>,
        log1p: @escaping @Sendable (Base) -> Approximation<Base>,
        tanh: @escaping @Sendable (Base) -> Approximation<Base>
    ) {
        self.exp = exp
        self.log = log
        self.log1p = log1p
        self.tanh = tanh
    }
}
