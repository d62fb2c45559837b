import ArgumentParser
import Foundation
import Exact
import NetworkModel

/// The `gradgen` command. Thin by design: it parses arguments and prints; the work lives
/// in the library modules.
@main
struct Gradgen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradgen",
        abstract: "Symbolic, exact gradients of multilayer-perceptron losses.",
        discussion: """
            With no arguments, derives the reference 3-2-2 network of the notebook (ReLU, \
            then affine; L = ½‖t − x3‖²) and prints its forward pass, its exact loss and \
            every gradient as exact fractions in the parameter's shape.
            """,
        subcommands: [EvalCommand.self, EmitCommand.self, VerifyCommand.self, HandoutCommand.self, ExamCommand.self]
    )

    /// Parses and runs like `ParsableCommand.main()`, with three more checks: `help` of an
    /// unknown command and a command group without its subcommand (a bare `gradgen emit`)
    /// are usage errors (exit 64) instead of help with exit 0, and a failed write to standard
    /// output (a full disk, `> /dev/full`) ends with a message and exit 74 instead of a silent 0.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            try UsageCheck.requireKnownHelpTopic(arguments)
            var command = try parseAsRoot(arguments)
            try UsageCheck.requireSubcommand(command)
            try command.run()
        } catch {
            StandardOutput.requireWritten()
            exit(withError: error)
        }
        StandardOutput.requireWritten()
    }

    func run() throws {
        let spec = BuiltinExample.referenceReLU.spec
        let evaluation = try ExactEvaluation(spec: spec, values: spec.requireValues(), significantDigits: 17)
        print(TextReport(spec: spec, origin: "example reference-relu", evaluation: evaluation).text)
        print("""

            Next:
              gradgen eval --example reference-sigmoid    exact closed forms in powers of e
              gradgen eval network.json --check           your network, checked against a runtime autodiff
              gradgen eval --random 7 --format json       a seeded random exercise, for scripts
              gradgen help eval                           every option
            """)
    }
}

/// Usage errors that swift-argument-parser answers with help and exit 0.
enum UsageCheck {
    /// `gradgen help eval` is help; `gradgen help nope` names the unknown command.
    static func requireKnownHelpTopic(_ arguments: [String]) throws {
        guard arguments.first == "help" else { return }
        var command: ParsableCommand.Type = Gradgen.self
        for name in arguments.dropFirst() where !name.hasPrefix("-") {
            let subcommands = command.configuration.subcommands
            var names: [String] = []
            for subcommand in subcommands { names.append(subcommand._commandName) }
            guard let index = names.firstIndex(of: name) else {
                throw ValidationError("help: unknown command \(MessageQuoting.quoted(name)) (expected one of \(names.joined(separator: ", ")))")
            }
            command = subcommands[index]
        }
    }

    /// A command group such as `emit` does nothing by itself: name its subcommands.
    static func requireSubcommand(_ command: ParsableCommand) throws {
        let type = type(of: command)
        guard type != Gradgen.self, !type.configuration.subcommands.isEmpty else { return }
        var examples: [String] = []
        for subcommand in type.configuration.subcommands { examples.append("gradgen \(type._commandName) \(subcommand._commandName)") }
        throw ValidationError("\(type._commandName): name what to generate: \(examples.joined(separator: ", ")) (see gradgen help \(type._commandName))")
    }
}

/// Writes a line to standard error.
func printToStandardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
