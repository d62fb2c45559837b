import Exact
import NetworkModel

/// What an exam asks for: how many variants, the seed they are drawn from, and the kind of
/// random problem each one is.
public struct ExamRequest: Sendable {
    /// How many variants, one per student.
    public var variants: Int
    /// The seed every variant is drawn from, so that the same request gives the same exam.
    public var seed: UInt64
    /// The kind of random problem each variant is.
    public var options: RandomProblemOptions

    /// A request for `variants` problems of kind `options`, drawn from `seed`.
    public init(variants: Int, seed: UInt64, options: RandomProblemOptions) {
        self.variants = variants
        self.seed = seed
        self.options = options
    }
}

/// One student's problem: its random spec (with values) and its exact answers.
public struct ExamVariant: Sendable {
    /// From 1.
    public let number: Int
    /// The seed this variant was drawn from (its sizes and activations are those of
    /// `gradgen handout --random SEED`; its values are small integers drawn from it).
    public let problemSeed: UInt64
    /// The problem, with its values.
    public let spec: NetworkSpec
    /// The loss, then every gradient entry (W1, b1, W2, … each row-major).
    public let answers: [ExamAnswer]
}

/// One entry of the answer key.
public struct ExamAnswer: Sendable, Hashable {
    /// `L`, `W1`, `b2`.
    public let parameter: String
    /// 1-based row and column in the parameter's shape (1, 1 for L).
    public let row: Int
    /// The 1-based column (see `row`).
    public let column: Int
    /// The exact answer.
    public let value: ExactValue

    /// `L`, `W1[2,3]`, `b1[2]`.
    public var entry: String {
        if parameter == "L" { return "L" }
        return parameter.hasPrefix("b") ? "\(parameter)[\(row)]" : "\(parameter)[\(row),\(column)]"
    }
}

/// A request that cannot be met, with the reason (exit 64 on the command line).
public struct ExamError: Error, CustomStringConvertible {
    /// The reason, one line.
    public let description: String
    /// An error that says `description`.
    public init(_ description: String) { self.description = description }
}

/// Draws exam variants: each one a seeded random problem with small integer values, kept
/// only when it is "nice" and
/// differs from every variant before it. Nice means: every answer bounded (|entry| ≤ 100);
/// no parameter whose gradient is all zero; for a rational network, every answer an
/// integer or a fraction with denominator at most 10; with ReLU, at least one active and
/// one inactive hidden unit. The search is bounded (`drawsPerVariant` draws per variant),
/// and a failed search says which constraint failed most often.
public enum ExamBuilder {
    /// The most variants one exam may have.
    public static let maximumVariants = 60
    /// Draws tried for each variant before giving up.
    public static let drawsPerVariant = 400
    /// The largest |answer| a nice variant has.
    static let largestAnswer = Rational(100)
    /// The largest denominator of a nice rational answer.
    static let largestDenominator = 10

    /// Why a draw was not nice, in words for the error message.
    enum Rejection: String, CaseIterable {
        case duplicate = "the same values as an earlier variant"
        case zeroGradient = "a parameter whose gradient is all zero"
        case largeAnswer = "an answer larger than 100 in magnitude"
        case largeDenominator = "an answer with a denominator above 10"
        case reluUnits = "no active or no inactive ReLU unit"
    }

    /// The variants, 1 to `request.variants`, the same for the same request on every machine.
    /// - Throws: `ExamError` for a count outside 1…`maximumVariants` or a search that finds
    ///   no nice variant.
    public static func variants(_ request: ExamRequest) throws -> [ExamVariant] {
        guard (1...maximumVariants).contains(request.variants) else {
            throw ExamError("--variants: expected 1 to \(maximumVariants), got \(request.variants)")
        }
        var generator = SplitMix64(seed: request.seed)
        var result: [ExamVariant] = []
        var seen: Set<String> = []
        // One symbolic derivation per network shape, reused for every draw of that shape
        // (looked up by key, never iterated).
        var derivations: [String: Derivation] = [:]
        for number in 1...request.variants {
            var rejections: [Rejection: Int] = [:]
            var found: ExamVariant?
            for _ in 0..<drawsPerVariant {
                let problemSeed = generator.next()
                let spec = try examValues(NetworkSpec.random(seed: problemSeed, options: request.options), seed: problemSeed)
                let shape = spec.layers.map { "\($0.size) \(NetworkSpec.json($0.activation))" }.joined(separator: ",") + " \(spec.inputSize) \(spec.loss)"
                let derivation = derivations[shape] ?? Derivation(spec: spec)
                derivations[shape] = derivation
                let evaluation = try ExactEvaluation(derivation: derivation, values: spec.requireValues(), significantDigits: 12)
                if let rejection = rejection(spec, evaluation) {
                    rejections[rejection, default: 0] += 1
                    continue
                }
                guard seen.insert(spec.jsonText).inserted else {
                    rejections[.duplicate, default: 0] += 1
                    continue
                }
                found = ExamVariant(number: number, problemSeed: problemSeed, spec: spec, answers: answers(spec, evaluation))
                break
            }
            guard let found else {
                let (reason, count) = Rejection.allCases.map { ($0, rejections[$0] ?? 0) }.max { $0.1 < $1.1 }!
                throw ExamError("no nice variant \(number) in \(drawsPerVariant) draws for sizes \(sizesText(request.options)): \(count) of them had \(reason.rawValue); try other --sizes or --hidden")
            }
            result.append(found)
        }
        return result
    }

    /// The range of the integers an exam's values are drawn from: small, so that answers
    /// stay small enough to compute by hand.
    static let valueRange = -3...3

    /// `structure` (its sizes, activations and loss) with small integer values drawn from
    /// `seed`: x, then W_l row by row and b_l for each layer, then t.
    static func examValues(_ structure: NetworkSpec, seed: UInt64) throws -> NetworkSpec {
        var generator = SplitMix64(seed: seed ^ 0x9E37_79B9_7F4A_7C15)
        func draw(_ count: Int) -> [Rational] { (0..<count).map { _ in Rational(generator.uniform(in: valueRange)) } }
        let sizes = structure.sizes
        let input = draw(sizes[0])
        var layers: [LayerSpec] = []
        for (index, layer) in structure.layers.enumerated() {
            let l = index + 1
            let weights = RationalMatrix(rowCount: sizes[l], columnCount: sizes[l - 1], elements: draw(sizes[l] * sizes[l - 1]))
            layers.append(LayerSpec(size: sizes[l], activation: layer.activation, weights: weights, bias: draw(sizes[l])))
        }
        // Softmax cross-entropy needs a distribution: the random problem's one-hot target.
        let target = structure.loss == .softmaxCrossEntropy ? try structure.requireValues().target : draw(structure.outputSize)
        return try NetworkSpec(inputSize: sizes[0], layers: layers, loss: structure.loss, input: input, target: target)
    }

    static func sizesText(_ options: RandomProblemOptions) -> String {
        switch options.sizes {
        case let .fixed(sizes): sizes.map(String.init).joined(separator: ",")
        case let .random(depth, width): "of \(depth.lowerBound)–\(depth.upperBound) layers of \(width.lowerBound)–\(width.upperBound)"
        }
    }

    /// The first constraint a draw breaks, nil for a nice one.
    static func rejection(_ spec: NetworkSpec, _ evaluation: ExactEvaluation) -> Rejection? {
        let rational = spec.layers.allSatisfy(\.activation.isRational)
        for (_, values) in evaluation.gradients {
            if values.allSatisfy({ $0.rational.map { $0 == .zero } ?? ($0.decimal == "0") }) { return .zeroGradient }
        }
        let all = [evaluation.loss] + evaluation.gradients.flatMap(\.values)
        for value in all {
            if let exact = value.rational {
                if exact.magnitude > largestAnswer { return .largeAnswer }
                if rational, exact.denominator > Rational(largestDenominator) { return .largeDenominator }
            } else if let decimal = Rational(value.decimal), decimal.magnitude > largestAnswer {
                return .largeAnswer
            }
        }
        let reluLayers = spec.layers.indices.filter { spec.layers[$0].activation == .relu }
        if !reluLayers.isEmpty {
            let z = reluLayers.flatMap { evaluation.preActivations[$0] }.compactMap(\.rational)
            if !z.contains(where: { $0 > .zero }) || !z.contains(where: { $0 <= .zero }) { return .reluUnits }
        }
        return nil
    }

    static func answers(_ spec: NetworkSpec, _ evaluation: ExactEvaluation) -> [ExamAnswer] {
        var result = [ExamAnswer(parameter: "L", row: 1, column: 1, value: evaluation.loss)]
        for (parameter, values) in evaluation.gradients {
            for (index, value) in values.enumerated() {
                result.append(ExamAnswer(parameter: parameter.name, row: index / parameter.columnCount + 1,
                                         column: index % parameter.columnCount + 1, value: value))
            }
        }
        return result
    }
}
