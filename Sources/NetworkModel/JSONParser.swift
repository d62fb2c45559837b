/// A recursive-descent JSON parser over Unicode scalars that tracks line and column.
///
/// It exists because Foundation's parsers turn numbers into `Double`; this one keeps each
/// number's text. It never traps: every malformed input, including nesting deeper than
/// `JSONValue.maximumDepth`, is a `SpecError` at the place of the problem.
struct JSONParser {
    private let scalars: [Unicode.Scalar]
    private let sourceName: String
    private var index = 0
    private var line = 1
    private var column = 1
    private var depth = 0

    init(_ text: String, sourceName: String) {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        self.scalars = scalars
        self.sourceName = sourceName
    }

    mutating func parseDocument() throws -> JSONValue {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if index < scalars.count { throw failure("unexpected text after the JSON value") }
        return value
    }

    // MARK: Position

    private var location: SourceLocation { SourceLocation(source: sourceName, line: line, column: column) }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    /// Moves past one scalar that is not a line break.
    private mutating func advance() {
        index += 1
        column += 1
    }

    private mutating func skipWhitespace() {
        while let scalar = current {
            switch scalar {
            case " ", "\t":
                advance()
            case "\n":
                index += 1
                line += 1
                column = 1
            case "\r":
                index += 1
                if current == "\n" { index += 1 }
                line += 1
                column = 1
            default:
                return
            }
        }
    }

    private func failure(_ message: String, at location: SourceLocation? = nil) -> SpecError {
        SpecError(field: "", message: message, location: location ?? self.location)
    }

    // MARK: Values

    private mutating func parseValue() throws -> JSONValue {
        let start = location
        guard let scalar = current else { throw failure("expected a value") }
        switch scalar {
        case "{": return try parseObject()
        case "[": return try parseArray()
        case "\"": return JSONValue(.string(try parseString()), at: start)
        case "-", "+", ".", "0"..."9": return JSONValue(.number(try parseNumber()), at: start)
        case "a"..."z", "A"..."Z": return JSONValue(try parseLiteral(), at: start)
        default: throw failure("expected a value")
        }
    }

    private mutating func enterContainer() throws {
        depth += 1
        if depth > JSONValue.maximumDepth {
            throw failure("nesting deeper than \(JSONValue.maximumDepth) levels")
        }
    }

    private mutating func parseObject() throws -> JSONValue {
        let start = location
        try enterContainer()
        advance()  // {
        var members: [JSONMember] = []
        skipWhitespace()
        if current == "}" {
            advance()
            depth -= 1
            return JSONValue(.object(members), at: start)
        }
        while true {
            skipWhitespace()
            guard current == "\"" else {
                throw failure(members.isEmpty ? "expected a string key or \"}\"" : "expected a string key")
            }
            let keyLocation = location
            let key = try parseString()
            skipWhitespace()
            guard current == ":" else { throw failure("expected \":\"") }
            advance()
            skipWhitespace()
            let value = try parseValue()
            members.append(JSONMember(key: key, keyLocation: keyLocation, value: value))
            skipWhitespace()
            switch current {
            case ",":
                advance()
            case "}":
                advance()
                depth -= 1
                return JSONValue(.object(members), at: start)
            default:
                throw failure("expected \",\" or \"}\"")
            }
        }
    }

    private mutating func parseArray() throws -> JSONValue {
        let start = location
        try enterContainer()
        advance()  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == "]" {
            advance()
            depth -= 1
            return JSONValue(.array(elements), at: start)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            switch current {
            case ",":
                advance()
            case "]":
                advance()
                depth -= 1
                return JSONValue(.array(elements), at: start)
            default:
                throw failure("expected \",\" or \"]\"")
            }
        }
    }

    /// `true`, `false`, `null`; any other word (`True`, `NaN`, `Infinity`) is an error.
    private mutating func parseLiteral() throws -> JSONValue.Kind {
        let start = location
        var word = ""
        while let scalar = current, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" {
            word.unicodeScalars.append(scalar)
            advance()
        }
        switch word {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default: throw failure("invalid literal \"\(word)\" (JSON has true, false and null)", at: start)
        }
    }

    // MARK: Numbers

    /// Scans the longest run of number characters, then checks it against JSON's grammar
    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` so the error can quote the whole text.
    private mutating func parseNumber() throws -> String {
        let start = location
        var text = ""
        while let scalar = current, "0123456789+-.eE".unicodeScalars.contains(scalar) {
            text.unicodeScalars.append(scalar)
            advance()
        }
        if let problem = Self.numberSyntaxProblem(Array(text.utf8)) {
            throw failure("invalid number \"\(text)\": \(problem)", at: start)
        }
        return text
    }

    /// Why `bytes` is not a JSON number, or nil when it is one.
    static func numberSyntaxProblem(_ bytes: [UInt8]) -> String? {
        var i = 0
        func isDigit(_ k: Int) -> Bool { k < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[k]) }
        if i < bytes.count, bytes[i] == UInt8(ascii: "+") { return "a JSON number does not start with \"+\"" }
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard isDigit(i) else { return "expected a digit" }
        if bytes[i] == UInt8(ascii: "0"), isDigit(i + 1) { return "leading zero" }
        while isDigit(i) { i += 1 }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { return "expected a digit after \".\"" }
            while isDigit(i) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard isDigit(i) else { return "expected a digit in the exponent" }
            while isDigit(i) { i += 1 }
        }
        if i < bytes.count { return "unexpected \"\(Character(Unicode.Scalar(bytes[i])))\"" }
        return nil
    }

    // MARK: Strings

    private mutating func parseString() throws -> String {
        let start = location
        advance()  // opening quote
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = current else { throw failure("unterminated string", at: start) }
            switch scalar {
            case "\"":
                advance()
                return String(result)
            case "\\":
                result.append(try parseEscape())
            case "\n", "\r":
                throw failure("unterminated string (line break before the closing quote)", at: start)
            default:
                if scalar.value < 0x20 {
                    throw failure("control character U+\(Self.hex4(scalar.value)) in a string (write it as an escape)")
                }
                result.append(scalar)
                advance()
            }
        }
    }

    private mutating func parseEscape() throws -> Unicode.Scalar {
        let start = location
        advance()  // backslash
        guard let scalar = current else { throw failure("unterminated string", at: start) }
        advance()
        switch scalar {
        case "\"": return "\""
        case "\\": return "\\"
        case "/": return "/"
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "u":
            let high = try parseHex4(escapeStart: start)
            if (0xDC00...0xDFFF).contains(high) {
                throw failure("invalid escape \"\\u\(Self.hex4(high))\": unpaired surrogate", at: start)
            }
            if (0xD800...0xDBFF).contains(high) {
                guard current == "\\", index + 1 < scalars.count, scalars[index + 1] == "u" else {
                    throw failure("invalid escape \"\\u\(Self.hex4(high))\": unpaired surrogate", at: start)
                }
                advance()
                advance()
                let low = try parseHex4(escapeStart: start)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw failure("invalid escape \"\\u\(Self.hex4(high))\": unpaired surrogate", at: start)
                }
                let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                // Always valid: the range is U+10000...U+10FFFF.
                return Unicode.Scalar(value) ?? "\u{FFFD}"
            }
            return Unicode.Scalar(high) ?? "\u{FFFD}"
        default:
            throw failure("invalid escape \"\\\(scalar)\"", at: start)
        }
    }

    private mutating func parseHex4(escapeStart: SourceLocation) throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let scalar = current, let digit = Self.hexDigitValue(scalar) else {
                throw failure("invalid escape: \"\\u\" needs four hexadecimal digits", at: escapeStart)
            }
            value = value * 16 + digit
            advance()
        }
        return value
    }

    private static func hexDigitValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": return scalar.value - 0x30
        case "a"..."f": return scalar.value - 0x61 + 10
        case "A"..."F": return scalar.value - 0x41 + 10
        default: return nil
        }
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
