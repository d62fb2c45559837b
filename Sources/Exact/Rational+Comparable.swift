extension Rational: Equatable {
    /// Exact equality. The representation is canonical, so values are equal exactly
    /// when their storage is: a small value never equals a GMP one.
    @inlinable
    public static func == (lhs: Rational, rhs: Rational) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case let (.small(a, b), .small(c, d)): return a == c && b == d
        case (.small, .big), (.big, .small): return false
        case let (.big(x), .big(y)): return x === y || gmpEqual(x, y)
        }
    }

    @usableFromInline
    static func gmpEqual(_ x: GMPRational, _ y: GMPRational) -> Bool {
        x.isEqual(to: y)
    }
}

extension Rational: Comparable {
    /// Exact order, by cross-multiplication (never through `Double`).
    @inlinable
    public static func < (lhs: Rational, rhs: Rational) -> Bool {
        if case let .small(a, b) = lhs.storage, case let .small(c, d) = rhs.storage {
            // a/b < c/d ⟺ a·d < c·b (denominators are positive); 128-bit products cannot overflow.
            let left = a.multipliedFullWidth(by: d)
            let right = c.multipliedFullWidth(by: b)
            return left.high < right.high || (left.high == right.high && left.low < right.low)
        }
        return gmpCompare(lhs, rhs) < 0
    }

    @usableFromInline
    static func gmpCompare(_ lhs: Rational, _ rhs: Rational) -> Int {
        lhs.gmpValue().compare(to: rhs.gmpValue())
    }
}

extension Rational: Hashable {
    /// Hashes the canonical representation. Equal values have equal storage (see `==`),
    /// so hashing each representation separately is consistent with equality.
    public func hash(into hasher: inout Hasher) {
        switch storage {
        case let .small(numerator, denominator):
            hasher.combine(numerator)
            hasher.combine(denominator)
        case let .big(value):
            value.hash(into: &hasher)
        }
    }
}
