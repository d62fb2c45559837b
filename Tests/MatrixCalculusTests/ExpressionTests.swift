import Exact
import MatrixCalculus
import NetworkModel
import Symbolic
import Testing

@Suite("Shaped matrix expressions")
struct ExpressionTests {
    let x = MatrixExpression.symbol(MatrixSymbol(name: "x", latex: "x", shape: .column(3)))
    let w = MatrixExpression.symbol(MatrixSymbol(name: "W", latex: "W", shape: Shape(2, 3)))

    @Test func shapesPropagate() throws {
        #expect(try MatrixExpression.product(w, x).shape == Shape(2, 1))
        #expect(MatrixExpression.kronecker(x.transposed, .identity(2)).shape == Shape(2, 6))
        #expect(MatrixExpression.vec(w).shape == Shape(6, 1))
        #expect(try MatrixExpression.diag(x).shape == Shape(3, 3))
        #expect(w.transposed.transposed == w)
    }

    @Test func mismatchNamesBothShapes() {
        #expect(throws: MatrixShapeError(operation: "product", left: Shape(3, 1), right: Shape(2, 3),
                                         requirement: "the left's 1 columns must match the right's 2 rows")) {
            try MatrixExpression.product(x, w)
        }
        do {
            _ = try MatrixExpression.sum(w, x)
            Issue.record("a sum of 2×3 and 3×1 must fail")
        } catch {
            #expect("\(error)" == "sum: 2×3 and 3×1 do not fit (the shapes must be equal)")
        }
        #expect(throws: MatrixShapeError.self) { try MatrixExpression.diag(w) }
        #expect(throws: MatrixShapeError.self) { try MatrixExpression.hadamard(w, w.transposed) }
    }

    @Test func latexPrinting() throws {
        let g = MatrixExpression.symbol(MatrixSymbol(name: "g", latex: "g", shape: Shape(1, 2)))
        let row = try MatrixExpression.product(g, .kronecker(x.transposed, .identity(2)))
        #expect(MatrixPrinter(.latex).string(row) == "g \\left(x^\\top \\otimes I_{2}\\right)")
    }

    /// Kronecker, vec and diag written out entry by entry, evaluated: the identity
    /// g (xᵀ ⊗ I) = vec(gᵀxᵀ)ᵀ holds for numbers.
    @Test func kroneckerVecIdentityHoldsEntryByEntry() throws {
        let g = MatrixExpression.symbol(MatrixSymbol(name: "g", latex: "g", shape: Shape(1, 2)))
        let left = try MatrixExpression.product(g, .kronecker(x.transposed, .identity(2)))
        let right = MatrixExpression.vec(try .product(g.transposed, x.transposed)).transposed
        #expect(left.shape == right.shape)
        let evaluator = RationalEvaluator(bindings: ["g_0_0": 3, "g_0_1": -2, "x_0": 5, "x_1": Rational(1, 2), "x_2": 7])
        let (a, b) = (try left.evaluate(with: evaluator), try right.evaluate(with: evaluator))
        #expect(a == b)
        #expect(a.values == [15, -10, Rational(3, 2), -1, 21, -14])
    }

    @Test func ruleTableHasUniqueLabels() {
        let labels = JacobianRule.allCases.map(\.label)
        #expect(Set(labels).count == labels.count)
        #expect(JacobianRule.affineWeights.latex.contains("x^\\top \\otimes I_n"))
    }
}

