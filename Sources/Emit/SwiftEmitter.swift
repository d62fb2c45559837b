import Exact
import NetworkModel
import Symbolic

/// Swift source for one network's loss and all its gradients, from the CSE schedule of its
/// symbolic derivation, filled into `Templates/swift/Network.swift.mustache`.
///
/// The code is generic over a scalar protocol and specialized by the compiler for `Double` or
/// `Float` (and for the exact `Rational` where the network is rational). Names follow the network's
/// symbols: z1_0, x2_1, loss, dW1_0_2, db2_1, and t… for the other intermediate values.
public struct SwiftEmitter {
    /// What to emit, besides the network.
    public struct Options: Sendable {
        /// The name of the generated type.
        public var typeName: String
        /// The command that regenerates the file, for its header.
        public var command: String
        /// Also emit `exactLossAndGradients` over `Rational` (only for rational networks).
        public var exactFlavour: Bool
        /// The most statements in one function before the body is split into parts.
        public var statementsPerFunction: Int
        /// The floating-point type of the parameters, gradients and workspaces.
        public var scalar: CodeScalar

        /// Options for the type `typeName`; with the exact flavour, 400 statements a function and
        /// `Double` unless told.
        public init(typeName: String, command: String, exactFlavour: Bool = true, statementsPerFunction: Int = 400, scalar: CodeScalar = .double) {
            self.typeName = typeName
            self.command = command
            self.exactFlavour = exactFlavour
            self.statementsPerFunction = statementsPerFunction
            self.scalar = scalar
        }
    }

    /// The network's symbolic loss and gradients, which the code computes.
    public let derivation: Derivation
    /// What to emit.
    public let options: Options

    /// An emitter of `derivation`'s gradients.
    public init(derivation: Derivation, options: Options) {
        self.derivation = derivation
        self.options = options
    }

    /// True when the network's values are rational, so that an exact flavour exists.
    public var isRational: Bool {
        derivation.spec.layers.allSatisfy(\.activation.isRational) && derivation.spec.loss != .softmaxCrossEntropy
    }

    /// True when the file has the exact flavour: asked for, the network is rational, and its
    /// constants fit the flavour's machine-integer fractions.
    public var hasExactFlavour: Bool { options.exactFlavour && isRational && constantsFitMachineIntegers }

    /// True when every constant of the derivation (slopes, coefficients) has a numerator and a
    /// denominator that fit `Int`: the exact flavour writes them as `Rational(n, over: d)`,
    /// while code over `Double` writes larger ones as correctly rounded literals.
    public var constantsFitMachineIntegers: Bool {
        let arena = derivation.arena
        let outputs = [derivation.loss] + derivation.gradients.flatMap(\.entries)
        return arena.reachable(from: outputs).allSatisfy { id in
            switch arena[id] {
            case let .constant(value): return !value.isHeldInGMP
            case let .sum(constant, terms): return !constant.isHeldInGMP && terms.allSatisfy { !$0.coefficient.isHeldInGMP }
            case let .product(coefficient, _): return !coefficient.isHeldInGMP
            case let .apply(.leakyRelu(slope), _): return !slope.isHeldInGMP
            case .symbol, .apply: return true
            }
        }
    }

    /// The generated file.
    /// - Throws: `TemplateError` when the template cannot be read.
    public func source(templates: TemplateLibrary) throws -> String {
        try templates.render("swift/Network.swift.mustache", context(templates: templates))
    }

    // MARK: Context

    private func context(templates: TemplateLibrary) throws -> [String: Any] {
        let spec = derivation.spec
        let exact = hasExactFlavour
        let program = StraightLineProgram(derivation: derivation, statementsPerFunction: options.statementsPerFunction, roundedToFloat: options.scalar == .float)
        let scalarProtocol = isRational ? "Gradgen.Scalar" : "Gradgen.Transcendental"
        return try SwiftFileContext.common(spec: spec, typeName: options.typeName, command: options.command, scalar: options.scalar, templates: templates).merging([
            "split": program.parts.count > 1,
            "partCount": String(program.parts.count),
            "partLimit": String(options.statementsPerFunction),
            "partValueCount": String(program.partValueCount),
            "imports": exact ? ["Exact"] : [String](),
            "exact": exact,
            "scalarProtocol": scalarProtocol,
            "body": program.body,
            "parts": program.parts.enumerated().map { index, part in
                ["name": "part\(index + 1)", "range": part.range, "lines": part.lines, "scalarProtocol": scalarProtocol]
            },
        ]) { $1 }
    }
}
