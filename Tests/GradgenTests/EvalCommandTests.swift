import Foundation
import Testing
import TestSupport

@Suite("gradgen eval")
struct EvalCommandTests {
    /// The JSON report parsed with Foundation (only to read it back in the test).
    func json(_ arguments: [String]) throws -> [String: Any] {
        let run = try CommandRun.gradgen(arguments)
        #expect(run.status == 0, "\(run.standardError)")
        return try #require(JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
    }

    func exact(_ value: Any?) -> String? { (value as? [String: Any])?["exact"] as? String }

    @Test func jsonShapeIsFixed() throws {
        let run = try CommandRun.gradgen(["eval", "--format", "json"])
        #expect(run.standardOutput.hasPrefix("{\n  \"loss\": {\"exact\": \"29/2\", \"decimal\": \"14.5\"},\n  \"gradients\": {\n    \"W1\": ["))
        let report = try json(["eval", "--format", "json"])
        let gradients = try #require(report["gradients"] as? [String: Any])
        #expect(Set(gradients.keys) == ["W1", "b1", "W2", "b2"])
        let w1 = try #require(gradients["W1"] as? [[Any]])
        #expect(w1.map { $0.map(exact) } == [["0", "13", "26"], ["0", "-1", "-2"]])
        let b2 = try #require(gradients["b2"] as? [Any])
        #expect(b2.map(exact) == ["-2", "-5"])
        #expect((report["spec"] as? [String: Any])?["input"] as? Int == 3)
    }

    @Test func randomResultFeedsBack() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = try CommandRun.gradgen(["eval", "--random", "11", "--sizes", "3,4,2", "--format", "json"])
        #expect(first.status == 0)
        let report = try #require(JSONSerialization.jsonObject(with: Data(first.standardOutput.utf8)) as? [String: Any])
        let spec = try JSONSerialization.data(withJSONObject: try #require(report["spec"]))
        let path = try folder.write("spec.json", String(decoding: spec, as: UTF8.self))
        let again = try json(["eval", path, "--format", "json"])
        #expect(exact(again["loss"]) == exact(report["loss"]))
        #expect((again["gradients"] as? NSDictionary) == (report["gradients"] as? NSDictionary))
    }

    @Test func sigmoidDecimalsAndCheck() throws {
        let run = try CommandRun.gradgen(["eval", "--example", "reference-sigmoid", "--check", "--digits", "25"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("≈ 4.201102887391704"))
        #expect(run.standardOutput.contains("Double autodiff:"))
        #expect(run.standardOutput.contains("the high-precision autodiff (148 bits) agrees with all 15 decimals to 25 significant digits"))
        #expect(run.standardOutput.hasSuffix("PASS\n"))
    }

    @Test func latexFormat() throws {
        let run = try CommandRun.gradgen(["eval", "--format", "latex"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("L &= \\frac{29}{2} \\approx 14.5 \\\\"))
        #expect(run.standardOutput.contains("\\begin{bmatrix} 0 & 13 & 26 \\\\ 0 & -1 & -2 \\end{bmatrix}"))
    }

    @Test func checkPassesOnRandomNetworks() throws {
        let run = try CommandRun.gradgen(["eval", "--random", "5", "--hidden", "relu,leaky_relu", "--general-values", "--check"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("Rational autodiff: identical, exactly"))
    }
}

/// Bad input: a clear message naming the place, a non-zero exit, never a trap.
@Suite("gradgen eval on bad input")
struct EvalErrorTests {
    let reference = """
        {"input": 3, "layers": [
          {"size": 2, "activation": "relu", "W": [[3, -1, 1], [-5, 2, -1]], "b": [1, 2]},
          {"size": 2, "activation": "identity", "W": [[1, -2], [-3, 1]], "b": [1, 1]}],
         "x": [0, 1, 2], "t": [1, 2]}
        """

    func failure(_ spec: String?, _ arguments: [String] = []) throws -> CommandRun {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var all = ["eval"] + arguments
        if let spec {
            _ = try folder.write("spec.json", spec)
            all.append("spec.json")
        }
        return try CommandRun.gradgen(all, in: folder.url)
    }

    @Test(arguments: [
        ("[[1, -2], [-3, 1]]", "[[1, -2, 0], [-3, 1, 0]]", "spec.json:3:46: layers[1].W: expected 2×2, got 2×3"),
        ("\"relu\"", "\"rlu\"", "spec.json:2:29: layers[0].activation: unknown activation \"rlu\" (expected one of identity, relu, leaky_relu, sigmoid, tanh, softplus, silu, elu, softsign)"),
        ("\"b\": [1, 2]", "\"b\": [1, \"1/0\"]", "spec.json:2:78: layers[0].b[1]: invalid number \"1/0\": zero denominator"),
        ("\"b\": [1, 2]", "\"b\": [1, true]", "spec.json:2:78: layers[0].b[1]: expected a number or a string such as \"-1/2\", got true"),
        ("\"size\": 2, \"activation\": \"relu\"", "\"size\": 0, \"activation\": \"relu\"", "spec.json:2:12: layers[0].size: must be positive, got 0"),
        ("\"t\": [1, 2]", "\"t\": [1, 2, 3]", "spec.json:4:23: t: expected 2 values, got 3"),
        ("\"x\": [0, 1, 2]", "\"x\": [0, 1, 2], \"loss\": \"l2\"", "spec.json:4:26: loss: unknown loss \"l2\" (expected one of half_sum_squares, mse, softmax_cross_entropy)"),
        ("\"t\": [1, 2]}", "\"t\": [1, 2]", "spec.json:4:29: expected \",\" or \"}\""),
    ])
    func specErrors(original: String, replacement: String, message: String) throws {
        precondition(reference.contains(original))
        let run = try failure(reference.replacingOccurrences(of: original, with: replacement))
        #expect(run.status == 1)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError == "Error: \(message)\n")
    }

    @Test func missingFile() throws {
        let run = try CommandRun.gradgen(["eval", "/nonexistent/network.json"])
        #expect(run.status == 1)
        #expect(run.standardError == "Error: cannot read spec file \"/nonexistent/network.json\": no such file\n")
    }

    @Test func missingValues() throws {
        let run = try failure(#"{"input": 3, "layers": [{"size": 2, "activation": "relu"}]}"#)
        #expect(run.status == 1)
        #expect(run.standardError == "Error: missing values: W1 (layers[0].W), b1 (layers[0].b), x, t\n")
    }

    @Test func unknownExample() throws {
        let run = try failure(nil, ["--example", "mnist"])
        #expect(run.status == 1)
        #expect(run.standardError == "Error: unknown example \"mnist\" (expected one of reference-relu, reference-sigmoid)\n")
    }

    @Test(arguments: [
        (["--example", "reference-relu", "--random", "3"], "give one of SPEC, --example or --random, not several"),
        (["--digits", "0"], "The value '0' is invalid for '--digits <digits>': expected a whole number from 1 to 1000, got \"0\""),
        (["--random", "1", "--sizes", "3,x"], "--sizes: expected at least two comma-separated sizes such as 3,2,2, got \"3,x\""),
        (["--random", "1", "--hidden", "gelu"], "--hidden: unknown activation \"gelu\" (expected one of identity, relu, leaky_relu, sigmoid, tanh, softplus, silu, elu, softsign)"),
        (["--sizes", "3,2"], "--sizes, --hidden, --loss and --general-values only apply to --random"),
    ])
    func usageErrors(arguments: [String], message: String) throws {
        let run = try failure(nil, arguments)
        #expect(run.status == 64)
        #expect(run.standardError.hasPrefix("Error: \(message)\n"))
    }
}

@Suite("gradgen emit and verify")
struct EmitAndVerifyCommandTests {
    @Test func verifyPrintsErrorsAndPass() throws {
        let run = try CommandRun.gradgen(["verify", "--example", "reference-relu", "--trials", "20"])
        #expect(run.status == 0, "\(run.standardError)")
        // 300 values of lossAndGradients, 40 of predict, 4 batches of 3 (2 × 16 + 6 values each).
        #expect(run.standardOutput.contains("20 random inputs, 492 values compared with the autodiff (Double):"))
        #expect(run.standardOutput.contains("|generated − autodiff| against the sum of both rounding-error bounds"))
        #expect(run.standardOutput.contains("    W1                   120 values, largest error "))
        #expect(run.standardOutput.contains("    batch of 3, mean     64 values, largest error "))
        #expect(run.standardOutput.contains("    predict, batch of 3  24 values, largest error "))
        // The default oracle is both: the compiler-written one follows, per group.
        #expect(run.standardOutput.contains("Against swift-ad: 300 values of 20 trials compared with Swift's own gradient"))
        #expect(run.standardOutput.contains("    b2    40 values, largest error "))
        #expect(!run.standardOutput.contains("FAIL"))
        #expect(run.standardOutput.hasSuffix("PASS\n"))
    }

    @Test func emitWritesTheFileAndItsSupport() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try CommandRun.gradgen(["emit", "swift", "--example", "reference-relu", "-o", "Net.swift"], in: folder.url)
        #expect(run.status == 0)
        #expect(run.standardOutput == "wrote Net.swift\nwrote Gradgen.swift\nwrote Gradgen+Rational.swift\n")
        let text = try String(contentsOf: folder.url.appendingPathComponent("Net.swift"), encoding: .utf8)
        #expect(text.contains("//   gradgen emit swift --example reference-relu -o Net.swift\n"))
        #expect(text.contains("public enum Net {"))
        #expect(text.contains("let dW1_0_2 = db1_0 * x1_2"))
    }

    @Test func emitCreatesMissingFolders() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try CommandRun.gradgen(["emit", "swift", "--example", "reference-relu", "-o", "Sources/Net/ReferenceReLU.swift"], in: folder.url)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput == "wrote Sources/Net/ReferenceReLU.swift\nwrote Sources/Net/Gradgen.swift\nwrote Sources/Net/Gradgen+Rational.swift\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("Sources/Net").path).sorted()
            == ["Gradgen+Rational.swift", "Gradgen.swift", "ReferenceReLU.swift"])
    }

    @Test func emitWritesAllFilesOrNone() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // A folder where the runtime's file would go: nothing at all may be written.
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("Gradgen.swift"), withIntermediateDirectories: false)
        let run = try CommandRun.gradgen(["emit", "swift", "--example", "reference-relu", "-o", "a.swift"], in: folder.url)
        #expect(run.status == 1)
        #expect(run.standardError.contains("Gradgen.swift"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["Gradgen.swift"])
    }

    @Test(arguments: [
        (["emit", "swift", "missing.json", "-o", "new/Net.swift"], 1, "Error: "),
        (["emit", "swift", "--example", "reference-relu", "-o", "Net.txt"], 64, "Error: -o: expected a path ending in .swift, got \"Net.txt\"\n"),
        (["emit", "swift", "--example", "reference-relu", "-o", "N.swift", "--name", "1Net"], 64,
         "Error: --name: \"1Net\" cannot name the generated type: not a Swift identifier (a letter or _, then letters, digits or _)\n"),
        (["emit", "swift", "--example", "reference-relu", "-o", "N.swift", "--name", "class"], 64, "Error: --name: \"class\" cannot name the generated type: a Swift keyword\n"),
        (["emit", "swift", "--example", "reference-relu", "-o", "N.swift", "--name", "self"], 64, "Error: --name: \"self\" cannot name the generated type: a Swift keyword\n"),
        (["emit", "swift", "--example", "reference-relu", "-o", "N.swift", "--name", "_"], 64, "Error: --name: \"_\" cannot name the generated type: a Swift keyword\n"),
        (["emit", "swift", "--example", "reference-relu", "-o", "N.swift", "--name", "Double"], 64,
         "Error: --name: \"Double\" cannot name the generated type: a name the generated code uses (a standard type, a module or the runtime's namespace)\n"),
        (["emit", "swift", "--example", "reference-relu", "-o", "N.swift", "--name", "Int"], 64,
         "Error: --name: \"Int\" cannot name the generated type: a name the generated code uses (a standard type, a module or the runtime's namespace)\n"),
        (["emit", "swift", "--example", "reference-relu", "-o", "double.swift"], 64,
         "Error: -o: the type name \"Double\" taken from the file name cannot name the generated type: a name the generated code uses (a standard type, a module or the runtime's namespace); give one with --name\n"),
        (["emit", "swift", "--example", "reference-relu", "-o", "self.swift"], 64,
         "Error: -o: the type name \"Self\" taken from the file name cannot name the generated type: a Swift keyword; give one with --name\n"),
        (["verify", "--oracle", "x"], 64, "Error: The value 'x' is invalid for '--oracle <oracle>'. Please provide one of 'tape', 'swift-ad' or 'both'.\n"),
        (["verify", "--trials", "0"], 64, "Error: The value '0' is invalid for '--trials <trials>': expected a whole number from 1 to 1000000, got \"0\"\n"),
    ])
    func badArguments(arguments: [String], status: Int32, message: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try CommandRun.gradgen(arguments, in: folder.url)
        #expect(run.status == status)
        #expect(run.standardError.hasPrefix(message))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty, "nothing is written")
    }
}
