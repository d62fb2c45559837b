import Foundation
import Testing
@testable import NetworkModel
import Exact

/// The reference network in the compact layout of the README, with JSON numbers.
let referenceJSON = """
{
  "input": 3,
  "layers": [
    {"size": 2, "activation": "relu", "W": [[3, -1, 1], [-5, 2, -1]], "b": [1, 2]},
    {"size": 2, "activation": "identity", "W": [[1, -2], [-3, 1]], "b": [1, 1]}
  ],
  "loss": "half_sum_squares",
  "x": [0, 1, 2],
  "t": [1, 2]
}
"""

/// `referenceJSON` with one piece of text replaced (which must occur exactly once).
func reference(replacing old: String, with new: String) -> String {
    precondition(referenceJSON.components(separatedBy: old).count == 2, "\(old) must occur once")
    return referenceJSON.replacingOccurrences(of: old, with: new)
}

/// The error reading `json` throws, or nil when it reads.
func specError(_ json: String, sourceName: String = "<string>") -> SpecError? {
    do {
        _ = try NetworkSpec(json: json, sourceName: sourceName)
        return nil
    } catch let error as SpecError {
        return error
    } catch {
        Issue.record("unexpected error type \(type(of: error)): \(error)")
        return nil
    }
}

/// Runs `body` and returns the `SpecError` it throws, or nil.
func thrownSpecError(_ body: () throws -> Void) -> SpecError? {
    do {
        try body()
        return nil
    } catch let error as SpecError {
        return error
    } catch {
        Issue.record("unexpected error type \(type(of: error)): \(error)")
        return nil
    }
}

func r(_ n: Int, _ d: Int = 1) -> Rational { Rational(n, d) }

/// A fresh path in a temporary directory for this test run.
func temporaryPath(_ name: String) -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gradgen-network-tests-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent(name).path
}
