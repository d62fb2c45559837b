"""Runs gradgen and its peers side by side and writes the results as JSON.

Called by Benchmarks/run-peers (which builds the Swift benchmarks and sets up .venv first):

    .venv/bin/python run.py --root ../.. --out ../results/peers.json [--limit 300] [--only derivation,evaluation,exact]
    .venv/bin/python run.py --root ../.. --out ../results/peers.json --only codegen --merge   # gradgen's evaluation rows again
    .venv/bin/python run.py --root ../.. --out ../results/peers.json --only float32 --merge   # the float32 rows again

Every process that is timed is pinned to core 0 (taskset -c 0); the evaluation peers also run
single-threaded (OMP_NUM_THREADS, OPENBLAS_NUM_THREADS, XLA_FLAGS) with OPENBLAS_CORETYPE and
OPENBLAS_L2_SIZE unset, so that current OpenBLAS picks its own kernel (recorded in the JSON).
A peer run that passes the time limit is killed and recorded as "did not finish", never dropped.
"""
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = sys.executable
PIN = ["taskset", "-c", "0"]
ONE_THREAD = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "XLA_FLAGS": "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1",
}


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def environment(one_thread=False, avx2=False):
    """The environment of a timed process; `avx2`: OpenBLAS's Haswell kernels and XLA limited to
    AVX2, to measure the AVX2 class of CPU on an AVX-512 one."""
    env = dict(os.environ)
    if one_thread:
        env.update(ONE_THREAD)
        env.pop("OPENBLAS_CORETYPE", None)
        env.pop("OPENBLAS_L2_SIZE", None)
    if avx2:
        env["OPENBLAS_CORETYPE"] = "Haswell"
        env["XLA_FLAGS"] = env.get("XLA_FLAGS", "") + " --xla_cpu_max_isa=AVX2"
    return env


def has_avx512():
    return any(line.startswith("flags") and " avx512f" in line for line in open("/proc/cpuinfo"))


def json_lines(text):
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def run_limited(command, limit, env=None, cwd=HERE):
    """(status, parsed JSON lines, seconds): status is "ok", "did not finish" or "failed: …"."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd,
                               start_new_session=True)
    try:
        out, err = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        process.communicate()
        return "did not finish", [], time.perf_counter() - start
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        return f"failed (exit {process.returncode}): {err.strip().splitlines()[-1] if err.strip() else ''}", [], elapsed
    return "ok", json_lines(out), elapsed


def machine(root):
    def first_line(command):
        try:
            return subprocess.run(command, capture_output=True, text=True, cwd=root).stdout.strip().splitlines()[0]
        except Exception:
            return "unknown"

    cpu, extensions = "unknown", []
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name") and cpu == "unknown":
            cpu = line.split(":", 1)[1].strip()
        if line.startswith("flags") and not extensions:
            flags = line.split(":", 1)[1].split()
            extensions = [name for name in ["avx2", "fma", "avx512f", "asimd"] if name in flags]
    memory = "unknown"
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    os_name = "Linux"
    if os.path.exists("/etc/os-release"):
        for line in open("/etc/os-release"):
            if line.startswith("PRETTY_NAME="):
                os_name = line.split("=", 1)[1].strip().strip('"')
    versions = {}
    for name in ["sympy", "symengine", "numpy", "jax", "jaxlib"]:
        try:
            versions[name] = __import__(name).__version__
        except Exception as error:
            versions[name] = f"unavailable ({error})"
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="minutes"),
        "cpu": cpu, "vector_extensions": " ".join(extensions), "load_average": round(os.getloadavg()[0], 2), "cores": os.cpu_count(), "memory": memory, "os": os_name,
        "kernel": platform.release(), "python": platform.python_version(),
        "swift": first_line(["swift", "--version"]),
        "gmp": first_line(["dpkg-query", "-W", "-f", "${Version}", "libgmp-dev"]),
        "versions": versions,
        "git": first_line(["git", "rev-parse", "--short", "HEAD"]),
    }


def peer_run_count(first_seconds, forced):
    if forced:
        return forced
    return 5 if first_seconds < 2 else 3 if first_seconds < 20 else 1


def derivation(args, root):
    sizes = args.derivation_sizes
    log(f"gradgen derivation at {' '.join(sizes)}")
    binary = os.path.join(root, ".build/release/DerivationBenchmark")
    status, lines, _ = run_limited(PIN + [binary, "--sizes", ":".join(sizes)], None)
    if status != "ok":
        raise SystemExit(f"DerivationBenchmark {status}")
    results = {"gradgen": lines, "peers": []}
    for library in ["sympy", "symengine"]:
        for size in sizes:
            runs, status = [], "ok"
            while True:
                log(f"{library} derivation at ({size}), run {len(runs) + 1}, limit {args.limit} s")
                status, lines, elapsed = run_limited(PIN + [PYTHON, "derive.py", library, size], args.limit)
                if status != "ok":
                    break
                runs.append(lines[0])
                if len(runs) >= peer_run_count(runs[0]["seconds"], args.peer_runs):
                    break
            log(f"  {status}, {len(runs)} run(s)")
            results["peers"].append({"library": library, "sizes": [int(s) for s in size.split(",")],
                                     "status": status if not runs else "ok", "limit": args.limit, "runs": runs,
                                     "stopped_run": None if status == "ok" else status})
    return results


def evaluation(args, root):
    log(f"NumPy and JAX evaluation at {' '.join(args.evaluation_sizes)}")
    status, lines, _ = run_limited(PIN + [PYTHON, "evaluate.py"] + args.evaluation_sizes, None, env=environment(True))
    if status != "ok":
        raise SystemExit(f"evaluate.py {status}")
    results = {"environment": lines[0], "peers": lines[1:], "gradgen": []}
    if has_avx512():
        # The AVX2 class measured here too, beside gradgen's haswell build (16 vector registers).
        log(f"NumPy and JAX evaluation at {' '.join(args.evaluation_sizes)}, OpenBLAS Haswell kernels, XLA limited to AVX2")
        status, lines, _ = run_limited(PIN + [PYTHON, "evaluate.py"] + args.evaluation_sizes, None, env=environment(True, avx2=True))
        if status != "ok":
            raise SystemExit(f"evaluate.py (AVX2) {status}")
        results["avx2"] = {"environment": lines[0], "peers": lines[1:]}
    results["float32"] = float32(args, root)
    if not args.skip_codegen:
        results["gradgen"] = codegen(args, root)
    return results


def float32(args, root):
    """Float32, batch of 64, one thread: NumPy, JAX and PyTorch (evaluate.py --float32), and
    gradgen's `--scalar Float` loop code beside the same network in Double, measured in turn
    (CodegenBenchmark --json --float, the native build; skipped with --skip-codegen)."""
    log(f"NumPy, JAX and PyTorch float32 evaluation at {' '.join(args.float32_sizes)}")
    status, lines, _ = run_limited(PIN + [PYTHON, "evaluate.py", "--float32"] + args.float32_sizes, None, env=environment(True))
    if status != "ok":
        raise SystemExit(f"evaluate.py --float32 {status}")
    results = {"environment": lines[0], "peers": lines[1:], "gradgen": []}
    build, path = CODEGEN_BUILDS[0]
    binary = os.path.join(root, path)
    if args.skip_codegen:
        return results
    if not os.path.exists(binary):
        log(f"no {binary}: gradgen's float32 rows are left out")
        return results
    log(f"gradgen CodegenBenchmark --json --float, {build} build (loop code in Float and in Double, in turn)")
    status, lines, _ = run_limited(PIN + [binary, "--json", "--float"], None)
    if status != "ok":
        raise SystemExit(f"CodegenBenchmark --float ({build}) {status}")
    results["gradgen"] = [dict(line, source="CodegenBenchmark", build=build) for line in lines if line.get("benchmark") == "codegen"]
    return results


# CodegenBenchmark built three ways (Benchmarks/run-peers builds them): for this machine's CPU,
# as NumPy's BLAS and XLA pick their kernels for it; for the AVX2 class (`-target-cpu haswell`:
# AVX2 and FMA, 16 vector registers), beside OpenBLAS's Haswell kernels; and for the default
# x86-64 target.
CODEGEN_BUILDS = [("native", ".build/native/release/CodegenBenchmark"), ("haswell", ".build/haswell/release/CodegenBenchmark"),
                  ("baseline", ".build/release/CodegenBenchmark")]


def codegen(args, root):
    """gradgen's rows of the evaluation: CodegenBenchmark --json, one object per measurement
    (sizes, network, form, mode, peer, microseconds), for every committed form at every size,
    from each build that exists, tagged with its build."""
    rows = []
    for build, path in CODEGEN_BUILDS:
        binary = os.path.join(root, path)
        if not os.path.exists(binary):
            log(f"no {binary}: gradgen's {build} evaluation rows are left out")
            continue
        log(f"gradgen CodegenBenchmark --json, {build} build (generated code per sample and per batch of 64, autodiff per sample)")
        status, lines, _ = run_limited(PIN + [binary, "--json"], None)
        if status != "ok":
            raise SystemExit(f"CodegenBenchmark ({build}) {status}")
        rows += [dict(line, source="CodegenBenchmark", build=build) for line in lines if line.get("benchmark") == "codegen"]
    return rows


THREADS = 2


def threads(args, root):
    """A batch of 256 at (784,128,10) on two threads, pinned to cores 0 and 1: the peers
    (threads.py: NumPy, JAX, PyTorch where installed, each with two threads) and gradgen's
    `threads: 1` and `threads: 2` (CodegenBenchmark --json --threads, the native build)."""
    pin = ["taskset", "-c", ",".join(str(core) for core in range(THREADS))]
    env = environment()
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    env.update({"OMP_NUM_THREADS": str(THREADS), "OPENBLAS_NUM_THREADS": str(THREADS), "MKL_NUM_THREADS": str(THREADS)})
    log(f"NumPy, JAX and PyTorch on {THREADS} threads, batch of 256 at (784,128,10)")
    status, lines, _ = run_limited(pin + [PYTHON, "threads.py", str(THREADS)], None, env=env)
    if status != "ok":
        raise SystemExit(f"threads.py {status}")
    results = {"environment": lines[0], "peers": lines[1:], "gradgen": []}
    build, path = CODEGEN_BUILDS[0]
    binary = os.path.join(root, path)
    if os.path.exists(binary):
        log(f"gradgen CodegenBenchmark --json --threads, {build} build")
        status, lines, _ = run_limited(pin + [binary, "--json", "--threads"], None)
        if status != "ok":
            raise SystemExit(f"CodegenBenchmark --threads ({build}) {status}")
        results["gradgen"] = [dict(line, build=build) for line in lines]
    else:
        log(f"no {binary}: gradgen's threads rows are left out")
    return results


def exact(args, root):
    size = args.exact_sizes
    folder = tempfile.mkdtemp(prefix="gradgen-exact-")
    spec, answers = os.path.join(folder, "spec.json"), os.path.join(folder, "answers.json")
    log(f"gradgen exact at ({size}), seed {args.exact_seed}")
    binary = os.path.join(root, ".build/release/DerivationBenchmark")
    status, lines, _ = run_limited(PIN + [binary, "--exact", "--sizes", size, "--seed", str(args.exact_seed),
                                          "--spec-out", spec, "--answers-out", answers], None)
    if status != "ok":
        raise SystemExit(f"DerivationBenchmark --exact {status}")
    results = {"gradgen": lines[0], "peers": []}
    cli = os.path.join(root, ".build/release/gradgen")
    if os.path.exists(cli):
        # The same problem and answers through the command-line tool, as a user gets them.
        log("gradgen eval --format json, compared with DerivationBenchmark's spec and answers")
        report = json.loads(subprocess.run([cli, "eval", "--random", str(args.exact_seed), "--sizes", size, "--general-values",
                                            "--format", "json"], capture_output=True, text=True, check=True).stdout)
        with open(spec) as f:
            same_spec = json.load(f) == report["spec"]
        with open(answers) as f:
            expected = json.load(f)
        flat = lambda v: [e for row in v for e in (row if isinstance(row, list) else [row])]
        same_answers = report["loss"]["exact"] == expected["loss"] and all(
            [e["exact"] for e in flat(values)] == expected[name] for name, values in report["gradients"].items())
        results["gradgen_eval"] = {"command": f"gradgen eval --random {args.exact_seed} --sizes {size} --general-values --format json",
                                   "same_spec": same_spec, "same_answers": same_answers}
    for method in ["sympy-matrix", "fraction"]:
        log(f"{method} exact at ({size}), limit {args.limit} s")
        status, lines, _ = run_limited(PIN + [PYTHON, "exact.py", method, spec, answers], args.limit)
        results["peers"].append(lines[0] if lines else {"peer": method, "status": status, "limit": args.limit})
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", default=os.path.join(HERE, "..", ".."))
    parser.add_argument("--out", default=os.path.join(HERE, "..", "results", "peers.json"))
    parser.add_argument("--limit", type=float, default=300, help="seconds a peer run may take (default 300)")
    parser.add_argument("--peer-runs", type=int, default=0, help="runs per peer case (default: 5, 3 or 1 by speed)")
    parser.add_argument("--only", default="derivation,evaluation,exact,threads",
                        help="parts to run: derivation, evaluation, exact, threads, or codegen (gradgen's evaluation rows alone, "
                             "to --merge beside the peers' rows of an earlier run), or float32 (the float32 rows alone, "
                             "NumPy, JAX, PyTorch and gradgen's Float code, into the evaluation of --out with --merge)")
    parser.add_argument("--derivation-sizes", nargs="+", default=["3,2,2", "10,10,10", "30,30,10", "50,50,10", "100,100,10"])
    parser.add_argument("--evaluation-sizes", nargs="+", default=["3,2,2", "30,30,10", "100,100,10", "784,128,10"])
    parser.add_argument("--exact-sizes", default="50,50,10")
    parser.add_argument("--exact-seed", type=int, default=11)
    parser.add_argument("--float32-sizes", nargs="+", default=["784,128,10"],
                        help="sizes of the float32 rows (batch of 64)")
    parser.add_argument("--skip-codegen", action="store_true")
    parser.add_argument("--merge", action="store_true", help="replace only the --only parts of an existing --out file")
    args = parser.parse_args()
    if "codegen" in args.only.split(",") and not (args.merge and os.path.exists(args.out)):
        parser.error("--only codegen adds gradgen's rows to the evaluation of an earlier run: it needs --merge and an existing --out")
    root = os.path.abspath(args.root)
    started = time.perf_counter()
    results = {"machine": machine(root), "limit": args.limit}
    if args.merge and os.path.exists(args.out):
        with open(args.out) as f:
            results = json.load(f)  # keeps the other parts (and their machine line) of an earlier run
        results.setdefault("rerun", []).append({"parts": args.only, "machine": machine(root)})
    for part in args.only.split(","):
        # Each part records the machine it ran on, so that a part merged from a later run on
        # another machine is never attributed to the CPU of the first run (render.py names each).
        if part == "codegen":  # gradgen's rows of the evaluation alone, beside the peers' rows already there
            results["evaluation"]["gradgen"] = codegen(args, root)
            results["evaluation"]["gradgen_machine"] = machine(root)
            continue
        if part == "float32":  # the float32 rows alone, beside an earlier run's evaluation where there is one
            results.setdefault("evaluation", {})["float32"] = float32(args, root)
            continue
        results[part] = {"derivation": derivation, "evaluation": evaluation, "exact": exact, "threads": threads}[part](args, root)
        results[part]["machine"] = machine(root)
    if not args.merge:
        results["total_seconds"] = time.perf_counter() - started
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out + ".tmp", "w") as f:
        json.dump(results, f, indent=1)
        f.write("\n")
    os.replace(args.out + ".tmp", args.out)
    log(f"wrote {args.out} after {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
