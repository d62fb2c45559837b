// Generated gradient code against the runtime autodiff (Double), side by side in one run on
// the same inputs: calls per second, median of 7 repetitions. Run in release:
// `swift run -c release CodegenBenchmark` (or Benchmarks/run).
import Autodiff
import Exact
import Foundation
import GeneratedNetworks
import Network
import Verify

/// Median calls per second of `body` over 7 repetitions of `calls` calls each.
func callsPerSecond(calls: Int, _ body: () -> Double) -> Double {
    var rates: [Double] = []
    var sink = 0.0
    for _ in 0..<7 {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<calls { sink += body() }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
        rates.append(Double(calls) / seconds)
    }
    if sink.isNaN { print("") }  // keeps the work observable
    return rates.sorted()[3]
}

/// One network: its spec (values drawn from a seed) and the generated entry point.
struct Case {
    let name: String
    let spec: NetworkSpec
    let generated: ([Double], [Double], [[Double]]) -> Double
}

let cases = [
    Case(name: "reference-relu (3,2,2)", spec: BuiltinExample.referenceReLU.spec) { x, t, p in
        ReferenceReLU.lossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3])).W1[1]
    },
    Case(name: "random relu (30,30,10)", spec: try NetworkSpec.random(seed: 7, options: RandomProblemOptions(sizes: .fixed([30, 30, 10])))) { x, t, p in
        Wide30.lossAndGradients(x: x, t: t, parameters: .init(W1: p[0], b1: p[1], W2: p[2], b2: p[3])).W1[1]
    },
]

print("network                      generated calls/s   autodiff calls/s      ratio")
for item in cases {
    let spec = try item.spec.withRandomValues(seed: 2)
    let values = try spec.requireValues()
    let x = values.input.map { Double($0) }
    let t = values.target.map { Double($0) }
    let parameters: [[Double]] = zip(values.weights, values.biases).flatMap { weights, bias in [weights.elements.map { Double($0) }, bias.map { Double($0) }] }
    let network = OracleBridge.network(spec, values: values, as: Double.self)
    let loss = OracleBridge.loss(spec.loss)
    let generatedRate = callsPerSecond(calls: spec.sizes.reduce(0, +) > 20 ? 20_000 : 2_000_000) { item.generated(x, t, parameters) }
    let autodiffRate = callsPerSecond(calls: spec.sizes.reduce(0, +) > 20 ? 200 : 20_000) {
        (try? network.lossAndGradients(input: x, target: t, loss: loss))?.loss ?? .nan
    }
    let row = [
        item.name.padding(toLength: 28, withPad: " ", startingAt: 0),
        String(format: "%18.0f", generatedRate),
        String(format: "%18.0f", autodiffRate),
        String(format: "%10.0f×", generatedRate / autodiffRate),
    ]
    print(row.joined(separator: " "))
}
