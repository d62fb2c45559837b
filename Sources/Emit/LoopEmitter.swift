import Exact
import MatrixCalculus
import NetworkModel
import Symbolic

/// Loop-based Swift source for networks too wide to unroll, filled into
/// `Templates/swift/LoopNetwork.swift.mustache`: the compact matrix form of backpropagation
/// (δ_l = f_l′(z_l) ⊙ W_(l+1)ᵀ δ_(l+1), ∂L/∂W_l = δ_l x_lᵀ) with sizes as constants, flat
/// row-major buffers in a reusable workspace, and contiguous SIMD inner loops, in `Double` or `Float`.
public struct LoopEmitter {
    /// The network; loop code needs only its shapes, activations and loss.
    public let spec: NetworkSpec
    /// The name of the generated type.
    public let typeName: String
    /// The command that regenerates the file, for its header.
    public let command: String
    /// The floating-point type of the code.
    public let scalar: CodeScalar

    /// An emitter of `spec` as the type `typeName`, in `scalar`.
    public init(spec: NetworkSpec, typeName: String, command: String, scalar: CodeScalar = .double) {
        self.spec = spec
        self.typeName = typeName
        self.command = command
        self.scalar = scalar
    }

    /// The generated file.
    public func source(templates: TemplateLibrary) throws -> String {
        try templates.render("swift/LoopNetwork.swift.mustache", context(templates: templates))
    }

    private func context(templates: TemplateLibrary) throws -> [String: Any] {
        let sizes = spec.sizes
        let widest = sizes.dropFirst().max() ?? 1
        let packedCapacity = "Gradgen.packedCapacity(rows: count, depth: \(sizes.dropLast().max() ?? 1), \(scalar.rawValue).self)"
        var sampleBuffers = Self.layerBuffers(spec).map { $0.merging(["type": scalar.rawValue]) { $1 } }
        // Gradgen.multiply gathers the nonzero entries of a δ matrix (count × n_l or its transpose).
        sampleBuffers += [
            ["name": "gatherOffsets", "type": "Int", "capacity": "count * \(widest)"],
            ["name": "gatherValues", "type": scalar.rawValue, "capacity": "count * \(widest)"],
            ["name": "gatherCounts", "type": "Int", "capacity": "Swift.max(count, \(widest))"],
            ["name": "gatherMarks", "type": "UInt64", "capacity": "Swift.max(Gradgen.markWords(rows: count, depth: \(widest)), Gradgen.markWords(rows: \(widest), depth: count))"],
            // Aligned copies: A of Z_l = X_l W_lᵀ (Gradgen.multiplyTransposed), X_l of ∂L/∂W_l = Δ_lᵀ X_l (Gradgen.multiply).
            ["name": "packed", "type": scalar.rawValue, "capacity": packedCapacity],
        ]
        let parameters = spec.parameters
        func gradientBuffer(_ parameter: Parameter) -> [String: String] {
            ["name": "d\(parameter.name)", "count": String(parameter.rowCount * parameter.columnCount)]
        }
        let lines = Self.lines(spec, arithmetic: .code(scalar))
        return try SwiftFileContext.common(spec: spec, typeName: typeName, command: command, scalar: scalar, templates: templates).merging([
            "pointerArguments": parameters.map { "\($0.name): \($0.name).baseAddress!" }.joined(separator: ", "),
            "gradientArguments": parameters.map { "d\($0.name): d\($0.name).baseAddress!" }.joined(separator: ", "),
            "gradientAllocations": parameters.map { "d\($0.name): Gradgen.allocateAligned(capacity: \($0.rowCount * $0.columnCount))" }.joined(separator: ", "),
            "sampleBuffers": sampleBuffers,
            "packedCapacity": packedCapacity,
            // Only the biases' gradients are sums built in place; the weights' are written whole.
            "summedGradients": parameters.filter { $0.kind == .bias }.map(gradientBuffer),
            "forward": lines.forward,
            "lossLines": lines.loss,
            "backward": lines.backward,
        ]) { $1 }
    }

    /// Each layer's minibatch buffers, z_l, x_(l+1), g_l and δ_l of count × n_l entries, by
    /// name and capacity: loop code's and its bounded twin's.
    static func layerBuffers(_ spec: NetworkSpec) -> [[String: String]] {
        (1...spec.layers.count).flatMap { l in
            ["z\(l)", "x\(l + 1)", "g\(l)", "delta\(l)"].map { ["name": $0, "capacity": "count * \(spec.sizes[l])"] }
        }
    }

    /// The forward pass, the loss and the backward pass of `spec`, lowered from the matrix
    /// program over `arithmetic`.
    static func lines(_ spec: NetworkSpec, arithmetic: LoopArithmetic) -> (forward: [String], loss: [String], backward: [String]) {
        let program = BatchProgram(network: spec.layeredNetwork)
        let lowering = LoopLowering(arena: program.arena, sizes: spec.sizes, arithmetic: arithmetic)
        var forward: [String] = [], loss: [String] = [], backward: [String] = []
        for step in program.steps {
            switch step {
            case .loss:
                loss += lowering.lines(step, lossFormula: spec.loss.formula)
            default:
                if loss.isEmpty { forward += lowering.lines(step, lossFormula: "") } else { backward += lowering.lines(step, lossFormula: "") }
            }
        }
        return (forward, loss, backward)
    }
}
