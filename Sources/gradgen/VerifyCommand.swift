import ArgumentParser
import Emit
import Foundation
import NetworkModel
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
            the code's own bound comes from a second run on a Double that carries a bound \
            (unrolled code's generic body; for loop code, a bounded twin of its loops whose \
            bounds hold in any summation order). A value passes within the sum of both bounds. \
            Prints, per group (loss, W1, b1, …), the largest difference as a fraction of \
            its allowance, and PASS (exit 0) or FAIL (exit 1). A compile error in generated \
            code is shown. --scalar Float checks Float code against the autodiff run in Float \
            (bounds in Float's unit roundoff 2^-24), the code's own bound from a bounded Float. Beside lossAndGradients it checks the other entry points: \
            batchLossAndGradients of 3 samples under .sum and .mean (the autodiff's samples \
            combined with bounds), and predict of one sample and of a batch (outputs, or \
            softmax probabilities under cross-entropy; predict has no bounded run, so it is \
            allowed twice the autodiff's bound).

            --oracle chooses what the code is compared with: tape (the runtime autodiff \
            above), swift-ad (Swift's own differentiation, _Differentiation, of the same \
            network written as a @differentiable function: a compiler-written oracle, for \
            each trial's loss and gradients, allowed the generated code's bound plus the \
            tape's bound for the compiler's value, which has none of its own), or both (the \
            default). Without _Differentiation in the toolchain, both falls back to tape \
            and says so, and swift-ad fails.

            Examples:
              gradgen verify --example reference-sigmoid
              gradgen verify --random 3 --sizes 30,30,10 --trials 1000
              gradgen verify --random 1 --sizes 784,128,10 --form loops
              gradgen verify --example reference-relu --oracle swift-ad
              gradgen verify --random 1 --sizes 784,128,10 --scalar Float
            """
    )

    @OptionGroup var problem: ProblemOptions

    @Option(parsing: .unconditional, help: "Random inputs to run (1–1000000).", transform: { try OptionValue.integer($0, in: 1...1_000_000) })
    var trials = 100

    @Option(parsing: .unconditional, help: "Seed of the random inputs.", transform: OptionValue.seed)
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("unrolled, loops, or auto (unrolled up to \(CodeForm.defaultUnrollLimit) weights).", valueName: "form"))
    var form: EmitSwiftCommand.FormChoice = .auto

    @Option(help: ArgumentHelp("The floating-point type of the code: Double (the default) or Float, checked against the autodiff run in the same type.", valueName: "type"),
            transform: { try OptionValue.scalar($0) })
    var scalar = CodeScalar.double

    @Option(help: ArgumentHelp("tape, swift-ad (Swift's compiler-derived gradient), or both.", valueName: "oracle"))
    var oracle: OracleChoice = .both

    /// The choices of `--oracle`.
    enum OracleChoice: String, ExpressibleByArgument, CaseIterable {
        case tape, swiftAD = "swift-ad", both
    }

    func run() throws {
        let spec = try problem.load()
        var oracles: [VerifyOracle] = switch oracle {
        case .tape: [.tape]
        case .swiftAD: [.swiftAD]
        case .both: [.tape, .swiftAD]
        }
        if oracle == .both && !GeneratedCodeCheck.swiftADAvailable {
            print(SwiftADOracleText.fallback)
            oracles = [.tape]
        }
        let codeForm: CodeForm = switch form {
        case .auto: CodeForm.automatic(for: spec)
        case .unrolled: .unrolled
        case .loops: .loops
        }
        let check = try GeneratedCodeCheck(spec: spec, trials: trials, seed: seed, form: codeForm, scalar: scalar, oracles: oracles)
        print("Generated \(codeForm.rawValue) code\(scalar == .double ? "" : " in \(scalar.rawValue)") for \(problem.origin): compiled with swiftc -O in \(String(format: "%.1f", check.compileSeconds)) s")
        if !check.compilerOutput.isEmpty { print("Compiler output:\n" + check.compilerOutput) }
        if oracles.contains(.tape) { printTape(check, spec: spec) }
        if let compiler = check.swiftADComparison {
            print("Against swift-ad: \(compiler.count) values of \(check.trials) trials compared with Swift's own gradient (_Differentiation) of the network written as a @differentiable function:")
            print("  |generated − swift-ad| against \(check.instrumented ? "the generated code's own rounding-error bound" : "the tape's bound (\(scalar.rawValue) code carries none of its own)") plus the tape's bound for the compiler's value (it has none of its own)")
            groupLines(compiler).forEach { print($0) }
        }
        print(check.passed ? "PASS" : "FAIL")
        if !check.passed { throw ExitCode.failure }
    }

    /// The lines of the comparison with the tape autodiff.
    private func printTape(_ check: GeneratedCodeCheck, spec: NetworkSpec) {
        print("Against the tape: \(check.trials) random inputs, \(check.comparison.count) values compared with the autodiff (\(scalar.rawValue)):")
        if check.instrumented {
            let bounded = "a \(scalar.rawValue) that carries a bound"
            let run = check.form == .loops ? "its loops' bounded twin run on \(bounded), valid in any summation order" : "its body run again on \(bounded)"
            print("  |generated − autodiff| against the sum of both rounding-error bounds: the autodiff's, and the generated code's own (\(run))")
        } else {
            print("  |generated − autodiff| against \(ErrorBoundCheck.generatedCodeFactor) × the rounding-error bound the autodiff computes beside each value (\(scalar.rawValue) code carries no bound of its own)")
        }
        print("  batch of \(check.batchSize): batchLossAndGradients of trials b, b + 1, b with b's parameters (the returned loss, the workspace's loss and gradients), for the first \(check.batches) trials; predict: outputs\(spec.loss == .softmaxCrossEntropy ? " as softmax probabilities" : ""), against \(ErrorBoundCheck.generatedCodeFactor) × the autodiff's bound")
        groupLines(check.comparison).forEach { print($0) }
    }
}

/// What verify says about the swift-ad oracle.
enum SwiftADOracleText {
    /// `--oracle both` without `_Differentiation`.
    static let fallback = "Note: \(VerificationError.missingDifferentiation); comparing with the tape alone"
}
