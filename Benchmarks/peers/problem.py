"""The benchmark problems, drawn exactly as gradgen draws them.

A port of gradgen's SplitMix64 and of RandomProblem.values (Sources/Exact/SplitMix64.swift,
Sources/NetworkModel/RandomProblem.swift) for the structure the benchmarks use: ReLU hidden
layers, identity output, L = ½‖t − y‖². `values(sizes, seed, style)` gives the same numbers
as `NetworkSpec.withRandomValues(seed:style:)` on that structure in Swift, so gradgen and the
peers see the same inputs. Also reads the spec JSON that gradgen writes.
"""
import json
from fractions import Fraction

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform_below(self, bound):
        threshold = ((1 << 64) - bound) % bound
        while True:
            r = self.next()
            if r >= threshold:
                return r % bound

    def uniform(self, low, high):
        return low + self.uniform_below(high - low + 1)

    def element(self, elements):
        return elements[self.uniform_below(len(elements))]


def draw(generator, style):
    """One value k/d: d from {1, 2, 4, 5} (nice) or 1...100 (general), k in −5d...5d."""
    d = generator.element([1, 2, 4, 5]) if style == "nice" else generator.uniform(1, 100)
    return Fraction(generator.uniform(-5 * d, 5 * d), d)


class Problem:
    """sizes, x, t, and per layer W (rows) and b, as Fractions."""

    def __init__(self, sizes, x, weights, biases, t):
        self.sizes, self.x, self.weights, self.biases, self.t = list(sizes), x, weights, biases, t

    def as_floats(self):
        import numpy as np
        f = lambda v: np.array([float(e) for e in v], dtype=np.float64)
        return (f(self.x), [np.array([[float(e) for e in row] for row in w], dtype=np.float64) for w in self.weights],
                [f(b) for b in self.biases], f(self.t))


def values(sizes, seed, style="general"):
    """x, then W_l row by row and b_l per layer, then t: RandomProblem.values in Swift."""
    g = SplitMix64(seed)
    x = [draw(g, style) for _ in range(sizes[0])]
    weights, biases = [], []
    for l in range(1, len(sizes)):
        flat = [draw(g, style) for _ in range(sizes[l] * sizes[l - 1])]
        weights.append([flat[i * sizes[l - 1]:(i + 1) * sizes[l - 1]] for i in range(sizes[l])])
        biases.append([draw(g, style) for _ in range(sizes[l])])
    t = [draw(g, style) for _ in range(sizes[-1])]
    return Problem(sizes, x, weights, biases, t)


def batch(sizes, seed, count, style="general"):
    """`count` (x, t) pairs drawn in turn from one generator: x (n_0 values) then t (n_L)."""
    g = SplitMix64(seed)
    xs, ts = [], []
    for _ in range(count):
        xs.append([draw(g, style) for _ in range(sizes[0])])
        ts.append([draw(g, style) for _ in range(sizes[-1])])
    return xs, ts


def read_spec(path):
    """A spec written by gradgen (NetworkSpec.jsonText): exact values as numbers or "p/q"."""
    with open(path) as f:
        spec = json.load(f)
    exact = lambda v: Fraction(v) if isinstance(v, int) else Fraction(str(v))
    layers = spec["layers"]
    for layer in layers[:-1]:
        assert layer["activation"] == "relu", "the benchmarks use ReLU hidden layers"
    assert layers[-1]["activation"] == "identity" and spec["loss"] == "half_sum_squares"
    sizes = [spec["input"]] + [layer["size"] for layer in layers]
    return Problem(
        sizes,
        [exact(v) for v in spec["x"]],
        [[[exact(v) for v in row] for row in layer["W"]] for layer in layers],
        [[exact(v) for v in layer["b"]] for layer in layers],
        [exact(v) for v in spec["t"]],
    )
