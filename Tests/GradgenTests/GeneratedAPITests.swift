import Foundation
import Testing
import TestSupport

/// The API users program against is the same in every form: one user file, written from the
/// README's names, compiles and trains against unrolled and loop code of the same spec.
@Suite("Generated code API")
struct GeneratedAPITests {
    /// A 2-4-1 tanh network: small enough to unroll, trained on XOR.
    static let spec = """
        {"input": 2, "layers": [{"size": 4, "activation": "tanh"}, {"size": 1, "activation": "identity"}], "loss": "half_sum_squares"}
        """

    /// Uses every public name of the API; prints the losses, the outputs and the trained spec.
    /// With an argument, runs one batch on that many threads first (0 stops it, naming `threads`).
    /// `Scalar` is the code's scalar, declared in a line before it.
    static let userProgram = #"""
        import Foundation

        var p = Net.Parameters.random(seed: 3)
        if let threads = CommandLine.arguments.dropFirst().first.flatMap({ Int($0) }) {
            _ = Net.batchLossAndGradients(x: [0, 0], t: [0], count: 1, reduction: .sum, parameters: p, workspace: Net.Workspace(), threads: threads)
        }
        precondition(p.b1 == [0, 0, 0, 0] && p.W1.allSatisfy { abs($0) <= (6.0 / 6).squareRoot() })
        var momentum = Net.Momentum()
        let workspace = Net.Workspace()
        // Five samples' worth of data, of which the batches use the first four.
        let x: [Scalar] = [0, 0, 0, 1, 1, 0, 1, 1, 9, 9]
        let t: [Scalar] = [0, 1, 1, 0, 5]
        var first: Scalar = 0, last: Scalar = 0
        for step in 0..<400 {
            let loss = Net.batchLossAndGradients(x: x, t: t, count: 4, reduction: .mean, parameters: p, workspace: workspace, threads: 2)
            precondition(workspace.gradients.loss == loss, "the workspace holds the real loss")
            if step == 0 { first = loss }
            last = loss
            if step < 200 {
                p.update(along: workspace.gradients, learningRate: 0.2)
            } else {
                p.update(along: workspace.gradients, learningRate: 0.1, momentum: 0.9, state: &momentum)
            }
        }
        let single = Net.lossAndGradients(x: [1, 0], t: [2], parameters: p)
        var into = Net.Gradients()
        Net.lossAndGradients(x: [1, 0], t: [2], parameters: p, into: &into)
        let viaWorkspace = Net.lossAndGradients(x: [1, 0], t: [2], parameters: p, workspace: workspace)
        precondition(into.loss == single.loss && viaWorkspace == single.loss && into.W1 == single.W1)
        let sum = x.withUnsafeBufferPointer { x in
            t.withUnsafeBufferPointer { t in
                Net.batchLossAndGradients(x: x, t: t, count: 4, reduction: .sum, parameters: p, workspace: workspace)
            }
        }
        let outputs = Net.predict(x: x, count: 4, parameters: p, workspace: workspace)
        precondition(Net.predict(x: [1, 0], parameters: p) == [outputs[2]])
        let decoded = try JSONDecoder().decode(Net.Parameters.self, from: JSONEncoder().encode(p))
        precondition(decoded == p, "Parameters round-trip through Codable")
        let sizes: [Int] = Net.sizes
        print(first, last, sum, single.loss, sizes)
        print(outputs.map { String($0) }.joined(separator: " "))
        print(Net.spec(parameters: p, x: [1, 0], t: [2]), terminator: "")
        """#

    /// Emits `form` code in `scalar` for the spec into a new folder, compiles it with the user
    /// program and runs it; returns the program's output lines and the program.
    static func build(form: String, scalar: String = "Double", in folder: TemporaryFolder) throws -> (lines: [String], program: URL) {
        let spec = try folder.write("net.json", spec)
        let sub = folder.url.appendingPathComponent(form + scalar)
        let emit = try CommandRun.gradgen(["emit", "swift", spec, "-o", sub.appendingPathComponent("Net.swift").path, "--form", form, "--no-exact", "--scalar", scalar])
        #expect(emit.status == 0, "\(emit.standardError)")
        try ("typealias Scalar = \(scalar)\n" + userProgram).write(to: sub.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let sources = try FileManager.default.contentsOfDirectory(atPath: sub.path).sorted().map { sub.appendingPathComponent($0).path }
        let program = sub.appendingPathComponent("train").path
        let compile = try CommandRun.run(URL(fileURLWithPath: "/usr/bin/env"), ["swiftc", "-Onone", "-o", program] + sources)
        #expect(compile.status == 0, "\(compile.standardError)")
        #expect(!compile.standardError.contains("warning"), "generated code compiles without warnings: \(compile.standardError)")
        let run = try CommandRun.run(URL(fileURLWithPath: program), [])
        #expect(run.status == 0, "\(run.standardError)")
        return (run.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), URL(fileURLWithPath: program))
    }

    @Test func oneUserFileTrainsAgainstBothForms() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (unrolled, unrolledProgram) = try Self.build(form: "unrolled", in: folder)
        let (loops, loopsProgram) = try Self.build(form: "loops", in: folder)
        try #require(unrolled.count > 3 && loops.count > 3)
        let u = unrolled[0].split(separator: " ").prefix(4).compactMap { Double($0) }
        let l = loops[0].split(separator: " ").prefix(4).compactMap { Double($0) }
        try #require(u.count == 4 && l.count == 4)
        #expect(u[1] < u[0] / 10, "training lowers the loss: \(u)")
        for (a, b) in zip(u, l) { #expect(abs(a - b) <= 1e-9 * max(abs(a), 1e-300), "both forms compute the same: \(u) vs \(l)") }
        #expect(unrolled[0].hasSuffix("[2, 4, 1]"))
        // threads: 0 stops the program with a message that names the argument.
        for program in [unrolledProgram, loopsProgram] {
            let run = try CommandRun.run(program, ["0"])
            #expect(run.status != 0)
            #expect(run.standardError.contains("threads must be at least 1, got 0"), "\(run.standardError)")
            #expect(try CommandRun.run(program, ["3"]).status == 0, "three threads for one sample run")
        }
    }

    /// The same user file, with `Float` for its scalar, against unrolled and loop `Float` code:
    /// it compiles unchanged against both, trains, agrees with the `Double` code as closely as
    /// `Float` allows, its trained spec holds the Floats exactly, and `threads: 0` stops it.
    @Test(arguments: ["unrolled", "loops"])
    func oneUserFileTrainsAgainstFloatCode(form: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (float, floatProgram) = try Self.build(form: form, scalar: "Float", in: folder)
        let (double, _) = try Self.build(form: form, in: folder)
        let losses = try [float, double].map { output in
            try #require(output.count > 3)
            let values = output[0].split(separator: " ").prefix(4).compactMap { Double($0) }
            try #require(values.count == 4)
            return values
        }
        #expect(losses[0][1] < losses[0][0] / 10, "training in Float lowers the loss: \(losses[0])")
        // The first loss comes from the same weights (Float's are Double's rounded): a few
        // roundings of 2⁻²⁴ apart. After 400 steps the trajectories drift by more.
        #expect(abs(losses[0][0] - losses[1][0]) <= 1e-5 * losses[1][0], "first loss, Float vs Double: \(losses[0][0]) vs \(losses[1][0])")
        #expect(abs(losses[0][1] - losses[1][1]) <= 1e-2 * losses[1][0], "last loss, Float vs Double: \(losses[0][1]) vs \(losses[1][1])")
        // spec(parameters:) writes each Float exactly: the exact loss of that spec is the one
        // the Float code computed, within Float's rounding.
        let trained = try folder.write("trainedFloat.json", float.dropFirst(2).joined(separator: "\n"))
        let eval = try CommandRun.gradgen(["eval", trained, "--format", "json"])
        #expect(eval.status == 0, "\(eval.standardError)")
        let json = try JSONSerialization.jsonObject(with: Data(eval.standardOutput.utf8)) as? [String: Any]
        let decimal = try #require((json?["loss"] as? [String: Any])?["decimal"] as? String)
        let exact = try #require(Double(decimal))
        #expect(abs(exact - losses[0][3]) <= 1e-5 * abs(exact), "exact \(exact) vs Float \(losses[0][3])")
        let stopped = try CommandRun.run(floatProgram, ["0"])
        #expect(stopped.status != 0 && stopped.standardError.contains("threads must be at least 1, got 0"), "\(stopped.standardError)")
    }

    @Test func trainedParametersRoundTripThroughASpec() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let output = try Self.build(form: "loops", in: folder).lines
        let doubleLoss = try #require(Double(output[0].split(separator: " ")[3]))
        let specText = output.dropFirst(2).joined(separator: "\n")
        let trained = try folder.write("trained.json", specText)
        let eval = try CommandRun.gradgen(["eval", trained, "--format", "json"])
        #expect(eval.status == 0, "\(eval.standardError)")
        let json = try JSONSerialization.jsonObject(with: Data(eval.standardOutput.utf8)) as? [String: Any]
        let loss = try #require((json?["loss"] as? [String: Any])?["decimal"] as? String)
        let exact = try #require(Double(loss))
        #expect(abs(exact - doubleLoss) <= 1e-12 * abs(exact), "the exact loss of the trained spec is the one the code computed: \(exact) vs \(doubleLoss)")
        // With LaTeX installed (as .ci/run installs it), the handout is compiled to PDF too.
        let latex = try CommandRun.run(URL(fileURLWithPath: "/usr/bin/env"), ["which", "pdflatex"]).status == 0
        let handout = try CommandRun.gradgen(["handout", trained, "-o", folder.url.appendingPathComponent("trained.tex").path] + (latex ? ["--pdf"] : []))
        #expect(handout.status == 0, "\(handout.standardError) \(handout.standardOutput)")
    }

    /// A wrong size in a call stops an optimized (-O) build with the message that names the
    /// argument and what it needed (`precondition` would drop the message there).
    @Test func wrongSizesStopAnOptimizedBuildWithTheirMessage() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let spec = try folder.write("net.json", Self.spec)
        let emit = try CommandRun.gradgen(["emit", "swift", spec, "-o", folder.url.appendingPathComponent("code/Net.swift").path, "--form", "loops", "--no-exact"])
        #expect(emit.status == 0, "\(emit.standardError)")
        try #"""
            let p = Net.Parameters.random(seed: 1)
            let which = CommandLine.arguments.dropFirst().first ?? ""
            if which == "x" {
                _ = Net.batchLossAndGradients(x: [0, 0], t: [0, 0], count: 2, reduction: .sum, parameters: p, workspace: Net.Workspace())
            } else {
                _ = Net.Parameters(W1: [], b1: p.b1, W2: p.W2, b2: p.b2)
            }
            """#.write(to: folder.url.appendingPathComponent("code/main.swift"), atomically: true, encoding: .utf8)
        let code = folder.url.appendingPathComponent("code")
        let sources = try FileManager.default.contentsOfDirectory(atPath: code.path).sorted().map { code.appendingPathComponent($0).path }
        let program = code.appendingPathComponent("program")
        let compile = try CommandRun.run(URL(fileURLWithPath: "/usr/bin/env"), ["swiftc", "-O", "-o", program.path] + sources)
        try #require(compile.status == 0, "\(compile.standardError)")
        let short = try CommandRun.run(program, ["x"])
        #expect(short.status != 0)
        #expect(short.standardError.contains("x needs count × 2 = 4 values, got 2"), "\(short.standardError)")
        let empty = try CommandRun.run(program, ["W1"])
        #expect(empty.status != 0)
        #expect(empty.standardError.contains("W1 needs"), "\(empty.standardError)")
    }

    @Test func emittedFilesDeclareOnlyTheNetworkAndTheRuntimeAtModuleScope() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let spec = try folder.write("net.json", Self.spec)
        for form in ["unrolled", "loops"] {
            let emit = try CommandRun.gradgen(["emit", "swift", spec, "-o", folder.url.appendingPathComponent("\(form)/Net.swift").path, "--form", form])
            #expect(emit.status == 0, "\(emit.standardError)")
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent(form).path) {
                let text = try String(contentsOf: folder.url.appendingPathComponent("\(form)/\(file)"), encoding: .utf8)
                for line in text.split(separator: "\n") where !line.hasPrefix(" ") && !line.hasPrefix("}") && !line.hasPrefix("//") && !line.hasPrefix("#") {
                    let declaration = line.replacingOccurrences(of: "public ", with: "").replacingOccurrences(of: "@inline(__always) ", with: "")
                    let allowed = declaration.hasPrefix("import ") || declaration.hasPrefix("extension ")
                        || declaration.hasPrefix("enum Net {") || declaration.hasPrefix("enum Gradgen {")
                        || line.hasPrefix("///") || line.hasPrefix("{{")
                    #expect(allowed, "\(form)/\(file) declares at module scope: \(line)")
                }
            }
        }
    }
}
