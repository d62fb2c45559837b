import Testing
@testable import NetworkModel

@Suite("JSON parser")
struct JSONParserTests {
    @Test func keepsNumberTextAndLocations() throws {
        let value = try JSONValue(parsing: "{\n  \"a\": [0.1, -2e-3],\n\t\"b\": null\n}", sourceName: "f.json")
        guard case let .object(members) = value.kind else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["a", "b"])
        #expect(members[0].keyLocation == SourceLocation(source: "f.json", line: 2, column: 3))
        guard case let .array(elements) = members[0].value.kind else {
            Issue.record("not an array")
            return
        }
        #expect(elements.map(\.kind) == [.number("0.1"), .number("-2e-3")])
        #expect(elements[1].location.description == "f.json:2:14")
        #expect(members[1].value.kind == .null)
        #expect(members[1].value.location.description == "f.json:3:7")
    }

    @Test func stringsAndEscapes() throws {
        let value = try JSONValue(parsing: #"["a\"b\\c\/\n\t\u00e9\ud83d\ude00", "é😀"]"#)
        #expect(value.kind == .array([
            JSONValue(.string("a\"b\\c/\n\té😀"), at: SourceLocation(source: "<string>", line: 1, column: 2)),
            JSONValue(.string("é😀"), at: SourceLocation(source: "<string>", line: 1, column: 37)),
        ]))
    }

    @Test func lineBreaksOfEveryKind() throws {
        let value = try JSONValue(parsing: "[1,\r\n2,\r3,\n4]")
        guard case let .array(elements) = value.kind else {
            Issue.record("not an array")
            return
        }
        #expect(elements.map(\.location.line) == [1, 2, 3, 4])
        #expect(elements.map(\.location.column) == [2, 1, 1, 1])
    }

    @Test func duplicateKeysAreKept() throws {
        let value = try JSONValue(parsing: #"{"a": 1, "a": 2}"#)
        guard case let .object(members) = value.kind else {
            Issue.record("not an object")
            return
        }
        #expect(members.count == 2)
    }

    @Test(arguments: [
        ("{\n  \"input\": 3\n  \"layers\": []\n}", "<string>:3:3: expected \",\" or \"}\""),
        ("[1, 2", "<string>:1:6: expected \",\" or \"]\""),
        ("[1, 2,]", "<string>:1:7: expected a value"),
        ("{\"a\": 1,}", "<string>:1:9: expected a string key"),
        ("{a: 1}", "<string>:1:2: expected a string key or \"}\""),
        ("{\"a\" 1}", "<string>:1:6: expected \":\""),
        ("", "<string>:1:1: expected a value"),
        ("   \n  ", "<string>:2:3: expected a value"),
        ("[1] x", "<string>:1:5: unexpected text after the JSON value"),
        ("[01]", "<string>:1:2: invalid number \"01\": leading zero"),
        ("[1.]", "<string>:1:2: invalid number \"1.\": expected a digit after \".\""),
        ("[-]", "<string>:1:2: invalid number \"-\": expected a digit"),
        ("[1e]", "<string>:1:2: invalid number \"1e\": expected a digit in the exponent"),
        ("[+1]", "<string>:1:2: invalid number \"+1\": a JSON number does not start with \"+\""),
        ("[.5]", "<string>:1:2: invalid number \".5\": expected a digit"),
        ("[1-2]", "<string>:1:2: invalid number \"1-2\": unexpected \"-\""),
        ("[NaN]", "<string>:1:2: invalid literal \"NaN\" (JSON has true, false and null)"),
        ("[True]", "<string>:1:2: invalid literal \"True\" (JSON has true, false and null)"),
        ("[\"abc", "<string>:1:2: unterminated string"),
        ("[\"a\nb\"]", "<string>:1:2: unterminated string (line break before the closing quote)"),
        ("[\"a\\qb\"]", "<string>:1:4: invalid escape \"\\q\""),
        ("[\"\\u12\"]", "<string>:1:3: invalid escape: \"\\u\" needs four hexadecimal digits"),
        ("[\"\\ud800x\"]", "<string>:1:3: invalid escape \"\\uD800\": unpaired surrogate"),
        ("[\"a\tb\"]", "<string>:1:4: control character U+0009 in a string (write it as an escape)"),
        ("@", "<string>:1:1: expected a value"),
    ])
    func invalidJSON(text: String, message: String) {
        let error = thrownSpecError { _ = try JSONValue(parsing: text) }
        #expect(error?.description == message)
        #expect(error?.field == "")
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "[", count: 100_000)
        let error = thrownSpecError { _ = try JSONValue(parsing: text) }
        #expect(error?.description == "<string>:1:513: nesting deeper than 512 levels")
        let fine = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try JSONValue(parsing: fine) }
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let value = try JSONValue(parsing: "\u{FEFF}[1]")
        #expect(value.location.column == 1)
    }
}
