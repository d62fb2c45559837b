import Autodiff
import Emit
import Exact
import Foundation
import NetworkModel

/// Generates a network's Swift code into a temporary folder, compiles it with `swiftc -O`
/// beside a small harness, runs it on seeded random inputs and compares every result with the
/// runtime autodiff in the code's scalar (`Double`, or `Float` for `--scalar Float`), each value
/// within twice the rounding-error bound the autodiff computes beside it (see
/// `ErrorBoundCheck.init(generated:oracle:layout:)`). The folder is removed afterwards.
public struct GeneratedCodeCheck {
    /// The comparison over all trials, per group (loss, W1, b1, …).
    public let comparison: ErrorBoundCheck
    /// The comparison of each variant (`CodeVariant`), in order, over the same trials.
    public let variantComparisons: [ErrorBoundCheck]
    /// Trials run.
    public let trials: Int
    /// What the compiler printed (warnings), empty when it printed nothing.
    public let compilerOutput: String
    /// Seconds spent in swiftc.
    public let compileSeconds: Double

    /// Runs the check for `spec`'s structure on `trials` inputs: the spec's own numbers first
    /// when it has them, then seeded random ones drawn from `seed`. `variants`, changed copies
    /// of the generated network (mutation tests of this checker), are compiled into the same
    /// program and compared the same way.
    /// - Throws: `VerificationError` when swiftc is missing, the code does not compile (with
    ///   the compiler's output), a variant does not apply, or the program fails; spec and
    ///   template errors as they come.
    public init(spec: NetworkSpec, trials: Int, seed: UInt64 = 1, form: CodeForm? = nil, scalar: CodeScalar = .double,
                templates: TemplateLibrary = .bundled, variants: [CodeVariant] = []) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradgen-verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let typeName = "VerifiedNetwork"
        let options = SwiftEmitter.Options(typeName: typeName, command: "gradgen verify", exactFlavour: false, scalar: scalar)
        let files = try GeneratedSwiftFiles(spec: spec, options: options, fileName: "\(typeName).swift", templates: templates,
                                            form: form ?? CodeForm.automatic(for: spec))
        try files.write(toFolder: folder.path)
        var sources = files.files.map(\.name)
        let network = try String(contentsOf: folder.appendingPathComponent("\(typeName).swift"), encoding: .utf8)
        // The bounded scalar of the harness (GradgenBounded) rounds as Double does.
        instrumented = scalar == .double && CodeVariant.hasGenericBody(network)
        let harnessType = variants.isEmpty && !instrumented ? typeName : CodeVariant.dispatchType
        if harnessType == CodeVariant.dispatchType {
            for (index, variant) in variants.enumerated() {
                guard let changed = variant.change(network) else {
                    throw VerificationError.execution("the variant \"\(variant.name)\" does not apply to this code")
                }
                let name = CodeVariant.typeName(index + 1)
                try OutputFile.write(CodeVariant.renaming(typeName, to: name, in: changed), to: folder.appendingPathComponent("\(name).swift").path)
                sources.append("\(name).swift")
            }
            try OutputFile.write(CodeVariant.dispatch(spec: spec, original: typeName, count: variants.count, bounded: instrumented, scalar: scalar),
                                 to: folder.appendingPathComponent("\(CodeVariant.dispatchType).swift").path)
            sources.append("\(CodeVariant.dispatchType).swift")
        }
        try OutputFile.write(try Self.harness(spec: spec, typeName: harnessType, scalar: scalar, templates: templates), to: folder.appendingPathComponent("main.swift").path)
        sources.append("main.swift")

        let program = folder.appendingPathComponent("verify").path
        let start = Date()
        let compile = try Self.run(try Self.swiftc(), ["-O", "-swift-version", "6", "-o", program] + sources.map { folder.appendingPathComponent($0).path })
        compileSeconds = Date().timeIntervalSince(start)
        guard compile.status == 0 else { throw VerificationError.compilation(compile.output) }
        compilerOutput = compile.output

        var input = ""
        var oracle: [ErrorBounded<Double>] = []
        for trial in 0..<trials {
            let values = try (trial == 0 && spec.hasAllValues ? spec : spec.withRandomValues(seed: seed &+ UInt64(trial))).requireValues()
            let numbers = values.input + values.target + zip(values.weights, values.biases).flatMap { $0.elements + $1 }
            // The program computes with these numbers: the oracle starts from them exactly, so
            // that both bounds measure the distance from the same exact value.
            switch scalar {
            case .double:
                input += numbers.map { String(Double($0).bitPattern, radix: 16) }.joined(separator: " ") + "\n"
                oracle += try OracleBridge.lossAndGradients(spec, values: values) { ErrorBounded<Double>(exactly: Double($0)) }
            case .float:
                input += numbers.map { String(Float($0).bitPattern, radix: 16) }.joined(separator: " ") + "\n"
                // Every Float and every Float bound is a Double exactly: the verdict is unchanged.
                oracle += try OracleBridge.lossAndGradients(spec, values: values) { ErrorBounded<Float>(exactly: Float($0)) }
                    .map { ErrorBounded<Double>(Double($0.value), bound: $0.bound.map(Double.init)) }
            }
        }
        var comparisons: [ErrorBoundCheck] = []
        let boundsFile = folder.appendingPathComponent("bounds").path
        for variant in 0...variants.count {
            try? FileManager.default.removeItem(atPath: boundsFile)
            let execution = try Self.run(program, [], input: input,
                                         environment: [CodeVariant.environmentKey: String(variant), CodeVariant.boundsKey: boundsFile])
            guard execution.status == 0 else { throw VerificationError.execution(execution.output) }
            let generated = try Self.numbers(execution.output, trials: trials, count: oracle.count, scalar: scalar)
            var bounds: [Double]?
            if instrumented {
                bounds = try Self.numbers(try String(contentsOfFile: boundsFile, encoding: .utf8), trials: trials, count: oracle.count, scalar: .double)
            }
            comparisons.append(ErrorBoundCheck(generated: generated, bounds: bounds, oracle: oracle, layout: ValueGroup.groups(of: spec)))
        }
        comparison = comparisons[0]
        variantComparisons = Array(comparisons.dropFirst())
        self.trials = trials
    }

    /// PASS when every value compared lies within its bound.
    public var passed: Bool { comparison.passed }

    /// True when the generated code ran a second time on a scalar with error bounds (unrolled
    /// code), so that each value's allowance is the sum of both bounds; loop code is allowed
    /// twice the autodiff's bound instead.
    public let instrumented: Bool

    /// The numbers of `trials` lines of hexadecimal bit patterns of `scalar`, `count` in all.
    private static func numbers(_ text: String, trials: Int, count: Int, scalar: CodeScalar) throws -> [Double] {
        let lines = text.split(separator: "\n")
        guard lines.count == trials else { throw VerificationError.execution("expected \(trials) lines of results, got \(lines.count):\n\(text.prefix(2000))") }
        let numbers = lines.flatMap {
            $0.split(separator: " ").map { word in
                switch scalar {
                case .double: Double(bitPattern: UInt64(word, radix: 16) ?? 0)
                case .float: Double(Float(bitPattern: UInt32(word, radix: 16) ?? 0))
                }
            }
        }
        guard numbers.count == count else { throw VerificationError.execution("expected \(count) numbers, got \(numbers.count)") }
        return numbers
    }

    private static func harness(spec: NetworkSpec, typeName: String, scalar: CodeScalar, templates: TemplateLibrary) throws -> String {
        let parameters = spec.parameters
        return try templates.render("swift/VerifyHarness.swift.mustache", [
            "typeName": typeName,
            "scalar": scalar.rawValue,
            "bits": scalar == .double ? "UInt64" : "UInt32",
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

    /// Runs a program, feeding `input` and collecting standard output and error together;
    /// `environment` is added to this process's own.
    static func run(_ executable: String, _ arguments: [String], input: String = "", environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
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
    /// `swiftc` is not on PATH.
    case missingCompiler
    /// The generated code did not compile; the compiler's output.
    case compilation(String)
    /// The compiled program failed; its output.
    case execution(String)

    /// What went wrong and, for a missing compiler, what to do.
    public var description: String {
        switch self {
        case .missingCompiler: "swiftc is not on PATH; install Swift to compile the generated code"
        case let .compilation(output): "the generated code does not compile:\n\(output)"
        case let .execution(output): "the compiled program failed:\n\(output)"
        }
    }
}
