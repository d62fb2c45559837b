import TestSupport
import Foundation
import Testing
import Exact
@testable import Symbolic

// MARK: - Polynomials

@Suite("Polynomials over the rationals")
struct PolynomialTests {
    /// Polynomial from integer coefficients, lowest power first.
    static func p(_ coefficients: Int...) -> Polynomial { Polynomial(coefficients: coefficients.map { Rational($0) }) }

    @Test func canonicalFormDropsTrailingZeros() {
        #expect(Self.p(1, 2, 0, 0).coefficients == [1, 2])
        #expect(Self.p(0, 0).isZero)
        #expect(Self.p(0, 0).degree == -1)
        #expect(Self.p(3).degree == 0)
        #expect(Self.p(1, 2) - Self.p(1, 2) == .zero)
        #expect(Self.p(1, -1, 0, 2).description == "2x^3 - x + 1")
        #expect(Polynomial(coefficients: [Rational(1, 2), Rational(-3, 4)]).description == "-(3/4)x + 1/2")
    }

    @Test func ringOperations() {
        let a = Self.p(1, 1)  // x + 1
        let b = Self.p(-1, 1) // x − 1
        #expect(a * b == Self.p(-1, 0, 1))
        #expect(a + b == Self.p(0, 2))
        #expect(a.power(3) == Self.p(1, 3, 3, 1))
        #expect(a.power(0) == .one)
        #expect(Self.p(1, 0, 1).substitutingPower(2) == Self.p(1, 0, 0, 0, 1))
        #expect(Self.p(2, 1).shifted(by: 2) == Self.p(0, 0, 2, 1))
        #expect(Self.p(0, 0, 2, 1).lowestPower == 2)
        #expect(Self.p(1, 3, 3, 1).evaluate(at: Rational(1, 2)) == Rational(27, 8))
    }

    @Test func divisionWithRemainder() throws {
        // x³ − 2x² − 4 = (x² + x + 3)(x − 3) + 5
        let division = try #require(Self.p(-4, 0, -2, 1).quotientAndRemainder(dividingBy: Self.p(-3, 1)))
        #expect(division.quotient == Self.p(3, 1, 1))
        #expect(division.remainder == Self.p(5))
        // A lower degree divides to 0 with itself as remainder; rational leading coefficients work.
        #expect(Self.p(1, 1).quotientAndRemainder(dividingBy: Self.p(0, 0, 1))?.remainder == Self.p(1, 1))
        let half = try #require(Self.p(1, 2, 1).quotientAndRemainder(dividingBy: Self.p(2, 2)))
        #expect(half.quotient == Polynomial(coefficients: [Rational(1, 2), Rational(1, 2)]))
        #expect(half.remainder.isZero)
        #expect(Self.p(1, 1).quotientAndRemainder(dividingBy: .zero) == nil)
        #expect(Self.p(-1, 0, 1).exactlyDivided(by: Self.p(1, 1)) == Self.p(-1, 1))
        #expect(Self.p(1, 0, 1).exactlyDivided(by: Self.p(1, 1)) == nil)
    }

    @Test func greatestCommonDivisor() {
        // (x − 1)(x + 2) and 3(x − 1)(x − 3): monic gcd x − 1.
        #expect(Polynomial.gcd(Self.p(-2, 1, 1), Self.p(9, -12, 3)) == Self.p(-1, 1))
        #expect(Polynomial.gcd(Self.p(1, 1), Self.p(-1, 1)) == .one)
        #expect(Polynomial.gcd(.zero, Self.p(4, 2)) == Self.p(2, 1))
        #expect(Polynomial.gcd(.zero, .zero) == .zero)
        // u⁶ + 1 = (u² + 1)(u⁴ − u² + 1)
        #expect(Polynomial.gcd(Self.p(1, 0, 0, 0, 0, 0, 1), Self.p(1, 0, 1)) == Self.p(1, 0, 1))
    }

    @Test func divisionAndGCDPropertiesOnRandomPolynomials() throws {
        var generator = SeededGenerator(seed: 41)
        func random(maximumDegree: Int) -> Polynomial {
            Polynomial(coefficients: (0...Int.random(in: 0...maximumDegree, using: &generator)).map { _ in
                Rational(Int.random(in: -6...6, using: &generator), Int.random(in: 1...3, using: &generator))
            })
        }
        for _ in 0..<200 {
            let (a, b, c) = (random(maximumDegree: 6), random(maximumDegree: 4), random(maximumDegree: 3))
            if let (q, r) = a.quotientAndRemainder(dividingBy: b) {
                #expect(q * b + r == a)
                #expect(r.degree < b.degree)
            } else {
                #expect(b.isZero)
            }
            guard !c.isZero, !(a.isZero && b.isZero) else { continue }
            let g = Polynomial.gcd(a * c, b * c)
            #expect(g == (c * Polynomial.gcd(a, b)).monic)
            #expect((a * c).exactlyDivided(by: g) != nil)
            #expect((b * c).exactlyDivided(by: g) != nil)
        }
    }

    @Test func contentAndPrimitivePart() {
        let p = Polynomial(coefficients: [Rational(1, 2), 0, 3, 5])
        #expect(p.content == Rational(1, 2))
        #expect(p.primitivePart == Self.p(1, 0, 6, 10))
        #expect(Self.p(-4, 0, -6).content == -2)
        #expect(Self.p(-4, 0, -6).primitivePart == Self.p(2, 0, 3))
        #expect(Polynomial(coefficients: [Rational(2, 3), Rational(4, 9)]).primitivePart == Self.p(3, 2))
        #expect(Polynomial.zero.content == 0)
    }

    @Test func rationalFunctionsAreReduced() throws {
        // (x² − 1)/(2x − 2) = (x + 1)/2
        let f = try #require(RationalFunction(numerator: Self.p(-1, 0, 1), denominator: Self.p(-2, 2)))
        #expect(f.numerator == Polynomial(coefficients: [Rational(1, 2), Rational(1, 2)]))
        #expect(f.denominator == .one)
        #expect(RationalFunction(numerator: .one, denominator: .zero) == nil)
        #expect(RationalFunction(numerator: .zero, denominator: Self.p(3, 1)) == .zero)
        let g = try #require(RationalFunction(numerator: .one, denominator: Self.p(1, 1)))
        #expect(g + g * .one - g == g)
        #expect((g - g).isZero)
        #expect(g.power(-2) == RationalFunction(Self.p(1, 2, 1)))
        #expect(RationalFunction.zero.power(-1) == nil)
        #expect(g.divided(by: .zero) == nil)
        #expect(g.evaluate(at: -1) == nil)
        #expect(g.evaluate(at: 1) == Rational(1, 2))
        #expect((g * RationalFunction(Self.p(2, 2))).constantValue == 2)
    }
}

// MARK: - Closed forms in powers of e

@Suite("Exact closed forms in powers of e")
struct ClosedFormTests {
    static let referencePlain = "(10e^4 + 6e^2 + 1)/(2(e^2 + 1)^2)"
    static let referenceLaTeX = #"\frac{10 e^{4} + 6 e^{2} + 1}{2 \left(e^{2} + 1\right)^{2}}"#

    /// The reference 3-2-2 network with a sigmoid layer, loss ½‖t − x₃‖², built from symbols,
    /// and the bindings of the reference values.
    static func referenceLoss(in arena: ExpressionArena) -> (ExpressionID, [String: Rational]) {
        let x: [Rational] = [0, 1, 2]
        let w1: [[Rational]] = [[3, -1, 1], [-5, 2, -1]]
        let b1: [Rational] = [1, 2]
        let w2: [[Rational]] = [[1, -2], [-3, 1]]
        let b2: [Rational] = [1, 1]
        let t: [Rational] = [1, 2]
        var bindings: [String: Rational] = [:]
        func layer(_ inputs: [ExpressionID], _ l: Int, _ w: [[Rational]], _ b: [Rational]) -> [ExpressionID] {
            w.indices.map { i in
                let weights = w[i].indices.map { j in
                    bindings["W\(l)_\(i)_\(j)"] = w[i][j]
                    return arena.symbol("W\(l)_\(i)_\(j)")
                }
                bindings["b\(l)_\(i)"] = b[i]
                return arena.sum(zip(weights, inputs).map { arena.multiply($0, $1) } + [arena.symbol("b\(l)_\(i)")])
            }
        }
        let inputs = x.indices.map { j in
            bindings["x_\(j)"] = x[j]
            return arena.symbol("x_\(j)")
        }
        let hidden = layer(inputs, 1, w1, b1).map { arena.apply(.sigmoid, $0) }
        let output = layer(hidden, 2, w2, b2)
        let residuals = output.indices.map { i in
            bindings["t_\(i)"] = t[i]
            return arena.subtract(arena.symbol("t_\(i)"), output[i])
        }
        let loss = arena.scale(arena.sum(residuals.map { arena.power($0, 2) }), by: Rational(1, 2))
        return (loss, bindings)
    }

    @Test func referenceLossFromSymbols() throws {
        let arena = ExpressionArena()
        let (loss, bindings) = Self.referenceLoss(in: arena)
        let form = try #require(arena.exponentialForm(of: loss, bindings: bindings))
        #expect(form.description == Self.referencePlain)
        #expect(form.latex == Self.referenceLaTeX)
        #expect(form.root == 1)
        #expect(form.rationalValue == nil)
        #expect(try arena.decimalValues([loss], bindings: bindings, significantDigits: 17) == ["4.2011028873917047"])
        #expect(Self.decimal(of: form, significantDigits: 17) == "4.2011028873917047")
    }

    @Test func referenceLossFromConstants() throws {
        // Substituting the values first leaves sigmoid(2) in a constant expression.
        let arena = ExpressionArena()
        let (loss, bindings) = Self.referenceLoss(in: arena)
        let replacements = Dictionary(uniqueKeysWithValues: bindings.map { (arena.symbol($0.key), arena.constant($0.value)) })
        let substituted = try arena.substitute(replacements, in: loss)
        let form = try #require(arena.exponentialForm(of: substituted, bindings: [:]))
        #expect(form.description == Self.referencePlain)
        #expect(form.latex == Self.referenceLaTeX)
    }

    /// (plain, LaTeX) of small expressions: powers of e, signs, fractional roots, no
    /// denominator, a rational value.
    @Test func printing() throws {
        let arena = ExpressionArena()
        func c(_ n: Int, _ d: Int = 1) -> ExpressionID { arena.constant(Rational(n, d)) }
        func f(_ function: Function, _ n: Int, _ d: Int = 1) -> ExpressionID { arena.apply(function, c(n, d)) }
        let cases: [(ExpressionID, String, String)] = [
            (f(.exp, 1), "e", "e"),
            (f(.exp, 2), "e^2", "e^{2}"),
            (f(.exp, 1, 2), "e^(1/2)", "e^{1/2}"),
            (f(.exp, -2), "1/e^2", #"\frac{1}{e^{2}}"#),
            (arena.negate(f(.exp, 1)), "-e", "-e"),
            (arena.subtract(arena.scale(f(.exp, 2), by: 3), c(1)), "3e^2 - 1", "3 e^{2} - 1"),
            (f(.sigmoid, 2), "e^2/(e^2 + 1)", #"\frac{e^{2}}{e^{2} + 1}"#),
            (f(.sigmoid, -2), "1/(e^2 + 1)", #"\frac{1}{e^{2} + 1}"#),
            (f(.sigmoid, 1, 2), "e^(1/2)/(e^(1/2) + 1)", #"\frac{e^{1/2}}{e^{1/2} + 1}"#),
            (f(.tanh, 1), "(e^2 - 1)/(e^2 + 1)", #"\frac{e^{2} - 1}{e^{2} + 1}"#),
            (f(.tanh, -1), "-(e^2 - 1)/(e^2 + 1)", #"-\frac{e^{2} - 1}{e^{2} + 1}"#),
            (arena.multiply(f(.exp, -1), f(.sigmoid, -1)), "1/(e(e + 1))", #"\frac{1}{e \left(e + 1\right)}"#),
            (arena.scale(f(.sigmoid, 1), by: Rational(-3, 4)), "-3e/(4(e + 1))", #"-\frac{3 e}{4 \left(e + 1\right)}"#),
            (arena.scale(arena.multiply(f(.exp, -1), f(.sigmoid, -1)), by: Rational(-3, 4)), "-3/(4e(e + 1))", #"-\frac{3}{4 e \left(e + 1\right)}"#),
            (arena.scale(arena.add(f(.exp, 2), c(1)), by: 3), "3(e^2 + 1)", #"3 \left(e^{2} + 1\right)"#),
            (arena.scale(arena.subtract(f(.exp, 2), c(1)), by: -3), "-3(e^2 - 1)", #"-3 \left(e^{2} - 1\right)"#),
            (arena.subtract(c(1), f(.exp, 2)), "-e^2 + 1", "-e^{2} + 1"),
            (arena.scale(f(.tanh, 1), by: Rational(3, 2)), "3(e^2 - 1)/(2(e^2 + 1))", #"\frac{3 \left(e^{2} - 1\right)}{2 \left(e^{2} + 1\right)}"#),
            (arena.apply(.tanh, c(3)), "(e^6 - 1)/(e^6 + 1)", #"\frac{e^{6} - 1}{e^{6} + 1}"#),
            (arena.multiply(arena.apply(.sigmoid, c(1)), arena.apply(.sigmoid, c(3))), "e^4/((e + 1)(e^3 + 1))", #"\frac{e^{4}}{\left(e + 1\right) \left(e^{3} + 1\right)}"#),
            (arena.sum([f(.sigmoid, 2), f(.sigmoid, -2)]), "1", "1"),
            (arena.scale(arena.multiply(f(.exp, 1), f(.exp, -1)), by: Rational(1, 2)), "1/2", #"\frac{1}{2}"#),
            (arena.multiply(f(.exp, 1, 2), f(.exp, 1, 2)), "e", "e"),
        ]
        for (expression, plain, latex) in cases {
            let form = try #require(arena.exponentialForm(of: expression, bindings: [:]), "\(PlainPrinter(arena: arena).string(expression))")
            #expect(form.description == plain)
            #expect(form.latex == latex)
        }
    }

    @Test func rationalValuesAreFormsOfDegreeZero() throws {
        let arena = ExpressionArena()
        let x = arena.symbol("x")
        let expression = arena.add(arena.apply(.relu, x), arena.multiply(arena.apply(.sigmoid, x), arena.apply(.sigmoid, arena.negate(x))))
        let atZero = try #require(arena.exponentialForm(of: expression, bindings: ["x": 0]))
        #expect(atZero.rationalValue == Rational(1, 4))
        #expect(atZero.root == 1)
        #expect(atZero.description == "1/4")
        let cancelling = arena.sum([arena.apply(.sigmoid, x), arena.apply(.sigmoid, arena.negate(x))])
        #expect(arena.exponentialForm(of: cancelling, bindings: ["x": Rational(7, 3)])?.rationalValue == 1)
    }

    @Test func argumentsFromBoundSymbols() throws {
        // exp(x·y) with x·y = 1/2 needs D = 2, known only once x·y is evaluated.
        let arena = ExpressionArena()
        let (x, y) = (arena.symbol("x"), arena.symbol("y"))
        let expression = arena.add(arena.apply(.exp, arena.multiply(x, y)), arena.apply(.sigmoid, x))
        let form = try #require(arena.exponentialForm(of: expression, bindings: ["x": 1, "y": Rational(1, 2)]))
        #expect(form.root == 2)
        #expect(form.description == "(e^(3/2) + e + e^(1/2))/(e + 1)")  // e^(1/2) + e/(e + 1)
        #expect(arena.exponentialForm(of: expression, bindings: ["x": 1]) == nil)
    }

    @Test func kinksOfNonRationalArguments() throws {
        let arena = ExpressionArena()
        let s = arena.apply(.sigmoid, arena.constant(-1))
        let shifted = arena.subtract(s, arena.constant(Rational(1, 2)))  // σ(−1) − ½ < 0
        #expect(arena.exponentialForm(of: arena.apply(.relu, shifted), bindings: [:])?.rationalValue == 0)
        #expect(arena.exponentialForm(of: arena.apply(.step, arena.negate(shifted)), bindings: [:])?.rationalValue == 1)
        let abs = try #require(arena.exponentialForm(of: arena.apply(.abs, shifted), bindings: [:]))
        #expect(abs == arena.exponentialForm(of: arena.negate(shifted), bindings: [:]))
        let leaky = try #require(arena.exponentialForm(of: arena.apply(.leakyRelu(slope: Rational(1, 10)), shifted), bindings: [:]))
        #expect(leaky == arena.exponentialForm(of: arena.scale(shifted, by: Rational(1, 10)), bindings: [:]))
        // σ(−1)⁴⁰ ≈ 1.6·10⁻²³ and σ(−1)⁶⁰ ≈ 2·10⁻³⁴ are positive: an enclosure of a power of
        // a positive interval stays positive, however small.
        for exponent in [40, 60] {
            let small = arena.power(s, exponent)
            #expect(arena.exponentialForm(of: arena.apply(.relu, small), bindings: [:]) == arena.exponentialForm(of: small, bindings: [:]))
        }
        // With a symbol bound: σ(x) − ½ at x = −1 is negative.
        let open = arena.subtract(arena.apply(.sigmoid, arena.symbol("x")), arena.constant(Rational(1, 2)))
        #expect(arena.exponentialForm(of: arena.apply(.relu, open), bindings: ["x": -1])?.rationalValue == 0)
        #expect(arena.exponentialForm(of: arena.apply(.relu, open), bindings: ["x": 0])?.rationalValue == 0)
    }

    @Test func unsupportedExpressionsGiveNil() {
        let arena = ExpressionArena()
        let x = arena.symbol("x")
        func c(_ n: Int, _ d: Int = 1) -> ExpressionID { arena.constant(Rational(n, d)) }
        let unsupported: [ExpressionID] = [
            arena.apply(.log, c(2)),
            arena.apply(.softplus, c(1)),
            arena.apply(.exp, arena.apply(.sigmoid, c(2))),
            arena.apply(.tanh, arena.apply(.exp, c(1))),
            arena.add(arena.apply(.sigmoid, c(1)), arena.apply(.log, arena.apply(.sigmoid, c(1)))),
            arena.apply(.exp, arena.symbol("unbound")),
            arena.power(x, -1),                                // x = 0
            // 1/relu(x − e) at x = 0 (a closed relu(−e) would fold to 0 when built).
            arena.multiply(arena.apply(.sigmoid, c(1)), arena.power(arena.apply(.relu, arena.subtract(x, arena.apply(.exp, c(1)))), -1)),
            arena.apply(.exp, c(65)),                          // |q|·D > 64
            arena.apply(.exp, c(1, 67)),                       // D > 64
            arena.add(arena.apply(.exp, c(1, 8)), arena.apply(.exp, c(1, 9))),  // lcm 72 > 64
            arena.power(arena.apply(.sigmoid, c(1)), 300),     // degree > 256
        ]
        for expression in unsupported {
            #expect(arena.exponentialForm(of: expression, bindings: ["x": 0]) == nil, "\(PlainPrinter(arena: arena).string(expression))")
        }
    }

    /// Seeded random expressions of exp, sigmoid and tanh of small rationals, combined by
    /// sums, products, powers and kinks: the closed form, evaluated at e to high precision,
    /// agrees with `decimalValues` on the expression to 30 digits.
    @Test func formsAgreeWithHighPrecisionValues() throws {
        var generator = SeededGenerator(seed: 43)
        var compared = 0
        var irrational = 0
        for _ in 0..<300 {
            let arena = ExpressionArena()
            let expression = Self.randomExpression(depth: 3, in: arena, using: &generator)
            let expected = try? arena.decimalValues([expression], bindings: [:], significantDigits: 30)[0]
            guard let form = arena.exponentialForm(of: expression, bindings: [:]) else {
                // Nil only for a zero denominator (no value) or a cap.
                if expected != nil { #expect(Self.exceedsCaps(expression, in: arena), "\(PlainPrinter(arena: arena).string(expression))") }
                continue
            }
            let value = try #require(expected, "\(PlainPrinter(arena: arena).string(expression))")
            #expect(Self.decimal(of: form, significantDigits: 30) == value, "\(PlainPrinter(arena: arena).string(expression)) = \(form)")
            compared += 1
            if form.rationalValue == nil { irrational += 1 }
        }
        #expect(compared > 200)
        #expect(irrational > 150)
    }

    /// The same random forms print byte-identically in two processes (Swift seeds `Hasher`
    /// per process, so any order taken from a Dictionary or Set would show).
    @Test func formsProbe() throws {
        guard let path = ChildProcess.outputPath else { return }
        try Self.formListing().write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func samePrintedFormsInTwoChildProcesses() throws {
        let listings = try (0..<2).map { _ in try ChildProcess.runAlone("formsProbe") }
        #expect(listings[0].count > 2000)
        #expect(listings[0] == listings[1])
        #expect(listings[0] == Self.formListing())
    }

    // MARK: Helpers

    static func formListing() -> String {
        var generator = SeededGenerator(seed: 44)
        var lines: [String] = []
        for _ in 0..<60 {
            let arena = ExpressionArena()
            let expression = randomExpression(depth: 3, in: arena, using: &generator)
            guard let form = arena.exponentialForm(of: expression, bindings: [:]) else { continue }
            lines.append(form.description)
            lines.append(form.latex)
        }
        return lines.joined(separator: "\n")
    }

    /// A random expression: leaves are small rationals or exp, sigmoid, tanh of them;
    /// inner nodes are sums, products, integer powers and kinks.
    static func randomExpression(depth: Int, in arena: ExpressionArena, using generator: inout SeededGenerator) -> ExpressionID {
        func rational() -> Rational {
            Rational(Int.random(in: -4...4, using: &generator), [1, 1, 2, 3].randomElement(using: &generator) ?? 1)
        }
        if depth == 0 || Int.random(in: 0..<4, using: &generator) == 0 {
            let functions: [Function] = [.exp, .sigmoid, .tanh]
            if Int.random(in: 0..<5, using: &generator) == 0 { return arena.constant(rational()) }
            return arena.apply(functions.randomElement(using: &generator) ?? .exp, arena.constant(rational()))
        }
        func child() -> ExpressionID { randomExpression(depth: depth - 1, in: arena, using: &generator) }
        switch Int.random(in: 0..<7, using: &generator) {
        case 0, 1: return arena.sum((0..<Int.random(in: 2...3, using: &generator)).map { _ in child() })
        case 2, 3: return arena.product((0..<Int.random(in: 2...3, using: &generator)).map { _ in child() })
        case 4:
            let base = child()
            let exponent = Int.random(in: -2...3, using: &generator)
            return arena.power(base, base == arena.zero ? Swift.abs(exponent) : exponent)
        case 5: return arena.scale(child(), by: rational())
        default:
            let kinks: [Function] = [.relu, .abs, .leakyRelu(slope: Rational(1, 10)), .step]
            return arena.apply(kinks.randomElement(using: &generator) ?? .relu, child())
        }
    }

    /// Whether some power or root in the expression is beyond `ExponentialForm.Limits`:
    /// a rough independent bound (the sum of the exponents of e that occur, times the lcm
    /// of their denominators, times the powers applied).
    static func exceedsCaps(_ expression: ExpressionID, in arena: ExpressionArena) -> Bool {
        var root = 1
        var degree: [ExpressionID: Int] = [:]
        for id in arena.reachable(from: [expression]) {
            switch arena[id] {
            case .constant, .symbol: degree[id] = 0
            case let .sum(_, terms): degree[id] = terms.reduce(0) { $0 + (degree[$1.expression] ?? 0) }
            case let .product(_, factors): degree[id] = factors.reduce(0) { $0 + (degree[$1.base] ?? 0) * Swift.abs($1.exponent) }
            case let .apply(function, argument):
                if let q = arena.constantValue(argument), [.exp, .sigmoid, .tanh].contains(function) {
                    let d = q.denominator.exactInt ?? 1
                    root = root / Symbolic.greatestCommonDivisor(root, d) * d
                    degree[id] = 2 * Int(q.magnitude.numerator.exactInt ?? 0)
                } else {
                    degree[id] = degree[argument] ?? 0
                }
            }
        }
        return root > ExponentialForm.Limits.maximumRoot || (degree[expression] ?? 0) * root > ExponentialForm.Limits.maximumDegree
    }

    /// P(u)/Q(u) at u = e^(1/D) computed to 400 bits, as `significantDigits` decimals.
    static func decimal(of form: ExponentialForm, significantDigits: Int) -> String {
        let bits = 400
        let u = HighPrecision.exp(Rational(1, form.root), bits: bits)
        func value(_ p: Polynomial) -> Rational {
            p.coefficients.reversed().reduce(Rational.zero) { ($0 * u + $1).roundedToSignificantBits(bits) }
        }
        let result = value(form.function.numerator) / value(form.function.denominator)
        return result.decimal(significantDigits: significantDigits)
    }
}
