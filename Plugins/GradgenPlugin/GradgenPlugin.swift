import Foundation
import PackagePlugin

/// Generates Swift at build time from every `*.gradgen.json` spec in a target's sources.
///
/// `Name.gradgen.json` becomes `Name.swift` with the type `Name` (form chosen by gradgen's
/// `--form auto`, in `Double`); `Name.loops.gradgen.json` and `Name.unrolled.gradgen.json`
/// choose the form, `Name.float.gradgen.json` the scalar `Float` (`--scalar Float`), and the two
/// combine in either order (`Name.loops.float.gradgen.json`).
/// The runtime every network file shares, `Gradgen.swift`, is written once per target. Each spec
/// is its own build command, so editing one regenerates only its file. A bad spec fails the
/// build with gradgen's message as a diagnostic at the spec's line and column.
@main
struct GradgenPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let sourceTarget = target as? SourceModuleTarget else { return [] }
        let specs = sourceTarget.sourceFiles.map(\.url).filter { $0.lastPathComponent.hasSuffix(Self.suffix) }
            .sorted { $0.path < $1.path }
        guard !specs.isEmpty else { return [] }
        let gradgen = try context.tool(named: "gradgen").url
        let output = context.pluginWorkDirectoryURL
        let runtime = output.appendingPathComponent("Gradgen.swift")
        var commands: [Command] = [
            .buildCommand(
                displayName: "gradgen: the runtime of \(target.name)",
                executable: gradgen,
                arguments: ["emit", "runtime", "-o", runtime.path],
                inputFiles: [],
                outputFiles: [runtime]
            ),
        ]
        for spec in specs {
            let (name, form, scalar) = Self.nameAndOptions(spec.lastPathComponent)
            let file = output.appendingPathComponent("\(name).swift")
            commands.append(.buildCommand(
                displayName: "gradgen: \(spec.lastPathComponent) → \(name).swift",
                executable: gradgen,
                arguments: ["emit", "swift", spec.path, "-o", file.path, "--name", name, "--form", form,
                            "--scalar", scalar, "--no-exact", "--no-runtime", "--diagnostic-style", "compiler"],
                inputFiles: [spec],
                outputFiles: [file]
            ))
        }
        return commands
    }

    static let suffix = ".gradgen.json"

    /// `Net.gradgen.json` → (Net, auto, Double); `Net.loops.gradgen.json` → (Net, loops, Double);
    /// `Net.float.gradgen.json` → (Net, auto, Float); `Net.loops.float.gradgen.json` → (Net, loops, Float).
    static func nameAndOptions(_ fileName: String) -> (name: String, form: String, scalar: String) {
        var stem = String(fileName.dropLast(suffix.count))
        var form = "auto", scalar = "Double"
        // Each marker at most once, in either order.
        for _ in 0..<2 {
            if let marker = ["loops", "unrolled"].first(where: { stem.hasSuffix(".\($0)") }), form == "auto" {
                form = marker
                stem.removeLast(marker.count + 1)
            } else if stem.hasSuffix(".float"), scalar == "Double" {
                scalar = "Float"
                stem.removeLast(".float".count)
            }
        }
        return (stem, form, scalar)
    }
}
