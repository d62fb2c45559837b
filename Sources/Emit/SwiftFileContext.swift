import NetworkModel

/// What every generated Swift file's template says about its network, computed once for
/// the unrolled and the loop emitters alike.
enum SwiftFileContext {
    /// The header line, the parameters and the sizes, as template values.
    static func common(spec: NetworkSpec, typeName: String, command: String) -> [String: Any] {
        let parameters = spec.parameters
        return [
            "command": command,
            "network": "\(spec.sizes.map(String.init).joined(separator: "-")), activations "
                + spec.layers.map(\.activation.displayName).joined(separator: ", "),
            "loss": spec.loss.formula,
            "firstColumns": String(spec.inputSize),
            "typeName": typeName,
            "sizes": spec.sizes.map(String.init).joined(separator: ", "),
            "inputSize": String(spec.inputSize),
            "outputSize": String(spec.outputSize),
            "parameters": parameters.enumerated().map { index, parameter in
                [
                    "name": parameter.name,
                    "count": String(parameter.rowCount * parameter.columnCount),
                    "shape": parameter.kind == .weights ? "\(parameter.rowCount)×\(parameter.columnCount), row-major" : "\(parameter.rowCount) values",
                    "summary": parameter.kind == .weights
                        ? "W\(parameter.layer): \(parameter.rowCount)×\(parameter.columnCount), row-major."
                        : "b\(parameter.layer): \(parameter.rowCount) values.",
                    "last": index == parameters.count - 1,
                ] as [String: Any]
            },
        ]
    }
}
