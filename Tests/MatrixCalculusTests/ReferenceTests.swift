import Exact
import MatrixCalculus
import NetworkModel
import Testing

/// The reference notebook's numbers, computed by the matrix derivation.
@Suite("Matrix derivation of the reference network")
struct ReferenceTests {
    let derivation: MatrixDerivation
    let numbers: NumericDerivation<Rational>

    init() throws {
        let spec = BuiltinExample.referenceReLU.spec
        derivation = try MatrixDerivation(network: spec.layeredNetwork)
        numbers = try derivation.instantiate(with: RationalEvaluator(bindings: derivation.bindings(spec.requireValues())))
    }

    func ints(_ values: [Int]) -> [Rational] { values.map { Rational($0) } }

    func parameter(_ name: String) throws -> (ParameterDerivation, NumericParameter<Rational>) {
        let index = try #require(derivation.parameters.firstIndex { $0.name == name })
        return (derivation.parameters[index], numbers.parameters[index])
    }

    @Test func forwardPassAndLoss() {
        #expect(numbers.loss == Rational(29, 2))
        #expect(numbers.preActivations[0].values == ints([2, 2]))
        #expect(numbers.activations[2].values == ints([-1, -3]))
    }

    @Test func equation23ForW1() throws {
        let (w1, values) = try parameter("W1")
        let plain = MatrixPrinter(.plain)
        #expect(plain.string(w1.row) == "-(t - x3)ᵀ W2 diag(relu′(z1)) (x1ᵀ ⊗ I2)")
        #expect(w1.steps.map(\.rule) == [.halfSumSquaresLoss, .identityFunction, .affineInput, .elementwise, .affineWeights])
        #expect(w1.factors.map(\.shape) == [Shape(1, 2), Shape(2, 2), Shape(2, 2), Shape(2, 6)])
        #expect(values.row.shape == Shape(1, 6))
        #expect(values.row.values == ints([0, 0, 13, -1, 26, -2]))
        #expect(values.gradient.rowArrays == [ints([0, 13, 26]), ints([0, -1, -2])])
        #expect(values.delta.values == ints([13, -1]))
        #expect(values.compactGradient == values.gradient)
        // The notebook's numpy reshape (row-major, 3×2) prints the transpose.
        #expect(values.row.reshapedRowMajor(rows: 3, columns: 2) == values.gradient.transposed)
        #expect(values.factors[3].rowArrays == [ints([0, 0, 1, 0, 2, 0]), ints([0, 0, 0, 1, 0, 2])])
    }

    @Test func equations24To26() throws {
        let (w2, w2Values) = try parameter("W2")
        #expect(MatrixPrinter(.plain).string(w2.row) == "-(t - x3)ᵀ (x2ᵀ ⊗ I2)")
        #expect(w2Values.row.values == ints([-4, -10, -4, -10]))
        #expect(w2Values.gradient.rowArrays == [ints([-4, -4]), ints([-10, -10])])
        let (b1, b1Values) = try parameter("b1")
        #expect(MatrixPrinter(.plain).string(b1.row) == "-(t - x3)ᵀ W2 diag(relu′(z1))")
        #expect(b1Values.row.values == ints([13, -1]))
        #expect(b1Values.gradient.values == ints([13, -1]))
        let (b2, b2Values) = try parameter("b2")
        #expect(MatrixPrinter(.plain).string(b2.row) == "-(t - x3)ᵀ")
        #expect(b2Values.gradient.values == ints([-2, -5]))
        #expect(b2Values.delta.values == ints([-2, -5]))
    }

    @Test func compactFormDerivation() throws {
        let (w1, _) = try parameter("W1")
        let plain = MatrixPrinter(.plain)
        #expect(plain.string(w1.compact.upstream) == "-(t - x3)ᵀ W2 diag(relu′(z1))")
        #expect(plain.string(w1.compact.transposedUpstream) == "-diag(relu′(z1)) W2ᵀ (t - x3)")
        #expect(plain.string(w1.compact.delta.expression) == "diag(relu′(z1)) W2ᵀ delta2")
        #expect(plain.string(w1.compact.gradient) == "delta1 x1ᵀ")
        #expect(w1.compact.steps.map(\.rule) == [.chainRule, .affineWeights, .kroneckerVec, .reshape, .transposeOfProduct, .backwardRecursion, .reshape])
    }
}
