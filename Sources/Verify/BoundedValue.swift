import Autodiff
import Exact

/// How one value compares with a reference that carries an error bound.
public enum BoundedValue: Sendable, Equatable {
    /// |value − reference| is `error`, at most the bound `allowed`.
    case within(error: Double, allowed: Double)
    /// |value − reference| is `error`, more than the bound `allowed`: a disagreement.
    case beyond(error: Double, allowed: Double)
    /// The value, or the Double computation of it, lies beyond Double's range: not compared.
    case overflows
    /// The Double computation has no finite error bound here (its sign or a divisor is
    /// uncertain within rounding): not compared.
    case unbounded

    /// The error as a fraction of its bound (0 when both are 0, infinity when only the
    /// bound is); nil for values that were not compared.
    public var fraction: Double? {
        switch self {
        case let .within(error, allowed), let .beyond(error, allowed):
            return error == 0 ? 0 : error / allowed
        case .overflows, .unbounded:
            return nil
        }
    }

    /// An exact value (`exact`, known to within `allowance`: half a unit of its last decimal
    /// digit, or 0 when it is rational) against the Double autodiff's value and bound:
    /// within when |computed − exact| ≤ bound + allowance, decided in exact arithmetic.
    public static func compare(exact: Rational, allowance: Rational, with computed: ErrorBounded<Double>) -> BoundedValue {
        if exact.magnitude > Rational(exactly: Double.greatestFiniteMagnitude)! { return .overflows }
        guard let value = Rational(exactly: computed.value) else { return .overflows }
        guard let bound = computed.bound else { return .unbounded }
        return decide(error: (value - exact).magnitude, allowed: Rational(exactly: bound)! + allowance)
    }

    /// A Double computed some other way (generated code) against the autodiff's value and
    /// bound: within when |value − computed| ≤ `factor` × bound, decided in exact arithmetic.
    public static func compare(_ value: Double, with computed: ErrorBounded<Double>, factor: Int) -> BoundedValue {
        guard let reference = Rational(exactly: computed.value) else { return .overflows }
        guard let bound = computed.bound else { return .unbounded }
        let allowed = Rational(factor) * Rational(exactly: bound)!
        guard let mine = Rational(exactly: value) else { return .beyond(error: .infinity, allowed: Double(allowed)) }
        return decide(error: (mine - reference).magnitude, allowed: allowed)
    }

    private static func decide(error: Rational, allowed: Rational) -> BoundedValue {
        let shownError = Double(error)
        let shownAllowed = Double(allowed)
        return error <= allowed ? .within(error: shownError, allowed: shownAllowed) : .beyond(error: shownError, allowed: shownAllowed)
    }
}
