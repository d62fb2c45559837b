import Exact
import NetworkModel
import Symbolic

/// Swift source for one network's loss and all its gradients, from the CSE schedule of its
/// symbolic derivation, filled into `Templates/swift/Network.swift.mustache`.
///
/// The code is generic over a scalar protocol and specialized by the compiler for `Double`
/// (and for the exact `Rational` where the network is rational). Names follow the network's
/// symbols: z1_0, x2_1, loss, dW1_0_2, db2_1, and t… for the other intermediate values.
public struct SwiftEmitter {
    public struct Options: Sendable {
        /// The name of the generated type.
        public var typeName: String
        /// The command that regenerates the file, for its header.
        public var command: String
        /// Also emit `exactLossAndGradients` over `Rational` (only for rational networks).
        public var exactFlavour: Bool
        /// The most statements in one function before the body is split into parts.
        public var statementsPerFunction: Int

        public init(typeName: String, command: String, exactFlavour: Bool = true, statementsPerFunction: Int = 400) {
            self.typeName = typeName
            self.command = command
            self.exactFlavour = exactFlavour
            self.statementsPerFunction = statementsPerFunction
        }
    }

    public let derivation: Derivation
    public let options: Options

    public init(derivation: Derivation, options: Options) {
        self.derivation = derivation
        self.options = options
    }

    /// True when the network's values are rational, so that an exact flavour exists.
    public var isRational: Bool {
        derivation.spec.layers.allSatisfy(\.activation.isPiecewiseLinear) && derivation.spec.loss != .softmaxCrossEntropy
    }

    /// The generated file.
    /// - Throws: `TemplateError` when the template cannot be read.
    public func source(templates: TemplateLibrary) throws -> String {
        try templates.render("swift/Network.swift.mustache", context())
    }

    /// The support files the generated code needs, by file name: the scalar protocol and
    /// helpers, and (with `exact`) the `Rational` conformance.
    public static func supportFiles(templates: TemplateLibrary, exact: Bool) throws -> [(name: String, text: String)] {
        var files = [("GradgenSupport.swift", try templates.render("swift/GradgenSupport.swift.mustache", [:]))]
        if exact {
            files.append(("GradgenSupport+Rational.swift", try templates.render("swift/GradgenSupport+Rational.swift.mustache", [:])))
        }
        return files
    }

    // MARK: Context

    private func context() -> [String: Any] {
        let spec = derivation.spec
        let exact = options.exactFlavour && isRational
        let parameters = spec.parameters
        let program = StraightLineProgram(derivation: derivation, statementsPerFunction: options.statementsPerFunction)
        return SwiftFileContext.common(spec: spec, typeName: options.typeName, command: options.command).merging([
            "split": program.parts.count > 1,
            "partCount": String(program.parts.count),
            "partLimit": String(options.statementsPerFunction),
            "partValueCount": String(program.partValueCount),
            "imports": exact ? ["Exact"] : [String](),
            "parameterArguments": parameters.map { "\($0.name): [Scalar]" }.joined(separator: ", "),
            "exact": exact,
            "scalarProtocol": isRational ? "GradgenScalar" : "GradgenTranscendental",
            "body": program.body,
            "parts": program.parts.enumerated().map { index, part in
                ["name": "part\(index + 1)", "range": part.range, "lines": part.lines, "scalarProtocol": isRational ? "GradgenScalar" : "GradgenTranscendental"]
            },
        ]) { $1 }
    }
}
