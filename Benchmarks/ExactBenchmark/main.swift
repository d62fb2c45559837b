// Rational arithmetic per second, side by side with Double in the same run.
// Run in release: `swift run -c release ExactBenchmark` (or Benchmarks/run).
import Exact
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Seconds on the monotonic clock.
func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// SplitMix64, so that the operands are the same in every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Applies `operation` elementwise over two operand arrays, `rounds` times, and returns
/// the median time per operation in nanoseconds over several repetitions. Operands are
/// read through buffer pointers so that the loop costs little beside the operation.
@inline(__always)
func measure<T>(_ lhs: [T], _ rhs: [T], rounds: Int, _ operation: (T, T) -> T) -> Double {
    var results = lhs
    var samples: [Double] = []
    for _ in 0..<7 {
        let start = now()
        lhs.withUnsafeBufferPointer { a in
            rhs.withUnsafeBufferPointer { b in
                results.withUnsafeMutableBufferPointer { c in
                    for _ in 0..<rounds {
                        for i in 0..<a.count { c[i] = operation(a[i], b[i]) }
                    }
                }
            }
        }
        samples.append((now() - start) / Double(rounds * lhs.count) * 1e9)
    }
    blackHole(results)
    return samples.sorted()[samples.count / 2]
}

@inline(never)
func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }

var generator = SeededGenerator(state: 42)
let count = 1024

let doubles = (0..<2 * count).map { _ in Double.random(in: -100...100, using: &generator) }
let smallRationals = (0..<2 * count).map { _ in
    Rational(Int.random(in: -1000...1000, using: &generator), Int.random(in: 1...1000, using: &generator))
}
func digits(_ n: Int, using generator: inout SeededGenerator) -> String {
    String(Int.random(in: 1...9, using: &generator)) + (1..<n).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
}
let bigRationals = (0..<2 * 64).map { _ in try! Rational(parsing: digits(1000, using: &generator) + "/" + digits(1000, using: &generator)) }
let bigIntegers = (0..<2 * 64).map { _ in try! Rational(parsing: digits(1000, using: &generator)) }

func split<T>(_ values: [T]) -> ([T], [T]) { (Array(values.prefix(values.count / 2)), Array(values.suffix(values.count / 2))) }
let (dl, dr) = split(doubles)
let (sl, sr) = split(smallRationals)
let (bl, br) = split(bigRationals)
let (il, ir) = split(bigIntegers)

let rows: [(String, Double)] = [
    ("Double add", measure(dl, dr, rounds: 20_000, +)),
    ("Double multiply", measure(dl, dr, rounds: 20_000, *)),
    ("Rational add, small (|n|, d ≤ 1000)", measure(sl, sr, rounds: 2_000, +)),
    ("Rational multiply, small", measure(sl, sr, rounds: 2_000, *)),
    ("Rational add, 1000-digit integers", measure(il, ir, rounds: 200, +)),
    ("Rational multiply, 1000-digit integers", measure(il, ir, rounds: 200, *)),
    ("Rational add, 1000/1000-digit fractions", measure(bl, br, rounds: 5, +)),
    ("Rational multiply, 1000/1000-digit fractions", measure(bl, br, rounds: 5, *)),
]

let baseline = rows[0].1
print("operation".padding(toLength: 46, withPad: " ", startingAt: 0) + "      ns/op         ops/s   × Double add")
for (name, nanoseconds) in rows {
    let perOp = String(format: "%10.2f", nanoseconds)
    let perSecond = String(format: "%13.3e", 1e9 / nanoseconds)
    let ratio = String(format: "%12.1f", nanoseconds / baseline)
    print(name.padding(toLength: 46, withPad: " ", startingAt: 0) + " \(perOp) \(perSecond) \(ratio)")
}
