import Foundation
import GeneratedNetworks
import Testing

/// The public API of generated code is written once, in the runtime (`Gradgen.Network` and its
/// extension in Gradgen.swift), not once per network: the network files of Generated/ declare
/// none of its entry points, and code written once over `Gradgen.Network` runs every network,
/// whatever its form and scalar.
@Suite("Generated networks share one API")
struct SharedAPITests {
    /// Declarations of the entry points that `Gradgen.Network`'s extension provides.
    static let entryPoints = [
        "func lossAndGradients(x: [Scalar], t: [Scalar], parameters: Parameters) -> Gradients",
        "func lossAndGradients(x: [Scalar], t: [Scalar], parameters: Parameters, workspace: Workspace)",
        "func batchLossAndGradients(x: [Scalar]",
        "func batchLossAndGradients(x: UnsafeBufferPointer<Scalar>",
        "func predict(x: [Scalar], parameters: Parameters)",
        "func predict(x: [Scalar], count: Int",
        "func spec(parameters: Parameters",
        "typealias Momentum",
        "typealias Reduction",
    ]

    @Test func theEntryPointsAreDeclaredOnceInTheRuntimeAndInNoNetworkFile() throws {
        let generated = RegenerationTests.packageRoot.appendingPathComponent("Generated")
        let runtime = try String(contentsOf: generated.appendingPathComponent("Gradgen.swift"), encoding: .utf8)
        for entryPoint in Self.entryPoints {
            #expect(runtime.components(separatedBy: entryPoint).count == 2, "Gradgen.swift declares \(entryPoint) once")
        }
        let networks = try FileManager.default.contentsOfDirectory(atPath: generated.path)
            .filter { $0.hasSuffix(".swift") && !$0.hasPrefix("Gradgen") }.sorted()
        #expect(networks.count == 12)
        for file in networks {
            let text = try String(contentsOf: generated.appendingPathComponent(file), encoding: .utf8)
            let name = String(file.dropLast(".swift".count))
            #expect(text.contains("extension \(name): Gradgen.Network {}"), "\(file) conforms to Gradgen.Network")
            for declaration in ["func lossAndGradients(x:", "func batchLossAndGradients", "func predict(x:", "func spec(", "Momentum", "Reduction"] {
                let lines = text.split(separator: "\n").filter { $0.contains(declaration) && !$0.contains("static func evaluate") }
                // Unrolled code keeps its own one-sample core, lossAndGradients(…into:).
                #expect(lines.allSatisfy { $0.contains("into gradients: inout Gradients") }, "\(file) declares \(declaration) itself: \(lines)")
            }
        }
    }

    /// Each array of `gradients`, in parameter order.
    static func arrays<Gradients: Gradgen.ArraySet>(_ gradients: Gradients) -> [[Gradients.Element]] {
        Gradients.arrays.map { gradients[keyPath: $0] }
    }

    /// Code written once over `Gradgen.Network` runs unrolled and loop code, Double and Float:
    /// a batch of one sample gives the bits of the network's own one-sample core, and its mean
    /// is its sum.
    @Test func codeGenericOverTheNetworkRunsEveryForm() {
        func check<Network: Gradgen.Network>(_ network: Network.Type) {
            let sizes = Network.sizes
            let x = (0..<sizes[0]).map { Network.Scalar($0 % 5) - 2 }
            let t = (0..<sizes[sizes.count - 1]).map { Network.Scalar($0 % 3) - 1 }
            let parameters = Network.Parameters.random(seed: 5)
            let workspace = Network.Workspace()
            var core = workspace.gradients
            Network.lossAndGradients(x: x, t: t, parameters: parameters, into: &core)
            let mean = Network.batchLossAndGradients(x: x, t: t, count: 1, reduction: .mean, parameters: parameters, workspace: workspace, threads: 2)
            #expect(Self.arrays(workspace.gradients) == Self.arrays(core), "\(network): the batch of one is the one-sample core")
            #expect(Self.arrays(Network.lossAndGradients(x: x, t: t, parameters: parameters)) == Self.arrays(core), "\(network): lossAndGradients(x:t:parameters:)")
            let sum = Network.lossAndGradients(x: x, t: t, parameters: parameters, workspace: workspace)
            #expect(mean == sum && sum.isFinite && sum > 0, "\(network): the mean of one sample is its sum: \(mean), \(sum)")
            #expect(Self.arrays(core).joined().contains { $0 != 0 }, "\(network): some gradient is not zero")
        }
        check(ReferenceReLU.self)
        check(ReferenceSigmoidFloat.self)
        check(RandomDeep.self)
        check(Wide30Loops.self)
        check(Wide30LoopsFloat.self)
    }
}
