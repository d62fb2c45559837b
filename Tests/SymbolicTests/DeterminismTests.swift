import TestSupport
import Foundation
import Testing
import Exact
@testable import Symbolic

/// Swift seeds `Hasher` per process, so an order that leaked from a Dictionary or Set
/// would differ between processes. These tests derive the same gradient in two child
/// processes (this test binary, re-run on one test) and compare the printed schedules.
@Suite("Determinism across processes")
struct DeterminismTests {
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
        // In a child process: write the listing. In the parent: nothing to do here.
        guard let path = ChildProcess.outputPath else { return }
        try Self.derivationListing().write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func sameScheduleInTwoChildProcesses() throws {
        let listings = try (0..<2).map { _ in try ChildProcess.runAlone("scheduleProbe") }
        #expect(listings[0].count > 1000)
        #expect(listings[0] == listings[1])
        #expect(listings[0] == Self.derivationListing())
    }
}
