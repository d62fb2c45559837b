import Exact

/// A JSON value as written, with where it was written.
///
/// Numbers keep their source text (`.number("0.1")`) instead of becoming `Double`: a spec's
/// values are exact, so "0.1" must reach `Rational(parsing:)` as text and become 1/10.
/// Objects keep their members in source order, duplicates included, so the spec reader can
/// reject a duplicate key by name and nothing depends on `Dictionary` order.
///
/// Parse with `JSONValue(parsing:sourceName:)`; Foundation's `JSONSerialization` and
/// `JSONDecoder` are not used because they read numbers through `Double`.
public struct JSONValue: Sendable, Hashable {
    /// The value itself.
    public enum Kind: Sendable, Hashable {
        case null
        case bool(Bool)
        /// The number's source text, valid JSON number syntax, e.g. `-1.5e-3`.
        case number(String)
        case string(String)
        case array([JSONValue])
        /// Members in source order.
        case object([JSONMember])
    }

    public var kind: Kind
    /// Where the value starts in the text.
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// A short description of the value for error messages: `true`, `null`, `3`,
    /// `"abc"`, `an array`, `an object`.
    public var summary: String {
        switch kind {
        case .null: return "null"
        case let .bool(value): return value ? "true" : "false"
        case let .number(text): return MessageQuoting.shortened(text)
        case let .string(text): return MessageQuoting.quoted(text)
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// One `"key": value` member of a JSON object.
public struct JSONMember: Sendable, Hashable {
    public var key: String
    /// Where the key's opening quote is.
    public var keyLocation: SourceLocation
    public var value: JSONValue

    public init(key: String, keyLocation: SourceLocation, value: JSONValue) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}

extension JSONValue {
    /// The deepest nesting of arrays and objects accepted; deeper text is an error rather
    /// than a stack overflow.
    public static let maximumDepth = 512

    /// Parses JSON text (RFC 8259; a leading byte-order mark is skipped).
    ///
    /// - Parameter sourceName: how errors name the text, e.g. the file path.
    /// - Throws: `SpecError` with a location and no field, e.g.
    ///   `spec.json:3:14: expected "," or "}"`.
    public init(parsing text: String, sourceName: String = "<string>") throws {
        var parser = JSONParser(text, sourceName: sourceName)
        self = try parser.parseDocument()
    }
}
