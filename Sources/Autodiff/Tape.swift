/// A Wengert list: every operation appends one node holding its value and, for each
/// operand, the local partial derivative ∂node/∂operand, computed when the node is made.
///
/// Nodes are appended in evaluation order, so an operand always comes before its result
/// and the reverse sweep is a single backward loop over the array: no graph, no
/// topological sort, no closures (micrograd's `backward`, flattened).
///
/// A tape is used by one evaluation on one thread; it is a class only so that every
/// `Value` of an evaluation can append to the same list.
public final class Tape<Scalar: AutodiffScalar> {
    /// One incoming edge of a node: the operand, and ∂node/∂operand.
    struct Edge {
        let operand: Int
        let partial: Scalar
    }

    /// The value of each node.
    private var values: [Scalar] = []
    /// The operands of each node with their local partial derivatives; leaves have none.
    private var edges: [[Edge]] = []

    /// An empty tape.
    public init() {}

    /// The number of nodes recorded so far.
    public var count: Int { values.count }

    /// A leaf: an input, a parameter or a constant. A constant is a leaf whose gradient
    /// nobody reads.
    public func leaf(_ value: Scalar) -> Value<Scalar> {
        record(value, [])
    }

    /// Appends a node; the only way nodes are made.
    func record(_ value: Scalar, _ incoming: [Edge]) -> Value<Scalar> {
        values.append(value)
        edges.append(incoming)
        return Value(tape: self, index: values.count - 1, data: value)
    }

    /// The sum of `terms` as one node (a dot product is one node, not a chain);
    /// a zero leaf when `terms` is empty.
    public func sum(_ terms: [Value<Scalar>]) -> Value<Scalar> {
        var total = Scalar.zero
        for term in terms {
            precondition(term.tape === self, "Autodiff: a value from another tape")
            total = total + term.data
        }
        return record(total, terms.map { Edge(operand: $0.index, partial: .one) })
    }

    /// The reverse sweep: ∂output/∂node for every node recorded so far.
    ///
    /// The adjoint of `output` is one; walking backwards, each node passes its adjoint
    /// times the local partial to each operand, and operands used several times add up.
    public func gradient(of output: Value<Scalar>) -> Adjoints<Scalar> {
        precondition(output.tape === self, "Autodiff: a value from another tape")
        var adjoints = [Scalar](repeating: .zero, count: values.count)
        adjoints[output.index] = .one
        for node in stride(from: output.index, through: 0, by: -1) {
            for edge in edges[node] {
                adjoints[edge.operand] = adjoints[edge.operand] + adjoints[node] * edge.partial
            }
        }
        return Adjoints(tape: self, adjoints: adjoints)
    }
}

/// The result of a reverse sweep: ∂output/∂v for each value v on the tape.
public struct Adjoints<Scalar: AutodiffScalar> {
    let tape: Tape<Scalar>
    let adjoints: [Scalar]

    /// ∂output/∂value; zero for a value made after the sweep (the output cannot depend on it).
    public subscript(value: Value<Scalar>) -> Scalar {
        precondition(value.tape === tape, "Autodiff: a value from another tape")
        return value.index < adjoints.count ? adjoints[value.index] : .zero
    }
}
