import Testing
import Exact
@testable import Symbolic

@Suite("Derivative rules")
struct DerivativeTests {
    let arena = ExpressionArena()
    var x: ExpressionID { arena.symbol("x") }
    var y: ExpressionID { arena.symbol("y") }
    func d(_ e: ExpressionID) -> String { PlainPrinter(arena: arena).string(arena.derivative(of: e, withRespectTo: x)) }

    @Test func leavesSumsProducts() {
        #expect(d(arena.constant(7)) == "0")
        #expect(d(x) == "1")
        #expect(d(y) == "0")
        #expect(d(arena.sum(constant: 4, terms: [(x, 3), (y, 2)])) == "3")
        #expect(d(arena.power(x, 3)) == "3*x^2")
        #expect(d(arena.power(x, -1)) == "-1/x^2")
        #expect(d(arena.multiply(x, y)) == "y")
        #expect(d(arena.product(coefficient: 5, factors: [(x, 2), (y, 3)])) == "10*x*y^3")
    }

    @Test func functionRules() {
        #expect(d(arena.apply(.exp, x)) == "exp(x)")
        #expect(d(arena.apply(.log, x)) == "1/x")
        #expect(d(arena.apply(.relu, x)) == "step(x)")
        #expect(d(arena.apply(.step, x)) == "0")
        #expect(d(arena.apply(.leakyRelu(slope: Rational(1, 10)), x)) == "9/10*step(x) + 1/10")
        #expect(d(arena.apply(.sigmoid, x)) == "sigmoid(x)*(1 - sigmoid(x))")
        #expect(d(arena.apply(.tanh, x)) == "1 - tanh(x)^2")
        #expect(d(arena.apply(.softplus, x)) == "sigmoid(x)")
        #expect(d(arena.apply(.abs, x)) == "step(x) - step(-x)")
    }

    @Test func chainRule() {
        #expect(d(arena.apply(.relu, arena.scale(x, by: 2))) == "2*step(2*x)")
        #expect(d(arena.apply(.exp, arena.multiply(x, y))) == "y*exp(x*y)")
        #expect(d(arena.power(arena.add(x, y), 2)) == "2*x + 2*y")
        // relu(x)·relu(x)′ simplifies: relu(x)·step(x) → relu(x).
        #expect(d(arena.power(arena.apply(.relu, x), 2)) == "2*relu(x)")
    }

    @Test func reluKinkConvention() throws {
        let derivative = arena.derivative(of: arena.apply(.relu, x), withRespectTo: x)
        #expect(try arena.evaluate(derivative, bindings: ["x": 0]) == 0)
        let leaky = arena.derivative(of: arena.apply(.leakyRelu(slope: Rational(1, 10)), x), withRespectTo: x)
        #expect(try arena.evaluate(leaky, bindings: ["x": 0]) == Rational(1, 10))
        let absolute = arena.derivative(of: arena.apply(.abs, x), withRespectTo: x)
        #expect(try arena.evaluate(absolute, bindings: ["x": 0]) == 0)
    }

    @Test func gradientSharesTheForwardDAG() {
        // A chain of n layers of w·relu(·): the gradient with respect to every w adds
        // O(n) nodes, not one tree per parameter (which would be O(n²)).
        func nodesAdded(layers n: Int) -> Int {
            let arena = ExpressionArena()
            var value = arena.symbol("x")
            var weights: [ExpressionID] = []
            for i in 0..<n {
                let w = arena.symbol("w\(i)")
                weights.append(w)
                value = arena.apply(.relu, arena.add(arena.multiply(w, value), arena.symbol("b\(i)")))
            }
            let loss = arena.power(value, 2)
            let before = arena.count
            _ = arena.gradient(of: loss, withRespectTo: weights)
            return arena.count - before
        }
        let small = nodesAdded(layers: 50)
        let large = nodesAdded(layers: 200)
        #expect(Double(large) / Double(small) < 4.5, "\(small) → \(large) nodes")
        #expect(large < 200 * 12)
    }

    @Test func unreachableSymbolHasZeroGradient() {
        #expect(arena.gradient(of: arena.power(x, 2), withRespectTo: [y, x]) == [arena.zero, arena.scale(x, by: 2)])
    }

    @Test func evaluationErrors() {
        #expect(throws: SymbolicError.notRational("exp(1)")) { try arena.evaluate(arena.apply(.exp, x), bindings: ["x": 1]) }
        #expect(throws: SymbolicError.unboundSymbol("y")) { try arena.evaluate(arena.add(x, y), bindings: ["x": 1]) }
        #expect(throws: SymbolicError.divisionByZero("1/x")) { try arena.evaluate(arena.power(x, -1), bindings: ["x": 0]) }
        #expect(throws: SymbolicError.outsideDomain("log(-1)")) { try arena.evaluate(arena.apply(.log, x), bindings: ["x": -1]) }
        #expect(SymbolicError.notRational("exp(1)").description == "exp(1) is not rational")
    }

    @Test func substitution() throws {
        let e = arena.add(arena.multiply(x, y), arena.apply(.relu, x))
        let substituted = try arena.substitute([x: arena.constant(-2)], in: e)
        #expect(PlainPrinter(arena: arena).string(substituted) == "-2*y")
        #expect(throws: SymbolicError.divisionByZero("1/x")) {
            try arena.substitute([x: arena.zero], in: arena.power(x, -1))
        }
        let closed = try arena.substitute([x: arena.constant(2)], in: arena.apply(.sigmoid, x))
        #expect(PlainPrinter(arena: arena).string(closed) == "sigmoid(2)")
    }
}
