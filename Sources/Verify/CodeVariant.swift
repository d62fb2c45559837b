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

    /// How the harness bounds the generated code's own rounding errors.
    enum BoundedRun {
        /// Not at all (Float code): each value is allowed twice the autodiff's bound.
        case none
        /// Unrolled code: its generic body runs again on `GradgenBounded`.
        case genericBody
        /// Loop code: its bounded twin (`LoopBoundedTwin`) runs on `GradgenBounded`.
        case loopTwin
    }

    /// A type with the API the harness calls, which runs the original or one variant
    /// (`count` of them, 0 for none) through each entry point the harness checks (one
    /// sample's loss and gradients, a minibatch under `.sum` and `.mean`, predict for one
    /// sample and for a batch) and computes bounds on the code's own rounding errors
    /// (`bounded`), writing the bounds of the results to the file `boundsKey` names. Unrolled
    /// code's generic body runs again on `GradgenBounded`, a number of the code's type that carries a
    /// rounding-error bound, and a minibatch's bounds come from the samples' bounded results
    /// combined the way the runtime combines them: summed in sample order, then multiplied by
    /// the rounded 1/n for the mean. Loop code's bounded twin runs the whole minibatch, its sums
    /// bounded for any order, then multiplies by the rounded 1/n as loop code does. Variants
    /// are bounded by the unchanged network's twin: the bound of correct code.
    ///
    /// `GradgenBounded` repeats, in the compiled program, the running error analysis of
    /// Autodiff's `ErrorBounded<Double>` (the program cannot link Autodiff): the same values
    /// as Double, and a bound that covers each rounding and what the operands' bounds let
    /// through. A comparison whose operands' bounds overlap (a kink within rounding) makes
    /// the trial's bounds unknown instead of wrong.
    static func dispatch(spec: NetworkSpec, original: String, count: Int, bounded: BoundedRun, scalar codeScalar: CodeScalar = .double) -> String {
        let names = spec.parameters.map(\.name)
        let scalar = codeScalar.rawValue
        let arguments = names.map { "\($0): p.\($0)" }.joined(separator: ", ")
        let boundedArguments = names.map { "\($0): p.\($0).map { GradgenBounded($0, 0) }" }.joined(separator: ", ")
        let parameterList = "[" + names.map { "p.\($0)" }.joined(separator: ", ") + "]"
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
            switch bounded {
            case .none: break
            case .genericBody:
                let run = """
                    var b = \(type).GradientSet<GradgenBounded>()
                                    \(type).evaluate(x: x[s * \(inputSize)..<(s + 1) * \(inputSize)].map { GradgenBounded($0, 0) }, t: t[s * \(outputSize)..<(s + 1) * \(outputSize)].map { GradgenBounded($0, 0) }, parameters: .init(\(boundedArguments)), into: &b)
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
            case .loopTwin:
                let run = "\(LoopBoundedTwin.typeName).lossAndGradients(x: x, t: t, count: count, parameters: \(parameterList))"
                single += """

                                GradgenBounded.uncertain = false
                                let count = 1
                                record(\(run))
                    """
                batch += """

                                GradgenBounded.uncertain = false
                                let summed = \(run)
                                let scaled = reduction == .mean ? summed.map { $0 * GradgenBounded(1, over: count) } : summed
                                record([scaled[0]] + scaled)
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
        let combine = bounded == .none ? "" : """

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
                    let line = values.map { String(Double(GradgenBounded.uncertain ? .infinity : $0.bound).bitPattern, radix: 16) }
                    guard let path = ProcessInfo.processInfo.environment["\(boundsKey)"] else { return }
                    if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
                    guard let file = FileHandle(forWritingAtPath: path) else { fatalError("cannot write \\(path)") }
                    file.seekToEndOfFile()
                    file.write(Data((line.joined(separator: " ") + "\\n").utf8))
                    file.closeFile()
                }
            """
        return """
            // Generated by gradgen verify: runs the network code (\(original)) or one of its
            // variants, chosen by the environment variable \(environmentKey)\(bounded == .genericBody ? ", and its generic body again on GradgenBounded" : bounded == .loopTwin ? ", and its bounded twin on GradgenBounded" : "").
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

            """ + (bounded == .none ? "" : boundedScalar(scalar)) + (bounded == .loopTwin ? boundedSums : "")
    }

    /// The source of `GradgenBounded`.
    ///
    /// Its bound holds for the program run on it and for any program that performs the same
    /// operations on values within the operands' bounds, as loop code does beside its bounded
    /// twin: an operand v with bound e stands for the exact value V, |v − V| ≤ e, and for the
    /// other program's value v′, |v′ − V| ≤ e, so |v′|, |V| ≤ |v| + 2e (`reach`); every rounding
    /// and every propagated error is taken at that magnitude, and divisors, logarithms'
    /// arguments and exponentials' slopes over the whole interval of width 2e around v. A
    /// comparison is decided only when the values lie further apart than twice the sum of the
    /// bounds, so that v′ takes the branch that V and v take.
    private static func boundedScalar(_ scalar: String) -> String {
        """
            /// The floating-point type of the generated code, which GradgenBounded rounds as.
            typealias GradgenBoundedValue = \(scalar)

            /// A number of the code's floating-point type and a bound on its distance from the
            /// exact value it stands for, which also bounds the distance of any value computed by
            /// the same operations on values within the operands' bounds (loop code beside its
            /// bounded twin).
            struct GradgenBounded: Gradgen.Transcendental {
                typealias Value = GradgenBoundedValue
                var value: Value
                var bound: Value

                /// The unit roundoff u (2⁻⁵³ for Double, 2⁻²⁴ for Float), and 2^p, below which
                /// integers are exact.
                static let u = Value.ulpOfOne / 2
                static let exactIntegers = Value(sign: .plus, exponent: Value.significandBitCount + 1, significand: 1)

                /// Set when a comparison could not be decided within the bounds.
                nonisolated(unsafe) static var uncertain = false

                init(_ value: Value, _ bound: Value) {
                    self.value = value
                    self.bound = value.isFinite && bound.isFinite ? bound : .infinity
                }

                init(integerLiteral value: Int) { self.init(Value(value), Value(value).magnitude > Self.exactIntegers ? .infinity : 0) }

                init(_ numerator: Int, over denominator: Int) {
                    let value = Value(numerator) / Value(denominator)
                    self.init(value, Self.rounding(value) + (Value(numerator).magnitude > Self.exactIntegers || Value(denominator).magnitude > Self.exactIntegers ? .infinity : 0))
                }

                /// A correctly rounded literal (for Float code, one whose Float is): within half
                /// a unit of the constant.
                init(rounded value: Double) { self.init(Value(value), Self.rounding(Value(value))) }

                /// The largest magnitude of a value within the bound of the exact one, whose
                /// distance from this value is at most the bound too: |v| + 2e, rounded up.
                var reach: Value { Self.up(value.magnitude + 2 * bound) }

                /// u|x|, or the smallest subnormal below the normal range.
                static func rounding(_ x: Value) -> Value {
                    x.magnitude < Value.leastNormalMagnitude ? Value.leastNonzeroMagnitude : x.magnitude * u
                }

                /// A sum of a few bounds, rounded up.
                static func up(_ x: Value) -> Value { x * (1 + 16 * u) + 16 * Value.leastNonzeroMagnitude }

                /// A lower bound of a few terms, rounded down.
                static func down(_ x: Value) -> Value { x * (1 - 16 * u) }

                static func < (a: Self, b: Self) -> Bool { decide(a, b); return a.value < b.value }
                static func == (a: Self, b: Self) -> Bool { decide(a, b); return a.value == b.value }

                /// Notes a comparison whose answer the bounds leave open: the values, or the
                /// values another program computes within the bounds, may lie on either side.
                static func decide(_ a: Self, _ b: Self) {
                    let reach = 2 * (a.bound + b.bound)
                    if reach > 0 && !((a.value - b.value).magnitude > up(reach)) { uncertain = true }
                }

                static func + (a: Self, b: Self) -> Self {
                    let sum = a.value + b.value
                    return Self(sum, up(a.bound + b.bound + rounding(sum.magnitude + 2 * (a.bound + b.bound))))
                }

                static func - (a: Self, b: Self) -> Self { a + (-b) }

                static func += (a: inout Self, b: Self) { a = a + b }

                /// |a′b′ − AB| ≤ |a′| e_b + |B| e_a, both magnitudes within `reach`.
                static func * (a: Self, b: Self) -> Self {
                    let product = a.value * b.value
                    if (a.value == 0 && a.bound == 0) || (b.value == 0 && b.bound == 0) { return Self(product, 0) }
                    let (ra, rb) = (a.reach, b.reach)
                    return Self(product, up(ra * b.bound + rb * a.bound + rounding(up(ra * rb))))
                }

                /// |a′/b′ − A/B| ≤ (e_a + |A/B| e_b) / |b′| with |b′|, |B| ≥ |b| − 2e_b.
                static func / (a: Self, b: Self) -> Self {
                    let quotient = a.value / b.value
                    let divisor = down(b.value.magnitude - 2 * b.bound)
                    guard divisor > 0 else { return Self(quotient, .infinity) }
                    let largest = up(a.reach / divisor)
                    return Self(quotient, up((a.bound + largest * b.bound) / divisor + rounding(largest)))
                }

                static prefix func - (x: Self) -> Self { Self(-x.value, x.bound) }

                /// The C library's functions, taken to be within 4 ulps, as Autodiff takes them.
                static func library(_ value: Value) -> Value { value.magnitude * 8 * u + 4 * Value.leastNonzeroMagnitude }

                /// e^y for every y within 2e of x is at most e^x · e^(2e): an upper bound.
                static func exponential(_ x: Self) -> Self {
                    let value = Foundation.exp(x.value)
                    let spread = 2 * x.bound
                    guard spread <= 0.5 else { return Self(value, .infinity) }
                    let largest = up((value + library(value)) * (1 + spread / down(1 - spread)))
                    return Self(value, up(library(largest) + largest * x.bound))
                }

                /// |log y − log Y| ≤ e / (x − 2e) for y, Y within 2e of x.
                static func logarithm(_ x: Self) -> Self {
                    let value = Foundation.log(x.value)
                    let distance = down(x.value - 2 * x.bound)
                    guard distance > 0 else { return Self(value, .infinity) }
                    let slope = x.bound / distance
                    return Self(value, up(library(up(value.magnitude + library(value) + 2 * slope)) + slope))
                }

                static func logarithmOfOnePlus(_ x: Self) -> Self {
                    let value = Foundation.log1p(x.value)
                    let distance = down(down(1 + x.value) - 2 * x.bound)
                    guard distance > 0 else { return Self(value, .infinity) }
                    let slope = x.bound / distance
                    return Self(value, up(library(up(value.magnitude + library(value) + 2 * slope)) + slope))
                }

                /// tanh′ ≤ 1.
                static func hyperbolicTangent(_ x: Self) -> Self {
                    let value = Foundation.tanh(x.value)
                    return Self(value, up(library(up(value.magnitude + library(value) + 2 * x.bound)) + x.bound))
                }
            }

            """
    }

    /// The source of `GradgenBoundedSum` and `GradgenBoundedKernels`, the sums of loop code's
    /// bounded twin (`LoopBoundedTwin`) whose bounds hold in every order of summation.
    ///
    /// Loop code sums a product's entry in tiles and vector lanes, with or without fused
    /// multiply-add, and a minibatch's loss and ∂L/∂b_l chunk by chunk on several threads: an
    /// order the twin does not follow. Computed in any order, a sum of n terms t′ is within
    /// γ_(n−1) Σ|t′| of their exact sum, and a dot product of n products within γ_n Σ|a′b′|
    /// (γ_n = nu / (1 − nu), u = 2⁻⁵³; Higham, Accuracy and Stability of Numerical Algorithms,
    /// §3.1 and §4.2): bounds that depend on the terms, not on the order. With |t′| bounded by
    /// each term's `reach` and the terms' own errors added, the bound covers loop code's value
    /// and the twin's alike. Underflow adds at most one smallest subnormal per operation.
    private static let boundedSums = """
            /// γ_n = nu / (1 − nu), rounded up.
            func gradgenGamma(_ n: Int) -> GradgenBoundedValue {
                let nu = GradgenBoundedValue(n) * GradgenBounded.u
                return GradgenBounded.up(nu / GradgenBounded.down(1 - nu))
            }

            /// A sum of bounded terms whose bound holds in whatever order the terms are added: the
            /// loss and ∂L/∂b_l of loop code's bounded twin, which loop code sums over the samples
            /// chunk by chunk.
            struct GradgenBoundedSum: ExpressibleByIntegerLiteral {
                /// The sum in the order of the additions.
                var value: GradgenBoundedValue = 0
                /// Σ of the terms' bounds.
                var errors: GradgenBoundedValue = 0
                /// Σ of the terms' reach.
                var magnitudes: GradgenBoundedValue = 0
                /// Terms added.
                var terms = 0

                init(integerLiteral value: Int) { precondition(value == 0, "a sum starts at 0") }

                static func += (sum: inout Self, term: GradgenBounded) {
                    sum.value += term.value
                    sum.errors = GradgenBounded.up(sum.errors + term.bound)
                    sum.magnitudes = GradgenBounded.up(sum.magnitudes + term.reach)
                    sum.terms += 1
                }

                /// The sum with its bound: Σ e + γ_(n−1) Σ reach, and underflow.
                var bounded: GradgenBounded {
                    let rounding = gradgenGamma(Swift.max(terms - 1, 0)) * magnitudes + GradgenBoundedValue(terms) * GradgenBoundedValue.leastNonzeroMagnitude
                    return GradgenBounded(value, GradgenBounded.up(errors + rounding))
                }
            }

            /// C = A Bᵀ and C = A B as loop code's kernels compute them, each entry with a bound
            /// that holds for every order of its sum.
            enum GradgenBoundedKernels {
                /// Σ_k a_k b_k over `depth` terms: Σ (reach(a) e_b + reach(b) e_a) + γ_n Σ reach(a) reach(b).
                static func dot(_ depth: Int, _ term: (Int) -> (GradgenBounded, GradgenBounded)) -> GradgenBounded {
                    var value: GradgenBoundedValue = 0, errors: GradgenBoundedValue = 0, magnitudes: GradgenBoundedValue = 0
                    for k in 0..<depth {
                        let (a, b) = term(k)
                        value += a.value * b.value
                        let (ra, rb) = (a.reach, b.reach)
                        errors = GradgenBounded.up(errors + ra * b.bound + rb * a.bound)
                        magnitudes = GradgenBounded.up(magnitudes + ra * rb)
                    }
                    let rounding = gradgenGamma(depth) * magnitudes + 2 * GradgenBoundedValue(depth) * GradgenBoundedValue.leastNonzeroMagnitude
                    return GradgenBounded(value, GradgenBounded.up(errors + rounding))
                }

                /// C = A Bᵀ for A (rows × depth), B (columns × depth), C (rows × columns).
                static func multiplyTransposed(_ a: UnsafePointer<GradgenBounded>, _ b: UnsafePointer<GradgenBounded>, into c: UnsafeMutablePointer<GradgenBounded>, rows: Int, columns: Int, depth: Int) {
                    for r in 0..<rows {
                        for j in 0..<columns { c[r * columns + j] = dot(depth) { (a[r * depth + $0], b[j * depth + $0]) } }
                    }
                }

                /// C = A B for A (rows × depth) read through strides and B (depth × columns).
                static func multiply(_ a: UnsafePointer<GradgenBounded>, rowStride: Int, depthStride: Int, _ b: UnsafePointer<GradgenBounded>, into c: UnsafeMutablePointer<GradgenBounded>, rows: Int, columns: Int, depth: Int) {
                    for r in 0..<rows {
                        for j in 0..<columns { c[r * columns + j] = dot(depth) { (a[r * rowStride + $0 * depthStride], b[$0 * columns + j]) } }
                    }
                }
            }

            """
}
