import Exact

/// The forward pass of the reference network (3-2-2, ReLU then affine, loss ½‖t − x₃‖²)
/// in exact arithmetic. A stand-in for the full derivation until the network and
/// symbolic modules take over the default command.
struct ReferenceForwardPass {
    let x1: [Rational] = [0, 1, 2]
    let W1: [[Rational]] = [[3, -1, 1], [-5, 2, -1]]
    let b1: [Rational] = [1, 2]
    let W2: [[Rational]] = [[1, -2], [-3, 1]]
    let b2: [Rational] = [1, 1]
    let t: [Rational] = [1, 2]

    func affine(_ W: [[Rational]], _ x: [Rational], _ b: [Rational]) -> [Rational] {
        zip(W, b).map { row, bias in zip(row, x).reduce(bias) { $0 + $1.0 * $1.1 } }
    }

    func report() -> String {
        let z1 = affine(W1, x1, b1)
        let x2 = z1.map { max($0, .zero) }
        let x3 = affine(W2, x2, b2)
        let loss = Rational(1, 2) * zip(t, x3).reduce(Rational.zero) { $0 + ($1.0 - $1.1).power(2) }
        func show(_ v: [Rational]) -> String { "[" + v.map(\.description).joined(separator: ", ") + "]" }
        return """
            Reference network 3-2-2 (ReLU, then affine), loss L = ½‖t − x3‖², exact arithmetic:
              z1 = W1 x1 + b1 = \(show(z1))
              x2 = relu(z1)   = \(show(x2))
              x3 = W2 x2 + b2 = \(show(x3))
              L               = \(loss)   (≈ \(loss.decimal(significantDigits: 17)))
            """
    }
}
