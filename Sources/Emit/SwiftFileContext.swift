import Foundation
import NetworkModel
import Symbolic

/// What every generated Swift file's template says about its network, computed once for
/// the unrolled and the loop emitters alike: the header, the parameters, and what the public
/// API that both forms share needs of the network (rendered from
/// `Templates/swift/NetworkAPI.swift.mustache` and `NetworkExtensions.swift.mustache`; the entry
/// points themselves are `Gradgen.Network`'s, in the runtime), so that user code compiles
/// against either form.
enum SwiftFileContext {
    /// The header line, the parameters, the sizes and the shared API, as template values.
    static func common(spec: NetworkSpec, typeName: String, command: String, scalar: CodeScalar, templates: TemplateLibrary) throws -> [String: Any] {
        var context = values(spec: spec, typeName: typeName, command: command, scalar: scalar)
        // Without its last line break: the form's template puts the block on a line of its own.
        var api = try templates.render("swift/NetworkAPI.swift.mustache", context)
        if api.hasSuffix("\n") { api.removeLast() }
        context["api"] = api
        context["extensions"] = try templates.render("swift/NetworkExtensions.swift.mustache", context)
        return context
    }

    private static func values(spec: NetworkSpec, typeName: String, command: String, scalar: CodeScalar) -> [String: Any] {
        let parameters = spec.parameters
        let names = parameters.map(\.name)
        let type = scalar.rawValue
        return [
            "command": command,
            "scalar": type,
            "network": "\(spec.sizes.map(String.init).joined(separator: "-")), activations "
                + spec.layers.map(\.activation.displayName).joined(separator: ", "),
            "loss": spec.loss.formula,
            "lossName": spec.loss.name,
            "softmax": spec.loss == .softmaxCrossEntropy,
            "firstColumns": String(spec.inputSize),
            "typeName": typeName,
            "sizes": spec.sizes.map(String.init).joined(separator: ", "),
            "inputSize": String(spec.inputSize),
            "outputSize": String(spec.outputSize),
            "outputLayer": String(spec.layers.count + 1),
            "widest": String(spec.sizes.max() ?? 1),
            "parameters": parameters.enumerated().map { index, parameter in
                [
                    "name": parameter.name,
                    "count": String(parameter.rowCount * parameter.columnCount),
                    "shape": parameter.kind == .weights ? "\(parameter.rowCount)×\(parameter.columnCount), row-major" : "\(parameter.rowCount) values",
                    "requirement": parameter.kind == .weights
                        ? "\(parameter.rowCount * parameter.columnCount) values (\(parameter.rowCount)×\(parameter.columnCount), row-major)"
                        : "\(parameter.rowCount) values",
                    "summary": parameter.kind == .weights
                        ? "W\(parameter.layer): \(parameter.rowCount)×\(parameter.columnCount), row-major."
                        : "b\(parameter.layer): \(parameter.rowCount) values.",
                    "last": index == parameters.count - 1,
                ] as [String: Any]
            },
            "parameterCount": String(parameters.map { $0.rowCount * $0.columnCount }.reduce(0, +)),
            "parameterArguments": names.map { "\($0): [Scalar]" }.joined(separator: ", "),
            "parameterPaths": names.map { "\\.\($0)" }.joined(separator: ", "),
            "zeroArguments": parameters.map { "\($0.name): [\(type)](repeating: 0, count: \($0.rowCount * $0.columnCount))" }.joined(separator: ", "),
            "randomArguments": parameters.map { $0.kind == .weights ? "\($0.name): \($0.name)" : "\($0.name): [\(type)](repeating: 0, count: \($0.rowCount))" }.joined(separator: ", "),
            "initLayers": initialization(spec),
            // Raw string literals: a spec's JSON has quotes and no "#.
            "specActivations": spec.layers.map { "#\"" + NetworkSpec.json($0.activation) + "\"#" }.joined(separator: ", "),
            "predictLines": predictLines(spec, scalar: scalar),
        ]
    }

    /// Each weight matrix's random scale: He's for ReLU-like layers, Glorot's otherwise.
    private static func initialization(_ spec: NetworkSpec) -> [[String: String]] {
        spec.layers.enumerated().map { index, layer in
            let (fanIn, fanOut) = (spec.sizes[index], spec.sizes[index + 1])
            let he = layer.activation.prefersHeInitialization
            let limit = (6 / Double(he ? fanIn : fanIn + fanOut)).squareRoot()
            return [
                "layer": String(index + 1),
                "count": String(fanIn * fanOut),
                "limit": "\(limit)",
                "rule": he ? "He: √(6 / \(fanIn)), \(layer.activation.name)" : "Glorot: √(6 / (\(fanIn) + \(fanOut))), \(layer.activation.name)",
            ]
        }
    }

    /// The forward pass of one sample for `predict`, from `input` to `output`: per layer
    /// z = W a + b into one scratch vector, then f applied in place, f printed from its Symbolic
    /// expression; the last layer writes into `output`.
    private static func predictLines(_ spec: NetworkSpec, scalar: CodeScalar) -> [String] {
        let n = spec.sizes
        let count = spec.layers.count
        var lines: [String] = []
        // Hidden layers alternate between two scratch vectors, a and b.
        if count >= 3 {
            lines.append("let a = workspace.predictionScratch, b = a + \(n.max() ?? 1)")
        } else if count == 2 {
            lines.append("let a = workspace.predictionScratch")
        }
        for (index, layer) in spec.layers.enumerated() {
            let l = index + 1
            let from = l == 1 ? "input" : (l % 2 == 0 ? "a" : "b")
            let to = l == count ? "output" : (l % 2 == 1 ? "a" : "b")
            lines.append("Gradgen.affine(p.W\(l), p.b\(l), \(from), rows: \(n[l]), columns: \(n[l - 1]), into: \(to))")
            if let value = ActivationCode.value(layer.activation, of: "z", scalar: scalar) {
                lines.append("for i in 0..<\(n[l]) { let z = \(to)[i]; \(to)[i] = \(value) }")
            }
        }
        if spec.loss == .softmaxCrossEntropy {
            lines.append("Gradgen.softmax(output, count: \(n[count]))")
        }
        return lines
    }
}

/// Activations as Swift expressions over `Double` or `Float`, printed from their Symbolic
/// expressions so that generated code and the derivation share one definition of every f.
enum ActivationCode {
    /// f(`argument`) for a variable of type `scalar` named `argument`; nil for the identity.
    static func value(_ activation: Activation, of argument: String, scalar: CodeScalar) -> String? {
        if activation == .identity { return nil }
        let arena = ExpressionArena()
        let z = arena.symbol(argument, latex: argument)
        return SwiftPrinter(arena: arena, style: SwiftStyle(scalar: scalar.literalStyle)).string(Derivation.activate(activation, z, in: arena))
    }
}
