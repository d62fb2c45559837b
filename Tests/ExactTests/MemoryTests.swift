import Foundation
import Testing
import TestSupport
import Exact

@Suite("Memory")
struct MemoryTests {
    /// Resident set size in bytes, from /proc/self/statm (Linux).
    private static func residentBytes() throws -> Int {
        let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
        let pages = try #require(Int(statm.split(separator: " ")[1]))
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// In a child process, alone: ten million operations, half of them on GMP-backed values,
    /// and the growth of resident memory they caused.
    @Test func tenMillionOperationsProbe() throws {
        guard let output = ChildProcess.outputPath else { return }
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
        let before = try Self.residentBytes()
        run(10_000_000)
        let after = try Self.residentBytes()
        let unchanged = accumulator == big
        try "\(after - before) \(unchanged)".write(toFile: output, atomically: true, encoding: .utf8)
    }

    /// Every GMP value is freed when its last `Rational` goes: resident memory stays put.
    @Test func tenMillionOperationsDoNotGrowResidentMemory() throws {
        let report = try ChildProcess.runAlone("tenMillionOperationsProbe").split(separator: " ")
        let growth = try #require(Int(report[0]))
        #expect(report[1] == "true")
        #expect(growth < 1 << 20, "resident memory grew by \(growth) bytes")
    }
}
