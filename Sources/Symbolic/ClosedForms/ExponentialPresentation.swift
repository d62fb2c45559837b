import Exact

/// An `ExponentialForm` arranged for printing:
/// ± n·N(u) / (c · u^a · Π (u^k + 1)^m · R(u)), u = e^(1/root).
///
/// Why a separate shape: the canonical rational function has a monic denominator and
/// rational coefficients (5u⁴ + 3u² + 1/2 over u⁴ + 2u² + 1), while readers expect integer
/// coefficients and the denominator in the factors that arose, (10e⁴ + 6e² + 1)/(2(e² + 1)²).
/// The factors u^k + 1 come from sigmoid and tanh and are found by repeated exact division,
/// largest k first (so u⁶ + 1 stays whole rather than splitting off u² + 1).
public struct ExponentialPresentation: Hashable, Sendable {
    /// One factor (u^exponent + 1)^multiplicity of the denominator.
    public struct Binomial: Hashable, Sendable {
        /// k in u^k + 1.
        public let exponent: Int
        /// m, how many times the factor divides the denominator.
        public let multiplicity: Int
    }

    /// D in u = e^(1/D).
    public let root: Int
    /// True when the value is negative (the sign printed in front).
    public let isNegative: Bool
    /// The positive integer n pulled out of the numerator: 3 in 3(e^2 + 1).
    public let numeratorConstant: Rational
    /// Coprime integer coefficients, positive leading coefficient; zero for the value 0.
    public let numerator: Polynomial
    /// A positive integer.
    public let denominatorConstant: Rational
    /// a in u^a.
    public let denominatorPower: Int
    /// Ascending by exponent.
    public let binomials: [Binomial]
    /// What is left of the denominator: coprime integer coefficients, positive leading
    /// coefficient; 1 when the factors above account for everything.
    public let denominatorRest: Polynomial

    /// True when there is no denominator to print: an integer combination of powers of u.
    public var hasDenominator: Bool {
        denominatorConstant != .one || denominatorPower > 0 || !binomials.isEmpty || denominatorRest != .one
    }

    init(_ function: RationalFunction, root: Int, binomialExponents: [Int]) {
        self.root = root
        var rest = function.denominator
        let power = rest.lowestPower
        rest = Polynomial(coefficients: Array(rest.coefficients.dropFirst(power)))
        var binomials: [Binomial] = []
        for exponent in binomialExponents.sorted(by: >) where exponent > 0 {
            let factor = Polynomial.monomial(.one, degree: exponent) + .one
            var multiplicity = 0
            while rest.degree >= exponent, let quotient = rest.exactlyDivided(by: factor) {
                rest = quotient
                multiplicity += 1
            }
            if multiplicity > 0 { binomials.append(Binomial(exponent: exponent, multiplicity: multiplicity)) }
        }
        binomials.reverse()
        // value = N/(u^a·Π·rest) = (cN/cR) · N′/(u^a·Π·R′), N′ and R′ primitive.
        let numeratorContent = function.numerator.content
        let restContent = rest.content
        let scale = function.isZero ? Rational.zero : numeratorContent / restContent
        let (scaleNumerator, scaleDenominator) = (scale.numerator, scale.denominator)
        isNegative = scale.signum < 0
        numeratorConstant = function.isZero ? .one : scaleNumerator.magnitude
        numerator = function.numerator.primitivePart
        denominatorConstant = scaleDenominator
        denominatorPower = power
        self.binomials = binomials
        denominatorRest = rest.primitivePart
    }
}
