import Exact

extension ExpressionArena {
    /// The exact value of `expression` with symbols bound by name, as P(u)/Q(u) with
    /// u = e^(1/D): exp(q) = u^(qD), sigmoid(q) = u^(qD)/(u^(qD) + 1),
    /// tanh(q) = (u^(2qD) − 1)/(u^(2qD) + 1) for rational q, kinks decided exactly (or by
    /// 40 high-precision digits when the argument is not rational).
    ///
    /// A rational value is still returned, as a form of degree 0 (`rationalValue` is then
    /// non-nil), so callers need not evaluate twice.
    ///
    /// Returns nil — the caller then prints the substituted expression — when the value is
    /// not (known to be) a rational function of a power of e, or would be too large:
    /// - log or softplus is needed (other than what folds, log(1) = 0);
    /// - an argument of exp, sigmoid or tanh is not rational (exp(sigmoid(2)));
    /// - a symbol is unbound, or a denominator is zero;
    /// - a kink (relu, step, leaky relu, abs) has an argument within 10⁻³⁰ of 0 that is not
    ///   exactly rational;
    /// - a cap in `ExponentialForm.Limits` is exceeded (D > 64, |q|·D > 64 for one
    ///   exponential, any degree > 256).
    /// It never traps on such input.
    public func exponentialForm(of expression: ExpressionID, bindings: [String: Rational]) -> ExponentialForm? {
        var builder = ExponentialFormBuilder(arena: self, bindings: bindings)
        return builder.form(of: expression)
    }
}
