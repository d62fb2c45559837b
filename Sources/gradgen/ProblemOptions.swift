import ArgumentParser
import Exact
import NetworkModel

/// Where a command's network comes from: a spec file, a built-in example, or a seeded
/// random problem. Shared by every subcommand that takes a network.
struct ProblemOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("A network spec in JSON (see the README).", valueName: "spec"))
    var specPath: String?

    @Option(name: .long, help: ArgumentHelp("A built-in example: \(BuiltinExample.names.joined(separator: ", ")).", valueName: "name"))
    var example: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("A seeded random problem, the same on every machine.", valueName: "seed"),
            transform: OptionValue.seed)
    var random: UInt64?

    @Option(name: .long, help: ArgumentHelp("Random problem: the sizes n0,n1,…,nL (default: as the notebook, 2 layers of 2–11).", valueName: "sizes"))
    var sizes: String?

    @Option(name: .long, help: ArgumentHelp("Random problem: hidden activations to draw from, comma-separated (default relu).", valueName: "names"))
    var hidden: String?

    @Option(name: .long, help: ArgumentHelp("Random problem: the loss (\(Loss.names.joined(separator: ", "))).", valueName: "name"))
    var loss: String?

    @Flag(name: .long, help: "Random problem: general rational values instead of nice ones (small denominators).")
    var generalValues = false

    func validate() throws {
        let sources = [specPath != nil, example != nil, random != nil].filter { $0 }.count
        if sources > 1 { throw ValidationError("give one of SPEC, --example or --random, not several") }
        if random == nil, sizes != nil || hidden != nil || loss != nil || generalValues {
            throw ValidationError("--sizes, --hidden, --loss and --general-values only apply to --random")
        }
        // Refuse a malformed --sizes, --hidden or --loss before any work, as a usage error.
        if random != nil { _ = try randomOptions() }
    }

    /// The network: the spec, the example, the random problem, or reference-relu when none is given.
    func load() throws -> NetworkSpec {
        if let specPath { return try NetworkSpec(contentsOfFile: specPath) }
        if let random { return try NetworkSpec.random(seed: random, options: randomOptions()) }
        return try BuiltinExample.named(example ?? BuiltinExample.referenceReLU.name).spec
    }

    /// The arguments that select the same network again, for "regenerate with" headers.
    var commandLineArguments: [String] {
        if let specPath { return [specPath] }
        if let random {
            var arguments = ["--random", String(random)]
            if let sizes { arguments += ["--sizes", sizes] }
            if let hidden { arguments += ["--hidden", hidden] }
            if let loss { arguments += ["--loss", loss] }
            if generalValues { arguments.append("--general-values") }
            return arguments
        }
        return ["--example", example ?? BuiltinExample.referenceReLU.name]
    }

    /// A description of where the network came from, for headers.
    var origin: String {
        if let specPath { return specPath }
        if let random { return "random problem, seed \(random)" }
        return "example \(example ?? BuiltinExample.referenceReLU.name)"
    }

    func randomOptions() throws -> RandomProblemOptions {
        var options = RandomProblemOptions(values: generalValues ? .general : .nice)
        if let sizes {
            let parsed = sizes.split(separator: ",", omittingEmptySubsequences: false).map { Int(String($0)) }
            guard parsed.count >= 2, parsed.allSatisfy({ $0 != nil }) else {
                throw ValidationError("--sizes: expected at least two comma-separated sizes such as 3,2,2, got \(MessageQuoting.quoted(sizes))")
            }
            options.sizes = .fixed(parsed.map { $0! })
        }
        if let hidden {
            let names = hidden.split(separator: ",", omittingEmptySubsequences: false)
            guard !names.contains(where: \.isEmpty) else {
                throw ValidationError("--hidden: expected comma-separated activation names such as relu,tanh, got \(MessageQuoting.quoted(hidden))")
            }
            options.hiddenActivations = try names.map { name in
                guard let activation = Activation(name: String(name)) else {
                    throw ValidationError("--hidden: unknown activation \(MessageQuoting.quoted(String(name))) (expected one of \(Activation.names.joined(separator: ", ")))")
                }
                return activation
            }
        }
        if let loss {
            guard let parsed = Loss(rawValue: loss) else {
                throw ValidationError("--loss: unknown loss \(MessageQuoting.quoted(loss)) (expected one of \(Loss.names.joined(separator: ", ")))")
            }
            options.loss = parsed
        }
        return options
    }
}
