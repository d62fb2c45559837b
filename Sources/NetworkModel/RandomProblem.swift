import Exact

/// Seeded random problems, like the reference notebook's `rand=True`, but reproducible: the
/// same seed and options give the same spec in every process, on every machine, forever.
///
/// The algorithm is part of the format and must not change (tests pin exact outputs). With
/// `g = SplitMix64(seed: seed)` and `uniform` as defined there, the draws are, in order:
/// 1. sizes — for `.random(depth:width:)`: L = `uniform(in: depth)`, then n_0, n_1, …, n_L
///    each `uniform(in: width)`; `.fixed` draws nothing;
/// 2. activations — for each hidden layer l = 1 … L−1, `element(of: hiddenActivations)`; the
///    last layer takes `outputActivation` without a draw;
/// 3. values — x (n_0 values), then for l = 1 … L: W_l row by row, then b_l; then t.
///    One value: d = `element(of: [1, 2, 4, 5])` (`.nice`) or `uniform(in: 1...100)`
///    (`.general`), then k = `uniform(in: -5d...5d)`; the value is k/d.
///    For softmax cross-entropy, t is instead one-hot at `uniform(below: n_L)` (`.nice`), or
///    (`.general`) w_i = `uniform(in: 0...9)` for each i, t_i = w_i / Σw — and if every w_i is 0,
///    the one-hot vector at a further `uniform(below: n_L)`.
public enum RandomProblem {
    /// The largest number of layers a random problem may have.
    public static let maximumDepth = 20
    /// The largest size a random problem may have (a bound on the work it asks for).
    public static let maximumWidth = 4096

    /// The problem for `seed`.
    ///
    /// - Throws: `SpecError` for impossible options, e.g.
    ///   `sizes.width: must be within 1...4096, got 0...3`.
    public static func spec(seed: UInt64, options: RandomProblemOptions = RandomProblemOptions()) throws -> NetworkSpec {
        try check(options)
        var generator = SplitMix64(seed: seed)
        let sizes: [Int]
        switch options.sizes {
        case let .fixed(fixed):
            sizes = fixed
        case let .random(depth, width):
            let layerCount = generator.uniform(in: depth)
            sizes = (0...layerCount).map { _ in generator.uniform(in: width) }
        }
        let layerCount = sizes.count - 1
        var activations: [Activation] = []
        for _ in 1..<layerCount { activations.append(generator.element(of: options.hiddenActivations)) }
        activations.append(options.outputActivation)
        let structure = try NetworkSpec(
            inputSize: sizes[0],
            layers: zip(sizes.dropFirst(), activations).map { LayerSpec(size: $0, activation: $1) },
            loss: options.loss
        )
        return try values(for: structure, using: &generator, style: options.values)
    }

    /// `structure` with every value drawn (step 3 above): x, then W_l row by row and b_l for
    /// each layer, then t. Values already in `structure` are replaced.
    public static func values(for structure: NetworkSpec, using generator: inout SplitMix64, style: RandomProblemOptions.ValueStyle) throws -> NetworkSpec {
        let sizes = structure.sizes
        let input = (0..<sizes[0]).map { _ in value(using: &generator, style: style) }
        var layers: [LayerSpec] = []
        for (index, layer) in structure.layers.enumerated() {
            let l = index + 1
            let elements = (0..<(sizes[l] * sizes[l - 1])).map { _ in value(using: &generator, style: style) }
            let bias = (0..<sizes[l]).map { _ in value(using: &generator, style: style) }
            layers.append(LayerSpec(
                size: sizes[l],
                activation: layer.activation,
                weights: RationalMatrix(rowCount: sizes[l], columnCount: sizes[l - 1], elements: elements),
                bias: bias))
        }
        let outputSize = structure.outputSize
        let target = structure.loss == .softmaxCrossEntropy
            ? distribution(&generator, count: outputSize, style)
            : (0..<outputSize).map { _ in value(using: &generator, style: style) }
        return try NetworkSpec(inputSize: sizes[0], layers: layers, loss: structure.loss, input: input, target: target)
    }

    /// One value as random problems draw it: a fraction in [−5, 5] with a denominator from
    /// 1, 2, 4, 5 (`.nice`) or 1…100 (`.general`). Public so that benchmarks draw extra samples
    /// the same way.
    public static func value(using generator: inout SplitMix64, style: RandomProblemOptions.ValueStyle) -> Rational {
        let denominator = style == .nice ? generator.element(of: [1, 2, 4, 5]) : generator.uniform(in: 1...100)
        let numerator = generator.uniform(in: (-5 * denominator)...(5 * denominator))
        return Rational(numerator, denominator)
    }

    private static func distribution(_ generator: inout SplitMix64, count: Int, _ style: RandomProblemOptions.ValueStyle) -> [Rational] {
        func oneHot(_ generator: inout SplitMix64) -> [Rational] {
            let hot = Int(generator.uniform(below: UInt64(count)))
            return (0..<count).map { $0 == hot ? Rational.one : Rational.zero }
        }
        if style == .nice { return oneHot(&generator) }
        let weights = (0..<count).map { _ in generator.uniform(in: 0...9) }
        let total = weights.reduce(0, +)
        if total == 0 { return oneHot(&generator) }
        return weights.map { Rational($0, total) }
    }

    private static func check(_ options: RandomProblemOptions) throws {
        let widths = 1...maximumWidth
        switch options.sizes {
        case let .fixed(sizes):
            if sizes.count < 2 || sizes.count > maximumDepth + 1 {
                throw SpecError(field: "sizes", message: "expected 2 to \(maximumDepth + 1) sizes (input first, output last), got \(sizes.count)")
            }
            for (index, size) in sizes.enumerated() where !widths.contains(size) {
                throw SpecError(field: "sizes[\(index)]", message: "must be within \(widths), got \(size)")
            }
        case let .random(depth, width):
            if depth.lowerBound < 1 || depth.upperBound > maximumDepth {
                throw SpecError(field: "sizes.depth", message: "must be within 1...\(maximumDepth), got \(depth)")
            }
            if width.lowerBound < 1 || width.upperBound > maximumWidth {
                throw SpecError(field: "sizes.width", message: "must be within \(widths), got \(width)")
            }
        }
        if options.hiddenActivations.isEmpty {
            throw SpecError(field: "hiddenActivations", message: "expected at least one activation to choose from")
        }
    }
}

extension NetworkSpec {
    /// This network with fresh values drawn from `seed` (see `RandomProblem.values`), for
    /// checking code on many inputs.
    public func withRandomValues(seed: UInt64, style: RandomProblemOptions.ValueStyle = .general) throws -> NetworkSpec {
        var generator = SplitMix64(seed: seed)
        return try RandomProblem.values(for: self, using: &generator, style: style)
    }

    /// The seeded random problem for `seed` (see `RandomProblem`).
    public static func random(seed: UInt64, options: RandomProblemOptions = RandomProblemOptions()) throws -> NetworkSpec {
        try RandomProblem.spec(seed: seed, options: options)
    }
}
