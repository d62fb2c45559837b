import Foundation

/// The result of running the `gradgen` executable.
public struct CommandRun: Sendable {
    public let status: Int32
    public let standardOutput: String
    public let standardError: String
    /// True when a signal ended the child (a trap, a crash, or the timeout's kill).
    public var signalled = false
    /// True when the child ran past its timeout and was killed.
    public var timedOut = false

    /// Runs the `gradgen` built beside this test binary with `arguments`, in
    /// `directory` (the current one when nil). `swift test` builds every product first.
    /// With `standardOutput`, the child writes there and `standardOutput` of the result is empty.
    /// With `timeout`, a child still running after that many seconds is killed (`timedOut`).
    public static func gradgen(_ arguments: [String], in directory: URL? = nil, standardOutput: FileHandle? = nil,
                               timeout: Double? = nil) throws -> CommandRun {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gradgen")
        return try run(executable, arguments, in: directory, standardOutput: standardOutput, timeout: timeout)
    }

    /// Runs `executable` with `arguments` in `directory`, as `gradgen(_:in:standardOutput:timeout:)`
    /// runs gradgen; `/usr/bin/env` finds a program on PATH.
    public static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil, standardOutput: FileHandle? = nil,
                           timeout: Double? = nil) throws -> CommandRun {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = standardOutput ?? output
        process.standardError = error
        try process.run()
        if standardOutput != nil { try output.fileHandleForWriting.close() }
        let deadline = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        if let timeout { DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: deadline) }
        // Read both pipes to the end before waiting, so that a full pipe cannot block the child.
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let timedOut = deadline.isCancelled == false && timeout != nil && process.terminationReason == .uncaughtSignal
            && process.terminationStatus == SIGTERM
        deadline.cancel()
        var run = CommandRun(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self)
        )
        run.signalled = process.terminationReason == .uncaughtSignal
        run.timedOut = timedOut
        return run
    }
}

/// A fresh temporary folder, removed by `remove()`.
public struct TemporaryFolder {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("gradgen-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` in the folder and returns its path.
    public func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}
