"""Gradient evaluation on several threads, float64: a batch of 256 at (784,128,10), loss summed.

    python threads.py 2       (prints one JSON line for the environment, then one per peer)

The peers with `N` threads: NumPy (OpenBLAS with N threads), JAX jit (XLA's CPU thread pool),
and PyTorch (torch.set_num_threads(N)) where it is installed. Benchmarks/peers/run.py runs it
pinned to cores 0 … N−1, beside gradgen's `CodegenBenchmark --json --threads` (`threads: 1` and
`threads: 2`). Inputs as in evaluate.py: parameters of seed 2, the batch from SplitMix64(seed: 3).
"""
import json
import os
import sys

import numpy as np

from evaluate import median_microseconds, numpy_batch
from problem import batch, values

SIZES, PARAMETER_SEED, BATCH_SEED, BATCH = [784, 128, 10], 2, 3, 256


def main():
    threads = int(sys.argv[1])
    import jax
    import jax.numpy as jnp

    jax.config.update("jax_enable_x64", True)
    from threadpoolctl import threadpool_info, threadpool_limits

    threadpool_limits(threads)
    try:
        import torch
        torch.set_num_threads(threads)
    except ImportError:
        torch = None

    problem = values(SIZES, PARAMETER_SEED)
    x, (W1, W2), (b1, b2), t = problem.as_floats()
    xs, ts = batch(SIZES, BATCH_SEED, BATCH)
    X = np.array([[float(v) for v in row] for row in xs])
    T = np.array([[float(v) for v in row] for row in ts])
    params = (W1, b1, W2, b2)

    def loss_batch(params, X, T):
        W1, b1, W2, b2 = params
        Y = jax.nn.relu(X @ W1.T + b1) @ W2.T + b2
        return 0.5 * jnp.sum((Y - T) ** 2)

    jax_batch = jax.jit(jax.value_and_grad(loss_batch))
    jparams = tuple(jax.device_put(p) for p in params)
    jX, jT = jax.device_put(X), jax.device_put(T)
    cases = [("numpy", lambda: numpy_batch(*params, X, T)),
             ("jax", lambda: jax.block_until_ready(jax_batch(jparams, jX, jT)))]
    if torch is not None:
        tparams = [torch.tensor(p, requires_grad=True) for p in params]
        tX, tT = torch.tensor(X), torch.tensor(T)

        def torch_batch():
            for p in tparams:
                p.grad = None
            W1, b1, W2, b2 = tparams
            Y = torch.relu(tX @ W1.T + b1) @ W2.T + b2
            loss = 0.5 * ((Y - tT) ** 2).sum()
            loss.backward()
            return (loss.item(),)

        cases.append(("pytorch", torch_batch))

    print(json.dumps({
        "benchmark": "threads-environment", "threads": threads,
        "numpy": np.__version__, "jax": jax.__version__, "pytorch": torch.__version__ if torch else "not installed",
        "blas": [(i.get("internal_api"), i.get("version"), i.get("architecture"), i.get("num_threads")) for i in threadpool_info()],
        "affinity": sorted(os.sched_getaffinity(0)),
        "env": {k: os.environ.get(k) for k in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "XLA_FLAGS"]},
    }), flush=True)
    reference = numpy_batch(*params, X, T)[0]
    for peer, call in cases:
        assert np.isclose(float(call()[0]), reference, rtol=1e-12), (peer, "loss")
        microseconds, calls, samples = median_microseconds(call)
        print(json.dumps({
            "benchmark": "threads", "sizes": SIZES, "mode": f"batch{BATCH}-threads{threads}", "peer": peer,
            "microseconds": microseconds, "best_microseconds": samples[0], "calls_per_repetition": calls,
        }), flush=True)


if __name__ == "__main__":
    main()
