import Foundation

/// Runs pdflatex (or latexmk) on an emitted `.tex` file, in a temporary folder so that only
/// the finished PDF appears beside the source.
public struct PDFCompiler: Sendable {
    /// The engine's path.
    public let executable: String

    /// The first of pdflatex and latexmk on `PATH`, or nil when neither is installed.
    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> PDFCompiler? {
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["pdflatex", "latexmk"] {
            for folder in folders {
                let candidate = folder + "/" + name
                if FileManager.default.isExecutableFile(atPath: candidate) { return PDFCompiler(executable: candidate) }
            }
        }
        return nil
    }

    /// Compiles `texPath` into the PDF of the same name beside it.
    /// - Returns: the PDF's path.
    /// - Throws: `PDFCompilerError` with the LaTeX errors from the log.
    @discardableResult
    public func compile(_ texPath: String) throws -> String {
        let source = URL(fileURLWithPath: texPath)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradgen-latex-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        let isLatexmk = executable.hasSuffix("latexmk")
        process.arguments = (isLatexmk ? ["-pdf", "-quiet"] : [])
            + ["-interaction=nonstopmode", "-halt-on-error", "-output-directory=\(folder.path)", source.path]
        process.currentDirectoryURL = source.deletingLastPathComponent()
        // The transcript names the reason when there is no log to read (pdflatex writes
        // texput.log instead when it cannot take the file name, as for "a%b.tex").
        let transcript = Pipe()
        process.standardOutput = transcript
        process.standardError = transcript
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let transcriptText = String(decoding: transcript.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let name = source.deletingPathExtension().lastPathComponent
        let log = (try? String(contentsOf: folder.appendingPathComponent(name + ".log"), encoding: .utf8)) ?? ""
        let pdf = folder.appendingPathComponent(name + ".pdf")
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: pdf.path) else {
            let errors = Self.errors(in: log)
            throw PDFCompilerError(file: texPath, errors: errors.isEmpty ? Self.errors(in: transcriptText) : errors)
        }
        let destination = source.deletingPathExtension().appendingPathExtension("pdf").path
        try OutputFile.move(pdf.path, to: destination)
        return destination
    }

    /// The `! …` error lines of a LaTeX log, each with the line after it (the location).
    public static func errors(in log: String) -> [String] {
        let lines = log.components(separatedBy: "\n")
        return lines.indices.filter { lines[$0].hasPrefix("!") }.map { index in
            ([lines[index]] + lines[(index + 1)..<min(index + 3, lines.count)])
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        }
    }

    /// Overfull boxes in a log: lines that stick out of the page.
    public static func overfullBoxes(in log: String) -> [String] {
        log.components(separatedBy: "\n").filter { $0.hasPrefix("Overfull \\hbox") }
    }
}

/// pdflatex failed; `errors` are the log's error lines.
public struct PDFCompilerError: Error, CustomStringConvertible {
    public let file: String
    public let errors: [String]
    public var description: String {
        "\(file): pdflatex failed" + (errors.isEmpty ? "" : ": " + errors.prefix(3).joined(separator: "; "))
    }
}
