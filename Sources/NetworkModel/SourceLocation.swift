/// A place in a spec's JSON text, so that an error can point at the line a user must fix.
///
/// Lines and columns start at 1. A column counts Unicode scalars from the start of its line
/// (a tab is one column), which is what editors that count characters show for the text
/// specs are written in. A line break is LF, CR LF or a lone CR.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The name of the text: a file path as given, or a name such as `<string>`.
    public var source: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, in Unicode scalars.
    public var column: Int

    /// A place in `source`, both counts from 1.
    public init(source: String, line: Int, column: Int) {
        self.source = source
        self.line = line
        self.column = column
    }

    /// `spec.json:3:14`, the form compilers use, so editors and terminals can jump to it.
    public var description: String { "\(source):\(line):\(column)" }
}
