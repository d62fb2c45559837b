// MARK: - Sign

extension Rational {
    /// -1, 0 or 1.
    public var signum: Int {
        switch storage {
        case let .small(numerator, _): return numerator.signum()
        case let .big(value): return value.sign
        }
    }

    /// True for zero.
    @inlinable
    public var isZero: Bool {
        if case .small(0, _) = storage { return true }
        return false
    }

    /// True when the denominator is one.
    public var isInteger: Bool {
        switch storage {
        case let .small(_, denominator): return denominator == 1
        case let .big(value): return value.isInteger
        }
    }

    /// The absolute value.
    public var magnitude: Rational { signum < 0 ? -self : self }

    /// The value as an `Int`, when it is an integer in range.
    public var exactInt: Int? {
        if case let .small(numerator, 1) = storage { return numerator }
        return nil
    }
}

/// The absolute value of `x`.
public func abs(_ x: Rational) -> Rational { x.magnitude }

// MARK: - Arithmetic

extension Rational {
    /// The negation of `x`, exact.
    @inlinable
    public static prefix func - (x: Rational) -> Rational {
        if case let .small(numerator, denominator) = x.storage {
            return Rational(canonicalNumerator: -numerator, denominator: denominator)
        }
        return gmpNegation(x)
    }

    /// The exact sum: in machine words while the result fits, through GMP otherwise.
    @inlinable
    public static func + (lhs: Rational, rhs: Rational) -> Rational {
        if case let .small(a, b) = lhs.storage, case let .small(c, d) = rhs.storage,
           let sum = SmallFraction.sum(a, b, c, d) {
            return sum
        }
        return gmp(lhs, rhs, .add)
    }

    /// The exact difference: in machine words while the result fits, through GMP otherwise.
    @inlinable
    public static func - (lhs: Rational, rhs: Rational) -> Rational {
        if case let .small(a, b) = lhs.storage, case let .small(c, d) = rhs.storage,
           let difference = SmallFraction.sum(a, b, -c, d) {
            return difference
        }
        return gmp(lhs, rhs, .subtract)
    }

    /// The exact product: in machine words while the result fits, through GMP otherwise.
    @inlinable
    public static func * (lhs: Rational, rhs: Rational) -> Rational {
        if case let .small(a, b) = lhs.storage, case let .small(c, d) = rhs.storage,
           let product = SmallFraction.product(a, b, c, d) {
            return product
        }
        return gmp(lhs, rhs, .multiply)
    }

    /// - Precondition: `rhs` is not zero, as for integer division.
    @inlinable
    public static func / (lhs: Rational, rhs: Rational) -> Rational {
        lhs * rhs.reciprocal
    }

    /// `1 / self`.
    /// - Precondition: `self` is not zero.
    @inlinable
    public var reciprocal: Rational {
        if case let .small(numerator, denominator) = storage {
            precondition(numerator != 0, "Rational: division by zero")
            return numerator > 0
                ? Rational(canonicalNumerator: denominator, denominator: numerator)
                : Rational(canonicalNumerator: -denominator, denominator: -numerator)
        }
        return Rational.gmpReciprocal(self)
    }

    /// Adds in place, reusing `lhs`'s GMP storage when it is not shared.
    public static func += (lhs: inout Rational, rhs: Rational) { lhs.formInPlace(rhs, small: +, .add) }
    /// Subtracts in place, reusing `lhs`'s GMP storage when it is not shared.
    public static func -= (lhs: inout Rational, rhs: Rational) { lhs.formInPlace(rhs, small: -, .subtract) }
    /// Multiplies in place, reusing `lhs`'s GMP storage when it is not shared.
    public static func *= (lhs: inout Rational, rhs: Rational) { lhs.formInPlace(rhs, small: *, .multiply) }
    /// Divides in place.
    /// - Precondition: `rhs` is not zero.
    public static func /= (lhs: inout Rational, rhs: Rational) { lhs = lhs / rhs }

    /// `self` raised to an integer power; negative exponents invert.
    /// - Precondition: a negative exponent needs a non-zero base.
    public func power(_ exponent: Int) -> Rational {
        exponent < 0 ? reciprocal.power(magnitude: exponent.magnitude) : power(magnitude: exponent.magnitude)
    }

    /// Square-and-multiply.
    private func power(magnitude exponent: UInt) -> Rational {
        var result = Rational.one
        var base = self
        var remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 { result *= base }
            remaining >>= 1
            if remaining > 0 { base *= base }
        }
        return result
    }
}

/// `base` raised to an integer power.
public func pow(_ base: Rational, _ exponent: Int) -> Rational { base.power(exponent) }

// MARK: - GMP fallback

extension Rational {
    @usableFromInline
    static func gmp(_ lhs: Rational, _ rhs: Rational, _ operation: GMPRational.Operation) -> Rational {
        Rational(normalizing: .apply(operation, lhs.gmpValue(), rhs.gmpValue()))
    }

    @usableFromInline
    static func gmpNegation(_ x: Rational) -> Rational {
        Rational(normalizing: x.gmpValue().negated())
    }

    @usableFromInline
    static func gmpReciprocal(_ x: Rational) -> Rational {
        precondition(!x.isZero, "Rational: division by zero")
        return Rational(normalizing: x.gmpValue().inverted())
    }

    /// Compound assignment: updates GMP storage in place when this value is its only
    /// owner (copy-on-write), otherwise computes a new value.
    mutating func formInPlace(_ rhs: Rational, small: (Rational, Rational) -> Rational, _ operation: GMPRational.Operation) {
        guard case .big(var value) = storage else {
            self = small(self, rhs)
            return
        }
        storage = .small(numerator: 0, denominator: 1)  // drop our reference to test uniqueness
        if isKnownUniquelyReferenced(&value) {
            value.formInPlace(operation, rhs.gmpValue())
            self = Rational(normalizing: value)
        } else {
            self = small(Rational(normalizing: value), rhs)
        }
    }
}

extension Rational: AdditiveArithmetic {}
