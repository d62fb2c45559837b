import Exact
import NetworkModel

/// The files of an exam folder, as texts, named relative to the folder: per variant its
/// problem sheet, its solution sheet and its spec; one answer key (CSV and JSON) and one
/// Moodle XML quiz for all of them. Rendering is separate from writing, so that the
/// command can write the folder all or nothing.
public struct ExamFiles {
    /// (name, text), in the order they are listed.
    public let files: [(name: String, text: String)]
    /// The .tex files, to compile with --pdf.
    public let sheets: [String]

    /// - Parameter command: the command that regenerates the exam, for the sheets' headers.
    public init(variants: [ExamVariant], seed: UInt64, command: String, templates: TemplateLibrary = .bundled) throws {
        var files: [(name: String, text: String)] = []
        var sheets: [String] = []
        for variant in variants {
            let stem = Self.stem(variant.number)
            let options = HandoutOptions(origin: "exam (seed \(seed)), variant \(variant.number) of \(variants.count)", command: command)
            let emitter = try HandoutEmitter(spec: variant.spec, options: options, templates: templates)
            files.append((stem + ".tex", try emitter.exercise()))
            files.append((stem + "-solution.tex", try emitter.exerciseSolution()))
            files.append((stem + ".json", variant.spec.jsonText))
            sheets += [stem + ".tex", stem + "-solution.tex"]
        }
        files.append(("answer-key.csv", Self.csv(variants)))
        files.append(("answer-key.json", Self.json(variants)))
        files.append(("quiz.xml", Self.moodle(variants, seed: seed)))
        self.files = files
        self.sheets = sheets
    }

    /// `variant-01`.
    static func stem(_ number: Int) -> String { number < 10 ? "variant-0\(number)" : "variant-\(number)" }

    // MARK: Answer key

    static let header = ["variant", "parameter", "entry", "exact", "decimal"]

    static func csv(_ variants: [ExamVariant]) -> String {
        func field(_ text: String) -> String {
            text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var lines = [header.joined(separator: ",")]
        for variant in variants {
            for answer in variant.answers {
                lines.append([String(variant.number), answer.parameter, answer.entry, answer.value.exact, answer.value.decimal].map(field).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ variants: [ExamVariant]) -> String {
        var rows: [String] = []
        for variant in variants {
            for answer in variant.answers {
                let fields = [String(variant.number), JSONText.string(answer.parameter), JSONText.string(answer.entry),
                              JSONText.string(answer.value.exact), JSONText.string(answer.value.decimal)]
                rows.append("  {" + zip(header, fields).map { "\"\($0)\": \($1)" }.joined(separator: ", ") + "}")
            }
        }
        return "[\n" + rows.joined(separator: ",\n") + "\n]\n"
    }

    // MARK: Moodle

    /// The entries asked in the quiz: the loss and, for each parameter, its first entry
    /// that is not zero, each only where Moodle can hold its value as a plain decimal (a
    /// value like 7.7 × 10^(−4·10¹⁹) has no such decimal; it is not asked rather than asked as 0).
    static func asked(_ variant: ExamVariant) -> [ExamAnswer] {
        var result: [ExamAnswer] = []
        var done: Set<String> = []
        for (index, answer) in variant.answers.enumerated() where !done.contains(answer.parameter) {
            let isLoss = index == 0
            if !isLoss, answer.value.rational == .zero || answer.value.decimal == "0" { continue }
            guard plainValue(answer.value) != nil else { continue }
            done.insert(answer.parameter)
            result.append(answer)
        }
        return result
    }

    /// A Moodle XML quiz of numerical questions, one category per variant, as R/exams'
    /// exams2moodle writes them: each answer with its value and an absolute tolerance of
    /// 0.005 · max(1, |value|), and the exact value in the feedback.
    static func moodle(_ variants: [ExamVariant], seed: UInt64) -> String {
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<quiz>"]
        for variant in variants {
            let stem = stem(variant.number)
            lines += ["<question type=\"category\">",
                      "  <category><text>$course$/gradgen exam seed \(seed)/\(stem)</text></category>",
                      "</question>"]
            for answer in asked(variant) {
                let what = answer.parameter == "L"
                    ? "the loss L"
                    : "entry \(answer.parameter.hasPrefix("b") ? "\(answer.row)" : "(\(answer.row), \(answer.column))") of the gradient ∂L/∂\(answer.parameter)"
                let value = ValueDisplay.plainDecimal(plainValue(answer.value)!.decimal(significantDigits: 12))
                lines += [
                    "<question type=\"numerical\">",
                    "  <name><text>\(xml("\(stem) \(answer.entry)"))</text></name>",
                    "  <questiontext format=\"html\"><text><![CDATA[<p>Exam \(stem) (your problem sheet). Give \(what), to at least three significant digits.</p>]]></text></questiontext>",
                    "  <defaultgrade>1</defaultgrade>",
                    "  <answer fraction=\"100\">",
                    "    <text>\(value)</text>",
                    "    <tolerance>\(tolerance(answer.value))</tolerance>",
                    "    <feedback format=\"html\"><text>\(xml("Exact value: " + answer.value.exact))</text></feedback>",
                    "  </answer>",
                    "</question>",
                ]
            }
        }
        lines.append("</quiz>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The value as a rational for Moodle's plain decimal (it reads no fractions): the exact
    /// value, or the decimal's digits for a closed form; nil where the decimal is not plain
    /// enough to parse (an exponent beyond the parser's limit).
    static func plainValue(_ value: ExactValue) -> Rational? {
        value.rational ?? Rational(value.decimal)
    }

    /// 0.005 · max(1, |value|), to three significant digits.
    static func tolerance(_ value: ExactValue) -> String {
        let magnitude = plainValue(value)!.magnitude
        let base = magnitude > .one ? magnitude : .one
        return ValueDisplay.plainDecimal((base * Rational(1, 200)).decimal(significantDigits: 3))
    }

    static func xml(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
