import Exact

/// A number and a bound on its distance from the exact value it stands for.
///
/// Every operation computes its result in `Base`, exactly as the plain scalar would, and
/// beside it a bound that covers this operation's rounding and what the operands' bounds
/// let through (running error analysis; "ball arithmetic" in Arb's terms). A tape over
/// `ErrorBounded<Double>` therefore computes the same numbers as the Double autodiff, and
/// every gradient entry comes with a bound on |computed − exact| that grows with the sums
/// behind it (n·ε·Σ|terms|), not with the size of the result: where terms cancel, the bound
/// says how much of the small result is noise.
public struct ErrorBounded<Base: ErrorBoundedBase>: Sendable {
    /// The computed value, the same as the plain `Base` computation gives.
    public let value: Base
    /// |value − exact| is at most this; nil when no finite bound is known (a value beyond
    /// the range of `Base`, a logarithm of a value whose sign is uncertain).
    public let bound: Base?

    /// A value with its bound.
    public init(_ value: Base, bound: Base?) {
        self.value = value
        self.bound = value.isFinite && bound?.isFinite != false ? bound : nil
    }

    /// A value that is exact.
    public init(exactly value: Base) {
        self.init(value, bound: .zero)
    }

    /// True when the value is known to be exact.
    var isExactZero: Bool { value == .zero && bound == .zero }

    /// The rounded-up sum of bounds; nil when one of them is unknown.
    static func total(_ parts: Base?...) -> Base? {
        var sum = Base.zero
        for part in parts {
            guard let part else { return nil }
            sum = sum + part
        }
        return sum.roundedUp
    }
}

extension ErrorBounded: Comparable {
    /// Order by value: branches (the larger of two, a sign) follow the computed value, as
    /// the plain scalar's do; `branch(on:positive:otherwise:)` accounts for a doubtful sign.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }

    /// Same value and same bound.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.value == rhs.value && lhs.bound == rhs.bound }
}

extension ErrorBounded: AutodiffScalar {
    /// Zero, exact.
    public static var zero: Self { Self(exactly: .zero) }
    /// One, exact.
    public static var one: Self { Self(exactly: .one) }

    /// The nearest `Base` value to a rational, with the distance as its bound.
    public init(converting value: Rational) {
        let (nearest, error) = Base.nearest(to: value)
        self.init(nearest, bound: error)
    }

    /// |(a + b) − (A + B)| ≤ e_a + e_b, plus the rounding of the sum.
    public static func + (a: Self, b: Self) -> Self {
        if a.isExactZero { return b }
        if b.isExactZero { return a }
        let sum = a.value + b.value
        return Self(sum, bound: total(a.bound, b.bound, sum.roundingErrorBound))
    }

    /// As for the sum.
    public static func - (a: Self, b: Self) -> Self {
        a + (-b)
    }

    /// |ab − AB| ≤ |a| e_b + |b| e_a + e_a e_b, plus the rounding of the product.
    public static func * (a: Self, b: Self) -> Self {
        if a.isExactZero || b.isExactZero { return .zero }
        let product = a.value * b.value
        guard let ea = a.bound, let eb = b.bound else { return Self(product, bound: nil) }
        return Self(product, bound: total(a.value.magnitude * eb, b.value.magnitude * ea, ea * eb, product.roundingErrorBound))
    }

    /// |a/b − A/B| ≤ (e_a + |a/b| e_b) / (|b| − e_b) when |b| > e_b; unbounded otherwise
    /// (the exact divisor might be 0).
    public static func / (a: Self, b: Self) -> Self {
        let quotient = a.value / b.value
        if a.isExactZero && b.value != .zero { return .zero }
        guard let ea = a.bound, let eb = b.bound, b.value.magnitude > eb else { return Self(quotient, bound: nil) }
        let divisor = (b.value.magnitude - eb).roundedDown
        guard divisor > .zero else { return Self(quotient, bound: nil) }
        return Self(quotient, bound: total((ea + quotient.magnitude * eb) / divisor, quotient.roundingErrorBound))
    }

    /// Negation is exact.
    public static prefix func - (x: Self) -> Self {
        Self(-x.value, bound: x.bound)
    }

    /// The branch the computed sign picks; when the bound leaves the exact sign undecided,
    /// a bound wide enough to cover the other branch too (at a ReLU kink the derivative's
    /// bound becomes 1: the Double result could be either side's).
    public static func branch(on x: Self, positive: Self, otherwise: Self) -> Self {
        let chosen = x.value > .zero ? positive : otherwise
        if let bound = x.bound, bound == .zero || x.value.magnitude > bound { return chosen }
        let other = x.value > .zero ? otherwise : positive
        guard let chosenBound = chosen.bound, let otherBound = other.bound else { return Self(chosen.value, bound: nil) }
        let cover = ((chosen.value - other.value).magnitude + otherBound).roundedUp
        return Self(chosen.value, bound: max(chosenBound, cover))
    }

    /// The base's elementary functions, each bounding its own error and what the
    /// argument's bound lets through.
    public static var transcendentalFunctions: TranscendentalFunctions<Self>? {
        guard let functions = Base.elementaryFunctions else { return nil }
        return TranscendentalFunctions(
            exp: { exp($0, functions) },
            log: { log($0, functions) },
            log1p: { log1p($0, functions) },
            tanh: { tanh($0, functions) })
    }
}
