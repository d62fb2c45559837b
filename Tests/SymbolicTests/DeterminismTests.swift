import Foundation
import Testing
import Exact
@testable import Symbolic

/// Swift seeds `Hasher` per process, so an order that leaked from a Dictionary or Set
/// would differ between processes. These tests derive the same gradient in two child
/// processes (this test binary, re-run on one test) and compare the printed schedules.
@Suite("Determinism across processes")
struct DeterminismTests {
    static let outputVariable = "GRADGEN_SCHEDULE_PROBE_OUTPUT"

    /// A 3-4-2 network, sigmoid then leaky relu, loss ½‖t − x₃‖²: its gradient schedule.
    static func derivationListing() -> String {
        let arena = ExpressionArena()
        let sizes = [3, 4, 2]
        var activations = (0..<sizes[0]).map { arena.symbol("x_\($0)") }
        var parameters: [ExpressionID] = []
        for layer in 1..<sizes.count {
            let function: Function = layer == 1 ? .sigmoid : .leakyRelu(slope: Rational(1, 10))
            activations = (0..<sizes[layer]).map { i in
                let weights = (0..<sizes[layer - 1]).map { arena.symbol("W\(layer)_\(i)_\($0)") }
                let bias = arena.symbol("b\(layer)_\(i)")
                parameters += weights + [bias]
                let z = arena.sum(zip(weights, activations).map { arena.multiply($0, $1) } + [bias])
                return arena.apply(function, z)
            }
        }
        let residuals = activations.enumerated().map { arena.subtract(arena.symbol("t_\($0)"), $1) }
        let loss = arena.scale(arena.sum(residuals.map { arena.power($0, 2) }), by: Rational(1, 2))
        let gradient = arena.gradient(of: loss, withRespectTo: parameters)
        return Schedule(outputs: [loss] + gradient, in: arena).listing(in: arena)
    }

    @Test func scheduleProbe() throws {
        // In a child process: write the listing and stop. In the parent: nothing to do here.
        guard let path = ProcessInfo.processInfo.environment[Self.outputVariable] else { return }
        try Self.derivationListing().write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func sameScheduleInTwoChildProcesses() throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gradgen-determinism-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var listings: [String] = []
        for child in 0..<2 {
            let output = directory.appendingPathComponent("schedule-\(child).txt")
            let process = Process()
            process.executableURL = executable
            process.arguments = ["--testing-library", "swift-testing", "--filter", "scheduleProbe"]
            process.environment = ProcessInfo.processInfo.environment.merging([Self.outputVariable: output.path]) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            listings.append(try String(contentsOf: output, encoding: .utf8))
        }
        #expect(listings[0].count > 1000)
        #expect(listings[0] == listings[1])
        #expect(listings[0] == Self.derivationListing())
    }
}
