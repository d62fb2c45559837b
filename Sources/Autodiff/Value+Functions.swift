/// Activation functions and e^x, log on the tape.
///
/// Kinks follow PyTorch, which computes the backward pass as `x > 0 ? 1 : 0` for ReLU and
/// `x > 0 ? 1 : slope` for leaky ReLU: at x = 0 ReLU′ = 0 and leaky ReLU′ = slope.
extension Value {
    /// max(x, 0); derivative 1 for x > 0 and 0 otherwise, so ReLU′(0) = 0.
    public func relu() -> Value {
        unary(Scalar.branch(on: data, positive: data, otherwise: .zero),
              derivative: Scalar.branch(on: data, positive: .one, otherwise: .zero))
    }

    /// x for x > 0, slope·x otherwise; derivative 1 for x > 0 and `slope` otherwise,
    /// so leaky ReLU′(0) = slope.
    public func leakyReLU(slope: Scalar) -> Value {
        unary(Scalar.branch(on: data, positive: data, otherwise: slope * data),
              derivative: Scalar.branch(on: data, positive: .one, otherwise: slope))
    }

    /// e^x; derivative e^x.
    public func exp() throws -> Value {
        let value = try functions("exp").exp(data)
        return unary(value, derivative: value)
    }

    /// log x; derivative 1/x.
    public func log() throws -> Value {
        unary(try functions("log").log(data), derivative: .one / data)
    }

    /// 1 / (1 + e^−x); derivative σ(1 − σ).
    public func sigmoid() throws -> Value {
        let s = Self.logistic(data, try functions("sigmoid"))
        return unary(s, derivative: s * (.one - s))
    }

    /// tanh x; derivative 1 − tanh² x.
    public func tanh() throws -> Value {
        let t = try functions("tanh").tanh(data)
        return unary(t, derivative: .one - t * t)
    }

    /// log(1 + e^x), computed as max(x, 0) + log(1 + e^−|x|) so that it neither overflows
    /// nor loses small values; derivative σ(x).
    public func softplus() throws -> Value {
        let f = try functions("softplus")
        let positivePart = data > .zero ? data : .zero
        let magnitude = data > .zero ? data : -data
        return unary(positivePart + f.log1p(f.exp(-magnitude)), derivative: Self.logistic(data, f))
    }

    /// x σ(x); derivative σ(x) + x σ(x)(1 − σ(x)).
    public func silu() throws -> Value {
        let s = Self.logistic(data, try functions("silu"))
        return unary(data * s, derivative: s + data * s * (.one - s))
    }

    /// x for x > 0, α(e^x − 1) otherwise; derivative 1 for x > 0 and α e^x otherwise, so
    /// ELU′(0) = α (PyTorch takes the left branch at 0). Both sides go through
    /// `branch(on:positive:otherwise:)`, as relu's do, so that where rounding leaves the sign
    /// of x open a bounded scalar's bound covers both (f′ jumps from α to 1 at 0); e^x of a
    /// large positive x overflows harmlessly on the side not taken.
    public func elu(alpha: Scalar) throws -> Value {
        let e = try functions("elu").exp(data)
        return unary(Scalar.branch(on: data, positive: data, otherwise: alpha * (e - .one)),
                     derivative: Scalar.branch(on: data, positive: .one, otherwise: alpha * e))
    }

    /// x / (1 + |x|); derivative 1 / (1 + |x|)². Rational: no transcendental function.
    public func softsign() -> Value {
        let denominator = .one + (data > .zero ? data : -data)
        return unary(data / denominator, derivative: .one / (denominator * denominator))
    }

    /// σ(x) without overflow: e^−x is only taken for x ≥ 0, and e^x for x < 0.
    static func logistic(_ x: Scalar, _ f: TranscendentalFunctions<Scalar>) -> Scalar {
        if x >= .zero {
            return .one / (.one + f.exp(-x))
        }
        let e = f.exp(x)
        return e / (.one + e)
    }

    /// The scalar's transcendental functions, or a thrown error naming `function`.
    private func functions(_ function: String) throws -> TranscendentalFunctions<Scalar> {
        guard let functions = Scalar.transcendentalFunctions else {
            throw AutodiffError.unsupportedFunction(function: function, scalar: "\(Scalar.self)", place: "tape")
        }
        return functions
    }
}
