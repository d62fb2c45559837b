import ArgumentParser
import Emit
import Foundation
import NetworkModel

/// `gradgen emit`: generated source for a network.
struct EmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emit",
        abstract: "Generate code for a network's loss and gradients.",
        subcommands: [EmitSwiftCommand.self]
    )
}

/// `gradgen emit swift`: Swift source with the loss and every gradient, straight-line code
/// from the common-subexpression schedule.
struct EmitSwiftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swift",
        abstract: "Generate Swift source for a network's loss and gradients.",
        discussion: """
            Writes the network's file to -o and, beside it, the support files it needs. \
            Unrolled code (networks up to --unroll-limit weights, or --form unrolled) comes with \
            GradgenSupport.swift (the scalar protocol and activation helpers) and, for rational \
            networks, GradgenSupport+Rational.swift (the exact flavour over gradgen's Rational, \
            which needs the GradgenKit library; --no-exact leaves it out). Loop code for wide \
            networks (--form loops) comes with GradgenLoops.swift (the matrix kernels, tuned \
            for AVX-512: build it with -target-cpu native) and runs on Double. Both forms take \
            minibatches.

            Examples:
              gradgen emit swift --example reference-relu -o Sources/Net/ReferenceReLU.swift
              gradgen emit swift network.json -o Net.swift --name MyNetwork --no-exact
              gradgen emit swift --random 1 --sizes 784,128,10 -o Mnist.swift --form loops
            """
    )

    @OptionGroup var problem: ProblemOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The Swift file to write.", valueName: "path"))
    var output: String

    @Option(help: ArgumentHelp("The name of the generated type (default: from the file name).", valueName: "type"))
    var name: String?

    @Flag(help: "Leave out the exact Rational flavour (the file then needs nothing but the standard library).")
    var noExact = false

    @Option(help: ArgumentHelp("unrolled (straight-line code), loops (for wide networks), or auto: unrolled up to --unroll-limit weights.", valueName: "form"))
    var form: FormChoice = .auto

    @Option(help: ArgumentHelp("With --form auto, the most weights (Σ n_l·n_(l−1)) that are unrolled.", valueName: "n"))
    var unrollLimit = CodeForm.defaultUnrollLimit

    @Option(help: ArgumentHelp("Unrolled code: statements per function before the body is split into parts.", valueName: "n"))
    var statementsPerFunction = 400

    @Option(help: ArgumentHelp("A folder of templates to use instead of the built-in ones.", valueName: "folder"))
    var templates: String?

    enum FormChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, unrolled, loops
    }

    func validate() throws {
        if unrollLimit < 0 { throw ValidationError("--unroll-limit: expected 0 or more, got \(unrollLimit)") }
        if let name, !SwiftIdentifier.isValid(name) {
            throw ValidationError("--name: \"\(name)\" is not a Swift type name")
        }
        if !output.hasSuffix(".swift") { throw ValidationError("-o: expected a path ending in .swift, got \"\(output)\"") }
        if statementsPerFunction < 10 { throw ValidationError("--statements-per-function: expected at least 10, got \(statementsPerFunction)") }
    }

    func run() throws {
        let spec = try problem.load()
        let typeName = name ?? SwiftIdentifier.typeName(fromFile: output)
        let command = (["gradgen", "emit", "swift"] + problem.commandLineArguments + ["-o", output]
            + (name.map { ["--name", $0] } ?? []) + (noExact ? ["--no-exact"] : [])
            + (form == .auto ? [] : ["--form", form.rawValue])).joined(separator: " ")
        let codeForm: CodeForm = switch form {
        case .auto: CodeForm.automatic(for: spec, unrollLimit: unrollLimit)
        case .unrolled: .unrolled
        case .loops: .loops
        }
        let files = try GeneratedSwiftFiles(
            spec: spec,
            options: SwiftEmitter.Options(typeName: typeName, command: command, exactFlavour: !noExact, statementsPerFunction: statementsPerFunction),
            fileName: URL(fileURLWithPath: output).lastPathComponent,
            templates: templates.map { TemplateLibrary(directory: URL(fileURLWithPath: $0)) } ?? .bundled,
            form: codeForm
        )
        let folder = (output as NSString).deletingLastPathComponent
        try files.write(toFolder: folder)
        for file in files.files { print("wrote \(folder.isEmpty ? file.name : (folder as NSString).appendingPathComponent(file.name))") }
    }
}
