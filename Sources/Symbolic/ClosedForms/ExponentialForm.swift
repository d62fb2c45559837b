import Exact

/// The exact value of an expression as a rational function of u = e^(1/root):
/// P(u)/Q(u) with rational coefficients.
///
/// Why: with sigmoid or tanh a loss at rational points is not rational, but it is often a
/// rational function of a power of e — the reference loss is
/// (10e⁴ + 6e² + 1)/(2(e² + 1)²) — and instructors want that, not only 4.2011….
///
/// Canonical: `function` is in lowest terms with a monic denominator, and `root` is the
/// smallest D that works (every power of u that occurs shares no factor with D beyond 1),
/// so equal values built the same way compare equal. A rational value is still a form,
/// of degree 0 and root 1: see `rationalValue`.
public struct ExponentialForm: Hashable, Sendable {
    /// D in u = e^(1/D): 1 when only integer powers of e occur.
    public let root: Int
    /// The value as a function of u.
    public let function: RationalFunction
    /// The k of the factors u^k + 1 that sigmoid and tanh introduced (ascending, distinct);
    /// the denominator is factored over them for printing.
    public let binomialExponents: [Int]

    /// Caps on the work `exponentialForm(of:bindings:)` takes on; beyond them it returns nil
    /// and the caller prints the substituted expression instead.
    public enum Limits {
        /// Largest D in u = e^(1/D) (the lcm of the denominators of exp/sigmoid/tanh
        /// arguments).
        public static let maximumRoot = 64
        /// Largest |q|·D for one exp(q), sigmoid(q) or tanh(q): its power of u.
        public static let maximumExponent = 64
        /// Largest degree of any numerator or denominator along the way.
        public static let maximumDegree = 256
    }

    init(root: Int, function: RationalFunction, binomialExponents: [Int]) {
        self.root = root
        self.function = function
        self.binomialExponents = binomialExponents
    }

    /// The value when it is rational (the form has degree 0), else nil.
    public var rationalValue: Rational? { function.constantValue }

    /// The form with integer coefficients and a factored denominator, ready to print.
    public var presentation: ExponentialPresentation {
        ExponentialPresentation(function, root: root, binomialExponents: binomialExponents)
    }
}
