import Foundation
import Testing
import TestSupport

/// Where pdflatex is, when it is installed.
enum LaTeXInstallation {
    static let pdflatex: String? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return folders.map { "\($0)/pdflatex" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()
    /// pdfinfo (poppler-utils), which counts pages.
    static let pdfinfo: String? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return folders.map { "\($0)/pdfinfo" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// The page count pdfinfo reports for a PDF.
    static func pages(_ pdf: URL) throws -> Int? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(pdfinfo))
        process.arguments = [pdf.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let line = String(decoding: data, as: UTF8.self).components(separatedBy: "\n").first { $0.hasPrefix("Pages:") }
        return line.flatMap { Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) }
    }
}

/// The handouts compiled by pdflatex: no LaTeX error and nothing sticking out of the page
/// (no overfull line). Skipped, with the reason shown, where pdflatex is not installed;
/// `.ci/run` installs it.
@Suite("gradgen handout compiles with pdflatex",
       .enabled(if: LaTeXInstallation.pdflatex != nil,
                "pdflatex is not installed (apt-get install texlive-latex-base texlive-latex-recommended texlive-pictures, as .ci/run does)"))
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
        ["--random", "11", "--sizes", "4,5,4,3", "--hidden", "relu,tanh", "--walkthrough", "all"],
        ["--random", "7", "--sizes", "3,6,3", "--exercise"],
    ])
    func compilesWithoutErrorsOrOverfullLines(arguments: [String]) throws {
        let (status, log, folder) = try compile(arguments)
        defer { folder.remove() }
        #expect(status == 0, "LaTeX errors: \(log.components(separatedBy: "\n").filter { $0.hasPrefix("!") })")
        let overfull = log.components(separatedBy: "\n").filter { $0.hasPrefix("Overfull \\hbox") }
        #expect(overfull.isEmpty, "\(overfull)")
    }

    /// The issue's targets: the reference network on at most 4 pages, 4-5-4-3 on at most 8.
    @Test(.enabled(if: LaTeXInstallation.pdfinfo != nil, "pdfinfo is not installed (apt-get install poppler-utils, as .ci/run does)"),
          arguments: [(["--example", "reference-relu"], 4), (["--random", "11", "--sizes", "4,5,4,3", "--hidden", "relu,tanh"], 8)])
    func pageCount(arguments: [String], most: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try CommandRun.gradgen(["handout"] + arguments + ["-o", "h.tex", "--pdf"], in: folder.url)
        #expect(run.status == 0, "\(run.standardError)")
        let pages = try #require(try LaTeXInstallation.pages(folder.url.appendingPathComponent("h.pdf")))
        #expect(pages <= most, "\(arguments): \(pages) pages")
    }

    /// `gradgen exam --pdf` compiles every sheet inside the folder it writes.
    @Test func examSheetsCompile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try CommandRun.gradgen(["exam", "--variants", "1", "--seed", "3", "--pdf", "-o", "exam"], in: folder.url)
        #expect(run.status == 0, "\(run.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("exam").path).sorted()
        #expect(files.contains("variant-01.pdf") && files.contains("variant-01-solution.pdf"))
    }

    @Test func pdfOptionWritesBothPDFs() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try CommandRun.gradgen(["handout", "--example", "reference-relu", "-o", "r.tex", "--pdf", "--exercise"], in: folder.url)
        #expect(run.status == 0, "\(run.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        #expect(files == ["r-exercise-solution.pdf", "r-exercise-solution.tex", "r-exercise.pdf", "r-exercise.tex", "r.pdf", "r.tex"])
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
