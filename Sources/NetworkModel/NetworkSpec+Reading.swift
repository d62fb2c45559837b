import Foundation

/// Reading a spec from JSON text or a file. Foundation is used only to read the file's bytes;
/// values are parsed by `JSONValue` and `Rational(parsing:)`, never through `Double`.
extension NetworkSpec {
    /// The spec written in `text` (format: SPEC.md).
    ///
    /// - Parameter sourceName: how error locations name the text, e.g. `<stdin>`.
    /// - Throws: `SpecError`, e.g. `<string>:3:14: expected "," or "}"` for invalid JSON or
    ///   `<string>:5:12: layers[1].W: expected 2×3, got 2×2` for an invalid spec.
    public init(json text: String, sourceName: String = "<string>") throws {
        let document = try JSONValue(parsing: text, sourceName: sourceName)
        var decoder = SpecDecoder()
        self = try decoder.decode(document)
    }

    /// The spec in the file at `path`; errors are located as `path:line:column`.
    ///
    /// - Throws: `SpecError`; a file that is missing, a directory, unreadable or not UTF-8
    ///   gives a message naming the path, e.g. `cannot read spec file "net.json": no such file`.
    public init(contentsOfFile path: String) throws {
        self = try NetworkSpec(json: Self.readText(atPath: path), sourceName: path)
    }

    static func readText(atPath path: String) throws -> String {
        func failure(_ reason: String) -> SpecError {
            SpecError(field: "", message: "cannot read spec file \"\(path)\": \(reason)")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw failure("no such file")
        }
        if isDirectory.boolValue { throw failure("it is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw failure("permission denied or read error")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw failure("not valid UTF-8")
        }
        return text
    }
}
