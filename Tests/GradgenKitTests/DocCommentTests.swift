import Foundation
import Testing

/// Every public declaration in Sources/ carries a `///` doc comment (issue 11, item 7), so that the
/// library reads from its declarations. The scan goes by lines, as the sources are written: one
/// declaration starts a line, its attributes may sit on lines of their own, and the cases of a public
/// enum and the members of a public protocol or extension are public without saying so.
@Suite("Doc comments")
struct DocCommentTests {
    @Test func everyPublicDeclarationHasADocComment() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let files = (FileManager.default.subpaths(atPath: sources.path) ?? []).filter { $0.hasSuffix(".swift") }.sorted()
        #expect(files.count > 50, "too few Swift files under \(sources.path): is the layout still Sources/Module/…?")
        let missing = try files.flatMap { file in
            try Self.undocumentedDeclarations(in: String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8))
                .map { "Sources/\(file):\($0.line): \($0.text)" }
        }
        #expect(missing.count == 0, "public declarations without a /// doc comment:\n\(missing.joined(separator: "\n"))")
    }

    /// The scan itself, on a small source: it flags an undocumented declaration after a documented one
    /// with a multi-line attribute, an enum's undocumented case, and a public extension's member.
    @Test func theScanFindsWhatItShould() {
        let source = """
            /// Documented.
            @available(macOS 13,
                       *)
            @inlinable public func documented() {}
            public enum Choice {
                case undocumented
                /// Documented.
                case documented
                public var flag: Bool { switch self { case .documented: true
                    default: false } }
            }
            public extension Int {
                static let member = 1
            }
            private let hidden = 1
            """
        #expect(Self.undocumentedDeclarations(in: source).map(\.line) == [5, 6, 9, 13])
    }

    /// The public declarations in `source` whose nearest preceding line that is not an attribute is
    /// neither a `///` line nor the end of a `/** */` block, with their 1-based line numbers.
    static func undocumentedDeclarations(in source: String) -> [(line: Int, text: String)] {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var found: [(line: Int, text: String)] = []
        var depth = 0                                   // brace depth at the start of the line
        var implicitlyPublic: [Int: String] = [:]       // member depth → "enum", "protocol" or "extension"
        var inMultilineString = false
        let declaration = Self.declaration
        for (index, line) in lines.enumerated() {
            let pieces = line.components(separatedBy: "\"\"\"")   // a line that opens a multi-line string is code up to it
            defer { if pieces.count % 2 == 0 { inMultilineString.toggle() } }
            if inMultilineString || line.hasPrefix("//") { continue }
            var code = pieces[0]                        // without attributes, string contents and comments
            if code.hasPrefix("@") { code = Self.withoutAttributes(code) }
            if code.contains("\"") { code = code.replacing(/"(\\.|[^"\\])*"/, with: "\"\"") }
            if code.contains("//") { code = code.replacing(/\s\/\/.*$/, with: "") }
            let mayDeclare = code.contains("public") || code.contains("open") || implicitlyPublic[depth] != nil
            if mayDeclare, let match = code.prefixMatch(of: declaration) {
                let modifiers = match.1.split(separator: " ")
                let isPublic = modifiers.contains("public") || modifiers.contains("open")
                let container = implicitlyPublic[depth]
                let implied = container == "enum" ? match.2 == "case"
                    : container != nil && !modifiers.contains { ["private", "fileprivate", "internal"].contains($0) }
                if (isPublic || implied) && match.2 != "extension" && !isDocumented(before: index, in: lines) {
                    found.append((index + 1, line))
                }
                if isPublic, ["enum", "protocol", "extension"].contains(match.2), code.contains("{") {
                    implicitlyPublic[depth + 1] = String(match.2)
                }
            }
            depth += code.filter { $0 == "{" }.count - code.filter { $0 == "}" }.count
            implicitlyPublic = implicitlyPublic.filter { $0.key <= depth }
        }
        return found
    }

    /// A line that declares something: modifiers, then the keyword (`extension` included, for its members).
    static var declaration: Regex<(Substring, Substring, Substring)> {
        #/((?:[\w()]+\s+)*)(func|init|var|let|subscript|struct|class|actor|enum|protocol|extension|case|typealias|associatedtype|operator)\b/#
    }

    /// `line` without the attributes it starts with.
    static func withoutAttributes(_ line: String) -> String { line.replacing(/^(@\w+(\([^)]*\))?\s*)+/, with: "") }

    /// Whether the nearest line above `index` that is not part of an attribute list (a line of
    /// attributes only, or the rest of an attribute's arguments over several lines) is a doc comment.
    static func isDocumented(before index: Int, in lines: [String]) -> Bool {
        var above = index - 1
        var unclosed = 0                                // `)` seen below whose `(` is further up
        while above >= 0 {
            let line = lines[above]
            unclosed += line.filter { $0 == ")" }.count - line.filter { $0 == "(" }.count
            let isAttributes = line.hasPrefix("@") && withoutAttributes(line).prefixMatch(of: declaration) == nil
            guard unclosed > 0 || isAttributes else { break }
            if isAttributes { unclosed = 0 }
            above -= 1
        }
        return above >= 0 && (lines[above].hasPrefix("///") || lines[above].hasSuffix("*/"))
    }
}
