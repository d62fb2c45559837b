import ArgumentParser
import Emit
import Foundation
import Verify

/// `gradgen verify`: compile the generated code and check it against the autodiff.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Compile a network's generated Swift code and check it against the runtime autodiff.",
        discussion: """
            Generates the code into a temporary folder, compiles it with swiftc -O, runs it on \
            --trials seeded random inputs and compares every loss and gradient with the \
            autodiff in Double, which computes a rounding-error bound beside each value; \
            unrolled code runs a second time on a Double that carries its own bound. A value \
            passes within the sum of both bounds (twice the autodiff's for loop code). \
            Prints, per group (loss, W1, b1, …), the largest difference as a fraction of \
            its allowance, and PASS (exit 0) or FAIL (exit 1). A compile error in generated \
            code is shown.

            Examples:
              gradgen verify --example reference-sigmoid
              gradgen verify --random 3 --sizes 30,30,10 --trials 1000
              gradgen verify --random 1 --sizes 784,128,10 --form loops
            """
    )

    @OptionGroup var problem: ProblemOptions

    @Option(parsing: .unconditional, help: "Random inputs to run (1–1000000).", transform: { try OptionValue.integer($0, in: 1...1_000_000) })
    var trials = 100

    @Option(parsing: .unconditional, help: "Seed of the random inputs.", transform: OptionValue.seed)
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("unrolled, loops, or auto (unrolled up to \(CodeForm.defaultUnrollLimit) weights).", valueName: "form"))
    var form: EmitSwiftCommand.FormChoice = .auto

    @Option(help: ArgumentHelp("The floating-point type of the code: Double (the default) or Float, checked against the autodiff in the same type.", valueName: "type"),
            transform: { try OptionValue.scalar($0) })
    var scalar = CodeScalar.double

    func run() throws {
        let spec = try problem.load()
        let codeForm: CodeForm = switch form {
        case .auto: CodeForm.automatic(for: spec)
        case .unrolled: .unrolled
        case .loops: .loops
        }
        let check = try GeneratedCodeCheck(spec: spec, trials: trials, seed: seed, form: codeForm, scalar: scalar)
        print("Generated \(codeForm.rawValue) code in \(scalar.rawValue) for \(problem.origin): compiled with swiftc -O in \(String(format: "%.1f", check.compileSeconds)) s")
        if !check.compilerOutput.isEmpty { print("Compiler output:\n" + check.compilerOutput) }
        print("\(check.trials) random inputs, \(check.comparison.count) values compared with the autodiff (\(scalar.rawValue)):")
        if check.instrumented {
            print("  |generated − autodiff| against the sum of both rounding-error bounds: the autodiff's, and the generated code's own (its body run again on a Double that carries a bound)")
        } else {
            let why = codeForm == .loops ? "loop code carries no bound of its own" : "Float code carries no bound of its own"
            print("  |generated − autodiff| against \(ErrorBoundCheck.generatedCodeFactor) × the rounding-error bound the autodiff computes beside each value (\(why))")
        }
        groupLines(check.comparison).forEach { print($0) }
        print(check.passed ? "PASS" : "FAIL")
        if !check.passed { throw ExitCode.failure }
    }
}
