import Exact

/// A quotient of polynomials in one variable, in lowest terms.
///
/// Canonical, so that equal functions are stored identically and a function whose value
/// is a constant is recognizably so: numerator and denominator are coprime (divided by
/// their gcd), the denominator is monic (its leading coefficient is 1, so all scale and
/// sign sit in the numerator), and zero is 0/1. For closed forms in u = e^(1/D) this makes
/// "the value is rational" exactly "both degrees are 0", because e is transcendental.
public struct RationalFunction: Hashable, Sendable {
    /// Coprime with `denominator`; zero only for the function 0.
    public let numerator: Polynomial
    /// Monic, coprime with `numerator`.
    public let denominator: Polynomial

    /// numerator/denominator reduced to lowest terms; nil when `denominator` is zero.
    public init?(numerator: Polynomial, denominator: Polynomial) {
        guard !denominator.isZero else { return nil }
        if numerator.isZero {
            self.init(canonicalNumerator: .zero, denominator: .one)
            return
        }
        let divisor = Polynomial.gcd(numerator, denominator)
        guard let top = numerator.exactlyDivided(by: divisor),
              let bottom = denominator.exactlyDivided(by: divisor) else { return nil }
        let leading = bottom.leadingCoefficient
        self.init(canonicalNumerator: top.scaled(by: leading.reciprocal), denominator: bottom.scaled(by: leading.reciprocal))
    }

    /// The polynomial p as p/1.
    public init(_ polynomial: Polynomial) { self.init(canonicalNumerator: polynomial, denominator: .one) }

    /// The constant `value`.
    public init(_ value: Rational) { self.init(Polynomial(value)) }

    private init(canonicalNumerator: Polynomial, denominator: Polynomial) {
        self.numerator = canonicalNumerator
        self.denominator = denominator
    }

    /// 0/1.
    public static let zero = RationalFunction(Polynomial.zero)
    /// 1/1.
    public static let one = RationalFunction(Polynomial.one)

    /// Whether this is the function 0.
    public var isZero: Bool { numerator.isZero }

    /// The value when the function is a constant (both degrees at most 0), else nil.
    public var constantValue: Rational? {
        guard let top = numerator.constantValue, let bottom = denominator.constantValue else { return nil }
        return top / bottom
    }

    /// The larger of the two degrees.
    public var degree: Int { max(numerator.degree, denominator.degree) }

    /// The value at `x`; nil where the denominator vanishes.
    public func evaluate(at x: Rational) -> Rational? {
        let bottom = denominator.evaluate(at: x)
        return bottom.isZero ? nil : numerator.evaluate(at: x) / bottom
    }

    /// f(x^k), still in lowest terms (coprime p, q stay coprime after x → x^k: substitute
    /// into a·p + b·q = 1).
    public func substitutingPower(_ k: Int) -> RationalFunction {
        RationalFunction(canonicalNumerator: numerator.substitutingPower(k), denominator: denominator.substitutingPower(k))
    }
}

// MARK: - Field operations

extension RationalFunction {
    /// The sum, back in lowest terms.
    public static func + (lhs: RationalFunction, rhs: RationalFunction) -> RationalFunction {
        let sum: RationalFunction?
        if lhs.denominator == rhs.denominator {
            sum = RationalFunction(numerator: lhs.numerator + rhs.numerator, denominator: lhs.denominator)
        } else {
            sum = RationalFunction(numerator: lhs.numerator * rhs.denominator + rhs.numerator * lhs.denominator,
                                   denominator: lhs.denominator * rhs.denominator)
        }
        // Products of non-zero denominators are non-zero.
        guard let sum else { preconditionFailure("RationalFunction: zero denominator in a sum") }
        return sum
    }

    /// The negation.
    public static prefix func - (f: RationalFunction) -> RationalFunction {
        RationalFunction(canonicalNumerator: -f.numerator, denominator: f.denominator)
    }

    /// The difference, back in lowest terms.
    public static func - (lhs: RationalFunction, rhs: RationalFunction) -> RationalFunction { lhs + -rhs }

    /// The product, back in lowest terms.
    public static func * (lhs: RationalFunction, rhs: RationalFunction) -> RationalFunction {
        guard let product = RationalFunction(numerator: lhs.numerator * rhs.numerator,
                                             denominator: lhs.denominator * rhs.denominator) else {
            preconditionFailure("RationalFunction: zero denominator in a product")
        }
        return product
    }

    /// 1/f; nil for f = 0.
    public var reciprocal: RationalFunction? {
        RationalFunction(numerator: denominator, denominator: numerator)
    }

    /// lhs/rhs; nil when `rhs` is zero.
    public func divided(by rhs: RationalFunction) -> RationalFunction? {
        rhs.reciprocal.map { self * $0 }
    }

    /// fⁿ for any integer n; nil for a negative power of zero.
    public func power(_ exponent: Int) -> RationalFunction? {
        if exponent < 0 { return exponent == .min ? nil : reciprocal?.power(-exponent) }
        return RationalFunction(canonicalNumerator: numerator.power(exponent), denominator: denominator.power(exponent))
    }
}
