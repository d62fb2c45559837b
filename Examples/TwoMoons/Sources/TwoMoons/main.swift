// Two interleaved half-moons, classified by a 2-16-16-2 tanh network whose gradient code
// gradgen generates at build time from MoonsNet.gradgen.json (type `MoonsNet`).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `count` points of two half-moons with Gaussian noise: inputs (x, y) one after another, and
/// one-hot targets (1, 0) for the upper moon, (0, 1) for the lower one.
func twoMoons(count: Int, noise: Double, seed: UInt64) -> (x: [Double], t: [Double]) {
    var random = Gradgen.SplitMix64(seed: seed)
    func gaussian() -> Double {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &random), v = Double.random(in: 0..<1, using: &random)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
    var x: [Double] = [], t: [Double] = []
    for i in 0..<count {
        let angle = Double.random(in: 0...Double.pi, using: &random)
        let upper = i % 2 == 0
        x += upper ? [cos(angle), sin(angle)] : [1 - cos(angle), 0.5 - sin(angle)]
        x[x.count - 2] += noise * gaussian()
        x[x.count - 1] += noise * gaussian()
        t += upper ? [1, 0] : [0, 1]
    }
    return (x, t)
}

/// The share of samples whose larger output is the target's class.
func accuracy(_ probabilities: [Double], _ t: [Double]) -> Double {
    let count = t.count / 2
    let right = (0..<count).filter { (probabilities[2 * $0] > probabilities[2 * $0 + 1]) == (t[2 * $0] == 1) }.count
    return Double(right) / Double(count)
}

let training = twoMoons(count: 1000, noise: 0.1, seed: 1)
let test = twoMoons(count: 1000, noise: 0.1, seed: 2)
let batchSize = 32

// The gradgen-specific part: initialise, then per minibatch a gradient call and an update.
var parameters = MoonsNet.Parameters.random(seed: 7)
var momentum = MoonsNet.Momentum()
let workspace = MoonsNet.Workspace()
for epoch in 1...100 {
    var total = 0.0
    training.x.withUnsafeBufferPointer { x in
        training.t.withUnsafeBufferPointer { t in
            for start in stride(from: 0, to: training.t.count / 2, by: batchSize) {
                let count = min(batchSize, training.t.count / 2 - start)
                total += Double(count) * MoonsNet.batchLossAndGradients(
                    x: UnsafeBufferPointer(rebasing: x[(2 * start)...]), t: UnsafeBufferPointer(rebasing: t[(2 * start)...]),
                    count: count, reduction: .mean, parameters: parameters, workspace: workspace)
                parameters.update(along: workspace.gradients, learningRate: 0.05, momentum: 0.9, state: &momentum)
            }
        }
    }
    if epoch == 1 || epoch % 20 == 0 {
        print("epoch \(epoch): mean loss \(total / Double(training.t.count / 2))")
    }
}
let predicted = MoonsNet.predict(x: test.x, count: test.t.count / 2, parameters: parameters, workspace: workspace)
print("test accuracy: \(accuracy(predicted, test.t) * 100)%")
