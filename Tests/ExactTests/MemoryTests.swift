import Foundation
import Testing
import Exact

@Suite("Memory")
struct MemoryTests {
    /// Resident set size in bytes, from /proc/self/statm (Linux).
    private func residentBytes() throws -> Int {
        let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
        let pages = try #require(Int(statm.split(separator: " ")[1]))
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Ten million operations, most of them on GMP-backed values, leave resident memory
    /// where it was: every GMP value is freed when its last `Rational` goes.
    @Test func tenMillionOperationsDoNotGrowResidentMemory() throws {
        let big = Rational(2).power(100) + Rational(1, 3)
        var accumulator = big
        func run(_ operations: Int) {
            for i in 0..<operations / 4 {
                accumulator = accumulator + big     // GMP
                accumulator = accumulator - big     // GMP
                accumulator = accumulator * Rational(i & 7 + 1, 1)
                accumulator = accumulator / Rational(i & 7 + 1, 1)
            }
        }
        run(400_000)  // warm up allocator caches
        let before = try residentBytes()
        run(10_000_000)
        let after = try residentBytes()
        #expect(accumulator == big)
        #expect(after - before < 4 << 20, "resident memory grew from \(before) to \(after) bytes")
    }
}
