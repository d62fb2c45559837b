import Foundation
import Testing
import TestSupport

/// Inputs that once ran for minutes and gigabytes: each now answers in seconds or is refused
/// at once naming the limit.
@Suite("gradgen does bounded work")
struct BoundedWorkTests {
    func evaluate(_ spec: String, _ arguments: [String] = []) throws -> CommandRun {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("spec.json", spec)
        return try CommandRun.gradgen(["eval", path] + arguments, timeout: 60)
    }

    static func unit(_ activation: String, weight: String) -> String {
        #"{"input": 1, "layers": [{"size": 1, "activation": "\#(activation)", "W": [[\#(weight)]], "b": [0]}], "x": [1], "t": [0]}"#
    }

    /// σ(10¹²·1), tanh and softplus alike: refused at once, the limit named.
    @Test(arguments: ["sigmoid", "tanh", "softplus"])
    func hugeArgumentIsRefusedAtOnce(activation: String) throws {
        let run = try evaluate(Self.unit(activation, weight: "1e12"))
        #expect(!run.timedOut)
        #expect(run.status == 1)
        #expect(run.standardError.hasSuffix(
            "\(activation)(1e12): decimals are computed for arguments of exp, sigmoid, tanh and softplus up to 10000 in magnitude (beyond, e^x has more than 14,000 binary digits)\n"),
            "\(run.standardError)")
    }

    /// Softmax cross-entropy with a logit of 10²⁰: exp(−10²⁰) is refused the same way.
    @Test func hugeLogitIsRefusedAtOnce() throws {
        let spec = #"{"input": 1, "layers": [{"size": 2, "activation": "identity", "W": [[1e20], [0]], "b": [0, 0]}], "x": [1], "t": [1, 0], "loss": "softmax_cross_entropy"}"#
        let run = try evaluate(spec)
        #expect(run.status == 1)
        #expect(run.standardError.contains("exp(-1e20): decimals are computed for arguments of exp, sigmoid, tanh and softplus up to 10000"))
    }

    /// At the limit the answer is right: ∂L/∂b = σ(10⁴)²(1 − σ(10⁴)) ≈ e^(−10⁴), which once
    /// cancelled to a printed 0 (mpmath: e^(−10000) = 1.1354838653147360985e-4343).
    @Test func largeArgumentAtTheLimitIsAnsweredExactly() throws {
        let run = try evaluate(Self.unit("sigmoid", weight: "10000"))
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("∂L/∂b1 (1) ≈ [1.1354838653147361e-4343]"))
    }
}

/// Emitted constants that swiftc once rejected ("structure nesting level exceeded maximum of
/// 256") or type-checked for 37 s: a leaky-ReLU slope beyond machine integers is refused
/// when the spec is read, naming the limit.
@Suite("gradgen refuses constants that cannot be emitted")
struct BigConstantTests {
    @Test(arguments: ["1e5000", "1e80", "1/100000000000000000000"])
    func hugeSlopeIsRefused(slope: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.write("spec.json", #"{"input": 1, "layers": [{"size": 1, "activation": {"name": "leaky_relu", "slope": "\#(slope)"}, "W": [[1]], "b": [0]}], "x": [1], "t": [1]}"#)
        let emit = try CommandRun.gradgen(["emit", "swift", "spec.json", "-o", "Net.swift"], in: folder.url)
        #expect(emit.status == 1)
        #expect(emit.standardError.contains("layers[0].activation.slope: numerator and denominator must be below 2^63 in magnitude, got "), "\(emit.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["spec.json"])
    }
}
