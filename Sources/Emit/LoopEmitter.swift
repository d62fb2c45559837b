import Exact
import NetworkModel

/// Loop-based Swift source for networks too wide to unroll, filled into
/// `Templates/swift/LoopNetwork.swift.mustache`: the compact matrix form of backpropagation
/// (δ_l = f_l′(z_l) ⊙ W_(l+1)ᵀ δ_(l+1), ∂L/∂W_l = δ_l x_lᵀ) with sizes as constants, flat
/// row-major buffers in a reusable workspace, and contiguous SIMD inner loops. `Double` only.
public struct LoopEmitter {
    public let spec: NetworkSpec
    public let typeName: String
    public let command: String

    public init(spec: NetworkSpec, typeName: String, command: String) {
        self.spec = spec
        self.typeName = typeName
        self.command = command
    }

    /// The generated file.
    public func source(templates: TemplateLibrary) throws -> String {
        try templates.render("swift/LoopNetwork.swift.mustache", context(templates: templates))
    }

    private func context(templates: TemplateLibrary) throws -> [String: Any] {
        let sizes = spec.sizes
        let widest = sizes.dropFirst().max() ?? 1
        var sampleBuffers: [[String: String]] = []
        for l in 1...spec.layers.count {
            for name in ["z\(l)", "x\(l + 1)", "g\(l)", "delta\(l)"] {
                sampleBuffers.append(["name": name, "type": "Double", "capacity": "count * \(sizes[l])"])
            }
        }
        // Gradgen.multiply gathers the nonzero entries of a δ matrix (count × n_l or its transpose).
        sampleBuffers += [
            ["name": "gatherOffsets", "type": "Int", "capacity": "count * \(widest)"],
            ["name": "gatherValues", "type": "Double", "capacity": "count * \(widest)"],
            ["name": "gatherCounts", "type": "Int", "capacity": "Swift.max(count, \(widest))"],
        ]
        let parameters = spec.parameters
        func gradientBuffer(_ parameter: Parameter) -> [String: String] {
            ["name": "d\(parameter.name)", "count": String(parameter.rowCount * parameter.columnCount)]
        }
        let bufferArguments = sampleBuffers.map { "\($0["name"]!): \($0["name"]!)" }
            + parameters.map { "d\($0.name): d\($0.name).baseAddress!" }
        return try SwiftFileContext.common(spec: spec, typeName: typeName, command: command, templates: templates).merging([
            "pointerArguments": parameters.map { "\($0.name): \($0.name).baseAddress!" }.joined(separator: ", "),
            "bufferArguments": bufferArguments.joined(separator: ", "),
            "sampleBuffers": sampleBuffers,
            // Only the biases' gradients are sums built in place; the weights' are written whole.
            "summedGradients": parameters.filter { $0.kind == .bias }.map(gradientBuffer),
            "forward": forwardLines,
            "lossLines": lossLines,
            "backward": backwardLines,
        ]) { $1 }
    }

    /// The input of layer l (from 1): the samples, or the previous layer's activations, one
    /// sample after another.
    private func input(_ l: Int) -> String { l == 1 ? "x" : "UnsafePointer(w.x\(l))" }

    private var forwardLines: [String] {
        let sizes = spec.sizes
        return spec.layers.enumerated().flatMap { index, layer -> [String] in
            let l = index + 1
            let (rows, columns) = (sizes[l], sizes[l - 1])
            return [
                "// Layer \(l): z\(l) = W\(l) x\(l) + b\(l), x\(l + 1) = \(layer.activation.displayName)(z\(l)); one sample a row, Z\(l) = X\(l) W\(l)ᵀ",
                "Gradgen.multiplyTransposed(\(input(l)), p.W\(l), into: w.z\(l), rows: count, columns: \(rows), depth: \(columns))",
                "for s in 0..<count {",
                "    for i in 0..<\(rows) {",
                "        let k = s * \(rows) + i",
                "        let z = w.z\(l)[k] + p.b\(l)[i]",
                "        w.z\(l)[k] = z",
                "        w.x\(l + 1)[k] = \(Self.value(layer.activation))",
                "    }",
                "}",
            ]
        }
    }

    /// The loss of each output y = x(L+1), summed, and g_L = ∂L/∂y, sample by sample.
    private var lossLines: [String] {
        let L = spec.layers.count
        let n = spec.outputSize
        let head = [
            "// Loss: \(spec.loss.formula), summed over the samples; g\(L) = ∂L/∂x\(L + 1)",
            "var loss = 0.0",
            "for s in 0..<count {",
            "    let y = w.x\(L + 1) + s * \(n), target = t + s * \(n), g = w.g\(L) + s * \(n)",
        ]
        let body: [String]
        switch spec.loss {
        case .halfSumSquares, .meanSquaredError:
            let half = spec.loss == .halfSumSquares
            body = [
                "var sum = 0.0",
                "for i in 0..<\(n) {",
                "    let r = y[i] - target[i]",
                "    sum += r * r",
                half ? "    g[i] = r" : "    g[i] = \(Rational(2, n).swiftExpression(.double)) * r",
                "}",
                half ? "loss += 0.5 * sum" : "loss += \(Rational(1, n).swiftExpression(.double)) * sum",
            ]
        case .softmaxCrossEntropy:
            body = [
                "// Through m + log Σ e^(y − m) with m = max y, so that nothing overflows.",
                "var m = y[0]",
                "for i in 1..<\(n) { m = Swift.max(m, y[i]) }",
                "var e = 0.0",
                "for i in 0..<\(n) { e += exp(y[i] - m) }",
                "let logSum = m + log(e)",
                "var targetSum = 0.0",
                "for i in 0..<\(n) {",
                "    loss += target[i] * (logSum - y[i])",
                "    targetSum += target[i]",
                "}",
                "for i in 0..<\(n) { g[i] = exp(y[i] - m) / e * targetSum - target[i] }",
            ]
        }
        return head + body.map { "    " + $0 } + ["}"]
    }

    private var backwardLines: [String] {
        let sizes = spec.sizes
        var lines: [String] = []
        for l in stride(from: spec.layers.count, through: 1, by: -1) {
            let (rows, columns) = (sizes[l], sizes[l - 1])
            let derivative = Self.derivative(spec.layers[l - 1].activation, z: "w.z\(l)[k]", x: "w.x\(l + 1)[k]")
            lines += [
                "// Layer \(l): δ\(l) = f′(z\(l)) ⊙ g\(l), ∂L/∂b\(l) = Σ δ\(l), ∂L/∂W\(l) = Σ δ\(l) x\(l)ᵀ = Δ\(l)ᵀ X\(l)",
                "for s in 0..<count {",
                "    for i in 0..<\(rows) {",
                "        let k = s * \(rows) + i",
                "        let delta = w.g\(l)[k]" + (derivative.map { " * \($0)" } ?? ""),
                "        w.delta\(l)[k] = delta",
                "        w.db\(l)[i] += delta",
                "    }",
                "}",
                "Gradgen.multiply(UnsafePointer(w.delta\(l)), rowStride: 1, depthStride: \(rows), \(input(l)), into: w.dW\(l), rows: \(rows), columns: \(columns), depth: count, gather: w.gather)",
            ]
            if l > 1 {
                lines += [
                    "// g\(l - 1) = W\(l)ᵀ δ\(l); one sample a row, G\(l - 1) = Δ\(l) W\(l)",
                    "Gradgen.multiply(UnsafePointer(w.delta\(l)), rowStride: \(rows), depthStride: 1, p.W\(l), into: w.g\(l - 1), rows: count, columns: \(columns), depth: \(rows), gather: w.gather)",
                ]
            }
        }
        return lines
    }

    /// f(z) for a Double `z`, with the same kink conventions as everywhere else.
    static func value(_ activation: Activation) -> String {
        switch activation {
        case .identity: "z"
        case .relu: "z > 0 ? z : 0"
        case let .leakyReLU(slope): "z > 0 ? z : \(slope.swiftExpression(.double)) * z"
        case .sigmoid: "z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))"
        case .tanh: "tanh(z)"
        case .softplus: "Swift.max(z, 0) + log1p(exp(-Swift.abs(z)))"
        }
    }

    /// f′ at a unit from its pre-activation `z` and activation `x`; nil for the identity.
    static func derivative(_ activation: Activation, z: String, x: String) -> String? {
        switch activation {
        case .identity: nil
        case .relu: "(\(z) > 0 ? 1 : 0)"
        case let .leakyReLU(slope): "(\(z) > 0 ? 1 : \(slope.swiftExpression(.double)))"
        case .sigmoid: "\(x) * (1 - \(x))"
        case .tanh: "(1 - \(x) * \(x))"
        case .softplus: "(\(z) >= 0 ? 1 / (1 + exp(-\(z))) : exp(\(z)) / (1 + exp(\(z))))"
        }
    }
}
