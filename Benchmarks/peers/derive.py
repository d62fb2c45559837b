"""One derivation run of a peer, in its own process (the driver kills it at its time limit).

    python derive.py sympy 30,30,10

The scalarized problem gradgen's Derivation builds: symbols x1_j, t_i, W<l>_i_j, b<l>_i;
z_l = W_l x_l + b_l, ReLU on hidden layers, identity output, L = ½ Σ (t_i − y_i)². Then
∂L/∂θ by `diff` for every parameter θ (W1, b1, W2, b2, … row-major), then one `cse` over
[L] + every gradient, as gradgen schedules [L] + every gradient.

ReLU as each library differentiates it: SymPy Max(0, z) (derivative Heaviside(z));
SymEngine Piecewise((z, z > 0), (0, True)) (its diff of Max stays an unevaluated Derivative).

Prints one JSON line: seconds for building L, for diff, for cse, and the cse size.
"""
import json
import sys
import time


def main():
    library, sizes = sys.argv[1], [int(s) for s in sys.argv[2].split(",")]
    if library == "sympy":
        import sympy as lib

        relu = lambda z: lib.Max(0, z)
        add = lambda terms: lib.Add(*terms)
        half = lib.Rational(1, 2)
    elif library == "symengine":
        import symengine as lib

        relu = lambda z: lib.Piecewise((z, z > 0), (0, True))
        add = lambda terms: lib.Add(*terms)
        half = lib.Rational(1, 2)
    else:
        raise SystemExit(f"unknown library {library}")

    start = time.perf_counter()
    x = [lib.Symbol(f"x1_{j}") for j in range(sizes[0])]
    t = [lib.Symbol(f"t_{i}") for i in range(sizes[-1])]
    parameters = []
    activations = x
    for l in range(1, len(sizes)):
        n, m = sizes[l], sizes[l - 1]
        W = [[lib.Symbol(f"W{l}_{i}_{j}") for j in range(m)] for i in range(n)]
        b = [lib.Symbol(f"b{l}_{i}") for i in range(n)]
        parameters += [s for row in W for s in row] + b
        z = [add([W[i][j] * activations[j] for j in range(m)] + [b[i]]) for i in range(n)]
        activations = [relu(v) for v in z] if l < len(sizes) - 1 else z
    loss = half * add([(ti - yi) ** 2 for ti, yi in zip(t, activations)])
    built = time.perf_counter()
    gradients = [loss.diff(p) for p in parameters]
    differentiated = time.perf_counter()
    replacements, reduced = lib.cse([loss] + gradients)
    end = time.perf_counter()
    print(json.dumps({
        "library": library,
        "sizes": sizes,
        "parameters": len(parameters),
        "seconds": end - start,
        "build_seconds": built - start,
        "diff_seconds": differentiated - built,
        "cse_seconds": end - differentiated,
        "cse_subexpressions": len(replacements),
    }), flush=True)


if __name__ == "__main__":
    main()
