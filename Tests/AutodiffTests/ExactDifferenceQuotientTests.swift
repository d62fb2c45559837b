import TestSupport
import Testing
import Autodiff
import Exact

/// For a piecewise-linear network (identity, ReLU, leaky ReLU) at a point where no unit
/// sits on a kink, the activation pattern is fixed in a neighbourhood, and there each z_l
/// is linear in W_l and b_l while later layers are linear in their inputs: the output is
/// affine in any single parameter θ_i. A polynomial loss of degree 2 in the output is then
/// a quadratic q(θ_i) = a + b θ_i + c θ_i², and for a quadratic the central difference
/// (q(θ + h) − q(θ − h)) / (2h) = b + 2cθ = q′(θ) exactly, for every h small enough to
/// stay in the neighbourhood. The second difference q(θ + h) − 2q(θ) + q(θ − h) = 2ch² is
/// exactly quadratic in h, which is checked too.
@Suite("Rational gradients equal exact difference quotients")
struct ExactDifferenceQuotientTests {
    static let h = Rational(10).power(-12)

    static let losses: [Loss] = [.halfSumOfSquares, .meanSquaredError]

    @Test(arguments: piecewiseLinearActivations, losses)
    func randomNetworks(activation: Activation, loss: Loss) throws {
        let seed = piecewiseLinearActivations.firstIndex(of: activation)! * Self.losses.count + Self.losses.firstIndex(of: loss)!
        var generator = SeededGenerator(seed: 0xE8AC7 &+ UInt64(seed))
        var nonZero = 0
        for _ in 0..<4 {
            let problem = try awayFromKinks(activation: activation, using: &generator)
            let evaluation = try problem.network.lossAndGradients(input: problem.input, target: problem.target, loss: loss)
            func lossAt(_ parameter: Parameter, _ delta: Rational) throws -> Rational {
                try problem.network.adding(delta, to: parameter).loss(input: problem.input, target: problem.target, loss: loss)
            }
            let center = evaluation.loss
            nonZero += problem.network.parameters.filter { evaluation.gradient($0) != 0 }.count
            for parameter in problem.network.parameters {
                let plus = try lossAt(parameter, Self.h), minus = try lossAt(parameter, -Self.h)
                #expect((plus - minus) / (2 * Self.h) == evaluation.gradient(parameter), "\(parameter)")
                let plus2 = try lossAt(parameter, 2 * Self.h), minus2 = try lossAt(parameter, -2 * Self.h)
                #expect(plus2 - 2 * center + minus2 == 4 * (plus - 2 * center + minus), "\(parameter) is not quadratic")
            }
        }
        #expect(nonZero > 0)  // the equalities did not only compare zeros
    }

    /// A random problem in which every ReLU or leaky-ReLU unit has |z| > 10⁻⁶, a margin
    /// that steps of 2·10⁻¹² times these small weights and inputs cannot cross.
    func awayFromKinks(activation: Activation, using generator: inout SeededGenerator) throws -> Problem<Rational> {
        for _ in 0..<1000 {
            let problem = randomProblem(activation: activation, using: &generator, draw: drawRational) { width, generator in
                (0..<width).map { _ in Rational(Int.random(in: -9...9, using: &generator), 3) }
            }
            if try (problem.network.distanceToKinks(input: problem.input) ?? 1) > Rational(1, 1_000_000) {
                return problem
            }
        }
        throw TestFailure("no problem away from kinks in 1000 draws")
    }
}
