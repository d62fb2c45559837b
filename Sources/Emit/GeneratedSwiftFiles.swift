import Foundation
import Exact
import NetworkModel

/// Which kind of code to generate.
public enum CodeForm: String, Sendable, CaseIterable {
    /// Straight-line code from the symbolic gradient's schedule: the fastest for small networks,
    /// and the exact flavour; compile time grows quickly with width.
    case unrolled
    /// Loops over the matrix form (`LoopEmitter`): small code for wide networks.
    case loops

    /// The most weights (Σ n_l·n_(l−1)) for which `automatic` unrolls, measured with
    /// Benchmarks/form-threshold: up to (4,8,4), 64 weights, unrolled code builds about as fast as
    /// loops and runs single samples as fast or faster; from (8,8,8), 128 weights, loop code runs
    /// both single samples and batches faster and builds faster (see the README).
    public static let defaultUnrollLimit = 100

    /// Unrolled up to `unrollLimit` weights, loops beyond.
    public static func automatic(for spec: NetworkSpec, unrollLimit: Int = defaultUnrollLimit) -> CodeForm {
        let weights = spec.parameters.filter { $0.kind == .weights }.map { $0.rowCount * $0.columnCount }.reduce(0, +)
        return weights > unrollLimit ? .loops : .unrolled
    }
}

/// The floating-point type of generated code: its parameters, gradients, workspaces and
/// kernels. The API is the same for both, with one type in place of the other.
public enum CodeScalar: String, Sendable, CaseIterable {
    /// IEEE 754 binary64, the default.
    case double = "Double"
    /// IEEE 754 binary32: half the memory and twice the vector lanes, with a unit roundoff of
    /// 2⁻²⁴ instead of 2⁻⁵³.
    case float = "Float"

    /// How the Swift printer writes this type's literals (each rounded once from the exact value).
    public var literalStyle: SwiftScalarStyle {
        switch self {
        case .double: .double
        case .float: .float
        }
    }
}

/// The files `gradgen emit swift` writes: the network's file and the runtime it needs.
public struct GeneratedSwiftFiles {
    /// The runtime's file name: one per module, shared by every network file in it.
    public static let runtimeFileName = "Gradgen.swift"
    /// The exact flavour's file name: `Rational` as a scalar of unrolled code.
    public static let exactRuntimeFileName = "Gradgen+Rational.swift"

    /// File names and contents, the network's file first.
    public let files: [(name: String, text: String)]
    /// True when the exact flavour was asked for a rational network but left out: a constant
    /// (a leaky-ReLU slope of 1e30) does not fit its machine-integer fractions.
    public let exactFlavourLeftOut: Bool

    /// Generates the network file `fileName` for `spec` in `form`, with (unless
    /// `includeRuntime` is false) the runtime files it needs.
    public init(spec: NetworkSpec, options: SwiftEmitter.Options, fileName: String, templates: TemplateLibrary, form: CodeForm, includeRuntime: Bool = true) throws {
        let network: String
        var exact = false
        var leftOut = false
        switch form {
        case .unrolled:
            let emitter = SwiftEmitter(derivation: Derivation(spec: spec), options: options)
            network = try emitter.source(templates: templates)
            exact = emitter.hasExactFlavour
            leftOut = options.exactFlavour && emitter.isRational && !exact
        case .loops:
            network = try LoopEmitter(spec: spec, typeName: options.typeName, command: options.command, scalar: options.scalar).source(templates: templates)
        }
        files = [(name: fileName, text: network)] + (includeRuntime ? try Self.runtime(templates: templates, exact: exact) : [])
        exactFlavourLeftOut = leftOut
    }

    /// The runtime: `Gradgen.swift` (the namespace, the scalar protocol and functions of
    /// unrolled code, the training helpers, the API every network shares, minibatches on
    /// threads and the matrix kernels of loop code) and, with
    /// `exact`, `Gradgen+Rational.swift`. The same text for every network and form.
    public static func runtime(templates: TemplateLibrary, exact: Bool) throws -> [(name: String, text: String)] {
        let parts = try ["Header", "Support", "Training", "API", "Threads", "Kernels"].map { try templates.render("swift/runtime/\($0).swift.mustache", [:]) }
        var files = [(name: runtimeFileName, text: parts.joined())]
        if exact {
            files.append((name: exactRuntimeFileName, text: try templates.render("swift/runtime/Rational.swift.mustache", [:])))
        }
        return files
    }

    /// The paths the files go to in `folder` (a path as the user gave it; "" is the current folder).
    public func paths(inFolder folder: String) -> [String] { Self.paths(of: files, inFolder: folder) }

    /// Writes every file into `folder`, all or none, creating the folder when it is missing.
    public func write(toFolder folder: String) throws { try Self.write(files, toFolder: folder) }

    /// The paths `files` go to in `folder` ("" is the current folder).
    public static func paths(of files: [(name: String, text: String)], inFolder folder: String) -> [String] {
        files.map { folder.isEmpty ? $0.name : (folder as NSString).appendingPathComponent($0.name) }
    }

    /// Writes `files` into `folder`, all or none, creating the folder when it is missing.
    public static func write(_ files: [(name: String, text: String)], toFolder folder: String) throws {
        try OutputFile.writeAll(zip(paths(of: files, inFolder: folder), files).map { (path: $0, text: $1.text) })
    }
}

/// Swift identifiers for generated types.
public enum SwiftIdentifier {
    /// Swift's keywords, which cannot name a type without backquotes.
    static let keywords: Set<String> = [
        "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate", "func",
        "import", "init", "inout", "internal", "let", "nonisolated", "open", "operator", "package", "private",
        "precedencegroup", "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var",
        "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if",
        "in", "repeat", "return", "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil",
        "self", "Self", "super", "throws", "true", "try", "_", "Type", "Protocol",
    ]

    /// Names a generated type must not take: the standard library's types that the generated
    /// code uses (shadowing one breaks it), the runtime's namespace and the modules it imports.
    static let reserved: Set<String> = [
        "Double", "Float", "Int", "UInt", "Int64", "UInt64", "Int32", "Bool", "String", "Character", "Array",
        "ArraySlice", "Dictionary", "Set", "Optional", "Result", "Error", "Never", "Void", "AnyObject", "Sendable",
        "Codable", "Equatable", "Comparable", "Hashable", "SIMD", "SIMD4", "SIMD8", "SIMDMask",
        "UnsafePointer", "UnsafeMutablePointer", "UnsafeBufferPointer", "UnsafeMutableBufferPointer",
        "UnsafeRawPointer", "UnsafeMutableRawPointer", "WritableKeyPath", "RandomNumberGenerator",
        "Swift", "Glibc", "Darwin", "Foundation", "Gradgen", "Rational", "Exact", "GradgenKit",
    ]

    /// Why `name` cannot name a generated type, or nil when it can: it must be a plain
    /// identifier (a letter or underscore, then letters, digits, underscores), not a keyword,
    /// and not a name the generated code relies on.
    public static func problem(with name: String) -> String? {
        guard let first = name.unicodeScalars.first else { return "an empty name" }
        let plain = (first == "_" || first.properties.isAlphabetic)
            && name.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        if !plain { return "not a Swift identifier (a letter or _, then letters, digits or _)" }
        if keywords.contains(name) { return "a Swift keyword" }
        if reserved.contains(name) { return "a name the generated code uses (a standard type, a module or the runtime's namespace)" }
        return nil
    }

    /// True when `name` can name a generated type.
    public static func isValid(_ name: String) -> Bool { problem(with: name) == nil }

    /// `reference_relu.swift` → `ReferenceRelu`, `Net.swift` → `Net`.
    public static func typeName(fromFile path: String) -> String {
        let base = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let words = base.split { !($0.isLetter || $0.isNumber) }
        let name = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        if let first = name.first, first.isLetter { return name }
        return "Network" + name
    }
}
