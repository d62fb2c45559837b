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
        abstract: "Write the LaTeX handout: the backward pass and every gradient, with exact numbers.",
        discussion: """
            Page 1 states the problem (a drawing of the network, the given values, a box of \
            every answer); then the forward pass, each δ_l computed once from the last layer \
            down, every gradient as δ_l x_lᵀ and δ_l, the full Kronecker/vec walk-through of \
            one weight's chain rule (--walkthrough), a check against the runtime autodiff, and \
            an appendix on checking with NumPy or PyTorch.

            With --exercise, also writes the exercise sheet (blank tables and answer boxes) \
            and its solution, page for page: FILE-exercise.tex and FILE-exercise-solution.tex \
            (and their PDFs with --pdf). With --notebook, also writes FILE.ipynb, a Jupyter \
            notebook that builds every Jacobian with NumPy and checks the answers.

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

    @Option(help: ArgumentHelp("Which weights get the full Kronecker/vec walk-through: all, none, or one such as W1.", valueName: "all|W1|none"))
    var walkthrough = "W1"

    @Flag(help: "Also write FILE.ipynb: a Jupyter notebook that builds every Jacobian with NumPy and asserts the exact answers.")
    var notebook = false

    @Flag(help: "Add remarks on the course notebook's own variables to the NumPy/PyTorch appendix.")
    var notebookRemarks = false

    @Option(parsing: .unconditional, help: "Significant digits of decimals, for values that are not rational (1–100).",
            transform: { try OptionValue.integer($0, in: 1...100) })
    var digits = 6

    func validate() throws {
        guard output.hasSuffix(".tex"), output.count > 4 else {
            throw ValidationError("-o: expected a file name ending in .tex, got \(MessageQuoting.quoted(output))")
        }
        guard Walkthrough(argument: walkthrough) != nil else {
            throw ValidationError("--walkthrough: expected all, none or a weight such as W1, got \(MessageQuoting.quoted(walkthrough))")
        }
    }

    /// FILE-exercise.tex for FILE.tex.
    var exercisePath: String { String(output.dropLast(4)) + "-exercise.tex" }
    /// FILE-exercise-solution.tex for FILE.tex.
    var exerciseSolutionPath: String { String(output.dropLast(4)) + "-exercise-solution.tex" }

    func run() throws {
        // A handout goes into a folder that exists: a mistyped folder is an error, not a new folder.
        let folder = (output as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        if !folder.isEmpty, !(FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) && isFolder.boolValue) {
            throw MissingFolderError(path: output, folder: folder)
        }
        let spec = try problem.load()
        var command = ["gradgen", "handout"] + problemArguments + ["-o", URL(fileURLWithPath: output).lastPathComponent]
        if noValues { command.append("--no-values") }
        if digits != 6 { command += ["--digits", String(digits)] }
        if walkthrough != "W1" { command += ["--walkthrough", walkthrough] }
        if notebookRemarks { command.append("--notebook-remarks") }
        if notebook { command.append("--notebook") }
        let chosen = Walkthrough(argument: walkthrough)!
        let depth = spec.layers.count
        if case let .layer(l) = chosen, l > depth {
            throw ValidationError("--walkthrough: the network has \(depth) layer\(depth == 1 ? "" : "s"), so there is no W\(l)")
        }
        let options = HandoutOptions(values: !noValues, digits: digits, origin: problem.origin, command: command.joined(separator: " "),
                                     walkthrough: chosen, notebookRemarks: notebookRemarks, drawn: problem.drawnDescription(spec))
        let emitter = try HandoutEmitter(spec: spec, options: options)
        var check: AutodiffCheck?
        if let answers = try emitter.answers() {
            check = try AutodiffCheck(spec: spec, values: spec.requireValues(), answers: answers, digits: digits)
        }
        // Everything is rendered before anything is written.
        var files = [(output, try emitter.solution(check: check))]
        if notebook {
            guard let answers = try emitter.answers() else { throw ValidationError("--notebook: needs values; drop --no-values") }
            files.append((String(output.dropLast(4)) + ".ipynb", try NotebookEmitter(spec: spec, answers: answers, command: command.joined(separator: " ")).text))
        }
        if exercise {
            files.append((exercisePath, try emitter.exercise()))
            files.append((exerciseSolutionPath, try emitter.exerciseSolution()))
        }
        try OutputFile.writeAll(files)
        for (path, _) in files { print("wrote \(path)") }
        if let check, !check.passed {
            printToStandardError("Error: the autodiff disagrees with the derivation; see the check section of \(output)")
            throw ExitCode.failure
        }
        guard pdf else { return }
        guard let compiler = PDFCompiler.find() else {
            printToStandardError("Error: --pdf: neither pdflatex nor latexmk is installed (on Debian or Ubuntu: apt-get install texlive-latex-base texlive-latex-recommended texlive-pictures); the .tex files are written")
            throw ExitCode.failure
        }
        for (path, _) in files where path.hasSuffix(".tex") { print("wrote \(try compiler.compile(path))") }
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

extension ProblemOptions {
    /// For a random problem, what the generator drew, in words: the sizes, each hidden
    /// layer's activation (from the list given), and the kind of values; nil otherwise.
    func drawnDescription(_ spec: NetworkSpec) -> String? {
        guard let random else { return nil }
        let sizes = spec.sizes.map(String.init).joined(separator: "-")
        var parts = ["seed \(random)", sizes + (self.sizes == nil ? " (sizes drawn)" : "")]
        let hiddenLayers = spec.layers.dropLast()
        if !hiddenLayers.isEmpty {
            let choices = hidden ?? "relu"
            let drawn = hiddenLayers.map(\.activation.name).joined(separator: ", ")
            parts.append("hidden activations drawn from {\(choices.split(separator: ",").joined(separator: ", "))}: \(drawn)")
        }
        parts.append("output \(spec.layers.last!.activation.name)")
        parts.append(generalValues ? "values k/d with d from 1 to 100" : "values k/d with d in {1, 2, 4, 5}, between -5 and 5")
        return parts.joined(separator: "; ")
    }
}

/// The folder of an output file does not exist.
struct MissingFolderError: Error, CustomStringConvertible {
    let path: String
    let folder: String
    var description: String { "\(path): no such folder: \(folder)" }
}
