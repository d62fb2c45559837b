import Foundation
import Testing
import TestSupport

/// A scripted fuzz of the command line: seeded mutations of valid specs (truncated, bytes
/// changed, slices repeated, numbers replaced by huge or odd ones) and odd option values.
/// Whatever the input, gradgen ends by itself, without a signal, with 0, 1 (one `Error:` line)
/// or 64 (a usage error).
@Suite("gradgen under a scripted fuzz")
struct CommandLineFuzzTests {
    static let specs = [
        """
        {"input": 3, "layers": [
          {"size": 2, "activation": "relu", "W": [[3, -1, 1], [-5, 2, -1]], "b": [1, 2]},
          {"size": 2, "activation": "identity", "W": [[1, -2], [-3, 1]], "b": [1, 1]}],
         "x": [0, 1, 2], "t": [1, 2]}
        """,
        """
        {"input": 2, "layers": [
          {"size": 2, "activation": {"name": "leaky_relu", "slope": "1/10"}, "W": [["1/2", "-0.25"], [3e-2, -7]], "b": ["0.1", -1]},
          {"size": 2, "activation": "identity", "W": [[1, -2], [0, 1]], "b": [0, 0]}],
         "loss": "mse", "x": [1, "-1/3"], "t": ["1/2", 2]}
        """,
    ]

    /// Numbers that stress exact arithmetic and the readers.
    static let oddNumbers = ["1e100000", "-1e-100000", "1e100001", "99999999999999999999999999999999", "\"1/0\"", "-0",
                             "0.0000000000000000000001", "\"1e5000\"", "1E+2", "\"-1/3\"", "0e0", "\"\"", "null", "[]", "{}"]

    /// The spec of case `seed`: one or two seeded mutations of a valid spec.
    static func mutatedSpec(seed: Int) -> String {
        var generator = SeededGenerator(seed: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        var bytes = Array(specs[seed % specs.count].utf8)
        for _ in 0..<Int.random(in: 1...2, using: &generator) {
            let position = Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0:  // truncated
                bytes = Array(bytes[..<position])
            case 1:  // one byte changed, to JSON's own characters or to invalid UTF-8
                let replacements = Array("{}[]\",:-+./0123456789eE \\".utf8) + [0xFF, 0xC3, 0x00]
                if !bytes.isEmpty { bytes[position] = replacements.randomElement(using: &generator)! }
            case 2:  // a slice repeated
                let end = min(bytes.count, position + Int.random(in: 1...40, using: &generator))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            default:  // a number replaced by an odd one
                let text = String(decoding: bytes, as: UTF8.self)
                let numbers = text.ranges(of: /-?[0-9][0-9.eE+\-]*/)
                if let range = numbers.randomElement(using: &generator) {
                    bytes = Array(text.replacingCharacters(in: range, with: oddNumbers.randomElement(using: &generator)!).utf8)
                }
            }
            if bytes.isEmpty { break }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Runs gradgen and checks that it ended as the suite requires.
    func expectCleanEnd(_ arguments: [String], in folder: TemporaryFolder, case description: String) throws {
        let run = try CommandRun.gradgen(arguments, in: folder.url, timeout: 30)
        #expect(!run.timedOut, "still running after 30 s: \(description)")
        #expect(!run.signalled, "ended by a signal: \(description)\n\(run.standardError)")
        #expect([0, 1, 64].contains(run.status), "exit \(run.status): \(description)\n\(run.standardError)")
        if run.status != 0 { #expect(run.standardError.hasPrefix("Error: "), "\(description)\n\(run.standardError)") }
        if run.status == 1 {
            #expect(run.standardError.split(separator: "\n").count == 1, "one line: \(description)\n\(run.standardError)")
        }
    }

    @Test(arguments: 0..<48)
    func mutatedSpecs(seed: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let spec = Self.mutatedSpec(seed: seed)
        try Data(spec.utf8).write(to: folder.url.appendingPathComponent("spec.json"))
        try expectCleanEnd(["eval", "spec.json", "--format", seed % 2 == 0 ? "text" : "json"], in: folder, case: "seed \(seed): \(spec.prefix(300))")
    }

    @Test(arguments: [
        ["eval", "--digits", "1e3"], ["eval", "--digits", "1001"], ["eval", "--digits"], ["eval", "--random", "18446744073709551616"],
        ["eval", "--random", "--sizes"], ["eval", "--format", "xml"], ["eval", "--random", "1", "--sizes", "0,1"],
        ["eval", "--random", "1", "--sizes", "1000000,2"], ["eval", "--random", "1", "--sizes", String(repeating: "3,", count: 40) + "3"],
        ["eval", "--random", "1", "--hidden", ",,,"], ["eval", "--random", "1", "--loss", "MSE"], ["eval", "--example", ""],
        ["eval", "/dev/null"], ["eval", "/"], ["eval", "missing.json"], ["eval", "--", "-x"], ["eval", "a.json", "b.json"],
        ["verify", "--trials", "1e9"], ["verify", "--seed", "-0"], ["emit", "swift", "-o", ""], ["emit", "swift"],
        ["handout", "-o", ".tex"], ["handout", "-o", "h.tex", "--digits", "0"], ["nonsense"], ["help", "help"],
        ["eval", "--random", "3", "--sizes", "2,3,2", "--hidden", "sigmoid", "--digits", "1000", "--check"],
    ])
    func oddOptions(arguments: [String]) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try expectCleanEnd(arguments, in: folder, case: arguments.joined(separator: " "))
    }
}
