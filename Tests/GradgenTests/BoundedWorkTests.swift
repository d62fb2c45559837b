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

    /// The decimal exponent and leading digits of e^(−c) for a huge c, by another route than
    /// gradgen's: c·log₁₀ e in Foundation's `Decimal` (38 digits, log₁₀ e to 30) gives the
    /// exponent, −⌊c·log₁₀ e⌋ − 1, and the fraction f of c·log₁₀ e, whose 10^(1 − f) in
    /// Double gives the leading digits to about ten places.
    static func decimalOfExpMinus(_ c: Decimal) -> (exponent: String, leading: Double) {
        var power = c * Decimal(string: "0.434294481903251827651128918916")!
        var whole = Decimal()
        NSDecimalRound(&whole, &power, 0, .down)
        let fraction = NSDecimalNumber(decimal: power - whole).doubleValue
        return ("-\(whole + 1)", pow(10, 1 - fraction))
    }

    /// The printed value `text` ("5.5997…e-434294481904") has the given exponent and, to
    /// eight digits, the given leading digits.
    static func check(_ text: String, exponent: String, leading: Double) {
        let parts = text.split(separator: "e")
        #expect(parts.count == 2 && String(parts[1]) == exponent, "\(text) against exponent \(exponent)")
        #expect(abs(Double(parts[0])! / leading - 1) < 1e-8, "\(text) against \(leading)")
    }

    /// σ(10¹²): the unit answers in a moment. σ rounds to 1 at 30 digits, so L = ½; the
    /// gradient σ²(1 − σ) = e^(−10¹²)(1 + O(e^(−10¹²))) (mpmath: 5.599797842303807005428868519738e-434294481904).
    @Test func hugeSigmoidArgumentIsAnswered() throws {
        let run = try evaluate(Self.unit("sigmoid", weight: "1e12"), ["--digits", "30"])
        #expect(!run.timedOut && run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("  L = 1/2*sigmoid(1000000000000)^2\n    ≈ 0.5\n"))
        #expect(run.standardOutput.contains("exact b1[1]: sigmoid(1000000000000)^2*(1 - sigmoid(1000000000000))"))
        let gradient = "5.59979784230380700542886851974e-434294481904"
        #expect(run.standardOutput.contains("∂L/∂b1 (1) ≈ [\(gradient)]"))
        let expected = Self.decimalOfExpMinus(Decimal(string: "1e12")!)
        #expect(expected.exponent == "-434294481904")
        Self.check(gradient, exponent: expected.exponent, leading: expected.leading)
    }

    /// tanh(10¹²): the gradient tanh·(1 − tanh²) ≈ 4e^(−2·10¹²)
    /// (mpmath: 1.254309434986814903634496765568e-868588963806).
    @Test func hugeTanhArgumentIsAnswered() throws {
        let run = try evaluate(Self.unit("tanh", weight: "1e12"), ["--digits", "30"])
        #expect(!run.timedOut && run.status == 0, "\(run.standardError)")
        let gradient = "1.25430943498681490363449676557e-868588963806"
        #expect(run.standardOutput.contains("∂L/∂b1 (1) ≈ [\(gradient)]"))
        // 4·10^(1 − f) is 10 times too large here: the leading digit moves one place.
        let expected = Self.decimalOfExpMinus(Decimal(string: "2e12")!)
        #expect(expected.exponent == "-868588963807")
        Self.check(gradient, exponent: "-868588963806", leading: 4 * expected.leading / 10)
    }

    /// softplus(±10¹²): softplus(10¹²) = 10¹² + log(1 + e^(−10¹²)), so L = ½·10²⁴ and the
    /// gradient σ·softplus = 10¹² to 30 digits; softplus(−10¹²) = log(1 + e^(−10¹²)) ≈ e^(−10¹²).
    @Test func hugeSoftplusArgumentIsAnswered() throws {
        let run = try evaluate(Self.unit("softplus", weight: "1e12"), ["--digits", "30"])
        #expect(!run.timedOut && run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("    ≈ 500000000000000000000000\n"))
        #expect(run.standardOutput.contains("∂L/∂b1 (1) ≈ [1000000000000]"))
        let negative = try evaluate(Self.unit("softplus", weight: "-1e12"), ["--digits", "30"])
        #expect(negative.status == 0, "\(negative.standardError)")
        #expect(negative.standardOutput.contains("x2 = softplus(z1) = [5.59979784230380700542886851974e-434294481904]"), "\(negative.standardOutput)")
    }

    /// Softmax cross-entropy with logits (10²⁰, 0) and target (1, 0): L = log(1 + e^(−10²⁰))
    /// ≈ e^(−10²⁰), a decimal exponent beyond Int64 (mpmath: 7.710953929116719651657677046047e-43429448190325182766).
    @Test func hugeLogitIsAnswered() throws {
        let spec = #"{"input": 1, "layers": [{"size": 2, "activation": "identity", "W": [[1e20], [0]], "b": [0, 0]}], "x": [1], "t": [1, 0], "loss": "softmax_cross_entropy"}"#
        let run = try evaluate(spec, ["--digits", "30"])
        #expect(!run.timedOut && run.status == 0, "\(run.standardError)")
        let loss = "7.71095392911671965165767704605e-43429448190325182766"
        #expect(run.standardOutput.contains("  L = log(exp(-100000000000000000000) + 1)\n    ≈ \(loss)\n"))
        #expect(run.standardOutput.contains("∂L/∂b1 (2) ≈ [-\(loss), \(loss)]"))
        let expected = Self.decimalOfExpMinus(Decimal(string: "1e20")!)
        Self.check(loss, exponent: expected.exponent, leading: expected.leading)
    }

    /// The handout of the huge logit: its matrix derivation writes softmax(x) − t as
    /// e^(10²⁰)/(e^(10²⁰) + 1) − 1, whose e^(10²⁰) cancel exactly (they are kept apart from
    /// the rounded parts), so the decimals match eval's, written × 10^… in LaTeX.
    @Test func hugeLogitHandoutIsWritten() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.write("spec.json", #"{"input": 1, "layers": [{"size": 2, "activation": "identity", "W": [[1e20], [0]], "b": [0, 0]}], "x": [1], "t": [1, 0], "loss": "softmax_cross_entropy"}"#)
        let run = try CommandRun.gradgen(["handout", "spec.json", "-o", "h.tex"], in: folder.url, timeout: 60)
        #expect(!run.timedOut && run.status == 0, "\(run.standardError)")
        let tex = try String(contentsOf: folder.url.appendingPathComponent("h.tex"), encoding: .utf8)
        #expect(tex.contains(#"L &\approx 7.71095 \times 10^{-43429448190325182766} \\"#))
        #expect(tex.contains(#"\begin{bmatrix} -7.71095 \times 10^{-43429448190325182766} \\ 7.71095 \times 10^{-43429448190325182766} \end{bmatrix}"#))
        #expect(tex.contains("agrees with all 5 decimals to"), "the high-precision oracle compares e^(−10²⁰)-sized values")
    }

    /// --check on the huge units: the Double autodiff's 0 lies within its bound of e^(−10¹²),
    /// and the high-precision oracle (binary floats of any exponent) compares every value,
    /// e^(−10¹²)-sized ones too, to the 30 digits.
    @Test(arguments: ["sigmoid", "tanh", "softplus"])
    func hugeArgumentsPassTheCheck(activation: String) throws {
        let run = try evaluate(Self.unit(activation, weight: "1e12"), ["--digits", "30", "--check"])
        #expect(!run.timedOut && run.status == 0, "\(run.standardOutput)\(run.standardError)")
        #expect(run.standardOutput.hasSuffix("\nPASS\n"))
        #expect(run.standardOutput.contains("    b1    1 value, 1 agree  PASS"), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("agrees with all 3 decimals to 30 significant digits"))
    }

    /// The logit of 10²⁰: every value is beyond Double's bound, and the high-precision oracle
    /// compares them all (e^(−10²⁰) has a decimal exponent beyond Int64): PASS, exit 0.
    @Test func hugeLogitIsChecked() throws {
        let spec = #"{"input": 1, "layers": [{"size": 2, "activation": "identity", "W": [[1e20], [0]], "b": [0, 0]}], "x": [1], "t": [1, 0], "loss": "softmax_cross_entropy"}"#
        let run = try evaluate(spec, ["--check", "--digits", "30"])
        #expect(!run.timedOut && run.status == 0, "\(run.standardOutput)\(run.standardError)")
        #expect(run.standardOutput.contains("    b1    2 values, 2 agree  PASS"), "\(run.standardOutput)")
        #expect(run.standardOutput.hasSuffix("\nPASS\n"), "\(run.standardOutput)")
    }

    /// Beyond 10¹⁰⁰ arguments are refused at once, the limit named.
    @Test func argumentBeyondTheLimitIsRefusedAtOnce() throws {
        let run = try evaluate(Self.unit("sigmoid", weight: "1e101"))
        #expect(!run.timedOut)
        #expect(run.status == 1)
        #expect(run.standardError.hasSuffix(
            "sigmoid(1e101): decimals are computed for arguments of exp, sigmoid, tanh and softplus up to 1e100 in magnitude (e^x = 2^k·e^r needs ln 2 to as many more bits as k = x/ln 2 has)\n"),
            "\(run.standardError)")
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
/// 256") or type-checked for 37 s: a leaky-ReLU slope beyond machine integers is written as its
/// correctly rounded Double literal (the exact flavour is left out, with a note); beyond
/// Double's range it is refused when the spec is read, naming the limit.
@Suite("gradgen writes big constants as Double literals")
struct BigConstantTests {
    static func spec(slope: String, weight: String = "1") -> String {
        #"{"input": 1, "layers": [{"size": 1, "activation": {"name": "leaky_relu", "slope": "\#(slope)"}, "W": [[\#(weight)]], "b": [0]}], "x": [1], "t": [1]}"#
    }

    @Test(arguments: ["1e5000", "1e-400"])
    func slopeBeyondDoubleIsRefused(slope: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.write("spec.json", Self.spec(slope: slope))
        let emit = try CommandRun.gradgen(["emit", "swift", "spec.json", "-o", "Net.swift"], in: folder.url)
        #expect(emit.status == 1)
        #expect(emit.standardError.contains("layers[0].activation.slope: must lie within Double's range (about 1e-308 to 1e308 in magnitude, or 0), got "), "\(emit.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["spec.json"])
    }

    /// A slope of 10³⁰ at z = −1: L = ½(1 − 10³⁰·(−1))² = (10³⁰ + 1)²/2 exactly, and the
    /// Double code, which writes the slope as `Scalar(rounded: 1e+30)`, agrees with the
    /// autodiff within bounds.
    @Test func hugeSlopeIsEmittedAndVerified() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.write("spec.json", Self.spec(slope: "1e30", weight: "-1"))
        let emit = try CommandRun.gradgen(["emit", "swift", "spec.json", "-o", "Net.swift"], in: folder.url, timeout: 60)
        #expect(emit.status == 0, "\(emit.standardError)")
        #expect(emit.standardError.contains("note: no exact flavour (Gradgen+Rational.swift)"), "\(emit.standardError)")
        let source = try String(contentsOf: folder.url.appendingPathComponent("Net.swift"), encoding: .utf8)
        #expect(source.contains("Scalar(rounded: 1e+30)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["Gradgen.swift", "Net.swift", "spec.json"])
        let eval = try CommandRun.gradgen(["eval", "spec.json", "--check"], in: folder.url, timeout: 60)
        #expect(eval.status == 0, "\(eval.standardError)")
        // (10³⁰ + 1)²/2, written out.
        #expect(eval.standardOutput.contains("L = 1000000000000000000000000000002000000000000000000000000000001/2"), "\(eval.standardOutput)")
        let verify = try CommandRun.gradgen(["verify", "spec.json", "--trials", "20"], in: folder.url, timeout: 300)
        #expect(verify.status == 0, "\(verify.standardOutput)\(verify.standardError)")
    }
}
