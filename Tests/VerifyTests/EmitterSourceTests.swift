import Foundation
import NetworkModel
import Testing

/// The emitters print every formula from Symbolic expressions: no activation, derivative or
/// loss gradient is spelled out in `Sources/Emit/`, so that there is one rule table to keep right.
@Suite("One source of derivative truth")
struct EmitterSourceTests {
    /// The Swift files of Sources/Emit (and its subfolders), with their names.
    static func emitterSources() throws -> [(name: String, text: String)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Emit")
        let files = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.sorted { $0.path < $1.path }
        return try files.map { ($0.lastPathComponent, try String(contentsOf: $0, encoding: .utf8)) }
    }

    /// No string literal in the emitters calls a mathematical function (what an f, f′ or loss
    /// gradient written by hand would need), and no emitter switches over activations or losses.
    @Test func emittersHoldNoFormulas() throws {
        let sources = try Self.emitterSources()
        #expect(sources.count >= 5, "found only \(sources.map(\.name))")
        let calls = ["exp(", "log(", "log1p(", "tanh(", "sigmoid(", "softplus(", "step(", "relu(", "abs(", "pow("]
        // `case .leakyReLU` and the like, compared in lower case against the spec's names.
        let cases = (Activation.names + Loss.allCases.map { "\($0)" }).map { "case ." + $0.replacingOccurrences(of: "_", with: "").lowercased() }
        for (name, text) in sources {
            for literal in Self.stringLiterals(text) {
                for call in calls {
                    #expect(!literal.contains(call), "\(name): the string \"\(literal)\" calls \(call)")
                }
            }
            let lowered = text.lowercased()
            for pattern in cases {
                #expect(!lowered.contains(pattern + ":") && !lowered.contains(pattern + "("), "\(name) switches over \(pattern)")
            }
        }
    }

    /// The contents of the string literals of Swift source (single-line ones; the emitters use no others).
    static func stringLiterals(_ text: String) -> [String] {
        var literals: [String] = []
        for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
            var inside = false, escaped = false, current = ""
            for character in line {
                if inside {
                    if escaped { escaped = false; current.append(character); continue }
                    if character == "\\" { escaped = true; current.append(character); continue }
                    if character == "\"" { literals.append(current); current = ""; inside = false; continue }
                    current.append(character)
                } else if character == "\"" {
                    inside = true
                }
            }
        }
        return literals
    }

    /// The scanner sees literals (so that the test above can fail).
    @Test func literalScannerFindsCalls() {
        let literals = Self.stringLiterals(#"case .tanh: "(1 - \(x) * \(x))"; let s = "exp(z)" // "log(z)""#)
        #expect(literals == [#"(1 - \(x) * \(x))"#, "exp(z)", "log(z)"])
    }
}
