import TestSupport
import Testing
import Autodiff
import Exact

/// Every gradient of seeded random Double networks against central differences.
@Suite("Double gradients against central differences")
struct FiniteDifferenceTests {
    static let step = 1e-5
    static let tolerance = 1e-6

    static let losses: [Loss] = [.halfSumOfSquares, .meanSquaredError, .softmaxCrossEntropy]

    @Test(arguments: allActivations, losses)
    func randomNetworks(activation: Activation, loss: Loss) throws {
        let seed = allActivations.firstIndex(of: activation)! * Self.losses.count + Self.losses.firstIndex(of: loss)!
        var generator = SeededGenerator(seed: 0xD00B1E &+ UInt64(seed))
        var checked = 0
        for _ in 0..<6 {
            let problem = try awayFromKinks(activation: activation, loss: loss, using: &generator)
            let evaluation = try problem.network.lossAndGradients(input: problem.input, target: problem.target, loss: loss)
            for parameter in problem.network.parameters {
                let plus = try problem.network.adding(Self.step, to: parameter).loss(input: problem.input, target: problem.target, loss: loss)
                let minus = try problem.network.adding(-Self.step, to: parameter).loss(input: problem.input, target: problem.target, loss: loss)
                let difference = (plus - minus) / (2 * Self.step)
                let gradient = evaluation.gradient(parameter)
                #expect(abs(difference - gradient) <= Self.tolerance * max(abs(gradient), 1e-2),
                        "\(parameter): autodiff \(gradient), central difference \(difference)")
                checked += 1
            }
        }
        #expect(checked >= 6)
    }

    /// Mixed activations, one drawn per layer.
    @Test func mixedActivations() throws {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<10 {
            var problem = try awayFromKinks(activation: .tanh, loss: .halfSumOfSquares, using: &generator)
            for l in problem.network.layers.indices {
                problem.network.layers[l].activation = [Activation.sigmoid, .tanh, .softplus, .identity].randomElement(using: &generator)!
            }
            let evaluation = try problem.network.lossAndGradients(input: problem.input, target: problem.target)
            for parameter in problem.network.parameters {
                let plus = try problem.network.adding(Self.step, to: parameter).loss(input: problem.input, target: problem.target)
                let minus = try problem.network.adding(-Self.step, to: parameter).loss(input: problem.input, target: problem.target)
                let difference = (plus - minus) / (2 * Self.step)
                let gradient = evaluation.gradient(parameter)
                #expect(abs(difference - gradient) <= Self.tolerance * max(abs(gradient), 1e-2), "\(parameter)")
            }
        }
    }

    /// A random problem in which every ReLU or leaky-ReLU unit has |z| ≥ 0.01, far beyond
    /// what a step of 1e-5 can move it: the difference quotient never straddles a kink.
    func awayFromKinks(activation: Activation, loss: Loss, using generator: inout SeededGenerator) throws -> Problem<Double> {
        for _ in 0..<1000 {
            let problem = randomProblem(activation: activation, using: &generator, draw: drawDouble) { width, generator in
                guard loss == .softmaxCrossEntropy else {
                    return (0..<width).map { _ in drawDouble(&generator) }
                }
                let weights = (0..<width).map { _ in Double.random(in: 0.1...1, using: &generator) }
                let total = weights.reduce(0, +)
                return weights.map { $0 / total }  // target probabilities
            }
            if try (problem.network.distanceToKinks(input: problem.input) ?? 1) >= 0.01 {
                return problem
            }
        }
        throw TestFailure("no problem away from kinks in 1000 draws")
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
