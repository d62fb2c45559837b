import Autodiff
import Exact
import NetworkModel

/// gradgen's values of a network that is not rational (its decimals to `digits` significant
/// digits) against the high-precision oracle: the runtime autodiff over
/// `ErrorBounded<RoundedRational>`, with its own e^x, log and tanh, at about `digits` decimal
/// digits plus guard bits, each value with a rigorous bound.
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
        /// Values beyond the oracle's range (decimal exponents beyond ±100000), not compared.
        public fileprivate(set) var beyondRange = 0
        /// Values the oracle could not resolve to the requested digits.
        public var unresolved: Int { count - agreed - beyond - beyondRange }
        /// Every value compared agrees.
        public var passed: Bool { agreed + beyondRange == count }
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
        let scale = exact.filter { !$0.isBeyondRationalRange }.map(\.value.magnitude).max() ?? .zero
        var guardBits = 64
        var bits = 0
        var verdicts: [Verdict] = []
        for attempt in 0..<Self.attempts {
            if attempt > 0 { guardBits *= 4 }
            bits = (digits * 3322 + 999) / 1000 + guardBits
            let precision = bits
            let oracle = try OracleBridge.lossAndGradients(spec, values: values) { ErrorBounded<RoundedRational>($0, bits: precision) }
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
            if verdict == .beyondRange { groups[index].beyondRange += 1 }
        }
        self.digits = digits
        self.bits = bits
        self.groups = groups
    }

    /// Every value agrees.
    public var passed: Bool { groups.allSatisfy(\.passed) }
    /// Some value disagrees.
    public var disagrees: Bool { groups.contains { $0.beyond > 0 } }
    /// Values compared or beyond range.
    public var count: Int { groups.map(\.count).reduce(0, +) }
    /// Values beyond the oracle's range, not compared.
    public var beyondRange: Int { groups.map(\.beyondRange).reduce(0, +) }

    enum Verdict: Equatable { case agrees, disagrees, unresolved, beyondRange }

    /// One value: `exact` is within `allowance` of the truth, the oracle within its bound.
    static func verdict(_ exact: ExactReference, _ oracle: ErrorBounded<RoundedRational>, digits: Int, scale: Rational) -> Verdict {
        // The oracle's rationals cannot hold e^(−10¹²) (its exp stops at |x| = 2^20): say so.
        if exact.isBeyondRationalRange { return .beyondRange }
        guard let bound = oracle.bound?.value else { return .unresolved }
        let distance = (oracle.value.value - exact.value).magnitude
        if distance > bound + exact.allowance { return .disagrees }
        // One unit in the last digit (at least): twice the half unit of a decimal, the same
        // measure for a rational, and 10^−digits of the largest value for an exact zero.
        let unit = exact.value.isZero
            ? scale * Rational(10).power(-digits)
            : Rational(2).power(exact.value.binaryMagnitude + 1) * Rational(10).power(1 - digits)
        return distance + bound <= unit ? .agrees : .unresolved
    }
}
