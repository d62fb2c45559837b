import ArgumentParser
import Emit
import Foundation
import NetworkModel

/// `gradgen emit`: generated source for a network.
struct EmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emit",
        abstract: "Generate code for a network's loss and gradients.",
        subcommands: [EmitSwiftCommand.self, EmitRuntimeCommand.self]
    )
}

/// `gradgen emit runtime`: the runtime alone, for a module whose network files are written
/// without it (`emit swift --no-runtime`, as the build plugin does with several specs).
struct EmitRuntimeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runtime",
        abstract: "Write the runtime that generated network files share (Gradgen.swift).",
        discussion: """
            Writes Gradgen.swift to -o's folder and, with --exact, Gradgen+Rational.swift (the exact \
            flavour of unrolled code, which needs the GradgenKit library). `emit swift` writes them \
            beside each network file already; this is for modules with several networks.
            """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("The runtime file to write (its name must be Gradgen.swift).", valueName: "path"))
    var output: String

    @Flag(help: "Also write Gradgen+Rational.swift.")
    var exact = false

    @Option(help: ArgumentHelp("A folder of templates to use instead of the built-in ones.", valueName: "folder"))
    var templates: String?

    func validate() throws {
        if URL(fileURLWithPath: output).lastPathComponent != GeneratedSwiftFiles.runtimeFileName {
            throw ValidationError("-o: the runtime's file is named \(GeneratedSwiftFiles.runtimeFileName), got \"\(output)\"")
        }
    }

    func run() throws {
        let files = try GeneratedSwiftFiles.runtime(templates: templates.map { TemplateLibrary(directory: URL(fileURLWithPath: $0)) } ?? .bundled, exact: exact)
        let folder = (output as NSString).deletingLastPathComponent
        try GeneratedSwiftFiles.write(files, toFolder: folder)
        for path in GeneratedSwiftFiles.paths(of: files, inFolder: folder) { print("wrote \(path)") }
    }
}

/// `gradgen emit swift`: Swift source with the loss and every gradient, straight-line code
/// from the common-subexpression schedule.
struct EmitSwiftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swift",
        abstract: "Generate Swift source for a network's loss and gradients.",
        discussion: """
            Writes the network's file to -o (creating its folder) and, beside it, the runtime \
            Gradgen.swift that every generated file in a module shares: everything in it is \
            inside the Gradgen namespace. Unrolled code (networks up to --unroll-limit weights, \
            or --form unrolled) of a rational network also gets Gradgen+Rational.swift, the exact \
            flavour over gradgen's Rational (it needs the GradgenKit library; --no-exact leaves it \
            out). Loop code for wide networks (--form loops) runs matrix kernels with tilings for \
            16 and 32 vector registers (AVX2, AVX-512): build it with -target-cpu native. Both forms have the same API: Parameters, \
            Gradients, Workspace, lossAndGradients, batchLossAndGradients, predict, update, spec; --scalar Float gives \
            the same API in Float (twice the vector lanes of Double, a unit roundoff of 2^-24).

            Examples:
              gradgen emit swift --example reference-relu -o Sources/Net/ReferenceReLU.swift
              gradgen emit swift network.json -o Net.swift --name MyNetwork --no-exact
              gradgen emit swift --random 1 --sizes 784,128,10 -o Mnist.swift --form loops
              gradgen emit swift --random 1 --sizes 784,128,10 -o MnistFloat.swift --form loops --scalar Float
            """
    )

    @OptionGroup var problem: ProblemOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The Swift file to write.", valueName: "path"))
    var output: String

    @Option(help: ArgumentHelp("The name of the generated type (default: from the file name).", valueName: "type"))
    var name: String?

    @Flag(help: "Leave out the exact Rational flavour (the file then needs nothing but the standard library).")
    var noExact = false

    @Flag(help: "Write the network's file alone, without the runtime (see `gradgen emit runtime`).")
    var noRuntime = false

    @Option(help: ArgumentHelp("unrolled (straight-line code), loops (for wide networks), or auto: unrolled up to --unroll-limit weights.", valueName: "form"))
    var form: FormChoice = .auto

    @Option(help: ArgumentHelp("The floating-point type of the code: Double (the default) or Float; the API is the same.", valueName: "type"),
            transform: { try OptionValue.scalar($0) })
    var scalar = CodeScalar.double

    @Option(parsing: .unconditional, help: ArgumentHelp("With --form auto, the most weights (Σ n_l·n_(l−1)) that are unrolled.", valueName: "n"),
            transform: { try OptionValue.integer($0, in: 0...NetworkSpec.maximumSize * NetworkSpec.maximumSize) })
    var unrollLimit = CodeForm.defaultUnrollLimit

    @Option(parsing: .unconditional, help: ArgumentHelp("Unrolled code: statements per function before the body is split into parts.", valueName: "n"),
            transform: { try OptionValue.integer($0, in: 10...1_000_000) })
    var statementsPerFunction = 400

    @Option(help: ArgumentHelp("A folder of templates to use instead of the built-in ones.", valueName: "folder"))
    var templates: String?

    @Option(help: ArgumentHelp("plain, or compiler: errors in a spec as `file:line:col: error: …`, for build tools.", valueName: "style"))
    var diagnosticStyle: DiagnosticStyle = .plain

    enum DiagnosticStyle: String, ExpressibleByArgument, CaseIterable {
        case plain, compiler
    }

    enum FormChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, unrolled, loops
    }

    func validate() throws {
        if !output.hasSuffix(".swift") { throw ValidationError("-o: expected a path ending in .swift, got \"\(output)\"") }
        if let name {
            if let problem = SwiftIdentifier.problem(with: name) {
                throw ValidationError("--name: \"\(name)\" cannot name the generated type: \(problem)")
            }
        } else if let problem = SwiftIdentifier.problem(with: typeName) {
            throw ValidationError("-o: the type name \"\(typeName)\" taken from the file name cannot name the generated type: \(problem); give one with --name")
        }
        if URL(fileURLWithPath: output).lastPathComponent == GeneratedSwiftFiles.runtimeFileName || URL(fileURLWithPath: output).lastPathComponent == GeneratedSwiftFiles.exactRuntimeFileName {
            throw ValidationError("-o: \"\(output)\" is the runtime's file name; choose another")
        }
    }

    /// The generated type's name: --name, or one made from the file name.
    var typeName: String { name ?? SwiftIdentifier.typeName(fromFile: output) }

    func run() throws {
        let folder = (output as NSString).deletingLastPathComponent
        // Before the derivation, which can take seconds: a path that cannot be written fails now.
        let createdFolders = try OutputFile.prepare([output])
        do {
            try generate(into: folder)
        } catch {
            for created in createdFolders.reversed() { try? FileManager.default.removeItem(atPath: created) }
            throw error
        }
    }

    private func generate(into folder: String) throws {
        let spec: NetworkSpec
        do {
            spec = try problem.load()
        } catch let error as SpecError where diagnosticStyle == .compiler {
            // One line a build system shows at the spec's line and column.
            let place = error.location.map { "\($0)" } ?? problem.specPath ?? "gradgen"
            printToStandardError("\(place): error: \(error.field.isEmpty ? "" : "\(error.field): ")\(error.message)")
            throw ExitCode(1)
        }
        let command = (["gradgen", "emit", "swift"] + problem.commandLineArguments + ["-o", output]
            + (name.map { ["--name", $0] } ?? []) + (noExact ? ["--no-exact"] : []) + (noRuntime ? ["--no-runtime"] : [])
            + (form == .auto ? [] : ["--form", form.rawValue]) + (scalar == .double ? [] : ["--scalar", scalar.rawValue])).joined(separator: " ")
        let codeForm: CodeForm = switch form {
        case .auto: CodeForm.automatic(for: spec, unrollLimit: unrollLimit)
        case .unrolled: .unrolled
        case .loops: .loops
        }
        let files = try GeneratedSwiftFiles(
            spec: spec,
            options: SwiftEmitter.Options(typeName: typeName, command: command, exactFlavour: !noExact, statementsPerFunction: statementsPerFunction, scalar: scalar),
            fileName: URL(fileURLWithPath: output).lastPathComponent,
            templates: templates.map { TemplateLibrary(directory: URL(fileURLWithPath: $0)) } ?? .bundled,
            form: codeForm,
            includeRuntime: !noRuntime
        )
        try files.write(toFolder: folder)
        for path in files.paths(inFolder: folder) { print("wrote \(path)") }
        if files.exactFlavourLeftOut {
            printToStandardError("note: no exact flavour (\(GeneratedSwiftFiles.exactRuntimeFileName)): a constant of the network (a slope or alpha) "
                + "does not fit its machine-integer fractions; the Double code writes it as its correctly rounded literal")
        }
    }
}
