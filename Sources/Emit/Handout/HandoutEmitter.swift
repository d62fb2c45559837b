import Foundation
import MatrixCalculus
import NetworkModel

/// What a handout contains besides the network.
public struct HandoutOptions: Sendable {
    /// Numbers (given values, forward pass, every factor evaluated, the check); false for a
    /// symbolic derivation.
    public var values: Bool
    /// Significant digits of decimals.
    public var digits: Int
    /// Where the network came from ("example reference-relu"), for the title page.
    public var origin: String
    /// The command that regenerates the file, for its header comment.
    public var command: String

    /// Options for a handout from `origin`; values on, decimals of 6 digits, unless told.
    public init(values: Bool = true, digits: Int = 6, origin: String, command: String) {
        self.values = values
        self.digits = digits
        self.origin = origin
        self.command = command
    }
}

/// Renders the LaTeX handout of a network from `Templates/handout.tex.mustache`: the
/// solution sheet (the full matrix-calculus derivation with numbers) and the exercise sheet
/// (the same problem, no answers). The derivation comes from MatrixCalculus, the numbers
/// from its instantiation with Network's exact evaluator; this type only lays them out.
public struct HandoutEmitter {
    /// The template both sheets are rendered from.
    public static let templateName = "handout.tex.mustache"

    let context: HandoutContext
    let templates: TemplateLibrary

    /// - Throws: `SpecError` for missing values when `options.values`, or an evaluation
    ///   error (a value with no meaning).
    public init(spec: NetworkSpec, options: HandoutOptions, templates: TemplateLibrary = .bundled) throws {
        context = try HandoutContext(spec: spec, options: options)
        self.templates = templates
    }

    /// The handout's answers, to check them: the loss, then every gradient entry (W1, b1,
    /// W2, … each row-major in the parameter's shape), from the same derivation, with
    /// decimals of `significantDigits` digits (the page's few digits are too few to compare
    /// with a Double); nil without values.
    public func answers(significantDigits: Int = 17) throws -> [ExactValue]? {
        guard context.options.values else { return nil }
        let derivation = context.derivation
        let bindings = try derivation.bindings(context.spec.requireValues())
        let numbers = try derivation.instantiate(with: ExactEntryEvaluator(bindings: bindings, significantDigits: significantDigits))
        return [numbers.loss] + numbers.parameters.flatMap(\.gradient.values)
    }

    /// The solution sheet, with a check section when `check` is given.
    public func solution(check: AutodiffCheck? = nil) throws -> String {
        try templates.render(Self.templateName, context.dictionary(answers: true, check: check))
    }

    /// The problem sheet: the network, the given values and the tasks, without answers.
    public func exercise() throws -> String {
        try templates.render(Self.templateName, context.dictionary(answers: false, check: nil))
    }
}
