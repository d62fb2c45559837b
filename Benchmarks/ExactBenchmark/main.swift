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

var generator = SplitMix64(seed: 42)
let count = 1024

let doubles = (0..<2 * count).map { _ in Double(generator.next() >> 11) * 0x1p-53 * 200 - 100 }
let smallRationals = (0..<2 * count).map { _ in
    Rational(generator.uniform(in: -1000...1000), generator.uniform(in: 1...1000))
}
func digits(_ n: Int, using generator: inout SplitMix64) -> String {
    String(generator.uniform(in: 1...9)) + (1..<n).map { _ in String(generator.uniform(in: 0...9)) }.joined()
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
