import Autodiff
import Exact
import Testing

/// The high-precision scalar: e^x, log, log(1 + x) and tanh from Autodiff's own series, and
/// whole networks whose Double bounds it confirms.
@Suite("ErrorBounded<RoundedFloat>: the high-precision oracle")
struct HighPrecisionTests {
    typealias Precise = ErrorBounded<RoundedFloat>
    static let functions = Precise.transcendentalFunctions!

    /// The exact value lies within the bound: checked against 50-digit constants.
    func expectEncloses(_ value: Precise, _ digits: String, _ label: String) throws {
        let reference = try Rational(parsing: digits)
        let bounded = try #require(value.bound)
        let bound = try #require(bounded.value.rational())
        // The constant is itself rounded to 50 digits: add half a unit in its last place.
        let slack = Rational(1, 2) * Rational(10).power(-49)
        #expect((try #require(value.value.value.rational()) - reference).magnitude <= bound + slack, "\(label)")
        #expect(bound < Rational(10).power(-45), "\(label): bound \(Double(bound.roundedToSignificantBits(10)))")
    }

    @Test func functionsMatchKnownConstants() throws {
        let bits = 200
        try expectEncloses(Self.functions.exp(Precise(1, bits: bits)), "2.7182818284590452353602874713526624977572470937000", "e")
        try expectEncloses(Self.functions.log(Precise(2, bits: bits)), "0.69314718055994530941723212145817656807550013436026", "log 2")
        try expectEncloses(Self.functions.tanh(Precise(Rational(1, 2), bits: bits)), "0.46211715726000975850231848364367254873028928033011", "tanh 1/2")
        try expectEncloses(Self.functions.log1p(Precise(Rational(1, 1000), bits: bits)), "0.00099950033308353316680939892053501146075506239317", "log1p 1/1000")
        try expectEncloses(Self.functions.exp(Precise(-20, bits: bits)), "2.0611536224385578279659403801558209763758072755991e-9", "e^-20")
    }

    /// Arguments of any size: e^(−10¹²) (mpmath: 5.599797842303807005428868519738e-434294481904),
    /// its logarithm back, tanh(10¹²) = 1 within 2^−2000000000000, and log(1 + e^(−10²⁰)) = e^(−10²⁰)
    /// (mpmath: 7.710953929116719651657677046047e-43429448190325182766), each within its bound.
    @Test func hugeArgumentsAreReduced() throws {
        let bits = 200
        let tiny = Self.functions.exp(Precise(Rational(-1_000_000_000_000), bits: bits))
        #expect(tiny.value.value.decimal(significantDigits: 30) == "5.59979784230380700542886851974e-434294481904")
        #expect(try #require(tiny.bound).value < tiny.value.value.magnitude.timesPowerOfTwo(Rational(-190)))
        let back = Self.functions.log(tiny)
        #expect((try #require(back.value.value.rational()) + 1_000_000_000_000).magnitude <= (try #require(back.bound)).value.rational()!)
        let one = Self.functions.tanh(Precise(Rational(1_000_000_000_000), bits: bits))
        #expect(one.value.value == .one)
        let e20 = Self.functions.exp(Precise(-Rational(10).power(20), bits: bits))
        let log1p = Self.functions.log1p(e20)
        #expect(log1p.value.value.decimal(significantDigits: 30) == "7.71095392911671965165767704605e-43429448190325182766")
    }

    /// log(e^x) = x, tanh x = (e^2x − 1)/(e^2x + 1) and log1p y = log(1 + y) on many
    /// arguments, within the bounds both sides carry.
    @Test func identitiesHoldWithinBounds() throws {
        var random = SplitMix64(seed: 13)
        for _ in 0..<60 {
            let x = Precise(Rational(random.uniform(in: -4000...4000), random.uniform(in: 1...97)), bits: 150)
            let roundTrip = Self.functions.log(Self.functions.exp(x)) - x
            #expect(roundTrip.value.value.magnitude <= (try #require(roundTrip.bound)).value)
            let e2 = Self.functions.exp(x + x)
            let formula = (e2 - .one) / (e2 + .one) - Self.functions.tanh(x)
            #expect(formula.value.value.magnitude <= (try #require(formula.bound)).value)
            let y = Precise(Rational(random.uniform(in: -999...3000), 1000), bits: 150)
            let logs = Self.functions.log1p(y) - Self.functions.log(.one + y)
            #expect(logs.value.value.magnitude <= (try #require(logs.bound)).value)
        }
    }

    /// Smooth networks: every Double value with its bound lies within reach of the
    /// high-precision value with its bound (the transcendental paths of the Double bounds).
    @Test func doubleBoundsContainTheHighPrecisionValues() throws {
        let activations: [Activation] = [.sigmoid, .tanh, .softplus, .relu, .leakyReLU(slope: Rational(1, 10))]
        for seed in 0..<40 {
            var random = SplitMix64(seed: UInt64(seed))
            func value() -> Rational { Rational(random.uniform(in: -60...60), random.uniform(in: 1...11)) }
            var width = random.uniform(in: 1...5)
            let x = (0..<width).map { _ in value() }
            var layers: [Layer<Rational>] = []
            for _ in 0..<random.uniform(in: 1...3) {
                let size = random.uniform(in: 1...5)
                layers.append(Layer(weights: (0..<size).map { _ in (0..<width).map { _ in value() } }, bias: (0..<size).map { _ in value() },
                                    activation: random.element(of: activations)))
                width = size
            }
            let t = (0..<width).map { _ in Rational(random.uniform(in: 0...1)) }
            let loss: Loss = seed % 2 == 0 ? .softmaxCrossEntropy : .halfSumOfSquares
            let double = try evaluate(layers, x, t, loss) { ErrorBounded<Double>(converting: $0) }
            let precise = try evaluate(layers, x, t, loss) { Precise($0, bits: 120) }
            for (d, p) in zip(double, precise) {
                guard let db = d.bound, let pb = p.bound else { continue }
                let distance = (Rational(exactly: d.value)! - p.value.value.rational()!).magnitude
                #expect(distance <= Rational(exactly: db)! + pb.value.rational()!, "seed \(seed): \(d.value) ± \(db) against \(Double(p.value.value.rational()!))")
            }
        }
    }

    func evaluate<S: AutodiffScalar>(_ layers: [Layer<Rational>], _ x: [Rational], _ t: [Rational], _ loss: Loss,
                                     _ convert: (Rational) -> S) throws -> [S] {
        let network = MLP(layers: layers.map { Layer(weights: $0.weights.map { $0.map(convert) }, bias: $0.bias.map(convert), activation: $0.activation) })
        let result = try network.lossAndGradients(input: x.map(convert), target: t.map(convert), loss: loss)
        return [result.loss] + result.namedGradients.flatMap(\.values)
    }
}
