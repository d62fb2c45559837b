/// How a bound on the argument passes through e^x, log, log(1 + x) and tanh: the function's
/// own error plus r times the largest slope within r of the argument (r the argument's bound).
extension ErrorBounded {
    /// |e^(x+δ) − e^x| ≤ e^x (e^r − 1) for |δ| ≤ r.
    static func exp(_ x: Self, _ f: ElementaryFunctions<Base>) -> Self {
        let result = f.exp(x.value)
        guard let error = result.error, let r = x.bound else { return Self(result.value, bound: nil) }
        if r == .zero { return Self(result.value, bound: error.roundedUp) }
        guard let growth = expm1Bound(r, f) else { return Self(result.value, bound: nil) }
        return Self(result.value, bound: total(error, (result.value.magnitude + error) * growth))
    }

    /// |log(x+δ) − log x| ≤ r / (x − r) for |δ| ≤ r < x.
    static func log(_ x: Self, _ f: ElementaryFunctions<Base>) -> Self {
        let result = f.log(x.value)
        guard let error = result.error, let r = x.bound else { return Self(result.value, bound: nil) }
        if r == .zero { return Self(result.value, bound: error.roundedUp) }
        let distance = (x.value - r).roundedDown
        guard distance > .zero else { return Self(result.value, bound: nil) }
        return Self(result.value, bound: total(error, r / distance))
    }

    /// |log(1 + x + δ) − log(1 + x)| ≤ r / (1 + x − r) for |δ| ≤ r < 1 + x.
    static func log1p(_ x: Self, _ f: ElementaryFunctions<Base>) -> Self {
        let result = f.log1p(x.value)
        guard let error = result.error, let r = x.bound else { return Self(result.value, bound: nil) }
        if r == .zero { return Self(result.value, bound: error.roundedUp) }
        let distance = ((Base.one + x.value).roundedDown - r).roundedDown
        guard distance > .zero else { return Self(result.value, bound: nil) }
        return Self(result.value, bound: total(error, r / distance))
    }

    /// tanh′ = sech² ≤ min(1, 4 e^(−2m)) where m = |x| − r is the smallest |argument|.
    static func tanh(_ x: Self, _ f: ElementaryFunctions<Base>) -> Self {
        let result = f.tanh(x.value)
        guard let error = result.error, let r = x.bound else { return Self(result.value, bound: nil) }
        if r == .zero { return Self(result.value, bound: error.roundedUp) }
        var slope = Base.one
        let m = (x.value.magnitude - r).roundedDown
        if m > .zero {
            let decay = f.exp(-(m + m))
            if let decayError = decay.error {
                let four = Base.one + Base.one + Base.one + Base.one
                slope = min(slope, (four * (decay.value + decayError)).roundedUp)
            }
        }
        return Self(result.value, bound: total(error, r * slope))
    }

    /// An upper bound of e^r − 1 for r > 0: r / (1 − r) up to r = 1/2, e^r − 1 beyond.
    private static func expm1Bound(_ r: Base, _ f: ElementaryFunctions<Base>) -> Base? {
        let half = Base.one / (Base.one + Base.one)
        if r <= half { return (r / (Base.one - r).roundedDown).roundedUp }
        let grown = f.exp(r)
        guard let error = grown.error else { return nil }
        return (grown.value + error - Base.one).roundedUp
    }
}
