import ArgumentParser
import NetworkModel
import Verify

/// `gradgen eval`: the exact loss and gradients of a network.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Exact loss and gradients of a network.",
        discussion: """
            Evaluates the loss and every gradient exactly: rationals where the network is \
            rational (ReLU, leaky ReLU, identity; polynomial losses), exact closed forms in \
            powers of e otherwise, with decimals correctly rounded to --digits.

            Examples:
              gradgen eval --example reference-relu
              gradgen eval network.json --check
              gradgen eval --random 7 --sizes 3,4,2 --hidden relu,sigmoid --format json
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, latex
    }

    @OptionGroup var problem: ProblemOptions

    @Option(help: "Output format: text, json or latex.")
    var format: Format = .text

    @Option(parsing: .unconditional, help: "Significant digits of decimals (1–1000).", transform: { try OptionValue.integer($0, in: 1...1000) })
    var digits = 17

    @Flag(help: "Also run the runtime autodiff (Rational; Double with a rounding-error bound per value; for networks that are not rational, high precision to --digits) and print the agreement; exit 1 on disagreement, or when no value could be compared (NOT CHECKED).")
    var check = false

    func run() throws {
        let spec = try problem.load()
        let values = try spec.requireValues()
        let evaluation = try ExactEvaluation(spec: spec, values: values, significantDigits: digits)
        switch format {
        case .text: print(TextReport(spec: spec, origin: problem.origin, evaluation: evaluation).text)
        case .json: print(JSONReport(spec: spec, evaluation: evaluation).text, terminator: "")
        case .latex: print(LaTeXReport(evaluation: evaluation).text, terminator: "")
        }
        if check {
            let result = try OracleCheck(spec: spec, values: values, evaluation: evaluation, significantDigits: digits)
            let lines = TextReport.check(result)
            if format == .text {
                print("\n" + lines.joined(separator: "\n"))
            } else {
                printToStandardError(lines.joined(separator: "\n"))
            }
            // Exit 0 only for a check that compared something and found agreement.
            if !result.passed || !result.comparedAny { throw ExitCode.failure }
        }
    }
}
