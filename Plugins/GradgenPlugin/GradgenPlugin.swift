import Foundation
import PackagePlugin

/// Generates Swift at build time from every `*.gradgen.json` spec in a target's sources.
///
/// `Name.gradgen.json` becomes `Name.swift` with the type `Name` (form chosen by gradgen's
/// `--form auto`); `Name.loops.gradgen.json` and `Name.unrolled.gradgen.json` choose the form.
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
            let (name, form) = Self.nameAndForm(spec.lastPathComponent)
            let file = output.appendingPathComponent("\(name).swift")
            commands.append(.buildCommand(
                displayName: "gradgen: \(spec.lastPathComponent) → \(name).swift",
                executable: gradgen,
                arguments: ["emit", "swift", spec.path, "-o", file.path, "--name", name, "--form", form,
                            "--no-exact", "--no-runtime", "--diagnostic-style", "compiler"],
                inputFiles: [spec],
                outputFiles: [file]
            ))
        }
        return commands
    }

    static let suffix = ".gradgen.json"

    /// `Net.gradgen.json` → (Net, auto); `Net.loops.gradgen.json` → (Net, loops).
    static func nameAndForm(_ fileName: String) -> (name: String, form: String) {
        let stem = String(fileName.dropLast(suffix.count))
        for form in ["loops", "unrolled"] where stem.hasSuffix(".\(form)") {
            return (String(stem.dropLast(form.count + 1)), form)
        }
        return (stem, "auto")
    }
}
