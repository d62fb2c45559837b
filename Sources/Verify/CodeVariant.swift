import Emit
import Foundation
import NetworkModel

/// A changed copy of a network's generated code, compiled beside the code itself by
/// `GeneratedCodeCheck`: how the tests mutate generated code the way bugs do (a wrong index,
/// a dropped term, a sign, a coefficient off by 1e-9, a transposed gradient) and require the
/// check to FAIL every mutant, with one compile for all of them.
public struct CodeVariant: Sendable {
    /// What the change does, for messages.
    public let name: String
    /// The changed text of the network file; nil when the change finds nothing to change.
    public let change: @Sendable (String) -> String?

    /// A variant.
    public init(name: String, change: @escaping @Sendable (String) -> String?) {
        self.name = name
        self.change = change
    }

    /// The environment variable that tells the compiled program which variant to run
    /// (0: the generated code as it is).
    static let environmentKey = "GRADGEN_VERIFY_VARIANT"
    /// The type the harness calls when there are variants.
    static let dispatchType = "GradgenVariants"

    /// The network type of variant `index` (from 1).
    static func typeName(_ index: Int) -> String { "GradgenVariant\(index)" }

    /// `text` with the network type `name` (as a whole word) renamed: every declaration of a
    /// generated network lives inside its type or extends it.
    static func renaming(_ name: String, to newName: String, in text: String) -> String {
        text.replacingOccurrences(of: "\\b\(name)\\b", with: newName, options: .regularExpression)
    }

    /// True when `networkText` (unrolled code) has the generic body that `dispatch` runs a
    /// second time on a scalar with error bounds; loop code has none.
    static func hasGenericBody(_ networkText: String) -> Bool {
        networkText.contains("static func evaluate<Scalar: Gradgen.")
    }

    /// The environment variable naming the file where the program writes the error bounds
    /// of its results.
    static let boundsKey = "GRADGEN_VERIFY_BOUNDS"

    /// A type with the API the harness calls, which runs the original or one variant
    /// (`count` of them, 0 for none) through each entry point the harness checks (one
    /// sample's loss and gradients, a minibatch under `.sum` and `.mean`, predict for one
    /// sample and for a batch) and, where the code has its generic body, runs that body again
    /// on `GradgenBounded`, a Double that carries a rounding-error bound, writing the bounds
    /// of the results to the file `boundsKey` names. A minibatch's bounds come from the
    /// samples' bounded results combined the way the runtime combines them: summed in sample
    /// order, then multiplied by the rounded 1/n for the mean.
    ///
    /// `GradgenBounded` repeats, in the compiled program, the running error analysis of
    /// Autodiff's `ErrorBounded<Double>` (the program cannot link Autodiff): the same values
    /// as Double, and a bound that covers each rounding and what the operands' bounds let
    /// through. A comparison whose operands' bounds overlap (a kink within rounding) makes
    /// the trial's bounds unknown instead of wrong.
    static func dispatch(spec: NetworkSpec, original: String, count: Int, bounded: Bool, scalar codeScalar: CodeScalar = .double) -> String {
        let names = spec.parameters.map(\.name)
        let scalar = codeScalar.rawValue
        let arguments = names.map { "\($0): p.\($0)" }.joined(separator: ", ")
        let boundedArguments = names.map { "\($0): p.\($0).map { GradgenBounded(Double($0), 0) }" }.joined(separator: ", ")
        let gradientList = names.map { "g.\($0)" }.joined(separator: " + ")
        let boundList = names.map { "b.\($0)" }.joined(separator: " + ")
        let inputSize = spec.inputSize, outputSize = spec.outputSize
        func bodies(_ type: String) -> (single: String, batch: String, predict: String) {
            var single = "let g = \(type).lossAndGradients(x: x, t: t, parameters: .init(\(arguments)))"
            var batch = """
                let w = \(type).Workspace()
                                let loss = \(type).batchLossAndGradients(x: x, t: t, count: count, reduction: reduction, parameters: .init(\(arguments)), workspace: w)
                                let g = w.gradients
                """
            if bounded {
                let run = """
                    var b = \(type).GradientSet<GradgenBounded>()
                                    \(type).evaluate(x: x[s * \(inputSize)..<(s + 1) * \(inputSize)].map { GradgenBounded(Double($0), 0) }, t: t[s * \(outputSize)..<(s + 1) * \(outputSize)].map { GradgenBounded(Double($0), 0) }, parameters: .init(\(boundedArguments)), into: &b)
                    """
                single += """

                                GradgenBounded.uncertain = false
                                let s = 0
                                \(run)
                                record([b.loss] + \(boundList))
                    """
                batch += """

                                GradgenBounded.uncertain = false
                                var samples: [[GradgenBounded]] = []
                                for s in 0..<count {
                                    \(run)
                                    samples.append([b.loss] + \(boundList))
                                }
                                let combined = combine(samples, mean: reduction == .mean)
                                record([combined[0]] + combined)
                    """
            }
            single += "\n                return [g.loss] + \(gradientList)"
            batch += "\n                return [loss, g.loss] + \(gradientList)"
            let predict = "return count.map { \(type).predict(x: x, count: $0, parameters: .init(\(arguments)), workspace: \(type).Workspace()) } ?? \(type).predict(x: x, parameters: .init(\(arguments)))"
            return (single, batch, predict)
        }
        func cases(_ body: (String) -> String) -> String {
            let cases = (0...count).map { index in
                "            \(index == 0 ? "default" : "case \(index)"):\n                \(body(index == 0 ? original : typeName(index)))"
            }
            return (Array(cases.dropFirst()) + [cases[0]]).joined(separator: "\n")
        }
        let combine = bounded ? """

                /// The samples' bounded results combined as the runtime combines a minibatch: summed
                /// in sample order, then, for the mean, multiplied by the rounded 1/n.
                static func combine(_ samples: [[GradgenBounded]], mean: Bool) -> [GradgenBounded] {
                    var total = samples[0].map { _ in GradgenBounded(0, 0) }
                    for sample in samples {
                        for k in total.indices { total[k] = total[k] + sample[k] }
                    }
                    guard mean else { return total }
                    let scale = GradgenBounded(1, over: samples.count)
                    return total.map { $0 * scale }
                }

                /// Appends one line of bounds (hexadecimal bit patterns; infinity where unknown)
                /// to the file named by \(boundsKey).
                static func record(_ values: [GradgenBounded]) {
                    let line = values.map { String((GradgenBounded.uncertain ? Double.infinity : $0.bound).bitPattern, radix: 16) }
                    guard let path = ProcessInfo.processInfo.environment["\(boundsKey)"] else { return }
                    if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
                    guard let file = FileHandle(forWritingAtPath: path) else { fatalError("cannot write \\(path)") }
                    file.seekToEndOfFile()
                    file.write(Data((line.joined(separator: " ") + "\\n").utf8))
                    file.closeFile()
                }
            """ : ""
        return """
            // Generated by gradgen verify: runs the network code (\(original)) or one of its
            // variants, chosen by the environment variable \(environmentKey)\(bounded ? ", and its generic body again on GradgenBounded" : "").
            import Foundation

            enum \(dispatchType) {
                typealias Parameters = \(original).Parameters

                static let variant = Int(ProcessInfo.processInfo.environment["\(environmentKey)"] ?? "0") ?? 0

                /// One sample: the loss, then the gradients.
                static func lossAndGradients(x: [\(scalar)], t: [\(scalar)], parameters p: Parameters) -> [\(scalar)] {
                    switch variant {
            \(cases { bodies($0).single })
                    }
                }

                /// A minibatch of `count` samples: the loss returned, the workspace's loss, then
                /// the workspace's gradients.
                static func batchLossAndGradients(x: [\(scalar)], t: [\(scalar)], count: Int, reduction: Gradgen.Reduction, parameters p: Parameters) -> [\(scalar)] {
                    switch variant {
            \(cases { bodies($0).batch })
                    }
                }

                /// The outputs of one sample (`count` nil) or of a batch of `count`.
                static func predict(x: [\(scalar)], count: Int?, parameters p: Parameters) -> [\(scalar)] {
                    switch variant {
            \(cases { bodies($0).predict })
                    }
                }
            \(combine)
            }

            """ + (bounded ? boundedScalar : "")
    }

    /// The source of `GradgenBounded`.
    private static let boundedScalar = """
            /// A Double and a bound on its distance from the exact value it stands for.
            struct GradgenBounded: Gradgen.Transcendental {
                var value: Double
                var bound: Double

                /// Set when a comparison could not be decided within the bounds.
                nonisolated(unsafe) static var uncertain = false

                init(_ value: Double, _ bound: Double) {
                    self.value = value
                    self.bound = value.isFinite && bound.isFinite ? bound : .infinity
                }

                init(integerLiteral value: Int) { self.init(Double(value), Double(value).magnitude > 0x1p53 ? .infinity : 0) }

                init(_ numerator: Int, over denominator: Int) {
                    let value = Double(numerator) / Double(denominator)
                    self.init(value, Self.rounding(value) + (Double(numerator).magnitude > 0x1p53 || Double(denominator).magnitude > 0x1p53 ? .infinity : 0))
                }

                /// A correctly rounded literal: within half a unit of the constant.
                init(rounded value: Double) { self.init(value, Self.rounding(value)) }

                /// u|x|, or the smallest subnormal below the normal range.
                static func rounding(_ x: Double) -> Double {
                    x.magnitude < Double.leastNormalMagnitude ? Double.leastNonzeroMagnitude : x.magnitude * 0x1p-53
                }

                /// A sum of a few bounds, rounded up.
                static func up(_ x: Double) -> Double { x * (1 + 0x1p-49) + 16 * Double.leastNonzeroMagnitude }

                static func < (a: Self, b: Self) -> Bool { decide(a, b); return a.value < b.value }
                static func == (a: Self, b: Self) -> Bool { decide(a, b); return a.value == b.value }

                /// Notes a comparison whose answer the bounds leave open.
                static func decide(_ a: Self, _ b: Self) {
                    let reach = a.bound + b.bound
                    if reach > 0 && !((a.value - b.value).magnitude > reach) { uncertain = true }
                }

                static func + (a: Self, b: Self) -> Self {
                    let sum = a.value + b.value
                    return Self(sum, up(a.bound + b.bound + rounding(sum)))
                }

                static func - (a: Self, b: Self) -> Self { a + (-b) }

                static func * (a: Self, b: Self) -> Self {
                    let product = a.value * b.value
                    if (a.value == 0 && a.bound == 0) || (b.value == 0 && b.bound == 0) { return Self(product, 0) }
                    return Self(product, up(a.value.magnitude * b.bound + b.value.magnitude * a.bound + a.bound * b.bound + rounding(product)))
                }

                static func / (a: Self, b: Self) -> Self {
                    let quotient = a.value / b.value
                    let divisor = (b.value.magnitude - b.bound) * (1 - 0x1p-49)
                    guard divisor > 0 else { return Self(quotient, .infinity) }
                    return Self(quotient, up((a.bound + quotient.magnitude * b.bound) / divisor + rounding(quotient)))
                }

                static prefix func - (x: Self) -> Self { Self(-x.value, x.bound) }

                /// The C library's functions, taken to be within 4 ulps, as Autodiff takes them.
                static func library(_ value: Double) -> Double { value.magnitude * 0x1p-50 + 4 * Double.leastNonzeroMagnitude }

                static func exponential(_ x: Self) -> Self {
                    let value = Foundation.exp(x.value)
                    let growth = x.bound <= 0.5 ? x.bound / ((1 - x.bound) * (1 - 0x1p-49)) : .infinity
                    return Self(value, up(library(value) + (value.magnitude + library(value)) * growth))
                }

                static func logarithm(_ x: Self) -> Self {
                    let value = Foundation.log(x.value)
                    let distance = (x.value - x.bound) * (1 - 0x1p-49)
                    guard distance > 0 else { return Self(value, .infinity) }
                    return Self(value, up(library(value) + x.bound / distance))
                }

                static func logarithmOfOnePlus(_ x: Self) -> Self {
                    let value = Foundation.log1p(x.value)
                    let distance = ((1 + x.value) * (1 - 0x1p-49) - x.bound) * (1 - 0x1p-49)
                    guard distance > 0 else { return Self(value, .infinity) }
                    return Self(value, up(library(value) + x.bound / distance))
                }

                static func hyperbolicTangent(_ x: Self) -> Self {
                    let value = Foundation.tanh(x.value)
                    return Self(value, up(library(value) + x.bound))
                }
            }

            """
}
