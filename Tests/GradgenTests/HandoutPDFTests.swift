import Foundation
import Testing
import TestSupport

/// Where pdflatex is, when it is installed.
enum LaTeXInstallation {
    static let pdflatex: String? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return folders.map { "\($0)/pdflatex" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()
}

/// The handouts compiled by pdflatex: no LaTeX error and nothing sticking out of the page
/// (no overfull line). Skipped, with the reason shown, where pdflatex is not installed;
/// `.ci/run` installs it.
@Suite("gradgen handout compiles with pdflatex",
       .enabled(if: LaTeXInstallation.pdflatex != nil,
                "pdflatex is not installed (apt-get install texlive-latex-base texlive-latex-recommended, as .ci/run does)"))
struct HandoutPDFTests {
    /// Writes the handout, runs pdflatex on it, and returns the log.
    func compile(_ arguments: [String]) throws -> (status: Int32, log: String, folder: TemporaryFolder) {
        let folder = try TemporaryFolder()
        let run = try CommandRun.gradgen(["handout"] + arguments + ["-o", "h.tex"], in: folder.url)
        #expect(run.status == 0, "\(run.standardError)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(LaTeXInstallation.pdflatex))
        process.arguments = ["-interaction=nonstopmode", "-halt-on-error", "h.tex"]
        process.currentDirectoryURL = folder.url
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let log = try String(contentsOf: folder.url.appendingPathComponent("h.log"), encoding: .utf8)
        return (process.terminationStatus, log, folder)
    }

    @Test(arguments: [
        ["--example", "reference-relu"],
        ["--example", "reference-sigmoid"],
        ["--random", "3", "--sizes", "3,6,3,2", "--hidden", "tanh,sigmoid"],
    ])
    func compilesWithoutErrorsOrOverfullLines(arguments: [String]) throws {
        let (status, log, folder) = try compile(arguments)
        defer { folder.remove() }
        #expect(status == 0, "LaTeX errors: \(log.components(separatedBy: "\n").filter { $0.hasPrefix("!") })")
        let overfull = log.components(separatedBy: "\n").filter { $0.hasPrefix("Overfull \\hbox") }
        #expect(overfull.isEmpty, "\(overfull)")
    }

    @Test func pdfOptionWritesBothPDFs() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try CommandRun.gradgen(["handout", "--example", "reference-relu", "-o", "r.tex", "--pdf", "--exercise"], in: folder.url)
        #expect(run.status == 0, "\(run.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        #expect(files == ["r-exercise.pdf", "r-exercise.tex", "r.pdf", "r.tex"])
    }

    /// pdflatex cannot take "%" in a file name (TeX reads it as a comment) and then writes no
    /// log of that name: the reason comes from its transcript instead of a bare "failed".
    @Test func pdfFailureShowsTheReason() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try CommandRun.gradgen(["handout", "--example", "reference-relu", "-o", "a%b.tex", "--pdf"], in: folder.url)
        #expect(run.status == 1)
        #expect(run.standardError.hasPrefix("Error: a%b.tex: pdflatex failed: ! Emergency stop."), "\(run.standardError)")
        #expect(run.standardError.contains("a%b.tex"))
    }
}
