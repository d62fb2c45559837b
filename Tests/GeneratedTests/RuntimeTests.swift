import Exact
@testable import GeneratedNetworks
import Testing

/// The generated runtime's own helpers: what trained weights are written with, and the
/// seeded generator `Parameters.random(seed:)` draws from.
@Suite("Generated runtime")
struct RuntimeTests {
    @Test func exactDecimalsAreTheDoublesThemselves() throws {
        #expect(Gradgen.exactDecimal(0.1) == "0.1000000000000000055511151231257827021181583404541015625")
        #expect(Gradgen.exactDecimal(-2.5) == "-2.5")
        #expect(Gradgen.exactDecimal(3) == "3")
        #expect(Gradgen.exactDecimal(0) == "0")
        #expect(Gradgen.exactDecimal(0x1p60) == "1152921504606846976")
        // Every binary fraction, normal or subnormal, huge or tiny: the text parses back to the
        // very rational the Double holds.
        var generator = Gradgen.SplitMix64(seed: 5)
        let samples = [Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, -Double.leastNormalMagnitude, 1e-300, 123.456]
            + (0..<200).map { _ in Double(bitPattern: generator.next() & ~(0x7FF0 << 48) | (UInt64.random(in: 0x3C0...0x440, using: &generator) << 52)) }
        for value in samples {
            #expect(try Rational(parsing: Gradgen.exactDecimal(value)) == Rational(exactly: value), "\(value)")
        }
    }

    @Test func randomParametersAreReproducibleAndScaled() {
        let a = Wide784.Parameters.random(seed: 11), b = Wide784.Parameters.random(seed: 11)
        #expect(a == b)
        #expect(a != Wide784.Parameters.random(seed: 12))
        // Layer 1 is ReLU (He: √(6/784)), layer 2 the identity (Glorot: √(6/(128 + 10))).
        #expect(a.W1.allSatisfy { abs($0) <= (6.0 / 784).squareRoot() } && a.W1.contains { abs($0) > 0.8 * (6.0 / 784).squareRoot() })
        #expect(a.W2.allSatisfy { abs($0) <= (6.0 / 138).squareRoot() } && a.W2.contains { abs($0) > 0.8 * (6.0 / 138).squareRoot() })
        #expect(a.b1.allSatisfy { $0 == 0 } && a.b2.allSatisfy { $0 == 0 })
    }
}
