import Foundation
import Testing
import TestSupport

/// Misused options and commands: exit 64 and one message in the user's terms; output that
/// cannot be written is an error; user input quoted in messages is shortened.
@Suite("gradgen command-line hygiene")
struct CommandLineHygieneTests {
    @Test(arguments: [
        (["eval", "--digits", "-1"], "Error: The value '-1' is invalid for '--digits <digits>': expected a whole number from 1 to 1000, got \"-1\"\n"),
        (["eval", "--random", "-1"], "Error: The value '-1' is invalid for '--random <seed>': expected a whole number from 0 to 18446744073709551615, got \"-1\"\n"),
        (["verify", "--trials", "-5"], "Error: The value '-5' is invalid for '--trials <trials>': expected a whole number from 1 to 1000000, got \"-5\"\n"),
        (["handout", "-o", "h.tex", "--digits", "-3"], "Error: The value '-3' is invalid for '--digits <digits>': expected a whole number from 1 to 100, got \"-3\"\n"),
        (["eval", "--random", "1", "--hidden", "relu,"], "Error: --hidden: expected comma-separated activation names such as relu,tanh, got \"relu,\"\n"),
        (["eval", "--random", "1", "--hidden", ""], "Error: --hidden: expected comma-separated activation names such as relu,tanh, got \"\"\n"),
        (["eval", "--random", "1", "--sizes", "3,2,"], "Error: --sizes: expected at least two comma-separated sizes such as 3,2,2, got \"3,2,\"\n"),
        (["help", "nope"], "Error: help: unknown command \"nope\" (expected one of eval, emit, verify, handout, exam)\n"),
        (["help", "emit", "rust"], "Error: help: unknown command \"rust\" (expected one of swift, runtime)\n"),
        (["emit", "swift", "--example", "reference-relu", "-o", "N.swift", "--unroll-limit", "-5"],
         "Error: The value '-5' is invalid for '--unroll-limit <n>': expected a whole number from 0 to 10000000000, got \"-5\"\n"),
        (["emit", "swift", "--example", "reference-relu", "-o", "N.swift", "--statements-per-function", "3"],
         "Error: The value '3' is invalid for '--statements-per-function <n>': expected a whole number from 10 to 1000000, got \"3\"\n"),
        (["emit", "swift", "--example", "reference-relu", "-o", "N.swift", "--scalar", "Half"],
         "Error: The value 'Half' is invalid for '--scalar <type>': expected Double or Float, got \"Half\"\n"),
        (["verify", "--example", "reference-relu", "--scalar", "foo"],
         "Error: The value 'foo' is invalid for '--scalar <type>': expected Double or Float, got \"foo\"\n"),
        (["emit"], "Error: emit: name what to generate: gradgen emit swift, gradgen emit runtime (see gradgen help emit)\n"),
    ])
    func usageErrorsExit64(arguments: [String], message: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try CommandRun.gradgen(arguments, in: folder.url)
        #expect(run.status == 64)
        #expect(run.standardError.hasPrefix(message), "\(run.standardError)")
        #expect(run.standardOutput.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty, "nothing is written")
    }

    /// `--scalar Float --form loops` was refused (exit 64) while the kernels took Double only:
    /// it now writes Float loop code and its runtime, and exits 0.
    @Test func floatLoopCodeIsWritten() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try CommandRun.gradgen(["emit", "swift", "--example", "reference-relu", "-o", "N.swift", "--scalar", "Float", "--form", "loops"], in: folder.url)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.isEmpty)
        let network = try String(contentsOf: folder.url.appendingPathComponent("N.swift"), encoding: .utf8)
        #expect(network.contains("Gradgen.multiplyTransposed(x, p.W1, into: w.z1") && network.contains("var scratch: Gradgen.Scratch<Float>"))
        // The entry points are the runtime's (Gradgen.Network); the file's scalar and cores are Float.
        #expect(network.contains("public typealias Scalar = Float") && network.contains("run(_ batch: Gradgen.Batch<Float>") && !network.contains("Double"))
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Gradgen.swift").path))
    }

    @Test func helpOfKnownCommandsStillWorks() throws {
        let run = try CommandRun.gradgen(["help", "emit", "swift"])
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("OVERVIEW: Generate Swift source"))
    }

    @Test func lostStandardOutputIsAnError() throws {
        let full = FileHandle(forWritingAtPath: "/dev/full")
        try #require(full != nil, "this system has no /dev/full")
        let run = try CommandRun.gradgen(["eval"], standardOutput: full!)
        #expect(run.status == 74)
        #expect(run.standardError == "Error: cannot write the output to standard output: No space left on device\n")
    }

    @Test func longInputIsShortenedInMessages() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let name = String(repeating: "r", count: 1_000_000)
        let spec = #"{"input": 1, "layers": [{"size": 1, "activation": "\#(name)", "W": [[1]], "b": [0]}], "x": [1], "t": [1]}"#
        let path = try folder.write("spec.json", spec)
        let run = try CommandRun.gradgen(["eval", path])
        #expect(run.status == 1)
        #expect(run.standardError.hasSuffix(#"layers[0].activation: unknown activation "\#(String(repeating: "r", count: 40))…" (1000000 characters) (expected one of identity, relu, leaky_relu, sigmoid, tanh, softplus, silu, elu, softsign)"# + "\n"))
        #expect(run.standardError.utf8.count < 300)
    }

    @Test func longNumberIsShortenedInMessages() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let digits = String(repeating: "1", count: 100_000)
        let path = try folder.write("spec.json", #"{"input": 1, "layers": [{"size": 1, "activation": "relu", "W": [["\#(digits)x"]], "b": [0]}], "x": [1], "t": [1]}"#)
        let run = try CommandRun.gradgen(["eval", path])
        #expect(run.status == 1)
        #expect(run.standardError.contains(#"invalid number "\#(String(repeating: "1", count: 40))…" (100001 characters): unexpected "x" at offset 100000"#))
        #expect(run.standardError.utf8.count < 300)
    }
}

/// Exact forms carry no dead branches: relu of a plainly negative argument folds to 0.
@Suite("gradgen eval folds decided kinks")
struct FoldedKinkTests {
    @Test func reluOfNegativeArgumentFolds() throws {
        let run = try CommandRun.gradgen(["eval", "--random", "784902", "--sizes", "3,3,1,2", "--hidden", "softplus,leaky_relu",
                                          "--loss", "softmax_cross_entropy", "--digits", "30"])
        #expect(run.status == 0, "\(run.standardError)")
        // The loss and gradients (the forward pass names the layer's leaky_relu).
        let body = try #require(run.standardOutput.components(separatedBy: "\nLoss\n").last)
        #expect(!body.contains("relu("))
        #expect(!body.contains("step("))
        #expect(run.standardOutput.contains("  L = log(exp(-39/20*softplus(-51353/500) - 9/2) + 1)\n"))
        // log(1 + e^(−39/20·softplus(−102.706) − 9/2)), to 30 digits (mpmath agrees).
        #expect(run.standardOutput.contains("≈ 0.0110477448485938163216442187163\n"))
    }
}
