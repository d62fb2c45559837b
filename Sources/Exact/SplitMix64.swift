/// The SplitMix64 generator (Steele, Lea and Flood 2014; the reference code is Vigna's
/// `splitmix64.c`), with an exact bounded draw.
///
/// gradgen uses its own generator instead of `SystemRandomNumberGenerator` or the standard
/// library's `random(in:using:)` because a seed must give the same problem in every process,
/// on every machine and with every Swift version, forever: this algorithm is fixed here and
/// pinned by tests. It deliberately does not conform to `RandomNumberGenerator`, so that no
/// standard-library sampling algorithm (which may change) can be used with it by accident.
public struct SplitMix64: Sendable, Hashable {
    /// The state: the seed plus the number of outputs times the golden-ratio increment.
    public private(set) var state: UInt64

    /// A generator that starts from `seed`: the same seed gives the same sequence on every platform.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 bits:
    /// `state += 0x9E3779B97F4A7C15; z = state;`
    /// `z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9; z = (z ^ (z >> 27)) * 0x94D049BB133111EB;`
    /// `return z ^ (z >> 31)` (all arithmetic modulo 2⁶⁴).
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound`, without bias, by rejection: with
    /// `threshold = 2⁶⁴ mod bound`, draw `r = next()` until `r ≥ threshold`, return `r mod bound`.
    /// Always consumes at least one output (even for `bound == 1`).
    ///
    /// - Precondition: `bound > 0` (callers pass counts they have checked).
    public mutating func uniform(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "SplitMix64.uniform: empty range")
        let threshold = (0 &- bound) % bound
        while true {
            let r = next()
            if r >= threshold { return r % bound }
        }
    }

    /// A uniform integer in `range`, as `range.lowerBound + uniform(below: range.count)`
    /// (for the whole of `Int`, whose count does not fit, `lowerBound + next()` wrapping).
    public mutating func uniform(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(truncatingIfNeeded: range.upperBound) &- UInt64(truncatingIfNeeded: range.lowerBound)
        let offset = span == .max ? next() : uniform(below: span + 1)
        return range.lowerBound &+ Int(truncatingIfNeeded: offset)
    }

    /// A uniform element of a nonempty array: `elements[uniform(below: count)]`.
    public mutating func element<T>(of elements: [T]) -> T {
        elements[Int(uniform(below: UInt64(elements.count)))]
    }
}
