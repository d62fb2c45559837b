import NetworkModel

/// The bounded twin of a network's loop code, for `gradgen verify`: the same loops, lowered
/// from the same matrix program with the same formulas (`LoopLowering` over
/// `LoopArithmetic.bounded`), computing on `GradgenBounded`, a number of the code's type that carries a bound on its
/// distance from the exact value. Its bounds are loop code's own: they hold for any program
/// that performs these operations on values within the operands' bounds, whatever the order
/// of its sums, so they hold for loop code, whose kernels sum in tiles and lanes (with or
/// without fused multiply-add) and whose minibatches sum chunk by chunk on several threads.
/// Why: a product's entry is bounded by `GradgenBoundedKernels` as Σ (|a| e_b + |b| e_a) +
/// γ_n Σ |a b| (Higham's bound of a dot product, the same for every order), a sum over samples
/// by `GradgenBoundedSum` as Σ e + γ_(n−1) Σ |term|, and every other operation takes its rounding
/// at the largest magnitude a value within the bounds can have. The verify harness defines the
/// three types (`valueType`, `sampleSumType`, `kernelsType`) beside the twin.
public struct LoopBoundedTwin {
    /// The network; the twin needs its shapes, activations and loss.
    public let spec: NetworkSpec
    /// The floating-point type of the loop code, whose literals the twin's match.
    public let scalar: CodeScalar

    /// The twin of `spec`'s loop code in `scalar`.
    public init(spec: NetworkSpec, scalar: CodeScalar = .double) {
        self.spec = spec
        self.scalar = scalar
    }

    /// The name of the twin's type.
    public static let typeName = "GradgenLoopTwin"
    /// The bounded value type the twin computes with.
    public static let valueType = "GradgenBounded"
    /// The bounded sum over samples (the loss, ∂L/∂b_l), whose bound holds in any order.
    public static let sampleSumType = "GradgenBoundedSum"
    /// The namespace of the bounded `multiply` and `multiplyTransposed`.
    public static let kernelsType = "GradgenBoundedKernels"

    /// The twin's source, from `Templates/swift/LoopBoundedTwin.swift.mustache`.
    public func source(templates: TemplateLibrary) throws -> String {
        let sizes = spec.sizes
        let lines = LoopEmitter.lines(spec, arithmetic: .bounded(scalar))
        return try templates.render("swift/LoopBoundedTwin.swift.mustache", [
            "network": "\(sizes.map(String.init).joined(separator: "-")), activations "
                + spec.layers.map(\.activation.displayName).joined(separator: ", "),
            "typeName": Self.typeName,
            "value": Self.valueType,
            "sum": Self.sampleSumType,
            "parameters": spec.parameters.enumerated().map { index, parameter in
                ["name": parameter.name, "index": String(index), "count": String(parameter.rowCount * parameter.columnCount),
                 "type": parameter.kind == .bias ? Self.sampleSumType : Self.valueType, "bias": parameter.kind == .bias] as [String: Any]
            },
            "sampleBuffers": LoopEmitter.layerBuffers(spec),
            "forward": lines.forward,
            "lossLines": lines.loss,
            "backward": lines.backward,
        ])
    }
}
