import Exact

/// The project's SplitMix64 as a `RandomNumberGenerator`, so that tests can use the
/// standard library's `random(in:using:)`: every random case is the same in every process
/// and on every machine; nothing comes from the system generator.
public struct SeededGenerator: RandomNumberGenerator {
    private var core: SplitMix64

    public init(seed: UInt64) { core = SplitMix64(seed: seed) }

    public mutating func next() -> UInt64 { core.next() }
}
