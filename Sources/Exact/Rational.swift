/// An exact rational number with value semantics.
///
/// Storage follows FLINT's `fmpq`: a value whose numerator and denominator both fit in
/// a machine word lives inline (`.small`), and all arithmetic on such values runs in
/// overflow-checked machine integers. Only when a result overflows does it move to a
/// GMP rational (`.big`), which is reference-counted, copy-on-write and freed on deinit.
///
/// The representation is canonical, so equal values are stored identically:
/// - lowest terms, denominator positive, zero is `0/1`;
/// - `.small` exactly when the numerator is in `-Int.max...Int.max` and the denominator
///   is at most `Int.max` (excluding `Int.min` keeps negation overflow-free);
/// - `.big` only for values that do not fit `.small` — every GMP result is demoted
///   when it fits, so a value that overflows and comes back is small again.
public struct Rational: Sendable {
    @usableFromInline
    enum Storage: Sendable {
        case small(numerator: Int, denominator: Int)
        case big(GMPRational)
    }

    @usableFromInline
    var storage: Storage

    /// Wraps a numerator and denominator already known to be canonical.
    @inlinable
    init(canonicalNumerator numerator: Int, denominator: Int) {
        storage = .small(numerator: numerator, denominator: denominator)
    }

    /// Takes ownership of a GMP value (already in lowest terms) and demotes it
    /// to the inline form when it fits.
    @usableFromInline
    init(normalizing value: GMPRational) {
        if let (numerator, denominator) = value.smallParts {
            storage = .small(numerator: numerator, denominator: denominator)
        } else {
            storage = .big(value)
        }
    }

    /// The integer `value`.
    public init(_ value: Int) {
        if value == .min {
            self.init(normalizing: GMPRational(value, 1))
        } else {
            self.init(canonicalNumerator: value, denominator: 1)
        }
    }

    /// The fraction `numerator / denominator` in lowest terms.
    ///
    /// - Precondition: `denominator != 0`, as for integer division. Input from users
    ///   goes through `init(parsing:)`, which throws instead.
    public init(_ numerator: Int, _ denominator: Int) {
        precondition(denominator != 0, "Rational: zero denominator")
        if numerator == 0 {
            self = .zero
            return
        }
        let divisor = wordGCD(numerator.magnitude, denominator.magnitude)
        let n = numerator.magnitude / divisor
        let d = denominator.magnitude / divisor
        let negative = (numerator < 0) != (denominator < 0)
        if n <= UInt(Int.max), d <= UInt(Int.max) {
            self.init(canonicalNumerator: negative ? -Int(n) : Int(n), denominator: Int(d))
        } else {
            let signedNumerator = GMPInteger(n)
            if negative { signedNumerator.negate() }
            self.init(normalizing: GMPRational(signedNumerator, GMPInteger(d)))
        }
    }

    /// Zero.
    public static let zero = Rational(canonicalNumerator: 0, denominator: 1)

    /// One.
    public static let one = Rational(canonicalNumerator: 1, denominator: 1)

    /// True when the value is held in GMP storage (it does not fit two machine words).
    /// Exposed for tests and benchmarks of the storage policy.
    public var isHeldInGMP: Bool {
        if case .big = storage { return true }
        return false
    }

    /// A GMP copy of the value, for the overflow path.
    @usableFromInline
    func gmpValue() -> GMPRational {
        switch storage {
        case let .small(numerator, denominator):
            return GMPRational(numerator, UInt(denominator))
        case let .big(value):
            return value
        }
    }

    /// Checks the canonical-form invariants; used in assertions and tests.
    public var isCanonical: Bool {
        switch storage {
        case let .small(numerator, denominator):
            guard denominator > 0, numerator != .min else { return false }
            if numerator == 0 { return denominator == 1 }
            return wordGCD(numerator.magnitude, UInt(denominator)) == 1
        case let .big(value):
            return value.isReduced && value.smallParts == nil
        }
    }
}

extension Rational: ExpressibleByIntegerLiteral {
    /// Lets integer literals stand for rationals: `let half: Rational = 1 / 2`.
    public init(integerLiteral value: Int) {
        self.init(value)
    }
}
