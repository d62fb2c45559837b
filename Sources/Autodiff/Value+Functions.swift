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

    /// log(1 + x), accurate for tiny x; derivative 1/(1 + x).
    public func log1p() throws -> Value {
        unary(try functions("log1p").log1p(data), derivative: .one / (.one + data))
    }

    /// 1 / (1 + e^−x); derivative σ(x) σ(−x), which is σ(1 − σ) without the cancellation of
    /// 1 − σ where σ is near 1 (σ′(10¹²) = e^(−10¹²) to every digit, not 0).
    public func sigmoid() throws -> Value {
        let (s, complement) = Self.logisticPair(data, try functions("sigmoid"))
        return unary(s, derivative: s * complement)
    }

    /// tanh x; derivative 1 − tanh² x, computed as 4e/(1 + e)² with e = e^(−2|x|), which does
    /// not cancel where tanh x is near ±1.
    public func tanh() throws -> Value {
        let f = try functions("tanh")
        let t = f.tanh(data)
        let e = f.exp(-(data > .zero ? data : -data) * Scalar(converting: 2))
        let denominator = .one + e
        return unary(t, derivative: Scalar(converting: 4) * e / (denominator * denominator))
    }

    /// log(1 + e^x), computed as max(x, 0) + log(1 + e^−|x|) so that it neither overflows
    /// nor loses small values; derivative σ(x).
    public func softplus() throws -> Value {
        let f = try functions("softplus")
        let positivePart = data > .zero ? data : .zero
        let magnitude = data > .zero ? data : -data
        return unary(positivePart + f.log1p(f.exp(-magnitude)), derivative: Self.logistic(data, f))
    }

    /// x σ(x); derivative σ(x) + x σ(x)(1 − σ(x)), with σ(−x) for 1 − σ(x) (see `sigmoid`).
    public func silu() throws -> Value {
        let (s, complement) = Self.logisticPair(data, try functions("silu"))
        return unary(data * s, derivative: s + data * s * complement)
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
        logisticPair(x, f).value
    }

    /// σ(x) and σ(−x) = 1 − σ(x), each from e^(−|x|) without a subtraction: 1/(1 + e) and
    /// e/(1 + e), the larger being σ of the one with the sign of x.
    static func logisticPair(_ x: Scalar, _ f: TranscendentalFunctions<Scalar>) -> (value: Scalar, complement: Scalar) {
        let positive = x >= .zero
        let e = f.exp(positive ? -x : x)
        let denominator = .one + e
        let large = .one / denominator, small = e / denominator
        return positive ? (large, small) : (small, large)
    }

    /// The scalar's transcendental functions, or a thrown error naming `function`.
    private func functions(_ function: String) throws -> TranscendentalFunctions<Scalar> {
        guard let functions = Scalar.transcendentalFunctions else {
            throw AutodiffError.unsupportedFunction(function: function, scalar: "\(Scalar.self)", place: "tape")
        }
        return functions
    }
}
