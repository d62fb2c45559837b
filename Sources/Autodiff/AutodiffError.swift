/// Why an evaluation could not run. Shapes and capabilities are checked before any
/// arithmetic, and the message names the place (a layer, or the loss), so a bad network
/// gives an answer a user can act on instead of a trap.
public enum AutodiffError: Error, Equatable, CustomStringConvertible {
    /// The network has no layers.
    case emptyNetwork
    /// A matrix or vector does not fit its neighbours. `place` is "layer 2" or "loss".
    case shapeMismatch(place: String, detail: String)
    /// `function` needs e^x or log, which `scalar` cannot represent.
    /// `place` is "layer 1", "loss" or "tape".
    case unsupportedFunction(function: String, scalar: String, place: String)

    /// The message for users: the place first, then what does not fit.
    public var description: String {
        switch self {
        case .emptyNetwork:
            return "the network has no layers"
        case let .shapeMismatch(place, detail):
            return "\(place): \(detail)"
        case let .unsupportedFunction(function, scalar, place):
            return "\(place): \(function) needs e^x or log, which \(scalar) cannot represent; evaluate with Double"
        }
    }
}
