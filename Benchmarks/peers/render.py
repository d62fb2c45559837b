"""Writes Benchmarks/results/peers.md from the JSON of run.py.

    .venv/bin/python render.py ../results/peers.json ../results/peers.md
"""
import json
import statistics
import sys


def seconds(value):
    if value < 1e-3:
        return f"{value * 1e6:.0f} µs"
    if value < 1:
        return f"{value * 1e3:.3g} ms"
    return f"{value:.3g} s"


def ratio(value):
    if value >= 100:
        return f"{value:,.0f}×".replace(",", " ")
    return f"{value:.3g}×"


def sizes(s):
    return "(" + ",".join(str(n) for n in s) + ")"


def derivation_table(part, limit):
    gradgen = {tuple(r["sizes"]): r for r in part["gradgen"]}
    peers = {(p["library"], tuple(p["sizes"])): p for p in part["peers"]}
    lines = [
        "| sizes | parameters | gradgen | DAG nodes | schedule | SymPy | SymPy ÷ gradgen | SymEngine | SymEngine ÷ gradgen |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key, g in gradgen.items():
        cells = [sizes(key), str(g["parameters"]), f"{seconds(g['seconds'])}", str(g["dag_nodes"]), str(g["schedule_length"])]
        for library in ["sympy", "symengine"]:
            p = peers.get((library, key))
            if p is None:
                cells += ["not run", "—"]
            elif p["runs"]:
                median = statistics.median(r["seconds"] for r in p["runs"])
                cells += [f"{seconds(median)} ({len(p['runs'])} run{'s' if len(p['runs']) > 1 else ''})", ratio(median / g["seconds"])]
            else:
                cells += [f"> {p['limit']:.0f} s (stopped)", f"> {ratio(p['limit'] / g['seconds'])}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def derivation_split(part):
    lines = ["| peer | sizes | build L | diff | cse | cse subexpressions |", "|---|---|---:|---:|---:|---:|"]
    for p in part["peers"]:
        if not p["runs"]:
            continue
        m = lambda k: statistics.median(r[k] for r in p["runs"])
        name = {"sympy": "SymPy", "symengine": "SymEngine"}[p["library"]]
        lines.append(f"| {name} | {sizes(p['sizes'])} | {seconds(m('build_seconds'))} | {seconds(m('diff_seconds'))} | "
                     f"{seconds(m('cse_seconds'))} | {p['runs'][0]['cse_subexpressions']} |")
    return "\n".join(lines)


def microseconds(value):
    return f"{value:.3g} µs" if value < 1000 else f"{value / 1000:.3g} ms"


def time_of(row):
    """A row's time: the best of its short repetitions where it has one (least disturbed on a
    shared machine), else its median."""
    return row.get("best_microseconds", row["microseconds"])


def build_of(row):
    """Which build of CodegenBenchmark measured a row; rows from before builds were tagged are baseline."""
    return row.get("build", "baseline")


def scalar_of(row):
    """The scalar of a row's generated code; rows from before the scalar was recorded are Double."""
    return row.get("scalar", "Double")


def main_build(part):
    """The build the main table shows: the one for this machine's CPU when it was measured."""
    return "native" if any(build_of(r) == "native" for r in part["gradgen"]) else "baseline"


def generated_forms(part, build, scalars=("Double",)):
    """gradgen's generated code of one build in `scalars` by (sizes, mode): [(microseconds, form,
    network)], fastest first; a form other than Double's is named with its scalar."""
    forms = {}
    for r in part["gradgen"]:
        if r["peer"] == "generated" and build_of(r) == build and scalar_of(r) in scalars:
            form = r.get("form") if scalar_of(r) == "Double" else f"{r.get('form')}, {scalar_of(r)}"
            forms.setdefault((tuple(r["sizes"]), r["mode"]), []).append((time_of(r), form, r.get("network")))
    return {key: sorted(values, key=lambda v: v[0]) for key, values in forms.items()}


def evaluation_table(part, build=None, peers=None):
    """One row per size and mode; gradgen's generated column is its fastest form there, named.
    `build` and `peers`: another build's rows beside other peer rows (the AVX2 class)."""
    build = build or main_build(part)
    cells = {}
    for r in (peers if peers is not None else part["peers"]) + [r for r in part["gradgen"] if build_of(r) == build]:
        if r["peer"] != "generated":
            cells[(tuple(r["sizes"]), r["mode"], r["peer"])] = time_of(r)
    forms = generated_forms(part, build)
    keys = []
    for (s, mode) in [(k[0], k[1]) for k in cells] + list(forms):
        if (s, mode) not in keys:
            keys.append((s, mode))
    keys.sort(key=lambda k: (sum(k[0]), k[1] != "sample"))
    lines = [
        "| sizes | mode | NumPy | JAX jit | gradgen generated | gradgen autodiff | NumPy ÷ generated | JAX ÷ generated |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for s, mode in keys:
        get = lambda peer: cells.get((s, mode, peer))
        fastest = forms.get((s, mode), [None])[0]
        generated = fastest[0] if fastest else None
        row = [sizes(s), "per sample" if mode == "sample" else "batch of 64"]
        row += [microseconds(get(p)) if get(p) is not None else "—" for p in ["numpy", "jax"]]
        row.append("—" if fastest is None else microseconds(generated) + (f" ({fastest[1]})" if fastest[1] else ""))
        row.append(microseconds(get("autodiff")) if get("autodiff") is not None else "—")
        for peer in ["numpy", "jax"]:
            row.append(ratio(get(peer) / generated) if generated and get(peer) else "—")
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def float32_gradgen(part):
    """gradgen's loop code in Float and in Double, from the native build where it was measured
    (else the baseline): the rows of `CodegenBenchmark --json --float` (run.py's float32 part,
    both scalars measured in turn) where the run has them, else the evaluation's own rows."""
    rows = part["float32"].get("gradgen") or [r for r in part.get("gradgen", []) if r["peer"] == "generated" and r.get("form") == "loops"]
    build = "native" if any(build_of(r) == "native" for r in rows) else "baseline"
    return {(tuple(r["sizes"]), r["mode"], scalar_of(r)): r for r in rows if build_of(r) == build}, build


def float32_table(part):
    """The float32 rows: one line per size, mode and peer, then gradgen's `--scalar Float` loop
    code and the same network's Double code; each time over gradgen Float's."""
    names = {"numpy": "NumPy", "jax": "JAX jit", "torch": "PyTorch"}
    gradgen, build = float32_gradgen(part)
    compiled = {"native": "`-target-cpu native`", "haswell": "`-target-cpu haswell`"}.get(build, "default x86-64")
    lines = ["| sizes | mode | peer | dtype | threads | time | ÷ gradgen Float |", "|---|---|---|---|---:|---:|---:|"]
    shown_sizes = []
    for r in part["float32"]["peers"]:
        key = tuple(r["sizes"])
        if key not in shown_sizes:
            shown_sizes.append(key)
        own = gradgen.get((key, r["mode"], "Float"))
        shown = microseconds(time_of(r)) if "microseconds" in r else "not measured: " + r.get("unavailable", "")
        versus = ratio(time_of(r) / time_of(own)) if own and "microseconds" in r else "—"
        mode = "batch of " + r["mode"][len("batch"):] if r["mode"].startswith("batch") else r["mode"]
        lines.append(f"| {sizes(r['sizes'])} | {mode} | {names.get(r['peer'], r['peer'])} | {r['dtype']} | {r['threads']} | {shown} | {versus} |")
    for key in shown_sizes:
        for mode in ["batch64", "sample"]:
            own = gradgen.get((key, mode, "Float"))
            if own is None:
                continue
            double = gradgen.get((key, mode, "Double"))
            shown_mode = "batch of 64" if mode == "batch64" else "per sample"
            lines.append(f"| {sizes(key)} | {shown_mode} | gradgen {own['network']} (loops, {compiled}) | float32 | 1 | {microseconds(time_of(own))} | 1× |")
            if double:
                lines.append(f"| {sizes(key)} | {shown_mode} | gradgen {double['network']} (loops, {compiled}) | float64 | 1 | "
                             f"{microseconds(time_of(double))} | {ratio(time_of(double) / time_of(own))} |")
    return "\n".join(lines)


def generated_forms_table(part):
    """Every form of generated code that was measured, in every build, per sample and per batch of 64."""
    rows = {}
    for build in ["native", "haswell", "baseline"]:
        for (s, mode), values in generated_forms(part, build, scalars=("Double", "Float")).items():
            for value, form, network in values:
                rows.setdefault((s, form, network, build), {})[mode] = value
    lines = ["| sizes | `Generated/` | form | build | per sample | batch of 64 | per sample in the batch |",
             "|---|---|---|---|---:|---:|---:|"]
    order = {"native": 0, "haswell": 1, "baseline": 2}
    for (s, form, network, build), modes in sorted(rows.items(), key=lambda item: (sum(item[0][0]), item[0][1] or "", order[item[0][3]])):
        sample, batch = modes.get("sample"), modes.get("batch64")
        name = {"native": "`-target-cpu native`", "haswell": "`-target-cpu haswell`"}.get(build, "default x86-64")
        lines.append(f"| {sizes(s)} | {network or '—'} | {form or '—'} | {name} | {microseconds(sample) if sample else '—'} | "
                     f"{microseconds(batch) if batch else '—'} | {microseconds(batch / 64) if batch else '—'} |")
    return "\n".join(lines)


def threads_table(part):
    """gradgen's `threads: 1` and `threads: 2` beside the peers on two threads."""
    rows = [(f"gradgen `threads: {r['mode'][-1]}`", time_of(r)) for r in part["gradgen"]]
    rows += [({"numpy": "NumPy", "jax": "JAX jit", "pytorch": "PyTorch"}[r["peer"]] + " (2 threads)", time_of(r)) for r in part["peers"]]
    two = next((value for name, value in rows if name == "gradgen `threads: 2`"), None)
    lines = ["| run | batch of 256 | ÷ gradgen `threads: 2` |", "|---|---:|---:|"]
    lines += [f"| {name} | {microseconds(value)} | {ratio(value / two) if two else '—'} |" for name, value in rows]
    return "\n".join(lines)


def exact_table(part):
    g = part["gradgen"]
    end, alone = g["seconds"], g["evaluate_only_seconds"]
    lines = ["| computation | median | agrees with gradgen | ÷ gradgen end to end | ÷ gradgen evaluation alone |",
             "|---|---:|---|---:|---:|"]
    rows = [("gradgen: spec → `Derivation` → exact evaluation of L and every gradient (`arena.evaluate`)", end),
            ("gradgen: that exact evaluation alone, over a `Derivation` already built", alone),
            ("gradgen: `ExactEvaluation` as `gradgen eval` does it (also every z and x, and 17-digit decimals)",
             g["exact_evaluation_seconds"])]
    for name, value in rows:
        lines.append(f"| {name} | {seconds(value)} | — | {ratio(value / end)} | {ratio(value / alone)} |")
    names = {"sympy-matrix": "SymPy: hand-written backprop over `sympy.Matrix` of `Rational`",
             "fraction": "Python: hand-written backprop over `fractions.Fraction`"}
    for p in part["peers"]:
        if "seconds" in p:
            agrees = f"yes, all {p['values']} values" if p["agrees"] else f"NO: {p['mismatches']} differ"
            lines.append(f"| {names[p['peer']]} | {seconds(p['seconds'])} | {agrees} | {ratio(p['seconds'] / end)} | "
                         f"{ratio(p['seconds'] / alone)} |")
        else:
            lines.append(f"| {names[p['peer']]} | {p['status']} (limit {p['limit']:.0f} s) | — | — | — |")
    return "\n".join(lines)


def part_machine(data, part):
    """The machine `part` was measured on: its own record (run.py writes one per part), else that
    of the last merged run that ran it (older files), else the run's."""
    if "machine" in data.get(part, {}):
        return data[part]["machine"]
    for rerun in reversed(data.get("rerun", [])):
        if part in rerun["parts"].split(","):
            return rerun["machine"]
    return data["machine"]


def gradgen_machine(data):
    """The machine of the evaluation's gradgen rows, which `--only codegen --merge` replaces alone."""
    part = data["evaluation"]
    if "gradgen_machine" in part:
        return part["gradgen_machine"]
    if "machine" in part:
        return part["machine"]
    for rerun in reversed(data.get("rerun", [])):
        if {"evaluation", "codegen"} & set(rerun["parts"].split(",")):
            return rerun["machine"]
    return data["machine"]


def cpu_of(m):
    """The CPU and its vector extensions, as /proc/cpuinfo names them."""
    return m["cpu"] + (f" ({m['vector_extensions']})" if m.get("vector_extensions") else "")


def measured_on(m, whose="Measured"):
    """One sentence naming where and when a table was measured."""
    return (f"{whose} on {cpu_of(m)}, {m['date']} at commit {m['git']}"
            + (f", load average {m['load_average']} at the start" if "load_average" in m else "") + ".")


def evaluation_measured_on(data):
    """Where the evaluation was measured: one machine, or the peers' rows and gradgen's apart."""
    peers, gradgen = part_machine(data, "evaluation"), gradgen_machine(data)
    if peers == gradgen:
        return measured_on(peers)
    return measured_on(peers, "The peers' rows measured") + " " + measured_on(gradgen, "gradgen's rows measured")


PARTS = ["derivation", "evaluation", "threads", "exact"]


def machines_line(data):
    """The header's CPU: the one every part ran on, or, where parts were merged from runs on
    different CPUs, which part ran on which (each section names its own as well)."""
    cpus = {}
    for part in PARTS:
        if part in data:
            cpus.setdefault(cpu_of(part_machine(data, part)), []).append(part)
    if "evaluation" in data and cpu_of(gradgen_machine(data)) != cpu_of(part_machine(data, "evaluation")):
        cpus.setdefault(cpu_of(gradgen_machine(data)), []).append("evaluation (gradgen's rows)")
    if len(cpus) <= 1:
        return f"Machine: {next(iter(cpus)) if cpus else cpu_of(data['machine'])},"
    return "Machines (parts merged from runs on different CPUs; each section names its own): " + "; ".join(
        f"{', '.join(parts)} on {cpu}" for cpu, parts in cpus.items()) + "; the first run's:"


def main():
    source, target = sys.argv[1], sys.argv[2]
    with open(source) as f:
        data = json.load(f)
    m = data["machine"]
    v = m["versions"]
    out = [
        "# gradgen against its peers",
        "",
        "Written by `Benchmarks/run-peers` (Benchmarks/peers/render.py from peers.json beside this file);",
        "every number below comes from one run, side by side, on the same inputs. Medians, except where a table says otherwise.",
        "",
        machines_line(data) + f" {m['cores']} cores, {m['memory']}, {m['os']}, kernel {m['kernel']}; "
        f"{m['swift']}, GMP {m['gmp']}; Python {m['python']}, SymPy {v['sympy']}, SymEngine {v['symengine']}, "
        f"NumPy {v['numpy']}, JAX {v['jax']} (jaxlib {v['jaxlib']}). Run {m['date']} at commit {m['git']}, "
        f"{data['total_seconds'] / 60:.0f} minutes in all. Every timed process pinned to core 0 (`taskset -c 0`); "
        "the machine's other core was free for other work, which may have added noise.",
    ]
    if "derivation" in data:
        part = data["derivation"]
        out += [
            "",
            "## Derivation: spec → loss and gradient → common subexpressions",
            "",
            measured_on(part_machine(data, "derivation")),
            "",
            "ReLU hidden layer, identity output, L = ½‖t − y‖², every x, t, W and b a symbol. gradgen:",
            "`Derivation(spec:)` (loss DAG and reverse-mode gradient) then `Schedule(outputs: [L] + every",
            "gradient entry)`; DAG nodes is the arena's size, schedule its assignments. Peers (derive.py):",
            "L built from symbols (ReLU as SymPy `Max(0, z)`, as SymEngine `Piecewise((z, z > 0), (0, True))`),",
            "`diff` for every parameter, then one `cse` over [L] + every gradient. gradgen takes the median of",
            "3–7 runs in one process; a peer the median of 5 runs (a run under 2 s), 3 (under 20 s) or 1, each",
            f"run in its own process, stopped at {data['limit']:.0f} s. A ratio is the peer's time over gradgen's; for a",
            "stopped peer, the limit over gradgen's time: a lower bound.",
            "",
            derivation_table(part, data["limit"]),
            "",
            "Where the peers' time goes (medians):",
            "",
            derivation_split(part),
        ]
    if "environment" in data.get("evaluation", {}):
        part = data["evaluation"]
        env = part["environment"]
        blas = ", ".join(f"{b[0]} {b[1]} kernel {b[2]}, {b[3]} thread" for b in env["blas"])
        out += [
            "",
            "## Gradient evaluation, float64, one thread on one core",
            "",
            evaluation_measured_on(data),
            "",
            "Loss and every gradient per call, in microseconds: the best of 105 short repetitions of a timed",
            "loop where the run recorded it (the machine is shared; peers.json has the medians too), else the median of 7.",
            "NumPy: hand-written backprop (evaluate.py); JAX: `jax.jit(jax.value_and_grad(loss))` with",
            "`jax_enable_x64`, results blocked on. Inputs: the numbers gradgen draws with",
            "`withRandomValues(seed: 2)` (problem.py ports the generator); for the batch, 64 (x, t) pairs",
            "drawn from SplitMix64(seed: 3), loss summed over the batch. Single-threaded: "
            f"`{' '.join(k + '=' + repr(v) for k, v in env['env'].items() if v)}`; BLAS: {blas}.",
            "gradgen's columns come from `CodegenBenchmark` in the same run, on the same numbers (the",
            "batch the same 64 pairs, loss summed): the committed `Generated/` code through its",
            "allocation-free entry points (unrolled code into a caller-owned `Gradients`, its batch one",
            "sample at a time into a `Workspace`; loop code into a `Workspace`), and the runtime autodiff",
            "per sample. The generated column shows the faster form where a size has two, and names it;",
            "every form measured is in the table after. " + ("The generated code in this table is built "
            f"with `-Xswiftc -target-cpu -Xswiftc native` (for {cpu_of(gradgen_machine(data))}), as OpenBLAS and XLA choose their kernels "
            "for the CPU they run on; the default x86-64 build (SSE2) is in the table after."
            if main_build(part) == "native" else "The generated code is built for the default x86-64 target."),
            "",
            evaluation_table(part),
        ]
        if "avx2" in part:
            avx2 = part["avx2"]
            blas = ", ".join(f"{b[0]} {b[1]} kernel {b[2]}, {b[3]} thread" for b in avx2["environment"]["blas"])
            out += [
                "",
                "The AVX2 class of CPU (16 vector registers of 256 bits), measured on this one in the same run:",
                "the peers again with `OPENBLAS_CORETYPE=Haswell` and `XLA_FLAGS` adding `--xla_cpu_max_isa=AVX2`",
                f"(BLAS: {blas}), gradgen built with `-Xswiftc -target-cpu -Xswiftc haswell` (AVX2 and FMA).",
                "",
                evaluation_table(part, build="haswell", peers=avx2["peers"]),
            ]
        out += [
            "",
            "Every form of generated code measured:",
            "",
            generated_forms_table(part),
        ]
    if "float32" in data.get("evaluation", {}):
        part = data["evaluation"]
        out += ["", "Float32, batch of 64, one thread on one core: NumPy and JAX as above on float32 arrays, PyTorch",
                "autograd (`loss.backward()`, `torch.set_num_threads(1)`); each checked against the float64 NumPy",
                "backprop first. gradgen: the `--scalar Float` loop code of the same network (`Generated/`, through",
                "a `Workspace`, the same numbers rounded to Float) and its Double twin, measured in turn three times",
                "each in one process (`CodegenBenchmark --json --float`, best of each); the last column is a row's time",
                "over gradgen Float's.", "", float32_table(part)]
    if "threads" in data:
        part = data["threads"]
        env = part["environment"]
        out += [
            "",
            "## Two threads: a batch of 256 at (784,128,10), float64, loss summed",
            "",
            measured_on(part_machine(data, "threads")),
            "",
            f"Pinned to cores {', '.join(map(str, env['affinity']))}; the peers with two threads each (OpenBLAS, XLA's pool, "
            f"PyTorch: {env['pytorch']}), gradgen's loop code built for this CPU with `threads: 1` and `threads: 2`.",
            "",
            threads_table(part),
        ]
    if "exact" in data:
        part = data["exact"]
        g = part["gradgen"]
        out += [
            "",
            f"## Exact gradients of a {sizes(g['sizes'])} ReLU network",
            "",
            measured_on(part_machine(data, "exact")),
            "",
            f"Random problem seed {g['seed']} with general rational values (denominators up to 100), written",
            "as a spec by `DerivationBenchmark --exact` together with gradgen's exact answers; the peers (exact.py)",
            "read that spec and compare every one of their values with gradgen's for equality. The loss has",
            f"{len(g['loss'])} characters as a fraction; the longest answer {g['longest_answer_characters']}. SymPy's symbolic",
            "route (diff every parameter, then substitute) is the derivation table's row for this size.",
            "",
            exact_table(part),
        ]
        if "gradgen_eval" in part:
            check = part["gradgen_eval"]
            out += ["", f"`{check['command']}` (the command-line tool) gives the same spec: "
                    f"{'yes' if check['same_spec'] else 'NO'}; the same exact loss and gradients: "
                    f"{'yes' if check['same_answers'] else 'NO'}."]
    if "rerun" in data:
        part_names = {"codegen": "gradgen's evaluation rows (codegen)"}
        out += ["", "Parts run again later and merged: " + "; ".join(
            f"{', '.join(part_names.get(p, p) for p in r['parts'].split(','))} on {r['machine']['date']} at commit {r['machine']['git']}"
            + (f", on {r['machine']['cpu']} ({r['machine']['vector_extensions']}), load average {r['machine']['load_average']} at the start"
               if "vector_extensions" in r["machine"] else "")
            for r in data["rerun"]) + "."]
    with open(target, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
