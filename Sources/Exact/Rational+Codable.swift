extension Rational: Codable {
    /// Decodes from exact text ("29/2", "0.1"); a JSON number would already have passed
    /// through `Double`, so only strings are accepted.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try Rational(parsing: text)
        } catch let error as RationalParseError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes as its plain text, e.g. "29/2".
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
