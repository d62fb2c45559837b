/// A number recorded on a tape: its value, and where it sits on the tape so that the
/// reverse sweep can find it. micrograd's `Value`, with the graph kept by the tape.
public struct Value<Scalar: AutodiffScalar> {
    /// The tape this value was recorded on; values of different tapes never mix.
    public let tape: Tape<Scalar>
    /// The node's position on the tape.
    let index: Int
    /// The number itself.
    public let data: Scalar

    /// A new node computed from this one alone, with derivative `derivative` = ∂new/∂self.
    func unary(_ value: Scalar, derivative: Scalar) -> Value {
        tape.record(value, [Tape.Edge(operand: index, partial: derivative)])
    }

    /// A new node computed from this one and `other`, with both local partials.
    func binary(_ other: Value, _ value: Scalar, _ partialSelf: Scalar, _ partialOther: Scalar) -> Value {
        precondition(tape === other.tape, "Autodiff: values from different tapes")
        return tape.record(value, [
            Tape.Edge(operand: index, partial: partialSelf),
            Tape.Edge(operand: other.index, partial: partialOther),
        ])
    }
}
