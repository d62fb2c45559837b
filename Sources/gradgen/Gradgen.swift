import ArgumentParser
import Exact

/// The `gradgen` command. Thin by design: it parses arguments and prints; the work
/// lives in the library modules.
@main
struct Gradgen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradgen",
        abstract: "Symbolic, exact gradients of multilayer-perceptron losses.",
        discussion: """
            With no arguments, runs the reference 3-2-2 ReLU network's forward pass in exact \
            rational arithmetic and prints its loss.
            """
    )

    func run() throws {
        print(ReferenceForwardPass().report())
    }
}
