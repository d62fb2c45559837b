import Autodiff
import Emit
import Exact
import Foundation
import NetworkModel

/// Generates a network's Swift code into a temporary folder, compiles it with `swiftc -O`
/// beside a small harness, runs it on seeded random inputs and compares every result with the
/// runtime autodiff in `Double`, each value within twice the rounding-error bound the
/// autodiff computes beside it (see `ErrorBoundCheck.init(generated:oracle:layout:)`). The
/// folder is removed afterwards.
public struct GeneratedCodeCheck {
    /// The comparison over all trials, per group (loss, W1, b1, …).
    public let comparison: ErrorBoundCheck
    /// Trials run.
    public let trials: Int
    /// What the compiler printed (warnings), empty when it printed nothing.
    public let compilerOutput: String
    /// Seconds spent in swiftc.
    public let compileSeconds: Double

    /// Runs the check for `spec`'s structure on `trials` random inputs drawn from `seed`.
    /// - Throws: `VerificationError` when swiftc is missing, the code does not compile (with
    ///   the compiler's output), or the program fails; spec and template errors as they come.
    public init(spec: NetworkSpec, trials: Int, seed: UInt64 = 1, form: CodeForm? = nil, templates: TemplateLibrary = .bundled) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradgen-verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let typeName = "VerifiedNetwork"
        let options = SwiftEmitter.Options(typeName: typeName, command: "gradgen verify", exactFlavour: false)
        let files = try GeneratedSwiftFiles(spec: spec, options: options, fileName: "\(typeName).swift", templates: templates,
                                            form: form ?? CodeForm.automatic(for: spec))
        try files.write(toFolder: folder.path)
        try OutputFile.write(try Self.harness(spec: spec, typeName: typeName, templates: templates), to: folder.appendingPathComponent("main.swift").path)

        let sources = (files.files.map(\.name) + ["main.swift"]).map { folder.appendingPathComponent($0).path }
        let program = folder.appendingPathComponent("verify").path
        let start = Date()
        let compile = try Self.run(try Self.swiftc(), ["-O", "-swift-version", "6", "-o", program] + sources)
        compileSeconds = Date().timeIntervalSince(start)
        guard compile.status == 0 else { throw VerificationError.compilation(compile.output) }
        compilerOutput = compile.output

        var input = ""
        var oracle: [ErrorBounded<Double>] = []
        for trial in 0..<trials {
            let values = try spec.withRandomValues(seed: seed &+ UInt64(trial)).requireValues()
            let numbers = values.input + values.target + zip(values.weights, values.biases).flatMap { $0.elements + $1 }
            input += numbers.map { String(Double($0).bitPattern, radix: 16) }.joined(separator: " ") + "\n"
            oracle += try OracleBridge.lossAndGradients(spec, values: values, as: ErrorBounded<Double>.self)
        }
        let execution = try Self.run(program, [], input: input)
        guard execution.status == 0 else { throw VerificationError.execution(execution.output) }
        let lines = execution.output.split(separator: "\n")
        guard lines.count == trials else { throw VerificationError.execution("expected \(trials) lines of results, got \(lines.count)") }
        let results = lines.map { $0.split(separator: " ").map { Double(bitPattern: UInt64($0, radix: 16) ?? 0) } }
        let generated = results.flatMap { $0 }
        guard generated.count == oracle.count else {
            throw VerificationError.execution("expected \(oracle.count) numbers, got \(generated.count)")
        }
        comparison = ErrorBoundCheck(generated: generated, oracle: oracle, layout: ValueGroup.groups(of: spec))
        self.trials = trials
    }

    /// PASS when every value compared lies within its bound.
    public var passed: Bool { comparison.passed }

    private static func harness(spec: NetworkSpec, typeName: String, templates: TemplateLibrary) throws -> String {
        let parameters = spec.parameters
        return try templates.render("swift/VerifyHarness.swift.mustache", [
            "typeName": typeName,
            "inputSize": String(spec.inputSize),
            "outputSize": String(spec.outputSize),
            "parameterTakes": parameters.map { "\($0.name): input.take(\($0.rowCount * $0.columnCount))" }.joined(separator: ", "),
            "gradientList": parameters.map { "g.\($0.name)" }.joined(separator: " + "),
        ])
    }

    /// The swiftc on PATH.
    static func swiftc() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/swiftc"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw VerificationError.missingCompiler
    }

    /// Runs a program, feeding `input` and collecting standard output and error together.
    static func run(_ executable: String, _ arguments: [String], input: String = "") throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let standardInput = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = standardInput
        try process.run()
        let writer = Thread {
            standardInput.fileHandleForWriting.write(Data(input.utf8))
            try? standardInput.fileHandleForWriting.close()
        }
        writer.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// Why generated code could not be checked.
public enum VerificationError: Error, CustomStringConvertible {
    case missingCompiler
    case compilation(String)
    case execution(String)

    public var description: String {
        switch self {
        case .missingCompiler: "swiftc is not on PATH; install Swift to compile the generated code"
        case let .compilation(output): "the generated code does not compile:\n\(output)"
        case let .execution(output): "the compiled program failed:\n\(output)"
        }
    }
}
