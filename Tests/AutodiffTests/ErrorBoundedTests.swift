import Autodiff
import Exact
import Testing

/// The Double autodiff with a rounding-error bound beside each value: the same numbers as
/// the plain Double autodiff, and every exact value within its bound.
@Suite("ErrorBounded<Double>: values with rounding-error bounds")
struct ErrorBoundedTests {
    /// A random piecewise-linear network with values like k/7 that are not binary fractions,
    /// so that every conversion to Double rounds.
    static func network(seed: UInt64) -> (MLP<Rational>, x: [Rational], t: [Rational]) {
        var random = SplitMix64(seed: seed)
        func value() -> Rational { Rational(random.uniform(in: -40...40), random.uniform(in: 1...13)) }
        var width = random.uniform(in: 1...6)
        let x = (0..<width).map { _ in value() }
        var layers: [Layer<Rational>] = []
        for layer in 0..<random.uniform(in: 1...4) {
            let size = random.uniform(in: 1...6)
            let activation: Activation = layer == 0 ? .relu : random.element(of: [.relu, .leakyReLU(slope: Rational(1, 10)), .identity])
            layers.append(Layer(weights: (0..<size).map { _ in (0..<width).map { _ in value() } }, bias: (0..<size).map { _ in value() },
                                activation: activation))
            width = size
        }
        return (MLP(layers: layers), x, (0..<width).map { _ in value() })
    }

    static func flat<S>(_ evaluation: Evaluation<S>) -> [S] {
        [evaluation.loss] + evaluation.namedGradients.flatMap(\.values)
    }

    func converted<S: AutodiffScalar>(_ mlp: MLP<Rational>, as _: S.Type) -> MLP<S> {
        MLP(layers: mlp.layers.map { layer in
            Layer(weights: layer.weights.map { $0.map(S.init(converting:)) }, bias: layer.bias.map(S.init(converting:)), activation: layer.activation)
        })
    }

    @Test func exactValuesLieWithinTheirBounds() throws {
        var compared = 0
        for seed in 0..<150 {
            let (exactNetwork, x, t) = Self.network(seed: UInt64(seed))
            let loss: Loss = seed % 2 == 0 ? .halfSumOfSquares : .meanSquaredError
            let exact = Self.flat(try exactNetwork.lossAndGradients(input: x, target: t, loss: loss))
            let plain: [Double] = Self.flat(try converted(exactNetwork, as: Double.self)
                .lossAndGradients(input: x.map { Double($0) }, target: t.map { Double($0) }, loss: loss))
            let bounded: [ErrorBounded<Double>] = Self.flat(try converted(exactNetwork, as: ErrorBounded<Double>.self)
                .lossAndGradients(input: x.map { ErrorBounded(converting: $0) }, target: t.map { ErrorBounded(converting: $0) }, loss: loss))
            #expect(bounded.map(\.value) == plain, "seed \(seed): the bounded autodiff computes other numbers")
            for (value, exact) in zip(bounded, exact) {
                let bound = try #require(value.bound)
                let error = (Rational(exactly: value.value)! - exact).magnitude
                #expect(error <= Rational(exactly: bound)!, "seed \(seed): error \(Double(error)) beyond bound \(bound)")
                compared += 1
            }
        }
        #expect(compared > 2000)
    }

    /// 1/10 + 2/10 − 3/10 is exactly 0, a ReLU kink, where Double computes 5.6e-17 and takes
    /// the other branch: the derivative's bound covers both (it is 1).
    @Test func aKinkWithinRoundingCoversBothBranches() throws {
        let network = MLP<Rational>(layers: [
            Layer(weights: [[Rational(1, 10), Rational(2, 10), Rational(-3, 10)]], bias: [0], activation: .relu),
            Layer(weights: [[1]], bias: [0], activation: .identity),
        ])
        let x: [Rational] = [1, 1, 1]
        let exact = Self.flat(try network.lossAndGradients(input: x, target: [1]))
        let bounded: [ErrorBounded<Double>] = Self.flat(try converted(network, as: ErrorBounded<Double>.self)
            .lossAndGradients(input: x.map { ErrorBounded(converting: $0) }, target: [.one]))
        #expect(exact[1] == 0)
        #expect(bounded[1].value != 0, "Double took the branch z > 0")
        for (value, exact) in zip(bounded, exact) {
            let error = (Rational(exactly: value.value)! - exact).magnitude
            #expect(error <= Rational(exactly: try #require(value.bound))!)
        }
        #expect((bounded[1].bound ?? 0) >= 0.9)
    }

    /// A divisor whose bound contains 0 gives no finite bound rather than a wrong one.
    @Test func anUncertainDivisorHasNoBound() {
        let tiny = ErrorBounded<Double>(1e-300, bound: 1e-299)
        #expect((ErrorBounded<Double>.one / tiny).bound == nil)
        #expect((ErrorBounded<Double>(converting: Rational(1, 3)) / ErrorBounded(converting: 3)).bound != nil)
    }
}
