/// Quoting user input in error messages without echoing all of it: a 10 MB activation name
/// must give one short line, not a 10 MB one.
public enum MessageQuoting {
    /// The longest input, in characters, shown whole.
    public static let limit = 40

    /// `text` in double quotes, shortened as by `shortened(_:)`: `"rrrr…" (10000000 characters)`.
    public static func quoted(_ text: String) -> String {
        let (shown, length) = cut(text)
        return "\"\(shown)\"" + (length.map { " (\($0) characters)" } ?? "")
    }

    /// `text` itself when short; else its first `limit` characters, an ellipsis and the
    /// length: `11111…1 (100001 characters)`.
    public static func shortened(_ text: String) -> String {
        let (shown, length) = cut(text)
        return shown + (length.map { " (\($0) characters)" } ?? "")
    }

    /// The text to show, and the full length when it was cut.
    private static func cut(_ text: String) -> (String, Int?) {
        // Counting UTF-8 bytes first keeps the common, short case cheap.
        guard text.utf8.count > limit else { return (text, nil) }
        let prefix = text.prefix(limit)
        guard prefix.endIndex < text.endIndex else { return (text, nil) }
        return (prefix + "…", text.count)
    }
}
