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

    /// Writes several files all or nothing: every text goes to a temporary file beside its
    /// target first, and only when all of them are written are they renamed into place.
    /// Missing folders are created (and removed again when the write fails).
    /// - Throws: `OutputFileError` naming the first path that cannot be written.
    public static func writeAll(_ files: [(path: String, text: String)]) throws {
        let createdFolders = try prepare(files.map(\.path))
        var temporaries: [(temporary: URL, target: String)] = []
        do {
            for file in files {
                let url = URL(fileURLWithPath: file.path)
                let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
                do {
                    try Data(file.text.utf8).write(to: temporary, options: [.withoutOverwriting])
                } catch {
                    throw OutputFileError(path: file.path, message: "cannot write: \(error.localizedDescription)")
                }
                temporaries.append((temporary, file.path))
            }
            for (temporary, target) in temporaries {
                guard rename(temporary.path, target) == 0 else {
                    throw OutputFileError(path: target, message: "cannot replace the file: \(String(cString: strerror(errno)))")
                }
            }
        } catch {
            for (temporary, _) in temporaries { try? FileManager.default.removeItem(at: temporary) }
            for folder in createdFolders.reversed() { try? FileManager.default.removeItem(atPath: folder) }
            throw error
        }
    }

    /// Checks, before any work is done, that `paths` can be written: creates their missing
    /// folders and refuses a path that is a folder or a folder that is not writable. Returns the
    /// folders it created, outermost first.
    /// - Throws: `OutputFileError` naming the path.
    @discardableResult
    public static func prepare(_ paths: [String]) throws -> [String] {
        var created: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isFolder: ObjCBool = false
            if manager.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                throw OutputFileError(path: path, message: "is a folder, not a file")
            }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            var missing: [String] = []
            var next = folder
            while !manager.fileExists(atPath: next.path, isDirectory: &isFolder) {
                missing.insert(next.path, at: 0)
                next = next.deletingLastPathComponent()
            }
            if !isFolder.boolValue {
                throw OutputFileError(path: path, message: "\(next.path) is a file, not a folder")
            }
            for folder in missing {
                do {
                    try manager.createDirectory(atPath: folder, withIntermediateDirectories: false)
                } catch {
                    throw OutputFileError(path: path, message: "cannot create the folder \(folder)")
                }
                created.append(folder)
            }
            guard access(folder.path, W_OK) == 0 else {
                throw OutputFileError(path: path, message: "the folder is not writable")
            }
        }
        return created
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
    /// The file, as given.
    public let path: String
    /// What went wrong.
    public let message: String
    /// `path: message`, one line.
    public var description: String { "\(path): \(message)" }
}
