import Autodiff
import Exact
import NetworkModel

/// A verdict from error bounds: each value is compared with a reference whose distance from
/// the exact value is bounded (the Double autodiff computes the bound beside each value),
/// and passes when the difference is within that bound. Nothing here is a fixed relative or
/// absolute tolerance, so cancellation cannot fool it: where terms cancel, the bound is as
/// large as the noise the cancellation leaves.
public struct ErrorBoundCheck: Sendable {
    /// One group's result: the loss, or one parameter's gradient.
    public struct Group: Sendable {
        /// "loss", "W1", ….
        public let name: String
        /// Values compared or skipped.
        public fileprivate(set) var count = 0
        /// The largest error as a fraction of its bound, over the values compared.
        public fileprivate(set) var largestFraction = 0.0
        /// Values beyond their bound.
        public fileprivate(set) var beyond = 0
        /// Values beyond Double's range, not compared.
        public fileprivate(set) var overflows = 0
        /// Values without a finite bound, not compared.
        public fileprivate(set) var unbounded = 0

        /// Values compared with their bound.
        public var compared: Int { count - overflows - unbounded }
        /// Every value compared is within its bound.
        public var passed: Bool { beyond == 0 }

        fileprivate mutating func add(_ value: BoundedValue) {
            count += 1
            switch value {
            case .within, .beyond:
                if case .beyond = value { beyond += 1 }
                largestFraction = max(largestFraction, value.fraction ?? 0)
            case .overflows: overflows += 1
            case .unbounded: unbounded += 1
            }
        }

        fileprivate func merged(with other: Group) -> Group {
            var group = self
            group.count += other.count
            group.largestFraction = max(largestFraction, other.largestFraction)
            group.beyond += other.beyond
            group.overflows += other.overflows
            group.unbounded += other.unbounded
            return group
        }
    }

    /// The groups in order: loss, W1, b1, ….
    public let groups: [Group]

    /// Sorts `values` (in the order of `layout`, repeated for several trials) into groups.
    public init(_ values: [BoundedValue], layout: [ValueGroup]) {
        let stride = layout.map(\.count).reduce(0, +)
        precondition(stride > 0 && values.count % stride == 0, "values come in whole trials of the layout")
        var groups = layout.map { Group(name: $0.name) }
        var offset = 0
        for value in values {
            var position = offset % stride
            var index = 0
            while position >= layout[index].count {
                position -= layout[index].count
                index += 1
            }
            groups[index].add(value)
            offset += 1
        }
        self.groups = groups
    }

    /// The exact values against the Double autodiff with its bounds.
    public init(exact: [ExactReference], oracle: [ErrorBounded<Double>], layout: [ValueGroup]) {
        precondition(exact.count == oracle.count, "compare lists of the same length")
        self.init(zip(exact, oracle).map { BoundedValue.compare(exact: $0.value, allowance: $0.allowance, with: $1) }, layout: layout)
    }

    /// Double results computed another way (generated code) against the autodiff with its
    /// bounds. With `bounds` (the generated code's own, from running it on a scalar with error
    /// bounds) the two may differ by the sum of both bounds, rigorously. Without them (predict,
    /// which has no bounded run), the generated code is allowed as large an error as the autodiff's bound:
    /// they may differ by `generatedCodeFactor` (2) times it.
    public init(generated: [Double], bounds: [Double]? = nil, oracle: [ErrorBounded<Double>], layout: [ValueGroup]) {
        precondition(generated.count == oracle.count && bounds.map { $0.count == oracle.count } != false, "compare lists of the same length")
        let values = generated.indices.map { index in
            bounds.map { BoundedValue.compare(generated[index], bound: $0[index], with: oracle[index]) }
                ?? BoundedValue.compare(generated[index], with: oracle[index], factor: Self.generatedCodeFactor)
        }
        self.init(values, layout: layout)
    }

    /// This check's groups, then `other`'s (the entry points of verify, one after another).
    public func followed(by other: ErrorBoundCheck) -> ErrorBoundCheck {
        ErrorBoundCheck(groups: groups + other.groups)
    }

    /// How many times the autodiff's bound separate code that is not instrumented from it:
    /// its own bound, taken to be the autodiff's, plus the autodiff's.
    public static let generatedCodeFactor = 2

    private init(groups: [Group]) {
        self.groups = groups
    }

    /// Both checks of the same layout merged group by group (trials of verify).
    public func merged(with other: ErrorBoundCheck) -> ErrorBoundCheck {
        ErrorBoundCheck(groups: zip(groups, other.groups).map { $0.merged(with: $1) })
    }

    /// No value lies beyond its bound.
    public var passed: Bool { groups.allSatisfy(\.passed) }
    /// All values.
    public var count: Int { groups.map(\.count).reduce(0, +) }
    /// Values compared with their bounds.
    public var compared: Int { groups.map(\.compared).reduce(0, +) }
    /// Values beyond Double's range.
    public var overflows: Int { groups.map(\.overflows).reduce(0, +) }
    /// Values without a finite bound.
    public var unbounded: Int { groups.map(\.unbounded).reduce(0, +) }
    /// The largest error as a fraction of its bound.
    public var largestFraction: Double { groups.map(\.largestFraction).max() ?? 0 }
}

/// An exact value as a rational, and how far it may be from the true value: nothing for a
/// rational, half a unit in the last digit for a correctly rounded decimal of a closed form.
/// Beside it the same as a `BinaryFloat`, whose exponent has no bound, for the high-precision
/// oracle: a decimal beyond 10^±100000 (e^(−10¹²) is 5.6e-434294481904) is held there alone.
public struct ExactReference: Sendable, Equatable {
    /// The value, or its decimal.
    public let value: Rational
    /// |value − true value| is at most this.
    public let allowance: Rational
    /// True when `value` is the true value itself (a rational result).
    public let isExact: Bool
    /// True when the decimal's exponent lies beyond `Rational.maximumDecimalExponent`:
    /// `value` is then 0 with an allowance of 10^−100000 for a tiny value, or 10^100000 for a
    /// huge one (beyond Double either way); `binary` holds it.
    public let isBeyondRationalRange: Bool
    /// The value as a binary float (beyond `Rational`'s range, the decimal to a few more bits
    /// than it has digits).
    public let binary: BinaryFloat
    /// |binary − true value| is at most this.
    public let binaryAllowance: BinaryFloat

    /// A rational result.
    public init(exactly value: Rational) {
        self.value = value
        allowance = .zero
        isExact = true
        isBeyondRationalRange = false
        binary = BinaryFloat(value)
        binaryAllowance = .zero
    }

    /// A decimal correctly rounded to `significantDigits` digits.
    public init(decimal: Rational, significantDigits: Int) {
        value = decimal
        isExact = false
        isBeyondRationalRange = false
        // |value| < 2^(m+1) with m its binary magnitude, so half a unit in the last digit is
        // at most 2^m · 10^(1 − digits).
        allowance = decimal.isZero ? .zero : Rational(2).power(decimal.binaryMagnitude) * Rational(10).power(1 - significantDigits)
        binary = BinaryFloat(decimal)
        binaryAllowance = BinaryFloat(allowance)
    }

    /// A decimal whose exponent is beyond what `Rational` parses (below 10^−100000 in
    /// magnitude or above 10^100000), correctly rounded to `significantDigits` digits; nil
    /// when the text is not a decimal.
    public init?(beyondRationalRange text: String, significantDigits: Int) {
        guard let parsed = BinaryFloat.parsing(decimal: text, bits: 4 * significantDigits + 64) else { return nil }
        let tiny = text.contains("e-")
        let limit = Rational(10).power(Rational.maximumDecimalExponent)
        value = tiny ? .zero : (text.hasPrefix("-") ? -limit : limit)
        allowance = tiny ? limit.reciprocal : .zero
        isExact = false
        isBeyondRationalRange = true
        binary = parsed.value
        // Half a unit in the last digit is at most ½ · 10^(1 − digits) of the value's magnitude,
        // within 2^(2 − bits) of the parsed one (51/100 covers both); then the parsing's error.
        let half = parsed.value.magnitude.scaled(by: Rational(51, 100) * Rational(10).power(1 - significantDigits))
        binaryAllowance = half.adding(parsed.error.scaled(by: 2), bits: 64)
    }

    /// An evaluation's value: its rational, or its decimal of `significantDigits` digits.
    public init(_ exact: ExactValue, significantDigits: Int) {
        if let rational = exact.rational {
            self.init(exactly: rational)
        } else if let decimal = try? Rational(parsing: exact.decimal) {
            self.init(decimal: decimal, significantDigits: significantDigits)
        } else if let wide = ExactReference(beyondRationalRange: exact.decimal, significantDigits: significantDigits) {
            // Only an exponent beyond ±100000 keeps a decimal from parsing as a `Rational`.
            self = wide
        } else {
            preconditionFailure("an evaluation's decimal is a decimal: \(exact.decimal.prefix(80))")
        }
    }
}
