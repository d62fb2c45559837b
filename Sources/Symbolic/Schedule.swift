/// Straight-line code for many outputs at once: the small IR that emitters print.
///
/// With hash-consing, common subexpressions are already shared nodes, so CSE is a
/// topological sort: every non-leaf node reachable from an output becomes one SSA
/// assignment, in ascending id order (children first); unreachable (dead) nodes are
/// dropped. Leaves (symbols, constants) are printed inline. The order depends only on
/// how the expressions were built, so the same derivation gives the same schedule in
/// every process.
public struct Schedule: Sendable {
    /// One `let` per entry, in order; each refers only to leaves and earlier entries.
    public let assignments: [ExpressionID]
    /// The requested results, in the order asked.
    public let outputs: [ExpressionID]

    /// Schedules `outputs` in `arena`.
    public init(outputs: [ExpressionID], in arena: ExpressionArena) {
        self.outputs = outputs
        self.assignments = arena.reachable(from: outputs).filter { !arena[$0].isLeaf }
    }

    /// Names the assignments `prefix0`, `prefix1`, … in order.
    public func sequentialNames(prefix: String = "t") -> [ExpressionID: String] {
        Dictionary(uniqueKeysWithValues: assignments.enumerated().map { ($1, "\(prefix)\($0)") })
    }

    /// The schedule as text, one assignment per line, then the outputs: for tests, logs and
    /// comparing runs. Each assignment prints its node with earlier assignments by name.
    public func listing(in arena: ExpressionArena) -> String {
        let names = sequentialNames()
        var lines: [String] = []
        for id in assignments {
            var printer = PlainPrinter(arena: arena, names: names)
            printer.names[id] = nil
            lines.append("\(names[id]!) = \(printer.string(id))")
        }
        let printer = PlainPrinter(arena: arena, names: names)
        lines.append("outputs: " + outputs.map { printer.string($0) }.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }
}
