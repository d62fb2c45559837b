import Exact
import NetworkModel
import Symbolic

/// The body of a generated gradient function: one `let` per scheduled node, named after the
/// network (z1_0, x2_1, loss, dW1_0_2) or `s<k>` for other shared values; symbols unpacked
/// from the argument arrays where they are used. A long schedule is split into parts that
/// hand values on through an array `v`, which the caller's `Gradients` keeps (`partValues`)
/// so that a call allocates nothing.
struct StraightLineProgram {
    /// A helper function holding a slice of the schedule.
    struct Part {
        let range: String
        let lines: [String]
    }

    /// The lines of the main function after its preconditions.
    let body: [String]
    /// The helper functions, empty when the schedule fits one function.
    let parts: [Part]
    /// How many values the parts hand on to one another (0 when there are no parts).
    let partValueCount: Int

    /// `roundedToFloat`: the code runs in `Float`, so the rare constant written through
    /// `init(rounded:)` is the literal whose `Float` is the correctly rounded one.
    init(derivation: Derivation, statementsPerFunction: Int, roundedToFloat: Bool = false) {
        let arena = derivation.arena
        let outputs = [derivation.loss] + derivation.gradients.flatMap(\.entries)
        let schedule = Schedule(outputs: outputs, in: arena)
        let style = SwiftStyle(scalar: .generic(typeName: "Scalar", roundedToFloat: roundedToFloat))
        // Reusing named products (`db1_1 * x1_2`) can leave a scheduled value unread; keep
        // only the statements that the printed code reads, then name them.
        let reachable = SwiftPrinter(arena: arena, style: style, names: Self.names(derivation, schedule.assignments))
        let statements = Self.live(schedule.assignments, outputs: outputs) { Self.dependencies($0, arena, reachable) }
        let names = Self.names(derivation, statements)
        let symbols = SymbolUnpacking(derivation: derivation)
        let returnLines = Self.returnStatement(derivation, names: names, arena: arena, style: style)
        let printer = SwiftPrinter(arena: arena, style: style, names: names)

        func statement(_ id: ExpressionID) -> String {
            var own = printer
            own.names[id] = nil
            return "let \(names[id]!) = \(own.string(id))"
        }

        func dependencies(_ id: ExpressionID) -> [ExpressionID] { Self.dependencies(id, arena, printer) }

        if statements.count <= statementsPerFunction {
            body = symbols.lines(for: arena, using: statements.flatMap(dependencies) + outputs)
                + statements.map(statement) + returnLines
            parts = []
            partValueCount = 0
            return
        }

        // Split: each chunk loads what earlier chunks computed and stores what later ones need.
        let chunks = stride(from: 0, to: statements.count, by: statementsPerFunction).map {
            Array(statements[$0..<min($0 + statementsPerFunction, statements.count)])
        }
        var chunkOf: [ExpressionID: Int] = [:]
        for (index, chunk) in chunks.enumerated() { for id in chunk { chunkOf[id] = index } }
        var lastUse: [ExpressionID: Int] = [:]
        for (index, chunk) in chunks.enumerated() {
            for id in chunk { for child in dependencies(id) { lastUse[child] = index } }
        }
        for id in outputs { lastUse[id] = chunks.count }
        var slots: [ExpressionID: Int] = [:]
        var slotOrder: [ExpressionID] = []
        for chunk in chunks {
            for id in chunk where (lastUse[id] ?? -1) > chunkOf[id]! {
                slots[id] = slotOrder.count
                slotOrder.append(id)
            }
        }
        parts = chunks.enumerated().map { index, chunk in
            let inside = Set(chunk)
            var loaded: [ExpressionID] = []
            var seen: Set<ExpressionID> = []
            for id in chunk {
                for child in dependencies(id) where !inside.contains(child) && chunkOf[child] != nil && seen.insert(child).inserted {
                    loaded.append(child)
                }
            }
            let loads = loaded.sorted().map { "let \(names[$0]!) = v[\(slots[$0]!)]" }
            let unpacked = symbols.lines(for: arena, using: chunk.flatMap(dependencies))
            let stores = chunk.filter { slots[$0] != nil }.map { "v[\(slots[$0]!)] = \(names[$0]!)" }
            let first = index * statementsPerFunction + 1
            return Part(range: "\(first)–\(first + chunk.count - 1)", lines: unpacked + loads + chunk.map(statement) + stores)
        }
        let outputLoads = outputs.filter { slots[$0] != nil }
        var seenOutputs: Set<ExpressionID> = []
        partValueCount = slotOrder.count
        body = parts.indices.map { "part\($0 + 1)(x, t, p, &g.partValues)" }
            + symbols.lines(for: arena, using: outputs)
            + outputLoads.filter { seenOutputs.insert($0).inserted }.map { "let \(names[$0]!) = g.partValues[\(slots[$0]!)]" }
            + returnLines
    }

    /// What the statement for `id` reads: the named product it extends and its last factor
    /// when `printer` prints it that way, its children otherwise.
    private static func dependencies(_ id: ExpressionID, _ arena: ExpressionArena, _ printer: SwiftPrinter) -> [ExpressionID] {
        if let (named, factor) = printer.reusedProduct(of: id) { return [named, factor.base] }
        return arena[id].children
    }

    /// The statements among `assignments` (ascending ids) that `outputs` need, transitively.
    private static func live(_ assignments: [ExpressionID], outputs: [ExpressionID], dependencies: (ExpressionID) -> [ExpressionID]) -> [ExpressionID] {
        var needed = Set(outputs)
        for id in assignments.reversed() where needed.contains(id) {
            needed.formUnion(dependencies(id))
        }
        return assignments.filter { needed.contains($0) }
    }

    /// Names for every statement: the network's names where a node is a pre-activation,
    /// an activation, the loss or a gradient entry (the first role wins), `s<k>` otherwise.
    private static func names(_ derivation: Derivation, _ statements: [ExpressionID]) -> [ExpressionID: String] {
        var names: [ExpressionID: String] = [:]
        func name(_ id: ExpressionID, _ text: String) { if names[id] == nil { names[id] = text } }
        for (layer, values) in derivation.preActivations.enumerated() {
            for (i, id) in values.enumerated() { name(id, "z\(layer + 1)_\(i)") }
        }
        for (index, values) in derivation.activations.enumerated().dropFirst() {
            for (i, id) in values.enumerated() { name(id, "x\(index + 1)_\(i)") }
        }
        name(derivation.loss, "loss")
        for gradient in derivation.gradients {
            let parameter = gradient.parameter
            for (k, id) in gradient.entries.enumerated() {
                name(id, parameter.kind == .weights
                    ? "d\(parameter.name)_\(k / parameter.columnCount)_\(k % parameter.columnCount)"
                    : "d\(parameter.name)_\(k)")
            }
        }
        var result: [ExpressionID: String] = [:]
        var shared = 0
        for id in statements {
            if let name = names[id] {
                result[id] = name
            } else {
                result[id] = "s\(shared)"
                shared += 1
            }
        }
        return result
    }

    /// `g.loss = loss`, then each gradient's entries stored through a buffer pointer
    /// (`d[0] = dW1_0_0`): the results go into the caller's `Gradients` without allocating,
    /// and without a uniqueness check per entry.
    private static func returnStatement(_ derivation: Derivation, names: [ExpressionID: String], arena: ExpressionArena, style: SwiftStyle) -> [String] {
        let printer = SwiftPrinter(arena: arena, style: style, names: names)
        var lines = ["g.loss = \(printer.string(derivation.loss))"]
        for gradient in derivation.gradients {
            lines.append("g.\(gradient.parameter.name).withUnsafeMutableBufferPointer { d in")
            lines += gradient.entries.enumerated().map { "    d[\($0)] = \(printer.string($1))" }
            lines.append("}")
        }
        return lines
    }
}

/// Where each symbol of a derivation comes from: `let W1_0_2 = p.W1[2]`, `let x1_0 = x[0]`.
struct SymbolUnpacking {
    /// Symbols in the order they are unpacked (input, target, parameters), with their source.
    private let sources: [(id: ExpressionID, source: String)]

    init(derivation: Derivation) {
        var sources = derivation.input.enumerated().map { ($1, "x[\($0)]") }
        sources += derivation.target.enumerated().map { ($1, "t[\($0)]") }
        for parameter in derivation.parameters {
            sources += parameter.entries.enumerated().map { ($1, "p.\(parameter.parameter.name)[\($0)]") }
        }
        self.sources = sources.map { (id: $0.0, source: $0.1) }
    }

    /// The unpacking lines for the symbols among `used`, in the canonical symbol order.
    func lines(for arena: ExpressionArena, using used: [ExpressionID]) -> [String] {
        let usedSet = Set(used)
        return sources.filter { usedSet.contains($0.id) }.map { symbol, source in
            guard case let .symbol(s) = arena[symbol] else { return "" }
            return "let \(s.name) = \(source)"
        }
    }
}
