import Exact

/// The numbers the tape computes with: `Double` for speed and transcendental
/// functions, `Rational` for exact answers.
///
/// Only field arithmetic and an order are required, because that is all ReLU, leaky
/// ReLU, identity and the polynomial losses need. The transcendental functions are an
/// optional capability (`transcendentalFunctions`) rather than a refining protocol:
/// activations and losses are chosen at run time (they are data in `MLP`), so a missing
/// capability must surface as a thrown error that names the layer, never a trap.
public protocol AutodiffScalar: Comparable, Sendable {
    /// The additive identity.
    static var zero: Self { get }
    /// The multiplicative identity.
    static var one: Self { get }

    /// Addition; exact for `Rational`, rounded for `Double`, as with every operation here.
    static func + (lhs: Self, rhs: Self) -> Self
    /// Subtraction.
    static func - (lhs: Self, rhs: Self) -> Self
    /// Multiplication.
    static func * (lhs: Self, rhs: Self) -> Self
    /// Division.
    /// - Precondition: `rhs` is not zero where the scalar requires it (`Rational` does).
    static func / (lhs: Self, rhs: Self) -> Self
    /// Negation.
    static prefix func - (x: Self) -> Self

    /// The scalar nearest to an exact rational (the value itself for `Rational`), so that
    /// constants such as a leaky-ReLU slope or 1/n are written once, exactly.
    init(converting value: Rational)

    /// e^x, log x, log(1 + x) and tanh x when this scalar has them; nil when it has not
    /// (`Rational`: e^x is irrational for every rational x ≠ 0).
    static var transcendentalFunctions: TranscendentalFunctions<Self>? { get }

    /// `positive` where x > 0 and `otherwise` elsewhere: how relu and leaky ReLU choose their
    /// value and derivative. A scalar that carries an error bound (`ErrorBounded`) returns a
    /// value covering both branches when its bound leaves the sign of x undecided.
    static func branch(on x: Self, positive: Self, otherwise: Self) -> Self
}

extension AutodiffScalar {
    /// The branch the sign of x picks: exact scalars and plain floating point know it.
    public static func branch(on x: Self, positive: Self, otherwise: Self) -> Self {
        x > .zero ? positive : otherwise
    }
}

/// The transcendental functions of a scalar type, as plain functions.
public struct TranscendentalFunctions<Scalar>: Sendable {
    /// e^x.
    public let exp: @Sendable (Scalar) -> Scalar
    /// The natural logarithm.
    public let log: @Sendable (Scalar) -> Scalar
    /// log(1 + x), accurate for small x (softplus needs it for large |x|).
    public let log1p: @Sendable (Scalar) -> Scalar
    /// The hyperbolic tangent, from the platform library (more accurate near 0 than a
    /// formula in e^x).
    public let tanh: @Sendable (Scalar) -> Scalar

    /// Collects the four functions.
    public init(
        exp: @escaping @Sendable (Scalar) -> Scalar,
        log: @escaping @Sendable (Scalar) -> Scalar,
        log1p: @escaping @Sendable (Scalar) -> Scalar,
        tanh: @escaping @Sendable (Scalar) -> Scalar
    ) {
        self.exp = exp
        self.log = log
        self.log1p = log1p
        self.tanh = tanh
    }
}
