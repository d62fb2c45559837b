import ArgumentParser
import Emit
import Exact
import Foundation
import NetworkModel
import Verify

/// `gradgen handout`: the LaTeX derivation handout of a network.
struct HandoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handout",
        abstract: "Write the LaTeX handout: the matrix chain rule for every parameter, with exact numbers.",
        discussion: """
            For every parameter: the chain rule as Jacobians (numerator layout, column-major \
            vec), each factor's shape, rule and exact numbers, their product (the row before \
            re-shaping), the gradient in the parameter's shape, why the notebook printed its \
            transpose, and the compact form δ xᵀ; then a check against the runtime autodiff.

            With --exercise, also writes the problem sheet without answers beside the solution: \
            FILE-exercise.tex (and FILE-exercise.pdf with --pdf).

            Examples:
              gradgen handout --example reference-relu -o relu.tex --pdf
              gradgen handout network.json -o sheet.tex --exercise
              gradgen handout --random 7 --sizes 3,6,3 -o deep.tex --no-values
            """
    )

    @OptionGroup var problem: ProblemOptions

    @Option(name: .short, help: ArgumentHelp("The .tex file to write.", valueName: "file.tex"))
    var output: String

    @Flag(help: "Also compile the PDF with pdflatex (or latexmk), when installed.")
    var pdf = false

    @Flag(help: "A symbolic derivation only: no values, no numbers.")
    var noValues = false

    @Flag(help: "Also write the exercise sheet, without answers, as FILE-exercise.tex beside FILE.tex.")
    var exercise = false

    @Option(parsing: .unconditional, help: "Significant digits of decimals, for values that are not rational (1–100).",
            transform: { try OptionValue.integer($0, in: 1...100) })
    var digits = 6

    func validate() throws {
        guard output.hasSuffix(".tex"), output.count > 4 else {
            throw ValidationError("-o: expected a file name ending in .tex, got \(MessageQuoting.quoted(output))")
        }
    }

    /// FILE-exercise.tex for FILE.tex.
    var exercisePath: String { String(output.dropLast(4)) + "-exercise.tex" }

    func run() throws {
        let spec = try problem.load()
        var command = ["gradgen", "handout"] + problemArguments + ["-o", URL(fileURLWithPath: output).lastPathComponent]
        if noValues { command.append("--no-values") }
        if digits != 6 { command += ["--digits", String(digits)] }
        let options = HandoutOptions(values: !noValues, digits: digits, origin: problem.origin, command: command.joined(separator: " "))
        let emitter = try HandoutEmitter(spec: spec, options: options)
        var check: AutodiffCheck?
        if let answers = try emitter.answers() {
            check = try AutodiffCheck(spec: spec, values: spec.requireValues(), answers: answers, digits: digits)
        }
        // Everything is rendered before anything is written.
        var files = [(output, try emitter.solution(check: check))]
        if exercise { files.append((exercisePath, try emitter.exercise())) }
        for (path, text) in files {
            try OutputFile.write(text, to: path)
            print("wrote \(path)")
        }
        if let check, !check.passed {
            printToStandardError("Error: the autodiff disagrees with the derivation; see the check section of \(output)")
            throw ExitCode.failure
        }
        guard pdf else { return }
        guard let compiler = PDFCompiler.find() else {
            printToStandardError("Error: --pdf: neither pdflatex nor latexmk is installed (on Debian or Ubuntu: apt-get install texlive-latex-base texlive-latex-recommended); the .tex files are written")
            throw ExitCode.failure
        }
        for (path, _) in files { print("wrote \(try compiler.compile(path))") }
    }

    /// The arguments that choose the network, as given, for the regeneration comment.
    private var problemArguments: [String] {
        var result: [String] = []
        if let path = problem.specPath { result.append(URL(fileURLWithPath: path).lastPathComponent) }
        if let example = problem.example { result += ["--example", example] }
        if let random = problem.random { result += ["--random", String(random)] }
        if let sizes = problem.sizes { result += ["--sizes", sizes] }
        if let hidden = problem.hidden { result += ["--hidden", hidden] }
        if let loss = problem.loss { result += ["--loss", loss] }
        if problem.generalValues { result.append("--general-values") }
        return result
    }
}
