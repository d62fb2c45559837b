"""Gradient evaluation: NumPy hand-written backprop, JAX jit and PyTorch autograd.

    python evaluate.py 3,2,2 30,30,10 ...                (float64, per sample and batch of 64: NumPy, JAX)
    python evaluate.py --float32 784,128,10              (float32, batch of 64: NumPy, JAX, PyTorch)
    python evaluate.py --threads 2 --batch 256 784,128,10  (float64, batch of 256: JAX, PyTorch, 2 threads)

Prints one JSON line per size, mode and peer (the first line: the environment). PyTorch rows
need `torch` in the environment; without it they are recorded as unavailable, with the reason.

Run it single-threaded and pinned to one core (Benchmarks/peers/run.py does:
taskset -c 0, OMP_NUM_THREADS=1, OPENBLAS_NUM_THREADS=1, XLA_FLAGS with one thread).

Inputs (problem.py, the same numbers gradgen draws): parameters, x and t of
`withRandomValues(seed: 2)` on the structure (ReLU hidden, identity output, ½‖t − y‖²);
for the batch, 64 (x, t) pairs drawn in turn from SplitMix64(seed: 3). The batch loss is the
sum of the samples' losses, and the gradients are of that sum.

Timing: calls in a loop, each a complete loss-and-gradients call (JAX: results blocked on);
the number of calls per repetition is chosen so that one repetition takes about 13 ms;
the median and the best of 105 repetitions, in microseconds per call (on a shared machine the
best is the figure least disturbed by other processes).
"""
import json
import os
import sys
import time

import numpy as np

from problem import batch, values

PARAMETER_SEED, BATCH_SEED, BATCH = 2, 3, 64


def torch_or_reason():
    """(the torch module, None) or (None, why it cannot be imported)."""
    try:
        import torch
        return torch, None
    except Exception as error:  # ImportError, or a wheel whose native libraries are missing
        return None, f"{type(error).__name__}: {error}"


def numpy_sample(W1, b1, W2, b2, x, t):
    z1 = W1 @ x + b1
    a1 = np.maximum(z1, 0.0)
    y = W2 @ a1 + b2
    r = y - t
    loss = 0.5 * (r @ r)
    d1 = (W2.T @ r) * (z1 > 0)
    return loss, (np.outer(d1, x), d1, np.outer(r, a1), r)


def numpy_batch(W1, b1, W2, b2, X, T):
    """X: B × n0, T: B × n2 (one sample a row); loss summed over the batch."""
    Z1 = X @ W1.T + b1
    A1 = np.maximum(Z1, 0.0)
    Y = A1 @ W2.T + b2
    R = Y - T
    loss = 0.5 * np.vdot(R, R)
    D1 = (R @ W2) * (Z1 > 0)
    return loss, (D1.T @ X, D1.sum(axis=0), R.T @ A1, R.sum(axis=0))


def median_microseconds(call, target_seconds=0.2 / 15, repetitions=105):
    """(median, calls per repetition, every repetition's µs per call): 105 short repetitions, so
    that on a shared machine the best of them is little disturbed by other processes."""
    call()
    calls, elapsed = 1, 0.0
    while True:  # calibrate: calls per repetition so that one takes ~target_seconds
        start = time.perf_counter()
        for _ in range(calls):
            call()
        elapsed = time.perf_counter() - start
        if elapsed > target_seconds / 4 or calls >= 1 << 24:
            break
        calls *= 2
    calls = max(1, int(calls * target_seconds / max(elapsed, 1e-9)))
    samples = []
    for _ in range(repetitions):
        start = time.perf_counter()
        for _ in range(calls):
            call()
        samples.append((time.perf_counter() - start) / calls * 1e6)
    samples.sort()
    return samples[len(samples) // 2], calls, samples


def arguments():
    """(sizes, float32, threads, batch size) from the command line."""
    float32, threads, batch_size, sizes = False, 1, BATCH, []
    rest = sys.argv[1:]
    while rest:
        argument = rest.pop(0)
        if argument == "--float32":
            float32 = True
        elif argument == "--threads":
            threads = int(rest.pop(0))
        elif argument == "--batch":
            batch_size = int(rest.pop(0))
        else:
            sizes.append([int(s) for s in argument.split(",")])
    return sizes, float32, threads, batch_size


def main():
    sizes_list, float32, threads, batch_size = arguments()
    if float32 or threads > 1:
        return extra_rows(sizes_list, float32, threads, batch_size)
    import jax
    import jax.numpy as jnp

    jax.config.update("jax_enable_x64", True)
    from threadpoolctl import threadpool_info, threadpool_limits

    threadpool_limits(1)

    def loss_sample(params, x, t):
        W1, b1, W2, b2 = params
        y = W2 @ jax.nn.relu(W1 @ x + b1) + b2
        return 0.5 * jnp.sum((y - t) ** 2)

    def loss_batch(params, X, T):
        W1, b1, W2, b2 = params
        Y = jax.nn.relu(X @ W1.T + b1) @ W2.T + b2
        return 0.5 * jnp.sum((Y - T) ** 2)

    jax_sample = jax.jit(jax.value_and_grad(loss_sample))
    jax_batch = jax.jit(jax.value_and_grad(loss_batch))

    blas = [(i.get("internal_api"), i.get("version"), i.get("architecture"), i.get("num_threads")) for i in threadpool_info()]
    print(json.dumps({
        "benchmark": "evaluation-environment",
        "numpy": np.__version__, "jax": jax.__version__, "jax_devices": [str(d) for d in jax.devices()],
        "blas": blas, "affinity": sorted(os.sched_getaffinity(0)),
        "env": {k: os.environ.get(k) for k in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "XLA_FLAGS", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"]},
    }), flush=True)

    for sizes in sizes_list:
        assert len(sizes) == 3, "two-layer networks only"
        problem = values(sizes, PARAMETER_SEED)
        x, (W1, W2), (b1, b2), t = problem.as_floats()
        xs, ts = batch(sizes, BATCH_SEED, BATCH)
        X = np.array([[float(v) for v in row] for row in xs])
        T = np.array([[float(v) for v in row] for row in ts])
        params = (W1, b1, W2, b2)
        jparams = tuple(jax.device_put(p) for p in params)
        jx, jt, jX, jT = (jax.device_put(a) for a in (x, t, X, T))

        def run_jax(f, a, b):
            return lambda: jax.block_until_ready(f(jparams, a, b))

        cases = [
            ("sample", "numpy", lambda: numpy_sample(*params, x, t)),
            ("sample", "jax", run_jax(jax_sample, jx, jt)),
            ("batch64", "numpy", lambda: numpy_batch(*params, X, T)),
            ("batch64", "jax", run_jax(jax_batch, jX, jT)),
        ]
        # The peers must agree before they are timed.
        for mode, reference, candidate in [("sample", numpy_sample(*params, x, t), jax_sample(jparams, jx, jt)),
                                           ("batch64", numpy_batch(*params, X, T), jax_batch(jparams, jX, jT))]:
            assert np.allclose(reference[0], candidate[0], rtol=1e-12), (sizes, mode, "loss")
            for g, h in zip(reference[1], candidate[1]):
                # Relative to the largest entry: the summation orders differ.
                assert np.max(np.abs(g - h)) <= 1e-10 * max(1.0, np.max(np.abs(g))), (sizes, mode, "gradient")
        for mode, peer, call in cases:
            microseconds, calls, samples = median_microseconds(call)
            print(json.dumps({
                "benchmark": "evaluation", "sizes": sizes, "mode": mode, "peer": peer,
                "microseconds": microseconds, "best_microseconds": samples[0], "calls_per_repetition": calls,
                "all_microseconds": samples,
                "loss": float(call()[0]),
            }), flush=True)


def extra_rows(sizes_list, float32, threads, batch_size):
    """The float32 rows (NumPy, JAX, PyTorch, one thread) or the multi-thread rows (JAX, PyTorch,
    float64), batch of `batch_size` only: the same problem and checks as the float64 rows."""
    import jax
    import jax.numpy as jnp

    jax.config.update("jax_enable_x64", True)
    from threadpoolctl import threadpool_info, threadpool_limits

    threadpool_limits(threads)
    torch, torch_reason = torch_or_reason()
    if torch is not None:
        torch.set_num_threads(threads)
    dtype = np.float32 if float32 else np.float64
    mode = f"batch{batch_size}"

    def loss_batch(params, X, T):
        W1, b1, W2, b2 = params
        Y = jax.nn.relu(X @ W1.T + b1) @ W2.T + b2
        return 0.5 * jnp.sum((Y - T) ** 2)

    jax_batch = jax.jit(jax.value_and_grad(loss_batch))
    print(json.dumps({
        "benchmark": "evaluation-environment", "dtype": np.dtype(dtype).name, "threads": threads,
        "numpy": np.__version__, "jax": jax.__version__,
        "torch": torch.__version__ if torch is not None else None, "torch_unavailable": torch_reason,
        "blas": [(i.get("internal_api"), i.get("version"), i.get("architecture"), i.get("num_threads")) for i in threadpool_info()],
        "affinity": sorted(os.sched_getaffinity(0)),
        "env": {k: os.environ.get(k) for k in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "XLA_FLAGS", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"]},
    }), flush=True)
    for sizes in sizes_list:
        problem = values(sizes, PARAMETER_SEED)
        x, (W1, W2), (b1, b2), t = problem.as_floats()
        xs, ts = batch(sizes, BATCH_SEED, batch_size)
        X = np.array([[float(v) for v in row] for row in xs])
        T = np.array([[float(v) for v in row] for row in ts])
        reference = numpy_batch(W1, b1, W2, b2, X, T)  # float64, the check of every row below
        params = tuple(p.astype(dtype) for p in (W1, b1, W2, b2))
        X, T = X.astype(dtype), T.astype(dtype)
        jparams = tuple(jax.device_put(p) for p in params)
        jX, jT = jax.device_put(X), jax.device_put(T)
        cases = [("jax", lambda: jax.block_until_ready(jax_batch(jparams, jX, jT)))]
        if float32:
            cases.insert(0, ("numpy", lambda: numpy_batch(*params, X, T)))
        if torch is not None:
            tparams = [torch.tensor(p, requires_grad=True) for p in params]
            tX, tT = torch.tensor(X), torch.tensor(T)

            def torch_batch():
                for p in tparams:
                    p.grad = None
                W1t, b1t, W2t, b2t = tparams
                Y = torch.relu(tX @ W1t.T + b1t) @ W2t.T + b2t
                loss = 0.5 * torch.sum((Y - tT) ** 2)
                loss.backward()
                return loss.detach(), tuple(p.grad for p in tparams)

            cases.append(("torch", torch_batch))
        tolerance = 1e-3 if float32 else 1e-10
        for peer, call in cases:
            loss, gradients = call()
            assert abs(float(loss) - reference[0]) <= tolerance * max(1.0, abs(reference[0])), (sizes, peer, "loss")
            for g, h in zip(reference[1], gradients):
                h = np.asarray(h, dtype=np.float64)
                assert np.max(np.abs(g - h)) <= tolerance * max(1.0, np.max(np.abs(g))), (sizes, peer, "gradient")
            microseconds, calls, samples = median_microseconds(call)
            print(json.dumps({
                "benchmark": "evaluation", "sizes": sizes, "mode": mode, "peer": peer,
                "dtype": np.dtype(dtype).name, "threads": threads,
                "microseconds": microseconds, "best_microseconds": samples[0], "calls_per_repetition": calls,
                "all_microseconds": samples, "loss": float(loss),
            }), flush=True)
        if torch is None:
            print(json.dumps({"benchmark": "evaluation", "sizes": sizes, "mode": mode, "peer": "torch",
                              "dtype": np.dtype(dtype).name, "threads": threads, "unavailable": torch_reason}), flush=True)


if __name__ == "__main__":
    main()
