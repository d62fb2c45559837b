import Exact

/// A value during the construction of an `ExponentialForm`: a rational function of
/// u = e^(1/root), where each sub-expression keeps the coarsest root it needs.
///
/// Why per value rather than one D for the whole expression: D is the lcm of the
/// denominators of the arguments of exp, sigmoid and tanh, and an argument's value is only
/// known once its own sub-expression has been converted (exp(x·y) with x·y = 1/2). Two
/// values meet at the lcm of their roots, where u = v^k turns f(u) into f(v^k).
/// Every operation returns nil beyond `ExponentialForm.Limits`.
struct RootedFunction {
    let root: Int
    let function: RationalFunction

    /// A rational constant (root 1).
    init(_ value: Rational) { self.init(root: 1, function: RationalFunction(value)) }

    init(root: Int, function: RationalFunction) {
        self.root = root
        self.function = function
    }

    /// Nil when the degree exceeds the cap.
    private static func capped(_ root: Int, _ function: RationalFunction) -> RootedFunction? {
        function.degree <= ExponentialForm.Limits.maximumDegree ? RootedFunction(root: root, function: function) : nil
    }

    /// The same value in u' = e^(1/root) for a multiple `root` of `self.root`.
    private func lifted(to root: Int) -> RationalFunction {
        function.substitutingPower(root / self.root)
    }

    /// Both values over their common root, or nil when it or the degrees exceed the caps.
    private static func common(_ a: RootedFunction, _ b: RootedFunction) -> (Int, RationalFunction, RationalFunction)? {
        if a.root == b.root { return (a.root, a.function, b.function) }
        let root = a.root / greatestCommonDivisor(a.root, b.root) * b.root
        guard root <= ExponentialForm.Limits.maximumRoot,
              a.function.degree * (root / a.root) <= ExponentialForm.Limits.maximumDegree,
              b.function.degree * (root / b.root) <= ExponentialForm.Limits.maximumDegree else { return nil }
        return (root, a.lifted(to: root), b.lifted(to: root))
    }

    func adding(_ other: RootedFunction) -> RootedFunction? {
        guard let (root, a, b) = Self.common(self, other) else { return nil }
        return Self.capped(root, a + b)
    }

    func multiplying(_ other: RootedFunction) -> RootedFunction? {
        guard let (root, a, b) = Self.common(self, other) else { return nil }
        return Self.capped(root, a * b)
    }

    func scaled(by factor: Rational) -> RootedFunction {
        RootedFunction(root: root, function: function * RationalFunction(factor))
    }

    /// selfⁿ; nil for a negative power of zero or beyond the degree cap.
    func power(_ exponent: Int) -> RootedFunction? {
        let degree = function.degree
        let cap = ExponentialForm.Limits.maximumDegree
        if degree > 0 {
            guard exponent.magnitude <= UInt(cap), degree * Int(exponent.magnitude) <= cap else { return nil }
        }
        guard let result = function.power(exponent) else { return nil }
        return RootedFunction(root: root, function: result)
    }

    /// The same value over the smallest root: when every power of u that occurs and the root
    /// share a factor g, u^(jg) = (e^(1/(root/g)))^j.
    func normalized() -> RootedFunction {
        let powers = [function.numerator, function.denominator].flatMap { polynomial in
            polynomial.coefficients.indices.filter { !polynomial.coefficients[$0].isZero }
        }
        let g = powers.reduce(root) { greatestCommonDivisor($0, $1) }
        guard g > 1 else { return self }
        func compress(_ p: Polynomial) -> Polynomial {
            Polynomial(coefficients: stride(from: 0, through: max(p.degree, 0), by: g).map { p[$0] })
        }
        // Lowest terms and monic leading coefficient survive u → u^(1/g), as they survive u → u^g.
        guard let compressed = RationalFunction(numerator: compress(function.numerator), denominator: compress(function.denominator)) else {
            return self
        }
        return RootedFunction(root: root / g, function: compressed)
    }
}

/// The gcd of two machine integers (roots and exponents are small), by `Exact`'s gcd.
func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
    Rational.greatestCommonDivisor(Rational(a), Rational(b)).exactInt ?? 1
}
