import Foundation
import Network

/// The files `gradgen emit swift` writes: the network's file and the support files it needs.
public struct GeneratedSwiftFiles {
    /// File names and contents, the network's file first.
    public let files: [(name: String, text: String)]

    /// Generates the network file `fileName` for `spec`, with its support files.
    public init(spec: NetworkSpec, options: SwiftEmitter.Options, fileName: String, templates: TemplateLibrary) throws {
        let emitter = SwiftEmitter(derivation: Derivation(spec: spec), options: options)
        let network = (name: fileName, text: try emitter.source(templates: templates))
        let exact = options.exactFlavour && emitter.isRational
        files = [network] + (try SwiftEmitter.supportFiles(templates: templates, exact: exact))
    }

    /// Writes every file into `folder`, each to a temporary file first and then moved into
    /// place, so that a failure leaves no half-written file.
    public func write(to folder: URL) throws {
        for file in files {
            try AtomicFile.write(file.text, to: folder.appendingPathComponent(file.name))
        }
    }
}

/// Writing a file so that readers see the old content or the new, never a part.
public enum AtomicFile {
    /// Writes `text` to a temporary file beside `url`, then renames it over `url` (rename is
    /// atomic within a folder).
    /// - Throws: `OutputError` naming the path.
    public static func write(_ text: String, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw OutputError(path: url.path, reason: "no such folder \"\(folder.path)\"")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8)) else {
            throw OutputError(path: url.path, reason: "cannot create a file in \"\(folder.path)\"")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw OutputError(path: url.path, reason: reason)
        }
    }
}

/// A file that could not be written.
public struct OutputError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "cannot write \"\(path)\": \(reason)" }
}

/// Swift identifiers for generated types.
public enum SwiftIdentifier {
    /// True for a plain identifier: a letter or underscore, then letters, digits, underscores.
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
            && !["Type", "Self", "Any", "Protocol"].contains(name)
    }

    /// `reference_relu.swift` → `ReferenceRelu`, `Net.swift` → `Net`.
    public static func typeName(fromFile path: String) -> String {
        let base = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let words = base.split { !($0.isLetter || $0.isNumber) }
        let name = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        if let first = name.first, first.isLetter { return name }
        return "Network" + name
    }
}
