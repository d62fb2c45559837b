import Foundation

/// Writes emitted files so that a reader never sees half of one: the text goes to a
/// temporary file in the same folder, which then replaces the target in one rename.
public enum OutputFile {
    /// Writes `text` to `path` atomically.
    /// - Throws: `OutputFileError` naming the path (a missing folder, no permission).
    public static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            let given = (path as NSString).deletingLastPathComponent
            throw OutputFileError(path: path, message: "no such folder: \(given.isEmpty ? "." : given)")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try Data(text.utf8).write(to: temporary, options: [.withoutOverwriting])
            guard rename(temporary.path, url.path) == 0 else {
                throw OutputFileError(path: path, message: "cannot replace the file: \(String(cString: strerror(errno)))")
            }
        } catch let error as OutputFileError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw OutputFileError(path: path, message: "cannot write: \(error.localizedDescription)")
        }
    }

    /// Writes several files all or nothing: every text goes to a temporary file first, and
    /// only when all are written are they renamed into place.
    /// - Throws: `OutputFileError` naming the first path that could not be written; then no
    ///   target has changed.
    public static func writeAll(_ files: [(path: String, text: String)]) throws {
        var written: [(temporary: String, path: String)] = []
        for (path, text) in files {
            let url = URL(fileURLWithPath: path)
            let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).part")
            do {
                try write(text, to: temporary.path)
            } catch let error as OutputFileError {
                for file in written { try? FileManager.default.removeItem(atPath: file.temporary) }
                let message = error.message.replacingOccurrences(of: temporary.deletingLastPathComponent().path, with: (path as NSString).deletingLastPathComponent)
                throw OutputFileError(path: path, message: message)
            }
            written.append((temporary.path, path))
        }
        for file in written { try move(file.temporary, to: file.path) }
    }

    /// Moves `source` onto `destination` in one step (same file system) or by copy then rename.
    public static func move(_ source: String, to destination: String) throws {
        if rename(source, destination) == 0 { return }
        let data = try Data(contentsOf: URL(fileURLWithPath: source))
        let folder = URL(fileURLWithPath: destination).deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            throw OutputFileError(path: destination, message: "cannot write: \(error.localizedDescription)")
        }
        guard rename(temporary.path, destination) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw OutputFileError(path: destination, message: "cannot replace the file")
        }
    }
}

/// A file that could not be written, with its path.
public struct OutputFileError: Error, CustomStringConvertible {
    public let path: String
    public let message: String
    public var description: String { "\(path): \(message)" }
}
