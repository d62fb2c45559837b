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
    /// Which weights get the full Kronecker/vec walk-through.
    public var walkthrough: Walkthrough
    /// Whether the appendix also explains the course notebook's own variables.
    public var notebookRemarks: Bool
    /// For a random problem, what was drawn (plain text), stated on the problem page.
    public var drawn: String?

    public init(values: Bool = true, digits: Int = 6, origin: String, command: String,
                walkthrough: Walkthrough = .layer(1), notebookRemarks: Bool = false, drawn: String? = nil) {
        self.values = values
        self.digits = digits
        self.origin = origin
        self.command = command
        self.walkthrough = walkthrough
        self.notebookRemarks = notebookRemarks
        self.drawn = drawn
    }
}

/// Renders the LaTeX handout of a network from `Templates/handout.tex.mustache`: the
/// solution sheet (the full matrix-calculus derivation with numbers) and the exercise sheet
/// (the same problem, no answers). The derivation comes from MatrixCalculus, the numbers
/// from its instantiation with Network's exact evaluator; this type only lays them out.
public struct HandoutEmitter {
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

    /// The check section's own template, small so that its wording can change alone.
    public static let checkTemplateName = "handout-check.tex.mustache"

    /// The solution sheet, with a check section when `check` is given.
    public func solution(check: AutodiffCheck? = nil) throws -> String {
        let section = try check.map { try templates.render(Self.checkTemplateName, context.checkDictionary($0)) } ?? ""
        var dictionary = context.dictionary(check: section)
        try addShared(&dictionary)
        return try templates.render(Self.templateName, dictionary)
    }

    /// The preamble and the problem page, rendered from their own templates into a sheet's
    /// dictionary, so that every sheet states the problem the same way.
    func addShared(_ dictionary: inout [String: Any]) throws {
        dictionary["preamble"] = try templates.render(Self.preambleTemplateName, [:])
        dictionary["problemPage"] = try templates.render(Self.problemTemplateName, dictionary)
    }

    /// The exercise sheet: the problem, the rules to start with, tasks and blank tables and
    /// answer boxes sized to each quantity's shape.
    public func exercise() throws -> String { try exerciseSheet(filled: false) }

    /// The exercise sheet's solution: the same pages with every cell filled in.
    public func exerciseSolution() throws -> String { try exerciseSheet(filled: true) }

    private func exerciseSheet(filled: Bool) throws -> String {
        var dictionary = ExerciseContext(handout: context, filled: filled).dictionary()
        try addShared(&dictionary)
        return try templates.render(Self.exerciseTemplateName, dictionary)
    }

    public static let exerciseTemplateName = "exercise.tex.mustache"
    /// Shared by every sheet.
    public static let preambleTemplateName = "handout-preamble.tex.mustache"
    public static let problemTemplateName = "handout-problem.tex.mustache"
}
