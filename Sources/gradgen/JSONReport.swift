import Emit
import NetworkModel

/// The `--format json` report, for scripts. Its shape is fixed (see the README):
///
///     {"loss": VALUE, "gradients": {"W1": [[VALUE, …], …], "b1": [VALUE, …], …}, "spec": SPEC}
///
/// where VALUE is `{"exact": "29/2", "decimal": "14.5"}` — `exact` a rational or the exact
/// closed form as text — and SPEC is the evaluated network in the spec format, values
/// included, so that the result can be fed back to `gradgen eval`. Keys come in this order.
struct JSONReport {
    let spec: NetworkSpec
    let evaluation: ExactEvaluation

    var text: String {
        var gradients: [String] = []
        for (parameter, values) in evaluation.gradients {
            let cells = values.map(Self.value)
            let body: String
            if parameter.kind == .bias {
                body = "[" + cells.joined(separator: ", ") + "]"
            } else {
                let rows = stride(from: 0, to: cells.count, by: parameter.columnCount).map {
                    "      [" + cells[$0..<$0 + parameter.columnCount].joined(separator: ", ") + "]"
                }
                body = "[\n" + rows.joined(separator: ",\n") + "\n    ]"
            }
            gradients.append("    \(JSONText.string(parameter.name)): \(body)")
        }
        let specLines = spec.jsonText.split(separator: "\n").map(String.init)
        let indentedSpec = ([specLines[0]] + specLines.dropFirst().map { "  " + $0 }).joined(separator: "\n")
        return """
            {
              "loss": \(Self.value(evaluation.loss)),
              "gradients": {
            \(gradients.joined(separator: ",\n"))
              },
              "spec": \(indentedSpec)
            }

            """
    }

    static func value(_ value: ExactValue) -> String {
        "{\"exact\": \(JSONText.string(value.exact)), \"decimal\": \(JSONText.string(value.decimal))}"
    }
}
