import Foundation
import Testing
import Autodiff
import Exact

@Suite("Tape and operations")
struct TapeTests {
    /// f = a·b + a/b − a: ∂f/∂a = b + 1/b − 1, ∂f/∂b = a − a/b².
    @Test func arithmeticPartials() {
        let tape = Tape<Rational>()
        let a = tape.leaf(3), b = tape.leaf(2)
        let f = a * b + a / b - a
        let gradient = tape.gradient(of: f)
        #expect(f.data == Rational(9, 2))
        #expect(gradient[a] == Rational(3, 2))
        #expect(gradient[b] == Rational(9, 4))
    }

    /// A value used several times collects every path: d(x·x·x)/dx = 3x², d(−x)/dx = −1.
    @Test func fanOutAccumulates() {
        let tape = Tape<Rational>()
        let x = tape.leaf(Rational(5, 2))
        let cube = x * x * x
        #expect(tape.gradient(of: cube)[x] == Rational(75, 4))
        let y = -x + tape.sum([x, x, x])
        #expect(tape.gradient(of: y)[x] == 2)
        #expect(tape.gradient(of: tape.sum([]))[x] == 0)
    }

    /// Values recorded after the output, and the output itself.
    @Test func laterValuesHaveZeroAdjoint() {
        let tape = Tape<Rational>()
        let x = tape.leaf(1)
        let y = x * x
        let later = y * x
        let gradient = tape.gradient(of: y)
        #expect(gradient[y] == 1)
        #expect(gradient[later] == 0)
        #expect(tape.count == 3)
    }

    /// Values and derivatives at points where both are exact doubles.
    @Test func transcendentalDerivatives() throws {
        let tape = Tape<Double>()
        let zero = tape.leaf(0), two = tape.leaf(2)
        func derivative(_ y: Value<Double>, _ x: Value<Double>) -> Double { tape.gradient(of: y)[x] }
        let e = try zero.exp(), l = try two.log(), s = try zero.sigmoid(), t = try zero.tanh(), p = try zero.softplus()
        #expect(e.data == 1 && derivative(e, zero) == 1)
        #expect(derivative(l, two) == 0.5)
        #expect(s.data == 0.5 && derivative(s, zero) == 0.25)
        #expect(t.data == 0 && derivative(t, zero) == 1)
        #expect(p.data == Foundation.log(2.0) && derivative(p, zero) == 0.5)
    }

    /// Far from 0, sigmoid and softplus neither overflow nor return NaN.
    @Test func saturationIsFinite() throws {
        let tape = Tape<Double>()
        for x in [-1000.0, 1000.0] {
            let v = tape.leaf(x)
            let s = try v.sigmoid(), p = try v.softplus()
            #expect(s.data == (x > 0 ? 1 : 0))
            #expect(p.data == (x > 0 ? 1000 : 0))
            #expect(tape.gradient(of: p)[v] == (x > 0 ? 1 : 0))
            #expect(tape.gradient(of: s)[v] == 0)
        }
        let big = tape.leaf(40.0)
        #expect(try big.softplus().data == 40 + Foundation.exp(-40.0))
    }

    @Test func rationalHasNoTranscendentalFunctions() {
        let x = Tape<Rational>().leaf(1)
        for (name, apply) in [("exp", { try x.exp() }), ("log", { try x.log() }), ("sigmoid", { try x.sigmoid() }),
                              ("tanh", { try x.tanh() }), ("softplus", { try x.softplus() })] as [(String, () throws -> Value<Rational>)] {
            #expect(throws: AutodiffError.unsupportedFunction(function: name, scalar: "Rational", place: "tape")) { try apply() }
        }
    }
}
