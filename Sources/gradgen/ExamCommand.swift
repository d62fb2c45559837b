import ArgumentParser
import Emit
import Foundation
import NetworkModel

/// `gradgen exam`: per-student variants of a random problem, with their solutions, an
/// answer key and a Moodle quiz, written as one folder.
struct ExamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exam",
        abstract: "Write exam variants: problem and solution sheets, specs, an answer key and a Moodle XML quiz.",
        discussion: """
            Draws N random problems from the seed, keeping only nice ones (answers bounded by \
            100, integers or denominators up to 10 where the network is rational, no all-zero \
            gradient, with ReLU at least one active and one inactive unit), pairwise distinct. \
            The folder DIR gets, per variant, variant-NN.tex (the problem sheet with blank \
            cells), variant-NN-solution.tex (the same pages filled in) and variant-NN.json \
            (its spec, for gradgen eval); answer-key.csv and answer-key.json (variant, \
            parameter, entry, exact, decimal); quiz.xml (Moodle numerical questions). The \
            same seed gives the same bytes. DIR must not exist or be empty; it is written \
            all or nothing.

            Examples:
              gradgen exam --variants 30 --seed 2026 -o exam
              gradgen exam --variants 4 --seed 7 --sizes 3,4,2 --hidden relu --pdf -o midterm
            """
    )

    @Option(help: ArgumentHelp("How many variants (1–\(ExamBuilder.maximumVariants)).", valueName: "N"))
    var variants: Int

    @Option(help: ArgumentHelp("The seed the variants are drawn from.", valueName: "S"))
    var seed: UInt64

    @Option(help: ArgumentHelp("The sizes n0,n1,…,nL of every variant (default 3,2,2).", valueName: "sizes"))
    var sizes = "3,2,2"

    @Option(help: ArgumentHelp("Hidden activations to draw from, comma-separated (default relu).", valueName: "names"))
    var hidden: String?

    @Option(name: .short, help: ArgumentHelp("The folder to write.", valueName: "DIR"))
    var output: String

    @Flag(help: "Also compile every sheet to PDF with pdflatex.")
    var pdf = false

    func validate() throws {
        guard (1...ExamBuilder.maximumVariants).contains(variants) else {
            throw ValidationError("--variants: expected 1 to \(ExamBuilder.maximumVariants), got \(variants)")
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw ValidationError("-o: \(output) is a file, not a folder") }
            guard (try? FileManager.default.contentsOfDirectory(atPath: output))?.isEmpty ?? false else {
                throw ValidationError("-o: \(output) exists and is not empty; give a new folder")
            }
        }
    }

    func run() throws {
        var arguments = ["--random", "0", "--sizes", sizes]
        if let hidden { arguments += ["--hidden", hidden] }
        let options = try ProblemOptions.parse(arguments).randomOptions()
        let compiler = pdf ? PDFCompiler.find() : nil
        if pdf, compiler == nil {
            throw ValidationError("--pdf: neither pdflatex nor latexmk is installed (apt-get install texlive-latex-base texlive-latex-recommended texlive-pictures)")
        }
        let chosen: [ExamVariant]
        do {
            chosen = try ExamBuilder.variants(ExamRequest(variants: variants, seed: seed, options: options))
        } catch let error as ExamError {
            throw ValidationError(error.description)
        }
        var command = ["gradgen", "exam", "--variants", String(variants), "--seed", String(seed), "--sizes", sizes]
        if let hidden { command += ["--hidden", hidden] }
        command += ["-o", URL(fileURLWithPath: output).lastPathComponent]
        let exam = try ExamFiles(variants: chosen, seed: seed, command: command.joined(separator: " "))
        try ExamFolder.write(exam, to: output, compiler: compiler)
        print("wrote \(output): \(variants) variant\(variants == 1 ? "" : "s"), answer-key.csv, answer-key.json, quiz.xml")
    }
}

/// Writes an exam folder all or nothing: into a hidden folder beside it, PDFs compiled
/// there, then renamed into place in one step.
enum ExamFolder {
    static func write(_ exam: ExamFiles, to path: String, compiler: PDFCompiler?) throws {
        let target = URL(fileURLWithPath: path)
        let parent = target.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).partial")
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw ValidationError("-o: cannot create \(path): \(error.localizedDescription)")
        }
        do {
            for (name, text) in exam.files {
                try Data(text.utf8).write(to: staging.appendingPathComponent(name))
            }
            if let compiler {
                for sheet in exam.sheets { try compiler.compile(staging.appendingPathComponent(sheet).path) }
            }
            // An empty folder given as -o is replaced; anything else was refused in validate().
            if manager.fileExists(atPath: target.path) { try manager.removeItem(at: target) }
            guard rename(staging.path, target.path) == 0 else {
                throw ValidationError("-o: cannot move the exam into \(path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
    }
}
