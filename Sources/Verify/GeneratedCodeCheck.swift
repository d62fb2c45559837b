import Autodiff
import Emit
import Exact
import Foundation
import NetworkModel

/// Generates a network's Swift code into a temporary folder, compiles it with `swiftc -O`
/// beside a small harness, runs it on seeded random inputs and compares every result with the
/// runtime autodiff in `Double`, each value within the rounding-error bounds (see
/// `ErrorBoundCheck.init(generated:bounds:oracle:layout:)`): one sample's loss and gradients,
/// a minibatch under `.sum` and `.mean`, and predict of one sample and of a batch
/// (`HarnessProtocol` says what is asked). The folder is removed afterwards.
public struct GeneratedCodeCheck {
    /// The comparison over all trials, per group (loss, W1, b1, …, then the batches under
    /// `.sum` and `.mean`, predict, predict of a batch).
    public let comparison: ErrorBoundCheck
    /// The comparison of each variant (`CodeVariant`), in order, over the same trials.
    public let variantComparisons: [ErrorBoundCheck]
    /// The oracles whose comparisons decide `passed`.
    public let oracles: [VerifyOracle]
    /// Each trial's loss and gradients against the compiler-written oracle (`SwiftADOracle`);
    /// nil unless `oracles` holds `.swiftAD`.
    public let swiftADComparison: ErrorBoundCheck?
    /// The same for each variant, in order; empty without the swift-ad oracle.
    public let swiftADVariantComparisons: [ErrorBoundCheck]
    /// Trials run.
    public let trials: Int
    /// The form of the code checked.
    public let form: CodeForm
    /// What the compiler printed (warnings), empty when it printed nothing.
    public let compilerOutput: String
    /// Seconds spent in swiftc.
    public let compileSeconds: Double

    /// Runs the check for `spec`'s structure on `trials` inputs: the spec's own numbers first
    /// when it has them, then seeded random ones drawn from `seed`. `variants`, changed copies
    /// of the generated network (mutation tests of this checker), are compiled into the same
    /// program and compared the same way. `oracles` chooses what the code is compared with:
    /// the tape (always run: its bounds serve both) and the compiler-written oracle.
    /// - Throws: `VerificationError` when swiftc is missing, `_Differentiation` is missing
    ///   and `oracles` asks for swift-ad, the code does not compile (with
    ///   the compiler's output), a variant does not apply, or the program fails; spec and
    ///   template errors as they come.
    public init(spec: NetworkSpec, trials: Int, seed: UInt64 = 1, form: CodeForm? = nil, scalar: CodeScalar = .double,
                templates: TemplateLibrary = .bundled, variants: [CodeVariant] = [], oracles: [VerifyOracle] = [.tape]) throws {
        let swiftc = try Self.swiftc()
        let swiftAD = oracles.contains(.swiftAD)
        if swiftAD && SwiftADOracle.availableOnPath != true { throw VerificationError.missingDifferentiation }
        self.oracles = oracles
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradgen-verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let typeName = "VerifiedNetwork"
        let options = SwiftEmitter.Options(typeName: typeName, command: "gradgen verify", exactFlavour: false, scalar: scalar)
        let form = form ?? CodeForm.automatic(for: spec)
        self.form = form
        let files = try GeneratedSwiftFiles(spec: spec, options: options, fileName: "\(typeName).swift", templates: templates, form: form)
        try files.write(toFolder: folder.path)
        var sources = files.files.map(\.name)
        let network = try String(contentsOf: folder.appendingPathComponent("\(typeName).swift"), encoding: .utf8)
        // The bounded scalar of the harness (GradgenBounded) rounds as the code's scalar does.
        // Unrolled code runs its generic body on it; loop code its bounded twin.
        let boundedRun: CodeVariant.BoundedRun = CodeVariant.hasGenericBody(network) ? .genericBody : .loopTwin
        instrumented = boundedRun != .none
        if boundedRun == .loopTwin {
            try OutputFile.write(try LoopBoundedTwin(spec: spec, scalar: scalar).source(templates: templates),
                                 to: folder.appendingPathComponent("\(LoopBoundedTwin.typeName).swift").path)
            sources.append("\(LoopBoundedTwin.typeName).swift")
        }
        for (index, variant) in variants.enumerated() {
            guard let changed = variant.change(network) else {
                throw VerificationError.execution("the variant \"\(variant.name)\" does not apply to this code")
            }
            let name = CodeVariant.typeName(index + 1)
            try OutputFile.write(CodeVariant.renaming(typeName, to: name, in: changed), to: folder.appendingPathComponent("\(name).swift").path)
            sources.append("\(name).swift")
        }
        try OutputFile.write(CodeVariant.dispatch(spec: spec, original: typeName, count: variants.count, bounded: boundedRun, scalar: scalar),
                             to: folder.appendingPathComponent("\(CodeVariant.dispatchType).swift").path)
        sources.append("\(CodeVariant.dispatchType).swift")
        if swiftAD {
            try OutputFile.write(SwiftADOracle.source(spec: spec), to: folder.appendingPathComponent("\(SwiftADOracle.typeName).swift").path)
            sources.append("\(SwiftADOracle.typeName).swift")
        }
        try OutputFile.write(try Self.harness(spec: spec, typeName: CodeVariant.dispatchType, scalar: scalar, swiftAD: swiftAD, templates: templates),
                             to: folder.appendingPathComponent("main.swift").path)
        sources.append("main.swift")

        let program = folder.appendingPathComponent("verify").path
        let start = Date()
        let compile = try Self.run(swiftc, ["-O", "-swift-version", "6", "-o", program] + sources.map { folder.appendingPathComponent($0).path })
        compileSeconds = Date().timeIntervalSince(start)
        guard compile.status == 0 else { throw VerificationError.compilation(compile.output) }
        compilerOutput = compile.output

        let questions = try HarnessProtocol(spec: spec, trials: trials, seed: seed, scalar: scalar)
        var comparisons: [ErrorBoundCheck] = [], swiftADComparisons: [ErrorBoundCheck] = []
        let boundsFile = folder.appendingPathComponent("bounds").path
        for variant in 0...variants.count {
            try? FileManager.default.removeItem(atPath: boundsFile)
            let execution = try Self.run(program, [], input: questions.input,
                                         environment: [CodeVariant.environmentKey: String(variant), CodeVariant.boundsKey: boundsFile])
            guard execution.status == 0 else { throw VerificationError.execution(execution.output) }
            let bounds = instrumented ? try String(contentsOfFile: boundsFile, encoding: .utf8) : nil
            let result = try Self.comparison(spec: spec, questions: questions, output: execution.output, bounds: bounds, swiftAD: swiftAD)
            comparisons.append(result.tape)
            if let compiler = result.swiftAD { swiftADComparisons.append(compiler) }
        }
        comparison = comparisons[0]
        variantComparisons = Array(comparisons.dropFirst())
        swiftADComparison = swiftADComparisons.first
        swiftADVariantComparisons = Array(swiftADComparisons.dropFirst())
        self.trials = trials
        batches = questions.batches
    }

    /// The program's answers against the autodiff's, per entry point: each trial's loss and
    /// gradients (groups loss, W1, b1, …), the batches under `.sum` and `.mean`, predict of
    /// one sample and of a batch. Values with a bound of their own (`bounds`, the lines the
    /// bounded run wrote) are compared within the sum of both bounds, the others (predict)
    /// within `ErrorBoundCheck.generatedCodeFactor` times the autodiff's bound. With
    /// `swiftAD`, each trial's loss and gradients against the compiler's too, the compiler's
    /// value standing in for the tape's with the tape's bound (see `SwiftADOracle`).
    private static func comparison(spec: NetworkSpec, questions: HarnessProtocol, output: String, bounds: String?,
                                   swiftAD: Bool) throws -> (tape: ErrorBoundCheck, swiftAD: ErrorBoundCheck?) {
        let lines = output.split(separator: "\n")
        let expected = questions.trials + questions.batches
        guard lines.count == expected else { throw VerificationError.execution("expected \(expected) lines of results, got \(lines.count):\n\(output.prefix(2000))") }
        // The bounded run writes a line per call: one per trial, two per batch (.sum, .mean).
        let boundLines = try bounds?.split(separator: "\n").map(Self.numbers)
        let expectedBounds = questions.trials + 2 * questions.batches
        guard boundLines.map({ $0.count == expectedBounds }) != false else { throw VerificationError.execution("expected \(expectedBounds) lines of bounds") }
        let gradients = questions.single.count / max(questions.trials, 1)
        let outputs = spec.outputSize, size = HarnessProtocol.batchSize
        var single: [Double] = [], predictions: [Double] = [], singleBounds: [Double] = [], compiler: [Double] = []
        var sum: [Double] = [], mean: [Double] = [], batchPredictions: [Double] = [], sumBounds: [Double] = [], meanBounds: [Double] = []
        for (index, line) in lines.enumerated() {
            let numbers = try Self.numbers(line)
            let own = boundLines.map { index < questions.trials ? $0[index] : $0[2 * index - questions.trials] + $0[2 * index - questions.trials + 1] }
            if index < questions.trials {
                guard numbers.count == gradients + outputs + (swiftAD ? gradients : 0), own.map({ $0.count == gradients }) != false else {
                    throw VerificationError.execution("trial \(index + 1): \(numbers.count) numbers")
                }
                single += numbers.prefix(gradients)
                predictions += numbers.dropFirst(gradients).prefix(outputs)
                compiler += numbers.dropFirst(gradients + outputs)
                singleBounds += own ?? []
            } else {
                let reduced = gradients + 1
                guard numbers.count == 2 * reduced + size * outputs, own.map({ $0.count == 2 * reduced }) != false else { throw VerificationError.execution("batch \(index - questions.trials + 1): \(numbers.count) numbers") }
                sum += numbers.prefix(reduced)
                mean += numbers.dropFirst(reduced).prefix(reduced)
                batchPredictions += numbers.dropFirst(2 * reduced)
                sumBounds += own?.prefix(reduced) ?? []
                meanBounds += own?.dropFirst(reduced) ?? []
            }
        }
        let own = bounds != nil
        let batch = "batch of \(size)"
        let compilerCheck = swiftAD ? ErrorBoundCheck(generated: single, bounds: own ? singleBounds : nil,
                                                      oracle: zip(compiler, questions.single).map { ErrorBounded($0, bound: $1.bound) },
                                                      layout: ValueGroup.groups(of: spec)) : nil
        let tape = ErrorBoundCheck(generated: single, bounds: own ? singleBounds : nil, oracle: questions.single, layout: ValueGroup.groups(of: spec))
            .followed(by: ErrorBoundCheck(generated: sum, bounds: own ? sumBounds : nil, oracle: questions.sum, layout: [ValueGroup(name: "\(batch), sum", count: gradients + 1)]))
            .followed(by: ErrorBoundCheck(generated: mean, bounds: own ? meanBounds : nil, oracle: questions.mean, layout: [ValueGroup(name: "\(batch), mean", count: gradients + 1)]))
            .followed(by: ErrorBoundCheck(generated: predictions, oracle: questions.predictions, layout: [ValueGroup(name: "predict", count: outputs)]))
            .followed(by: ErrorBoundCheck(generated: batchPredictions, oracle: questions.batchPredictions, layout: [ValueGroup(name: "predict, \(batch)", count: size * outputs)]))
        return (tape, compilerCheck)
    }

    /// Samples in each batch that the check runs through `batchLossAndGradients` and the
    /// batch `predict`.
    public var batchSize: Int { HarnessProtocol.batchSize }
    /// Batches run (at most 4: each costs one more autodiff run).
    public let batches: Int

    /// True when the swiftc on PATH has `_Differentiation` (the swift-ad oracle needs it);
    /// checked once per process by type-checking a tiny differentiable function.
    public static var swiftADAvailable: Bool { SwiftADOracle.availableOnPath == true }

    /// PASS when every value compared with each oracle of `oracles` lies within its bound.
    public var passed: Bool {
        (!oracles.contains(.tape) || comparison.passed) && swiftADComparison?.passed != false
    }

    /// True when the generated code's own error bounds were computed (unrolled code's generic
    /// body, or loop code's bounded twin, run on a scalar with error bounds that rounds
    /// as the code's does), so that each value's allowance is the sum of both bounds; otherwise
    /// it is allowed twice the autodiff's bound.
    public let instrumented: Bool

    /// The numbers of one line of hexadecimal bit patterns.
    private static func numbers(_ line: Substring) throws -> [Double] {
        try line.split(separator: " ").map { word in
            guard let bits = UInt64(word, radix: 16) else { throw VerificationError.execution("not a bit pattern: \(word.prefix(40))") }
            return Double(bitPattern: bits)
        }
    }

    private static func harness(spec: NetworkSpec, typeName: String, scalar: CodeScalar, swiftAD: Bool, templates: TemplateLibrary) throws -> String {
        let parameters = spec.parameters
        return try templates.render("swift/VerifyHarness.swift.mustache", [
            "typeName": typeName,
            "scalar": scalar.rawValue,
            "swiftAD": swiftAD,
            "inputSize": String(spec.inputSize),
            "outputSize": String(spec.outputSize),
            "parameterTakes": parameters.map { "\($0.name): input.take(\($0.rowCount * $0.columnCount))" }.joined(separator: ", "),
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
    /// The swift-ad oracle was asked for, and this toolchain has no `_Differentiation`.
    case missingDifferentiation

    /// What went wrong and, for a missing compiler, what to do.
    public var description: String {
        switch self {
        case .missingCompiler: "swiftc is not on PATH; install Swift to compile the generated code"
        case let .compilation(output): "the generated code does not compile:\n\(output)"
        case let .execution(output): "the compiled program failed:\n\(output)"
        case .missingDifferentiation: SwiftADOracle.unavailableMessage
        }
    }
}
