import Exact

/// A polynomial in one variable with exact rational coefficients.
///
/// Closed forms of sigmoid and tanh losses are rational functions of e^(1/D); this is
/// their building block. Dense storage fits: the degrees involved are small (capped at
/// `ExponentialForm.Limits.maximumDegree`) and most powers occur.
///
/// Canonical: `coefficients[i]` is the coefficient of xⁱ and the last one is non-zero, so
/// the zero polynomial has no coefficients and equal polynomials are stored identically
/// (`==` and `hash` are structural).
public struct Polynomial: Hashable, Sendable {
    /// Coefficients by power, lowest first; no trailing zeros.
    public let coefficients: [Rational]

    /// The polynomial Σ coefficients[i]·xⁱ; trailing zeros are dropped.
    public init(coefficients: [Rational]) {
        var trimmed = coefficients
        while let last = trimmed.last, last.isZero { trimmed.removeLast() }
        self.coefficients = trimmed
    }

    /// The constant polynomial `value`.
    public init(_ value: Rational) { self.init(coefficients: [value]) }

    /// `coefficient · x^degree`.
    /// - Precondition: `degree >= 0` (a programming error, not a property of input).
    public static func monomial(_ coefficient: Rational, degree: Int) -> Polynomial {
        precondition(degree >= 0, "Polynomial.monomial: negative degree")
        return Polynomial(coefficients: Array(repeating: .zero, count: degree) + [coefficient])
    }

    /// The zero polynomial, with no coefficients (degree −1).
    public static let zero = Polynomial(coefficients: [])
    /// The constant 1.
    public static let one = Polynomial(.one)
    /// The variable x.
    public static let x = monomial(.one, degree: 1)

    /// True for the zero polynomial.
    public var isZero: Bool { coefficients.isEmpty }

    /// The degree; −1 for the zero polynomial (so that deg(p·q) = deg p + deg q holds
    /// whenever neither is zero, and the zero polynomial is below every constant).
    public var degree: Int { coefficients.count - 1 }

    /// The coefficient of the highest power; zero for the zero polynomial.
    public var leadingCoefficient: Rational { coefficients.last ?? .zero }

    /// The coefficient of x^power; zero beyond the degree.
    public subscript(power: Int) -> Rational {
        power >= 0 && power < coefficients.count ? coefficients[power] : .zero
    }

    /// The value when the polynomial has degree 0 or is zero, else nil.
    public var constantValue: Rational? { degree <= 0 ? self[0] : nil }

    /// The value at `x`, by Horner's rule.
    public func evaluate(at x: Rational) -> Rational {
        coefficients.reversed().reduce(Rational.zero) { $0 * x + $1 }
    }

    /// Every coefficient times `factor`.
    public func scaled(by factor: Rational) -> Polynomial {
        Polynomial(coefficients: coefficients.map { $0 * factor })
    }

    /// The monic multiple (leading coefficient 1); the zero polynomial stays zero.
    public var monic: Polynomial {
        guard let leading = coefficients.last else { return self }
        return scaled(by: leading.reciprocal)
    }

    /// p(x^k): spreads the coefficients k apart. Used when a closed form moves to a finer
    /// root of e (u = v^k).
    /// - Precondition: `k >= 1`.
    public func substitutingPower(_ k: Int) -> Polynomial {
        precondition(k >= 1, "Polynomial.substitutingPower: k must be positive")
        if k == 1 || isZero { return self }
        var spread = [Rational](repeating: .zero, count: degree * k + 1)
        for (power, coefficient) in coefficients.enumerated() { spread[power * k] = coefficient }
        return Polynomial(coefficients: spread)
    }

    /// x^shift · p.
    /// - Precondition: `shift >= 0`.
    public func shifted(by shift: Int) -> Polynomial {
        precondition(shift >= 0, "Polynomial.shifted: negative shift")
        return isZero ? self : Polynomial(coefficients: Array(repeating: .zero, count: shift) + coefficients)
    }

    /// The number of lowest coefficients that are zero: the largest n with xⁿ | p
    /// (0 for the zero polynomial).
    public var lowestPower: Int { coefficients.firstIndex { !$0.isZero } ?? 0 }
}

// MARK: - Ring operations

extension Polynomial {
    /// The sum, coefficient by coefficient.
    public static func + (lhs: Polynomial, rhs: Polynomial) -> Polynomial {
        let count = max(lhs.coefficients.count, rhs.coefficients.count)
        return Polynomial(coefficients: (0..<count).map { lhs[$0] + rhs[$0] })
    }

    /// The negation, coefficient by coefficient.
    public static prefix func - (p: Polynomial) -> Polynomial {
        Polynomial(coefficients: p.coefficients.map { -$0 })
    }

    /// The difference.
    public static func - (lhs: Polynomial, rhs: Polynomial) -> Polynomial { lhs + -rhs }

    /// Schoolbook multiplication: the degrees here are small.
    public static func * (lhs: Polynomial, rhs: Polynomial) -> Polynomial {
        if lhs.isZero || rhs.isZero { return .zero }
        var product = [Rational](repeating: .zero, count: lhs.coefficients.count + rhs.coefficients.count - 1)
        for (i, a) in lhs.coefficients.enumerated() where !a.isZero {
            for (j, b) in rhs.coefficients.enumerated() where !b.isZero {
                product[i + j] += a * b
            }
        }
        return Polynomial(coefficients: product)
    }

    /// p^n for n ≥ 0, by repeated squaring.
    /// - Precondition: `exponent >= 0`.
    public func power(_ exponent: Int) -> Polynomial {
        precondition(exponent >= 0, "Polynomial.power: negative exponent")
        var result = Polynomial.one
        var base = self
        var remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 { result = result * base }
            remaining >>= 1
            if remaining > 0 { base = base * base }
        }
        return result
    }
}

// MARK: - Text

extension Polynomial: CustomStringConvertible {
    /// Descending powers in x, for messages and tests: `2x^2 - x + 1/2`, `0`.
    public var description: String {
        if isZero { return "0" }
        var text = ""
        for power in stride(from: degree, through: 0, by: -1) {
            let coefficient = self[power]
            if coefficient.isZero { continue }
            let negative = coefficient.signum < 0
            text += text.isEmpty ? (negative ? "-" : "") : (negative ? " - " : " + ")
            let magnitude = coefficient.magnitude
            let variable = power == 0 ? "" : power == 1 ? "x" : "x^\(power)"
            if magnitude != .one || power == 0 {
                text += magnitude.isInteger || power == 0 ? magnitude.description : "(\(magnitude))"
            }
            text += variable
        }
        return text
    }
}
