"""Exact loss and gradients of a ReLU network by a peer, compared with gradgen's answers.

    python exact.py sympy-matrix spec.json answers.json
    python exact.py fraction spec.json answers.json [repetitions]

spec.json and answers.json are written by `DerivationBenchmark --exact` (gradgen's spec
format; answers as "p/q" strings: loss, then ∂L/∂W1 row-major, ∂L/∂b1, ∂L/∂W2, ∂L/∂b2, …).

Baselines (hand-written backprop, ReLU′(0) = 0 as gradgen):
- sympy-matrix: SymPy's exact arithmetic at the matrix level — sympy.Matrix of
  sympy.Rational, W x + b, elementwise ReLU, δ_l = diag(f′(z_l)) W_{l+1}ᵀ δ_{l+1},
  ∂L/∂W_l = δ_l x_lᵀ;
- fraction: the same loops over Python's fractions.Fraction (GMP-free, pure Python).
(SymPy's symbolic route — diff, then substitute — is the derivation benchmark: it does not
finish at this size within its limit.)

The timed part starts from the numbers already converted to the library's type. Prints one
JSON line: the median seconds over repetitions (default 7), and whether every answer equals gradgen's.
"""
import json
import sys
import time
from fractions import Fraction

from problem import read_spec


def sympy_matrix(problem):
    import sympy

    R = lambda v: sympy.Rational(v.numerator, v.denominator)
    x = sympy.Matrix([R(v) for v in problem.x])
    t = sympy.Matrix([R(v) for v in problem.t])
    Ws = [sympy.Matrix([[R(v) for v in row] for row in W]) for W in problem.weights]
    bs = [sympy.Matrix([R(v) for v in b]) for b in problem.biases]
    last = len(Ws) - 1

    def run():
        xs, zs = [x], []
        for l, (W, b) in enumerate(zip(Ws, bs)):
            z = W * xs[-1] + b
            zs.append(z)
            xs.append(z.applyfunc(lambda v: v if v > 0 else sympy.Integer(0)) if l < last else z)
        r = xs[-1] - t
        loss = sympy.Rational(1, 2) * (r.T * r)[0, 0]
        gradients = [None] * (2 * len(Ws))
        delta = r
        for l in range(last, -1, -1):
            gradients[2 * l] = delta * xs[l].T
            gradients[2 * l + 1] = delta
            if l > 0:
                mask = zs[l - 1].applyfunc(lambda v: sympy.Integer(1) if v > 0 else sympy.Integer(0))
                delta = (Ws[l].T * delta).multiply_elementwise(mask)
        return loss, [list(g) for g in gradients]  # list() of a Matrix is row-major

    return run


def fraction(problem):
    x, t, Ws, bs = problem.x, problem.t, problem.weights, problem.biases
    last = len(Ws) - 1

    def run():
        xs, zs = [x], []
        for l, (W, b) in enumerate(zip(Ws, bs)):
            a = xs[-1]
            z = [sum((w * v for w, v in zip(row, a)), bi) for row, bi in zip(W, b)]
            zs.append(z)
            xs.append([v if v > 0 else Fraction(0) for v in z] if l < last else z)
        r = [y - ti for y, ti in zip(xs[-1], t)]
        loss = sum((v * v for v in r), Fraction(0)) / 2
        gradients = [None] * (2 * len(Ws))
        delta = r
        for l in range(last, -1, -1):
            gradients[2 * l] = [d * v for d in delta for v in xs[l]]
            gradients[2 * l + 1] = delta
            if l > 0:
                W = Ws[l]
                delta = [sum((W[i][j] * delta[i] for i in range(len(delta))), Fraction(0)) if zs[l - 1][j] > 0 else Fraction(0)
                         for j in range(len(zs[l - 1]))]
        return loss, gradients

    return run


def main():
    method, spec_path, answers_path = sys.argv[1:4]
    problem = read_spec(spec_path)
    with open(answers_path) as f:
        answers = json.load(f)
    expected = [Fraction(answers["loss"])] + [Fraction(v) for key in answers if key != "loss" for v in answers[key]]
    run = {"sympy-matrix": sympy_matrix, "fraction": fraction}[method](problem)
    repetitions = int(sys.argv[4]) if len(sys.argv) > 4 else 7
    samples = []
    for _ in range(repetitions):
        start = time.perf_counter()
        loss, gradients = run()
        samples.append(time.perf_counter() - start)
    seconds = sorted(samples)[len(samples) // 2]
    got = [Fraction(int(v.p), int(v.q)) if hasattr(v, "q") else Fraction(v) for v in [loss] + [g for grad in gradients for g in grad]]
    mismatches = sum(1 for a, b in zip(got, expected) if a != b) + abs(len(got) - len(expected))
    print(json.dumps({
        "benchmark": "exact", "peer": method, "sizes": problem.sizes, "seconds": seconds, "all_seconds": samples,
        "values": len(got), "agrees": mismatches == 0, "mismatches": mismatches,
    }), flush=True)


if __name__ == "__main__":
    main()
