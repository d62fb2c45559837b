import Exact
import MatrixCalculus
import Symbolic

/// Lowers the steps of a `BatchProgram` to the loops and kernel calls of loop code: products to
/// `Gradgen.multiplyTransposed` / `Gradgen.multiply`, entry-by-entry maps and the loss to loops
/// whose formulas are printed by Symbolic's Swift printer from one schedule per loop (so that
/// f and f′ share their work). The matrices live in the workspace `w`, the parameters in `p`,
/// the samples and targets in `x` and `t`; `count` is the number of samples. The same lines,
/// lowered over `LoopArithmetic.bounded`, are the bounded twin that `gradgen verify` runs beside
/// loop code (`LoopBoundedTwin`).
struct LoopLowering {
    let arena: ExpressionArena
    /// n_0, n_1, …, n_L.
    let sizes: [Int]
    /// What the loops compute with: their literals, the sums' declarations and the kernels.
    let arithmetic: LoopArithmetic

    /// The lines of one step.
    func lines(_ step: BatchProgram.Step, lossFormula: String) -> [String] {
        switch step {
        case let .product(result, left, right, _):
            return product(result, left, right)
        case let .entrywise(map, _):
            return entrywise(map)
        case let .loss(loss, output, target, gradient):
            return self.loss(loss, output: output, target: target, gradient: gradient, formula: lossFormula)
        }
    }

    // MARK: Matrices

    /// Rows and columns; "count" for the samples.
    private func shape(_ matrix: BatchProgram.Matrix) -> (rows: String, columns: Int) {
        switch matrix {
        case .input: ("count", sizes[0])
        case .target: ("count", sizes[sizes.count - 1])
        case let .weights(l), let .weightGradients(l): (String(sizes[l]), sizes[l - 1])
        case let .bias(l), let .biasGradients(l): ("1", sizes[l])
        case let .preActivations(l), let .outputGradients(l), let .deltas(l): ("count", sizes[l])
        case let .activations(l): ("count", sizes[l - 1])
        }
    }

    /// The pointer that holds `matrix`, row-major.
    private func pointer(_ matrix: BatchProgram.Matrix) -> String {
        switch matrix {
        case .input: "x"
        case .target: "t"
        case let .weights(l): "p.W\(l)"
        case let .bias(l): "p.b\(l)"
        case let .preActivations(l): "w.z\(l)"
        case let .activations(l): "w.x\(l)"
        case let .outputGradients(l): "w.g\(l)"
        case let .deltas(l): "w.delta\(l)"
        case let .weightGradients(l): "w.dW\(l)"
        case let .biasGradients(l): "w.db\(l)"
        }
    }

    /// `pointer(matrix)` as an `UnsafePointer`, for a kernel's operand.
    private func readPointer(_ matrix: BatchProgram.Matrix) -> String {
        switch matrix {
        case .input, .target, .weights, .bias: pointer(matrix)
        default: "UnsafePointer(\(pointer(matrix)))"
        }
    }

    /// The name in comments: X1, Z1, Δ1, G1, ∂L/∂W1.
    private func display(_ matrix: BatchProgram.Matrix) -> String {
        switch matrix {
        case .input: "X1"
        case .target: "T"
        case let .weights(l): "W\(l)"
        case let .bias(l): "b\(l)"
        case let .preActivations(l): "Z\(l)"
        case let .activations(l): "X\(l)"
        case let .outputGradients(l): "G\(l)"
        case let .deltas(l): "Δ\(l)"
        case let .weightGradients(l): "∂L/∂W\(l)"
        case let .biasGradients(l): "∂L/∂b\(l)"
        }
    }

    // MARK: Steps

    private func product(_ result: BatchProgram.Matrix, _ left: BatchProgram.Operand, _ right: BatchProgram.Operand) -> [String] {
        func mark(_ operand: BatchProgram.Operand) -> String { display(operand.matrix) + (operand.transposed ? "ᵀ" : "") }
        let comment = "// \(display(result)) = \(mark(left)) \(mark(right))"
        let (leftRows, leftColumns) = shape(left.matrix)
        let (rightRows, rightColumns) = shape(right.matrix)
        let rows = left.transposed ? String(leftColumns) : leftRows
        let depth = left.transposed ? leftRows : String(leftColumns)
        let (a, b, c) = (readPointer(left.matrix), readPointer(right.matrix), pointer(result))
        if right.transposed {
            // A Bᵀ: dot products of rows, tiled in registers.
            precondition(!left.transposed, "no kernel multiplies Aᵀ Bᵀ")
            return [comment, "\(arithmetic.kernels).multiplyTransposed(\(a), \(b), into: \(c), rows: \(rows), columns: \(rightRows), depth: \(depth)\(arithmetic.scratch))"]
        }
        // A B or Aᵀ B, over the nonzero entries of A (gathered).
        let strides = left.transposed ? "rowStride: 1, depthStride: \(leftColumns)" : "rowStride: \(leftColumns), depthStride: 1"
        return [comment, "\(arithmetic.kernels).multiply(\(a), \(strides), \(b), into: \(c), rows: \(rows), columns: \(rightColumns), depth: \(depth)\(arithmetic.scratch))"]
    }

    private func entrywise(_ step: BatchProgram.Entrywise) -> [String] {
        let map = step.map
        var shown = PlainPrinter(arena: arena)
        for (symbol, source) in zip(map.inputs, step.sources) { shown.names[symbol] = display(source) }
        let defined = map.definitions.map { "\(arena.name(of: $0.symbol)) = \(shown.string($0.value))" }
        let comment = "// Entry by entry" + (defined.isEmpty ? "" : ", " + defined.joined(separator: ", ")) + ": "
            + (zip(step.destinations, map.outputs).map { "\(display($0)) = \(shown.string($1))" }
                + zip(step.sumDestinations, map.sums).map { "\(display($0)) = Σ_samples \(shown.string($1))" })
            .joined(separator: ", ")
        let width = step.width
        let bindings = zip(map.inputs, step.sources).map { symbol, source -> (ExpressionID, String) in
            if case .bias = source { return (symbol, "\(pointer(source))[i]") }
            return (symbol, "\(pointer(source))[k]")
        }
        let body = statements(
            bindings: bindings, definitions: map.definitions,
            results: zip(step.destinations, map.outputs).map { ("\(pointer($0))[k] = ", $1) }
                + zip(step.sumDestinations, map.sums).map { ("\(pointer($0))[i] += ", $1) })
        // The index without overflow checks (k < count · width, the buffer's size): a checked
        // multiply and add leave the loop two exits, and the compiler then keeps it scalar.
        return [comment, "for s in 0..<count {", "    for i in 0..<\(width) {", "        let k = s &* \(width) &+ i"]
            + body.map { "        " + $0 } + ["    }", "}"]
    }

    private func loss(_ loss: SampleLoss, output: BatchProgram.Matrix, target: BatchProgram.Matrix, gradient: BatchProgram.Matrix, formula: String) -> [String] {
        let n = shape(output).columns
        let printer = SwiftPrinter(arena: arena, style: SwiftStyle(scalar: arithmetic.literalStyle))
        let entry = [(loss.output, "outputRow[i]"), (loss.target, "targetRow[i]")]
        func pass(_ results: [(String, ExpressionID)]) -> [String] {
            ["for i in 0..<\(n) {"] + statements(bindings: entry, definitions: [], results: results).map { "    " + $0 } + ["}"]
        }
        func name(_ symbol: ExpressionID) -> String { printer.string(symbol) }
        func declare(_ scalars: [SampleLoss.Scalar]) -> [String] {
            scalars.map { "var \(name($0.symbol)): \(arithmetic.typeName) = 0" }
        }
        func define(_ scalars: [SampleLoss.Scalar]) -> [String] {
            scalars.map { "let \(name($0.symbol)) = \(printer.string($0.value))" }
        }
        var body = ["let outputRow = \(readPointer(output)) + s * \(n), targetRow = \(readPointer(target)) + s * \(n), gradientRow = \(pointer(gradient)) + s * \(n)"]
        if let shift = loss.shift {
            body += [
                "// Shifted by the largest output, so that no exponential overflows.",
                "var \(name(shift)) = outputRow[0]",
                "for i in 1..<\(n) { \(name(shift)) = Swift.max(\(name(shift)), outputRow[i]) }",
            ]
        }
        if !loss.sums.isEmpty {
            body += declare(loss.sums) + pass(loss.sums.map { ("\(name($0.symbol)) += ", $0.value) })
        }
        body += define(loss.definitions)
        let lossTerm = ("loss += ", loss.entryLoss)
        let gradientTerm = ("gradientRow[i] = ", loss.gradient)
        if loss.adjointSums.isEmpty {
            // The gradient needs nothing the loss pass sums: one pass for both.
            body += define(loss.adjointDefinitions) + pass([lossTerm, gradientTerm])
        } else {
            body += declare(loss.adjointSums)
                + pass([lossTerm] + loss.adjointSums.map { ("\(name($0.symbol)) += ", $0.value) })
                + define(loss.adjointDefinitions) + pass([gradientTerm])
        }
        let L = sizes.count - 1
        return ["// Loss: \(formula), summed over the samples; G\(L) = ∂L/∂X\(L + 1), with the gradient derived from the loss's formula",
                "var loss: \(arithmetic.sampleSumType) = 0", "for s in 0..<count {"] + body.map { "    " + $0 } + ["}"]
    }

    /// The body of one loop: `let` each input symbol that the results read, then each
    /// definition, one `let` per scheduled node that is read more than once (named v0, v1, …;
    /// the others are printed where they are read), then each result as `prefix + value`.
    private func statements(bindings: [(ExpressionID, String)], definitions: [(symbol: ExpressionID, value: ExpressionID)],
                            results: [(String, ExpressionID)]) -> [String] {
        let outputs = results.map(\.1)
        let schedule = Schedule(outputs: outputs, in: arena)
        var reads: [ExpressionID: Int] = [:]
        for id in schedule.assignments { for child in arena[id].children { reads[child, default: 0] += 1 } }
        for id in outputs { reads[id, default: 0] += 1 }
        let shared = schedule.assignments.filter { reads[$0, default: 0] > 1 }
        let names = Dictionary(uniqueKeysWithValues: shared.enumerated().map { ($1, "v\($0)") })
        let read = Set(arena.reachable(from: outputs + definitions.map(\.value)))
        var lines = bindings.filter { read.contains($0.0) }.map { "let \(arena.name(of: $0.0)) = \($0.1)" }
        let plain = SwiftPrinter(arena: arena, style: SwiftStyle(scalar: arithmetic.literalStyle))
        lines += definitions.filter { read.contains($0.symbol) }.map { "let \(arena.name(of: $0.symbol)) = \(plain.string($0.value))" }
        for id in shared {
            var own = SwiftPrinter(arena: arena, style: SwiftStyle(scalar: arithmetic.literalStyle), names: names)
            own.names[id] = nil
            lines.append("let \(names[id]!) = \(own.string(id))")
        }
        let printer = SwiftPrinter(arena: arena, style: SwiftStyle(scalar: arithmetic.literalStyle), names: names)
        lines += results.map { $0.0 + printer.string($0.1) }
        return lines
    }
}

/// What lowered loops compute with: the generated code's floating-point type and the runtime's
/// kernels, or the types of `gradgen verify`'s bounded twin of loop code (`LoopBoundedTwin`).
enum LoopArithmetic {
    /// Loop code in `Double` or `Float`, products through `Gradgen.multiply`.
    case code(CodeScalar)
    /// The bounded twin of code in the given type: `GradgenBounded` values (rounding as that
    /// type), sums over samples in `GradgenBoundedSum`, products through `GradgenBoundedKernels`,
    /// whose bounds hold for every summation order.
    case bounded(CodeScalar)

    /// The type of values.
    var typeName: String {
        switch self {
        case let .code(scalar): scalar.rawValue
        case .bounded: LoopBoundedTwin.valueType
        }
    }

    /// How constants are printed.
    var literalStyle: SwiftScalarStyle {
        switch self {
        case let .code(scalar): scalar.literalStyle
        case let .bounded(scalar): .generic(typeName: LoopBoundedTwin.valueType, roundedToFloat: scalar == .float)
        }
    }

    /// The type of a sum over samples (the loss and ∂L/∂b_l), which loop code splits into chunks.
    var sampleSumType: String {
        switch self {
        case .code: typeName
        case .bounded: LoopBoundedTwin.sampleSumType
        }
    }

    /// The namespace of `multiply` and `multiplyTransposed`.
    var kernels: String {
        switch self {
        case .code: "Gradgen"
        case .bounded: LoopBoundedTwin.kernelsType
        }
    }

    /// The kernels' last argument: the workspace's scratch, or nothing.
    var scratch: String {
        switch self {
        case .code: ", scratch: w.scratch"
        case .bounded: ""
        }
    }
}

extension ExpressionArena {
    /// The name of a symbol node.
    fileprivate func name(of id: ExpressionID) -> String {
        guard case let .symbol(symbol) = self[id] else { preconditionFailure("not a symbol") }
        return symbol.name
    }
}
