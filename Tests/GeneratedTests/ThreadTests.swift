import GeneratedNetworks
import Testing
import TestSupport

/// `threads:` of the minibatch entry point, unrolled and loop code: the batch is cut into chunks
/// by its size alone (⌈count / 64⌉, at most 16, sizes differing by one at most), each chunk summed
/// in sample order and the chunks added in chunk order, so every thread count gives the same bits.
@Suite("Generated code runs minibatches on threads")
struct ThreadTests {
    /// Random parameters, inputs and targets for `count` samples of `network`, in [−1, 1].
    static func problem(_ network: GeneratedNetworkCase, count: Int, seed: UInt64) -> (x: [Double], t: [Double], p: [[Double]]) {
        var generator = SeededGenerator(seed: seed)
        func values(_ n: Int) -> [Double] { (0..<n).map { _ in Double.random(in: -1...1, using: &generator) } }
        let sizes = network.spec.sizes
        let p = (1..<sizes.count).flatMap { l in [values(sizes[l] * sizes[l - 1]), values(sizes[l])] }
        return (values(count * sizes[0]), values(count * sizes[sizes.count - 1]), p)
    }

    /// Unrolled and loop code, but not the wide networks, whose batches of a hundred samples take
    /// seconds in a debug build: they are the template of Wide30Loops at other sizes, and
    /// `wideNetworkAddsInParallel` runs the widest on a smaller batch.
    static let networks = GeneratedNetworkCase.all.filter { $0.spec.inputSize < 100 }

    /// Bit patterns, so that a −0 against a +0 or a NaN would show too.
    static func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }

    @Test(arguments: networks, [false, true])
    func everyThreadCountGivesTheSameBits(network: GeneratedNetworkCase, mean: Bool) {
        // 130 samples: three chunks of 43, 43 and 44. One thread adds chunks 1 and 2 as it
        // goes; two run chunk 0 and chunks 1–2; three run one each; eight leave five idle.
        let (x, t, p) = Self.problem(network, count: 130, seed: 11)
        let one = network.batch(x, t, 130, mean, 1, p)
        for threads in [2, 3, 8] {
            let many = network.batch(x, t, 130, mean, threads, p)
            #expect(Self.bits(many) == Self.bits(one), "\(threads) threads against one")
        }
    }

    /// The promise behind the bits: the batch's sums are the chunks' sums added in chunk order
    /// (each chunk run as a batch of its own), and `.mean` divides that once at the end.
    @Test(arguments: networks, [false, true])
    func aBatchIsItsChunksAddedInOrder(network: GeneratedNetworkCase, mean: Bool) {
        let (x, t, p) = Self.problem(network, count: 130, seed: 12)
        let (inputs, outputs) = (network.spec.inputSize, network.spec.outputSize)
        let chunks = [0..<43, 43..<86, 86..<130]
        var folded: [Double] = []
        for chunk in chunks {
            let part = network.batch(Array(x[(chunk.lowerBound * inputs)..<(chunk.upperBound * inputs)]),
                                     Array(t[(chunk.lowerBound * outputs)..<(chunk.upperBound * outputs)]), chunk.count, false, 1, p)
            folded = folded.isEmpty ? part : zip(folded, part).map(+)
        }
        if mean { folded = folded.map { $0 * (1 / Double(130)) } }
        for threads in [1, 3] {
            #expect(Self.bits(network.batch(x, t, 130, mean, threads, p)) == Self.bits(folded), "\(threads) threads")
        }
    }

    @Test(arguments: networks)
    func moreThreadsThanSamples(network: GeneratedNetworkCase) {
        let (x, t, p) = Self.problem(network, count: 3, seed: 13)
        for count in [1, 3] {
            let one = network.batch(x, t, count, false, 1, p)
            #expect(Self.bits(network.batch(x, t, count, false, 8, p)) == Self.bits(one), "\(count) samples on 8 threads")
            #expect(one[0] != 0)
        }
    }

    /// The (784,128,10) loop code adds its chunks' 101,770 gradient entries on the threads too
    /// (smaller networks add them on one): two chunks of 32 and 33 samples.
    @Test func wideNetworkAddsInParallel() throws {
        let network = try #require(GeneratedNetworkCase.all.first { $0.description == "Wide784" })
        let (x, t, p) = Self.problem(network, count: 65, seed: 14)
        let parameters = Wide784.Parameters(W1: p[0], b1: p[1], W2: p[2], b2: p[3])
        let workspace = Wide784.Workspace()
        var results: [[UInt64]] = []
        for threads in [1, 2] {
            let loss = Wide784.batchLossAndGradients(x: x, t: t, count: 65, reduction: .mean, parameters: parameters, workspace: workspace, threads: threads)
            let g = workspace.gradients
            results.append(Self.bits([loss, g.loss] + g.W1 + g.b1 + g.W2 + g.b2))
        }
        #expect(results[1] == results[0], "two threads against one")
        #expect(results[0][0] != 0)
    }
}
