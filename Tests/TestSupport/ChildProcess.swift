import Foundation

/// Runs one test of this test binary again, alone, in a child process.
///
/// Some properties need a process of their own: determinism across processes (Swift seeds
/// `Hasher` per process) and resident memory (other tests running in parallel allocate in
/// the same process). The parent test calls `runAlone`; the child, recognising itself by
/// `ChildProcess.outputVariable`, writes its finding to the file it names.
public enum ChildProcess {
    /// Names the file a child writes its result to; set only in children.
    public static let outputVariable = "GRADGEN_CHILD_TEST_OUTPUT"

    /// The output file when running as a child, nil in the parent.
    public static var outputPath: String? { ProcessInfo.processInfo.environment[outputVariable] }

    /// Runs the Swift Testing test named `testName` in a child process and returns what it
    /// wrote, or throws when the child failed or wrote nothing.
    public static func runAlone(_ testName: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gradgen-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("output.txt")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["--testing-library", "swift-testing", "--filter", testName]
        process.environment = ProcessInfo.processInfo.environment.merging([outputVariable: output.path]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ChildProcessError(test: testName, status: process.terminationStatus) }
        return try String(contentsOf: output, encoding: .utf8)
    }
}

/// A child test process that exited with a failure.
public struct ChildProcessError: Error, CustomStringConvertible {
    public let test: String
    public let status: Int32
    public var description: String { "child process running \(test) exited with status \(status)" }
}
