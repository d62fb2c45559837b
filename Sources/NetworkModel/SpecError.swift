/// Why a network spec cannot be used: the one error type of this module.
///
/// Every problem with user input — invalid JSON, an unknown key, a wrong shape, a bad number,
/// a missing file, an unknown example name, impossible random-problem options — becomes a
/// `SpecError` that names the place to fix; nothing in this module traps on input.
///
/// The description is the full message, ready to print:
/// - `layers[1].W: expected 2×3, got 2×2` (a field and what is wrong with it);
/// - `spec.json:5:12: layers[1].W: expected 2×3, got 2×2` (the same, read from a file);
/// - `spec.json:3:14: expected "," or "}"` (invalid JSON: a location, no field).
public struct SpecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field at fault as a path into the spec, e.g. `layers[1].W` or `x[2]`; empty when
    /// the problem is with the whole text (invalid JSON, a missing file) or the whole spec.
    public var field: String
    /// What is wrong, without the field or location.
    public var message: String
    /// Where in the JSON text the offending value starts, when the spec was read from text.
    public var location: SourceLocation?

    /// An error at `field`; `location` is added when the spec was read from text.
    public init(field: String, message: String, location: SourceLocation? = nil) {
        self.field = field
        self.message = message
        self.location = location
    }

    /// The full message: location, field, then what is wrong.
    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        if !field.isEmpty { text += "\(field): " }
        return text + message
    }

    /// The same error pointing at `location`, unless it already has one.
    func located(at location: SourceLocation?) -> SpecError {
        var copy = self
        if copy.location == nil { copy.location = location }
        return copy
    }
}
