import Exact

// Deciding the sign of an expression that stands for one number but is not rational
// (−39/20·softplus(−51353/500) − 9/2), by interval evaluation at rising precision: relu,
// step, leaky ReLU and abs of it then fold, and exact forms carry no dead branches. The
// work is bounded: a few precisions, and arguments of exp and its kin beyond
// `Enclosure.saturation` in magnitude get simple bounds (e^x < 2^x for x < 0) instead of
// values. When no precision decides (the argument is 0, or too close to it), nothing folds:
// zero itself, the kink, needs the exact test.

extension ExpressionArena {
    /// Working precisions, in bits, tried in turn.
    static let signPrecisions = [64, 256, 1024]

    /// +1 or −1 when `id`, a non-constant expression whose symbols are all in `bindings`,
    /// has a sign that interval evaluation decides; nil otherwise.
    func decidedSign(of id: ExpressionID, bindings: [String: Rational] = [:]) -> Int? {
        guard constantValue(id) == nil, !bindings.isEmpty || isClosed(id) else { return nil }
        for (index, bits) in Self.signPrecisions.enumerated() {
            // Closed expressions' enclosures are kept; with bindings they depend on them.
            let enclosure = index == 0 && bindings.isEmpty
                ? memoizedEnclosure(of: id, bits: bits)
                : enclosure(of: id, bindings: bindings, bits: bits)
            guard let enclosure else { return nil }
            if let sign = enclosure.sign { return sign }
        }
        return nil
    }

    /// The enclosure at the first precision, memoized in the arena for every node reached.
    private func memoizedEnclosure(of id: ExpressionID, bits: Int) -> Enclosure? {
        if let known = enclosureMemo[id] { return known }
        for node in reachable(from: [id]) where enclosureMemo[node] == nil {
            enclosureMemo[node] = enclose(node, bindings: [:], bits: bits) { enclosureMemo[$0]! }
        }
        return enclosureMemo[id]!
    }

    /// The enclosure of a closed expression at `bits`, or nil when it has none (a division
    /// by an interval that contains 0, log of one that reaches 0, exp of a huge argument).
    private func enclosure(of id: ExpressionID, bindings: [String: Rational], bits: Int) -> Enclosure? {
        var values: [ExpressionID: Enclosure?] = [:]
        for node in reachable(from: [id]) {
            values[node] = enclose(node, bindings: bindings, bits: bits) { values[$0]! }
        }
        return values[id]!
    }

    private func enclose(_ id: ExpressionID, bindings: [String: Rational], bits: Int,
                         _ child: (ExpressionID) -> Enclosure?) -> Enclosure? {
        switch self[id] {
        case let .constant(value):
            return Enclosure(value)
        case let .symbol(symbol):
            return bindings[symbol.name].map(Enclosure.init)
        case let .sum(constant, terms):
            var total = Enclosure(constant)
            for term in terms {
                guard let part = child(term.expression) else { return nil }
                total = (total + part.scaled(by: term.coefficient)).rounded(bits: bits)
            }
            return total
        case let .product(coefficient, factors):
            var total = Enclosure(coefficient)
            for factor in factors {
                guard let base = child(factor.base), let power = base.rounded(bits: bits).power(factor.exponent) else { return nil }
                total = (total * power.rounded(bits: bits)).rounded(bits: bits)
            }
            return total
        case let .apply(function, argument):
            guard let x = child(argument) else { return nil }
            return Enclosure.apply(function, x, bits: bits)
        }
    }
}

extension Enclosure {
    /// Beyond this magnitude, arguments of exp, sigmoid, tanh and softplus get the simple
    /// bounds below instead of a high-precision value, whose size grows with the argument.
    static let saturation = Rational(1 << 12)

    /// The enclosure of `function` over `x`.
    static func apply(_ function: Function, _ x: Enclosure, bits: Int) -> Enclosure? {
        switch function {
        case .relu, .step, .leakyRelu, .abs:
            // Piecewise linear: the extremes are at the ends or at the kink 0.
            var candidates = [x.lower, x.upper]
            if x.containsZero { candidates.append(.zero) }
            let values = candidates.map { ExpressionArena.fold(function, $0)! }
            return Enclosure(lower: values.min()!, upper: values.max()!)
        case .log:
            guard x.lower.signum > 0 else { return nil }
            fallthrough
        case .exp, .sigmoid, .tanh, .softplus:
            // Increasing: the lower end's lower bound, the upper end's upper bound.
            guard let lower = bound(function, x.lower, bits: bits, upward: false),
                  let upper = bound(function, x.upper, bits: bits, upward: true) else { return nil }
            return Enclosure(lower: lower, upper: upper)
        }
    }

    /// A bound on the increasing `function` at the point `x`: below it, or above it when
    /// `upward`; nil when there is no useful one (e^x above for a huge x).
    private static func bound(_ function: Function, _ x: Rational, bits: Int, upward: Bool) -> Rational? {
        if let exact = ExpressionArena.fold(function, x) { return exact }
        // Saturated: e^x < 2^x < 2^−s for x < −s; 1 − sigmoid(x) = sigmoid(−x) < e^−x;
        // 1 − tanh x < 2e^−2x; x < softplus(x) < x + e^−x.
        let tiny = Rational(2).power(-saturation.exactInt!)
        if function != .log, x.magnitude > saturation {
            let positive = x.signum > 0
            switch function {
            case .exp: return positive ? (upward ? nil : Rational(2).power(saturation.exactInt!)) : (upward ? tiny : .zero)
            case .sigmoid: return positive ? (upward ? .one : 1 - tiny) : (upward ? tiny : .zero)
            case .tanh: return positive ? (upward ? .one : 1 - tiny) : (upward ? -1 + tiny : -1)
            case .softplus: return positive ? (upward ? x + tiny : x) : (upward ? tiny : .zero)
            default: break
            }
        }
        // The high-precision value is accurate to about 2^−bits relative; the margin of
        // 2^(8 − bits) relative is far wider than its error.
        let value = HighPrecision.apply(function, x, bits: bits + 16)
        let margin = value.magnitude * Rational(2).power(8 - bits)
        return upward ? Enclosure.roundUp(value + margin, bits: bits) : Enclosure.roundDown(value - margin, bits: bits)
    }
}
