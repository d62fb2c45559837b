import Exact

/// Writing a spec as JSON that `NetworkSpec(json:)` reads back to an equal spec.
///
/// The text is a function of the spec alone, so a result can carry its spec and be compared
/// or diffed byte for byte:
/// - keys in a fixed order: `input`, `layers` (`size`, `activation`, `W`, `b`), `loss`, `x`,
///   `t`; optional values that are absent are left out; `loss` is always written;
/// - two-space indentation, one layer key per line, one row of W per line, vectors on one line;
/// - integers as JSON numbers (`-3`), other values as exact strings in lowest terms (`"29/2"`);
/// - leaky ReLU always as `{"name": "leaky_relu", "slope": …}`, its slope explicit;
/// - a final line break.
extension NetworkSpec {
    /// The spec as JSON text (see the format above and SPEC.md).
    public var jsonText: String {
        var lines = ["{", "  \"input\": \(inputSize),", "  \"layers\": ["]
        for (index, layer) in layers.enumerated() {
            var fields = ["\"size\": \(layer.size)", "\"activation\": \(Self.json(layer.activation))"]
            if let weights = layer.weights {
                let rows = weights.rows.map { "        " + Self.json($0) }
                fields.append("\"W\": [\n" + rows.joined(separator: ",\n") + "\n      ]")
            }
            if let bias = layer.bias { fields.append("\"b\": \(Self.json(bias))") }
            lines.append("    {")
            lines.append(fields.map { "      " + $0 }.joined(separator: ",\n"))
            lines.append(index == layers.count - 1 ? "    }" : "    },")
        }
        var tail = ["  ],", "  \"loss\": \"\(loss.name)\""]
        if let input { tail.append("  \"x\": \(Self.json(input))") }
        if let target { tail.append("  \"t\": \(Self.json(target))") }
        lines.append(tail[0])
        lines.append(tail.dropFirst().joined(separator: ",\n"))
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// An exact value: integers as numbers, anything else as a string.
    static func json(_ value: Rational) -> String {
        value.isInteger ? value.description : "\"\(value.description)\""
    }

    static func json(_ values: [Rational]) -> String {
        "[" + values.map { json($0) }.joined(separator: ", ") + "]"
    }

    /// An activation as the spec writes it: `"relu"`, `{"name": "leaky_relu", "slope": "1/10"}`.
    public static func json(_ activation: Activation) -> String {
        if let (key, value) = activation.parameter {
            return "{\"name\": \"\(activation.name)\", \"\(key)\": \(json(value))}"
        }
        return "\"\(activation.name)\""
    }
}
