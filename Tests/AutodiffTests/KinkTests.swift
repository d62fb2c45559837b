import Testing
import Autodiff
import Exact

/// The reference network with b1[1] = −1, so that z1 = [0, 2]: unit 1 sits on the kink.
/// Upstream, ∂L/∂x2 = W2ᵀ(x3 − t) = [−7, 9] (x2 = [0, 2], x3 = [−3, 3]).
@Suite("Kink conventions (PyTorch)")
struct KinkTests {
    static func network(_ activation: Activation) -> MLP<Rational> {
        var network = Reference.network(firstActivation: activation)
        network.layers[0].bias[0] = -1
        return network
    }

    @Test func reluUnitAtZeroPassesNoGradient() throws {
        let result = try Self.network(.relu).lossAndGradients(input: Reference.x1, target: Reference.t)
        #expect(try Self.network(.relu).preActivations(input: Reference.x1)[0] == [0, 2])
        #expect(result.layers[0].bias == [0, 9])
        #expect(result.layers[0].weights == [[0, 0, 0], [0, 9, 18]])
        #expect(result.loss == Rational(17, 2))
    }

    @Test func reluUnitAtZeroInDouble() throws {
        for zero in [0.0, -0.0] {
            let network = MLP<Double>(layers: [Layer(weights: [[1]], bias: [zero], activation: .relu)])
            let result = try network.lossAndGradients(input: [0], target: [1])
            #expect(result.layers[0].bias == [0])
            #expect(result.output == [0])
        }
    }

    @Test func leakyReLUAtZeroHasTheSlope() throws {
        let result = try Self.network(.leakyReLU(slope: Rational(1, 10))).lossAndGradients(input: Reference.x1, target: Reference.t)
        #expect(result.layers[0].bias == [Rational(-7, 10), 9])
        #expect(result.layers[0].weights == [[0, Rational(-7, 10), Rational(-7, 5)], [0, 9, 18]])
    }

    @Test func leakyReLUBelowZeroScalesByTheSlope() throws {
        let tape = Tape<Rational>()
        let x = tape.leaf(-3)
        let y = x.leakyReLU(slope: Rational(1, 4))
        #expect(y.data == Rational(-3, 4))
        #expect(tape.gradient(of: y)[x] == Rational(1, 4))
    }

    /// ELU′(0) = α, the left branch, in Double; and where the bound leaves the sign of x open,
    /// the bound of ELU′ covers both sides (α and 1), as relu's does, while a sign the bound
    /// decides keeps its side's tight bound.
    @Test func eluAtZeroHasAlphaAndABoundCoveringTheKink() throws {
        let plain = Tape<Double>()
        let zero = plain.leaf(0)
        #expect(try plain.gradient(of: zero.elu(alpha: 0.5))[zero] == 0.5)

        let tape = Tape<ErrorBounded<Double>>()
        let alpha = ErrorBounded<Double>(converting: Rational(1, 2))
        let open = tape.leaf(ErrorBounded(1e-17, bound: 1e-16))
        let slope = tape.gradient(of: try open.elu(alpha: alpha))[open]
        #expect(slope.value == 1)
        #expect(try #require(slope.bound) >= 0.5, "the exact x may be negative, where ELU′ is about α = 1/2")
        let decided = tape.leaf(ErrorBounded(1e-17, bound: 1e-18))
        let tight = tape.gradient(of: try decided.elu(alpha: alpha))[decided]
        #expect(tight.value == 1)
        #expect(try #require(tight.bound) < 1e-15, "a decided sign keeps one side's bound")
    }
}
