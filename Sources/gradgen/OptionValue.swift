import ArgumentParser
import Emit
import Exact

/// Numeric option values read in the user's terms. Options that take numbers parse their value
/// unconditionally, so that `--digits -1` reaches these checks and is refused for its range
/// ("expected a whole number from 1 to 1000, got -1") instead of "Missing value".
enum OptionValue {
    /// A whole number within `range`.
    static func integer(_ text: String, in range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw ValidationError("expected a whole number from \(range.lowerBound) to \(range.upperBound), got \(MessageQuoting.quoted(text))")
        }
        return value
    }

    /// A seed: a whole number from 0 to 2⁶⁴ − 1.
    static func seed(_ text: String) throws -> UInt64 {
        guard let value = UInt64(text) else {
            throw ValidationError("expected a whole number from 0 to \(UInt64.max), got \(MessageQuoting.quoted(text))")
        }
        return value
    }

    /// The scalar of generated code, by its Swift name.
    static func scalar(_ text: String) throws -> CodeScalar {
        guard let scalar = CodeScalar(rawValue: text) else {
            throw ValidationError("expected \(CodeScalar.allCases.map(\.rawValue).joined(separator: " or ")), got \(MessageQuoting.quoted(text))")
        }
        return scalar
    }
}
