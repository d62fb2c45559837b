import Foundation
import Testing
import TestSupport

@Suite("gradgen with no arguments")
struct DefaultCommandTests {
    @Test func printsTheReferenceDerivation() throws {
        let run = try CommandRun.gradgen([])
        #expect(run.status == 0)
        #expect(run.standardError.isEmpty)
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.contains("  L = 29/2   (≈ 14.5)"))
        #expect(lines.contains("  z1 = W1 x1 + b1 = [2, 2]"))
        #expect(run.standardOutput.contains("""
              ∂L/∂W1 (2×3) =
                [ 0  13  26 ]
                [ 0  -1  -2 ]
              ∂L/∂b1 (2) = [13, -1]
              ∂L/∂W2 (2×2) =
                [  -4   -4 ]
                [ -10  -10 ]
              ∂L/∂b2 (2) = [-2, -5]
            """))
        #expect(run.standardOutput.contains("gradgen eval"))
    }

    /// The output that the README shows for `swift run gradgen` is what it prints.
    @Test func readmeShowsTheRealOutput() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let start = try #require(text.range(of: "```\nNetwork 3-2-2"))
        let end = try #require(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
        let shown = String(text[text.index(start.lowerBound, offsetBy: 4)..<end.lowerBound])
        let run = try CommandRun.gradgen([])
        #expect(run.standardOutput.hasPrefix(shown))
    }

    @Test func helpShowsAnExample() throws {
        let run = try CommandRun.gradgen(["help", "eval"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("gradgen eval network.json --check"))
    }
}
