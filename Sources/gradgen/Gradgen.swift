import ArgumentParser
import Foundation
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

    func run() throws {
        let spec = BuiltinExample.referenceReLU.spec
        let evaluation = try ExactEvaluation(derivation: Derivation(spec: spec), values: spec.requireValues(), significantDigits: 17)
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

/// Writes a line to standard error.
func printToStandardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
