"""contractcalc uptime against the pandas, polars and DuckDB scripts a user would write.

Run: pip install pandas polars duckdb && python benchmarks/uptime_bench.py [ROWS ...] [--load N]
(default 10000 100000 1000000). Whole processes, start-up included, side by side in one run:
the median wall time and CPU time of the runs and each tool's peak RSS (from wait4), and a
check that all give the same downtime to the thousandth of an hour. contractcalc is measured
as installed (a big plain CSV log is scanned by a worker process per CPU, runtime/workers.py) and
in one process (CONTRACTCALC_WORKERS=1). `--load N` keeps N busy processes running meanwhile,
as on a loaded machine; `--ours-only 5000000` measures only contractcalc (memory on a big log).

Before measuring, contractcalc's modules are byte-compiled, as pip does for the other tools when
it installs them: an editable install under PYTHONDONTWRITEBYTECODE=1 would otherwise compile
every module from source at each start (~50 ms), which no installed copy does.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FROM, TO, TO_EXCLUSIVE = "2025-09-17", "2026-09-16", "2026-09-17"
REPEAT = 5  # runs per tool and size (3 at a million rows, 1 beyond)


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """(seconds, CPU seconds, peak RSS of its largest process in MB, stdout) of one whole
    process, its workers included (wait4 counts the children it reaped)."""
    t = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t
        out.seek(0)
        text = out.read().decode()
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, text


def tools(log: Path, ours_only: bool) -> dict[str, tuple[list[str], dict[str, str]]]:
    """Each tool's command and environment; contractcalc as installed (a worker per CPU on a
    big log) and in one process."""
    ours = ["contractcalc", "uptime", str(log), "--from", FROM, "--to", TO, "--as-of",
            "2026-11-01", "--format", "json"]
    found = {"contractcalc": (ours, dict(os.environ)),
             "  one process": (ours, {**os.environ, "CONTRACTCALC_WORKERS": "1"})}
    if not ours_only:
        for name in ("pandas", "polars", "duckdb"):
            found[name] = ([sys.executable, str(HERE / f"{name}_uptime.py"), str(log), FROM,
                            TO_EXCLUSIVE], dict(os.environ))
    return found


def figures(name: str, out: str) -> dict[str, str]:
    if "contractcalc" in name or "one process" in name:
        return {r["system"]: r["downtime_hours"] for r in json.loads(out)["rows"]}
    import ast

    return {k: f"{v:.3f}" for k, v in ast.literal_eval(out).items()}


def compile_ours() -> None:
    """Byte-compile the contractcalc package wherever it is installed (editable or not)."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("contractcalc")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("contractcalc is not installed in this Python")
    for folder in spec.submodule_search_locations:
        compileall.compile_dir(folder, quiet=1)


def main() -> None:
    args = sys.argv[1:]
    compile_ours()
    ours_only = "--ours-only" in args
    load = int(args[args.index("--load") + 1]) if "--load" in args else 0
    if load:
        args = [a for i, a in enumerate(args) if a != "--load" and args[i - 1] != "--load"]
    sizes = [int(a) for a in args if a != "--ours-only"] or [10_000, 100_000, 1_000_000]
    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(load)]
    try:
        run_all(sizes, ours_only, load)
    finally:
        for proc in busy:
            proc.kill()
            proc.wait()


def run_all(sizes: list[int], ours_only: bool, load: int) -> None:
    print(f"{os.cpu_count()} cores, {load} busy process(es) besides; medians; CPU = user + "
          "system time of all its processes; peak RSS of its largest process")
    print(f"{'rows':>10}  {'tool':<13} {'seconds':>8} {'CPU s':>8} {'peak MB':>8}")
    for rows in sizes:
        log = Path(tempfile.gettempdir()) / f"contractcalc-outages-{rows}.csv"
        if not log.exists():
            subprocess.run([sys.executable, str(HERE / "make_outages.py"), str(rows), str(log)],
                           check=True)
        commands = tools(log, ours_only)
        repeat = REPEAT if rows < 1_000_000 else 3 if rows == 1_000_000 else 1
        runs: dict[str, list[tuple[float, float, int, str]]] = {name: [] for name in commands}
        for _ in range(repeat):  # round robin, so that every tool meets the same conditions
            for name, (cmd, env) in commands.items():
                runs[name].append(measure(cmd, env))
        results = {}
        for name, mine in runs.items():
            results[name] = figures(name, mine[-1][3])
            print(f"{rows:>10,}  {name:<13} {statistics.median(r[0] for r in mine):>8.2f} "
                  f"{statistics.median(r[1] for r in mine):>8.2f} "
                  f"{max(r[2] for r in mine):>8}", flush=True)
        if len({json.dumps(v, sort_keys=True) for v in results.values()}) != 1:
            print("DIFFERENT FIGURES:", results)
            sys.exit(1)


if __name__ == "__main__":
    main()
