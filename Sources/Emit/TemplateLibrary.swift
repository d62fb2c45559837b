import Foundation
import Mustache

/// The templates the emitters fill: the package's `Templates/` folder, shipped with the
/// `Emit` module as a resource (so it is found from any working directory), or another
/// folder with the same file names (`--templates` on the command line).
///
/// Templates are Mustache with the delimiters switched to `<% %>` on their first line where
/// braces are part of the output (LaTeX, Swift), and `{{% CONTENT_TYPE: TEXT}}` so that
/// nothing is HTML-escaped.
public struct TemplateLibrary: Sendable {
    /// The folder the templates are read from.
    public let directory: URL

    /// Templates read from `directory` (a user's edited copies, or a test's).
    public init(directory: URL) { self.directory = directory }

    /// The templates shipped with gradgen.
    public static var bundled: TemplateLibrary {
        TemplateLibrary(directory: Bundle.module.resourceURL!.appendingPathComponent("Templates"))
    }

    /// Renders the template file `name` (relative to the folder) with `context`.
    /// - Throws: `TemplateError` naming the file when it is missing or malformed.
    public func render(_ name: String, _ context: [String: Any]) throws -> String {
        let file = directory.appendingPathComponent(name)
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw TemplateError(file: file.path, message: "cannot read the template")
        }
        do {
            return try MustacheTemplate(string: text).render(context)
        } catch {
            throw TemplateError(file: file.path, message: "invalid template: \(error)")
        }
    }
}

/// A template that could not be read or parsed.
public struct TemplateError: Error, CustomStringConvertible {
    /// The template's file name.
    public let file: String
    /// What went wrong.
    public let message: String
    /// `file: message`, one line.
    public var description: String { "\(file): \(message)" }
}
