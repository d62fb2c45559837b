import Foundation
import NetworkModel

/// Which kind of code to generate.
public enum CodeForm: String, Sendable, CaseIterable {
    /// Straight-line code from the symbolic gradient's schedule: the fastest for small networks,
    /// and the exact flavour; compile time grows quickly with width.
    case unrolled
    /// Loops over the matrix form (`LoopEmitter`): small code for wide networks, `Double` only.
    case loops

    /// The most weights (Σ n_l·n_(l−1)) for which `automatic` unrolls: (10,10,10) has 200 and
    /// compiles in 6 s with -O, (30,30,10) has 1,200 and takes 69 s.
    public static let defaultUnrollLimit = 600

    /// Unrolled up to `unrollLimit` weights, loops beyond.
    public static func automatic(for spec: NetworkSpec, unrollLimit: Int = defaultUnrollLimit) -> CodeForm {
        let weights = spec.parameters.filter { $0.kind == .weights }.map { $0.rowCount * $0.columnCount }.reduce(0, +)
        return weights > unrollLimit ? .loops : .unrolled
    }
}

/// The files `gradgen emit swift` writes: the network's file and the support files it needs.
public struct GeneratedSwiftFiles {
    /// File names and contents, the network's file first.
    public let files: [(name: String, text: String)]

    /// Generates the network file `fileName` for `spec` in `form`, with its support files.
    public init(spec: NetworkSpec, options: SwiftEmitter.Options, fileName: String, templates: TemplateLibrary, form: CodeForm) throws {
        switch form {
        case .unrolled:
            let emitter = SwiftEmitter(derivation: Derivation(spec: spec), options: options)
            let network = (name: fileName, text: try emitter.source(templates: templates))
            let exact = options.exactFlavour && emitter.isRational
            files = [network] + (try SwiftEmitter.supportFiles(templates: templates, exact: exact))
        case .loops:
            let emitter = LoopEmitter(spec: spec, typeName: options.typeName, command: options.command)
            files = [
                (name: fileName, text: try emitter.source(templates: templates)),
                (name: "GradgenLoops.swift", text: try templates.render("swift/GradgenLoops.swift.mustache", [:])),
            ] + (try SwiftEmitter.supportFiles(templates: templates, exact: false))
        }
    }

    /// Writes every file into `folder` (a path as the user gave it; "" is the current
    /// folder), each whole or not at all.
    public func write(toFolder folder: String) throws {
        for file in files {
            try OutputFile.write(file.text, to: folder.isEmpty ? file.name : (folder as NSString).appendingPathComponent(file.name))
        }
    }
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
