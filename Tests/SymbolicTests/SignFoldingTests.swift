import Testing
import Exact
@testable import Symbolic

/// relu, step, leaky ReLU and abs of a closed argument fold when interval evaluation decides
/// its sign; undecided signs (0 itself, an open argument) leave the function in place.
@Suite("Folding piecewise functions by a decided sign")
struct SignFoldingTests {
    let arena = ExpressionArena()
    func c(_ n: Int, _ d: Int = 1) -> ExpressionID { arena.constant(Rational(n, d)) }
    func show(_ id: ExpressionID) -> String { PlainPrinter(arena: arena).string(id) }

    /// −39/20·softplus(−51353/500) − 9/2: softplus of −102.7 is about 2.5·10⁻⁴⁵.
    var plainlyNegative: ExpressionID {
        arena.sum(constant: Rational(-9, 2), terms: [(arena.apply(.softplus, c(-51353, 500)), Rational(-39, 20))])
    }

    @Test func negativeArgumentFolds() {
        let argument = plainlyNegative
        #expect(arena.apply(.relu, argument) == arena.zero)
        #expect(arena.apply(.step, argument) == arena.zero)
        #expect(arena.apply(.leakyRelu(slope: Rational(1, 100)), argument) == arena.scale(argument, by: Rational(1, 100)))
        #expect(arena.apply(.abs, argument) == arena.negate(argument))
    }

    @Test func positiveArgumentFolds() {
        let argument = arena.add(arena.apply(.sigmoid, c(-3)), c(-1, 100))  // sigmoid(−3) ≈ 0.047
        #expect(arena.apply(.relu, argument) == argument)
        #expect(arena.apply(.step, argument) == arena.one)
        #expect(arena.apply(.leakyRelu(slope: Rational(1, 10)), argument) == argument)
        #expect(arena.apply(.abs, argument) == argument)
    }

    @Test func closeCallNeedsHigherPrecision() {
        // tanh(1) − 0.76159415595576488811945828260479359 (tanh 1 to 35 digits, rounded up):
        // negative by about 5·10⁻³⁶, beyond 64 bits, decided at 256.
        let bound = try! Rational(parsing: "0.76159415595576488811945828260479360")
        let argument = arena.sum(constant: -bound, terms: [(arena.apply(.tanh, c(1)), .one)])
        #expect(arena.apply(.relu, argument) == arena.zero)
        let above = try! Rational(parsing: "0.76159415595576488811945828260479359")
        let positive = arena.sum(constant: -above, terms: [(arena.apply(.tanh, c(1)), .one)])
        #expect(arena.apply(.relu, positive) == positive)
    }

    @Test func undecidedSignsStay() {
        // exp(1)·exp(−1) − 1 is 0, which no enclosure can decide: the kink stays.
        let zero = arena.add(arena.multiply(arena.apply(.exp, c(1)), arena.apply(.exp, c(-1))), c(-1))
        #expect(show(arena.apply(.relu, zero)) == "relu(exp(-1)*exp(1) - 1)")
        // An argument with a symbol in it has no value to enclose.
        let open = arena.add(arena.apply(.exp, arena.symbol("x")), c(-1))
        #expect(show(arena.apply(.relu, open)) == "relu(exp(x) - 1)")
    }

    @Test func hugeArgumentsSaturateQuickly() {
        // e^(−10¹²) is below 2^(−4096): its bound is used, not its value.
        let tiny = arena.apply(.exp, c(-1_000_000_000_000))
        #expect(arena.apply(.step, arena.add(tiny, c(-1, 1000))) == arena.zero)
        #expect(arena.apply(.relu, arena.subtract(arena.apply(.sigmoid, c(1_000_000_000_000)), c(1, 2))) != arena.zero)
        // e^(10¹²) gets no upper bound (it would take 1.4·10¹² bits): undecided, and quickly.
        let huge = arena.apply(.exp, c(1_000_000_000_000))
        #expect(show(arena.apply(.step, arena.add(huge, c(-5)))) == "step(exp(1000000000000) - 5)")
    }
}

/// Decimals never print a value that cancelled below the working precision as 0.
@Suite("Decimals of values that cancel")
struct CancellationTests {
    /// tanh x − (2σ(2x) − 1) is exactly 0, which no working precision shows: what is left
    /// is rounding noise (or an approximate 0), and it is refused rather than printed.
    @Test func anIdentityThatCancelsExactlyIsRefused() throws {
        let arena = ExpressionArena()
        let x = arena.symbol("x")
        let twice = arena.scale(x, by: 2)
        let difference = arena.sum([arena.apply(.tanh, x), arena.scale(arena.apply(.sigmoid, twice), by: -2), arena.one])
        do {
            let values = try arena.decimalValues([difference], bindings: ["x": 1], significantDigits: 5)
            Issue.record("expected an error, got \(values)")
        } catch let SymbolicError.beyondLimit(message) {
            #expect(message.contains("no decimals are given rather than"), "\(message)")
        }
    }

    @Test func cancellationBeyondTheLimitIsAnErrorNotZero() throws {
        let arena = ExpressionArena()
        let s = arena.apply(.sigmoid, arena.symbol("x"))
        let tail = arena.subtract(arena.one, s)  // 1 − σ(x) ≈ e^(−x)
        // e^(−3000) ≈ 2^(−4328): within the bits that doubling reaches (48 · 2^8 for 5 digits).
        let near = try arena.decimalValues([tail], bindings: ["x": 3000], significantDigits: 5)
        #expect(near == ["1.3078e-1303"])  // mpmath: 1.30783901892125043788e-1303
        // 1 − tanh(3500) = 2e^(−7000)/(1 + e^(−7000)) ≈ 2^(−10098) is kept apart from the exact
        // 1 (tanh is anchored there), so it no longer cancels (mpmath: 1.7364275708050388944e-3040).
        let tail2 = arena.subtract(arena.one, arena.apply(.tanh, arena.symbol("x")))
        #expect(try arena.decimalValues([tail2], bindings: ["x": 3500], significantDigits: 5) == ["1.7364e-3040"])
        // σ(x) − σ(y) for y − x = 10^−3000 cancels to 10^−3000 of e^(−3500), 2^(−9966) of it,
        // beyond the 35 · 2^8 = 8960 bits reached for 1 digit: refused.
        let cancelled = arena.subtract(arena.apply(.sigmoid, arena.symbol("x")), arena.apply(.sigmoid, arena.symbol("y")))
        do {
            let values = try arena.decimalValues([cancelled], bindings: ["x": 3500, "y": 3500 + Rational(10).power(-3000)], significantDigits: 1)
            Issue.record("expected an error, got \(values)")
        } catch let SymbolicError.beyondLimit(message) {
            #expect(message.hasSuffix("its value cancels below 2^-8960 (8960 bits of working precision, the limit); no decimals are given rather than a wrong 0"))
        }
    }
}
