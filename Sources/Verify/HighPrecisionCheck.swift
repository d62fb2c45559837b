import Autodiff
import Exact
import NetworkModel

/// gradgen's values of a network that is not rational (its decimals to `digits` significant
/// digits) against the high-precision oracle: the runtime autodiff over
/// `ErrorBounded<RoundedFloat>`, binary floats of any exponent with its own e^x, log and tanh
/// by argument reduction, at about `digits` decimal digits plus guard bits, each value with a
/// rigorous bound: σ(−10¹²)-sized values (e^(−10¹²), e^(−10²⁰)) are compared like any other.
///
/// A value agrees to `digits` digits when everything within the oracle's bound lies within one
/// unit of the decimal's last digit; it disagrees when the oracle's bound and half a unit do
/// not reach each other (then the decimal is not correctly rounded). In between the oracle is
/// too coarse, and it runs again with more guard bits, up to `attempts` times.
public struct HighPrecisionCheck: Sendable {
    /// One group's result: the loss, or one parameter's gradient.
    public struct Group: Sendable {
        /// "loss", "W1", ….
        public let name: String
        /// Values compared.
        public fileprivate(set) var count = 0
        /// Values that agree to the requested digits.
        public fileprivate(set) var agreed = 0
        /// Values that disagree.
        public fileprivate(set) var beyond = 0
        /// Values the oracle could not resolve to the requested digits.
        public var unresolved: Int { count - agreed - beyond }
        /// Every value agrees.
        public var passed: Bool { agreed == count }
        /// Values compared: all of them.
        public var compared: Int { count }
    }

    /// Significant decimal digits compared.
    public let digits: Int
    /// The oracle's precision in bits, in its last run.
    public let bits: Int
    /// The groups in order: loss, W1, b1, ….
    public let groups: [Group]

    /// Runs with 64, 256, 1024 guard bits until every value is resolved.
    public static let attempts = 3

    /// Compares `exact` (loss, then every gradient entry) with the oracle on `spec`'s numbers.
    public init(spec: NetworkSpec, values: NetworkValues, exact: [ExactReference], digits: Int) throws {
        let layout = ValueGroup.groups(of: spec)
        let scale = exact.map(\.binary.magnitude).max() ?? .zero
        var guardBits = 64
        var bits = 0
        var verdicts: [Verdict] = []
        for attempt in 0..<Self.attempts {
            if attempt > 0 { guardBits *= 4 }
            bits = (digits * 3322 + 999) / 1000 + guardBits
            let precision = bits
            let oracle = try OracleBridge.lossAndGradients(spec, values: values) { ErrorBounded<RoundedFloat>($0, bits: precision) }
            verdicts = zip(exact, oracle).map { Self.verdict($0, $1, digits: digits, scale: scale) }
            if !verdicts.contains(.unresolved) { break }
        }
        var groups = layout.map { Group(name: $0.name) }
        var index = 0
        for (offset, verdict) in verdicts.enumerated() {
            while offset >= layout[0...index].map(\.count).reduce(0, +) { index += 1 }
            groups[index].count += 1
            if verdict == .agrees { groups[index].agreed += 1 }
            if verdict == .disagrees { groups[index].beyond += 1 }
        }
        self.digits = digits
        self.bits = bits
        self.groups = groups
    }

    /// Every value agrees.
    public var passed: Bool { groups.allSatisfy(\.passed) }
    /// Some value disagrees.
    public var disagrees: Bool { groups.contains { $0.beyond > 0 } }
    /// Values compared.
    public var count: Int { groups.map(\.count).reduce(0, +) }

    enum Verdict: Equatable { case agrees, disagrees, unresolved }

    /// One value: `exact` is within its allowance of the truth, the oracle within its bound.
    /// The quantities may lie anywhere in binary exponent (e^(−10²⁰)): they are compared as
    /// rationals after scaling by 2^−E, E the largest exponent among them; one more than
    /// `window` bits below that counts as an unknown amount up to 2^(E − window), added to the
    /// uncertainty, so a verdict is never claimed on what was dropped.
    static func verdict(_ exact: ExactReference, _ oracle: ErrorBounded<RoundedFloat>, digits: Int, scale: BinaryFloat) -> Verdict {
        guard let bound = oracle.bound?.value else { return .unresolved }
        // One unit in the last digit (at least): twice the half unit of a decimal, the same
        // measure for a rational, and 10^−digits of the largest value for an exact zero.
        let tenth = BinaryFloat(Rational(10).power(1 - digits))
        let unit = exact.binary.isZero
            ? scale.scaled(by: Rational(10).power(-digits))
            : tenth.timesPowerOfTwo(exact.binary.exponent + Rational(exact.binary.significand.binaryMagnitude + 1))
        let scaled = Scaled([exact.binary, oracle.value.value, bound, exact.binaryAllowance, unit], window: 4 * digits + 256)
        let (value, lost) = (scaled.values, scaled.lost)
        let distance = (value[1] - value[0]).magnitude
        // Dropped parts: at most `lost` in each of the five.
        if distance - 2 * lost > value[2] + value[3] + 2 * lost { return .disagrees }
        return distance + value[2] + 3 * lost <= value[4] ? .agrees : .unresolved
    }

    /// Binary floats as rationals x · 2^−E for the largest exponent E among them; a value
    /// more than `window` bits below 2^E becomes 0, and `lost` (2^(1 − window) when something
    /// was dropped, else 0) bounds what that dropped.
    struct Scaled {
        let values: [Rational]
        let lost: Rational

        init(_ numbers: [BinaryFloat], window: Int) {
            let top = numbers.filter { !$0.isZero }.map(\.exponent).max() ?? .zero
            var dropped = false
            values = numbers.map { x in
                if x.isZero { return .zero }
                guard let gap = (top - x.exponent).exactInt, gap <= window else {
                    dropped = true
                    return .zero
                }
                return x.significand * Rational(2).power(-gap)
            }
            lost = dropped ? Rational(2).power(1 - window) : .zero
        }
    }
}
