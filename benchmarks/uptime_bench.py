"""contractcalc uptime against the pandas, polars and DuckDB scripts a user would write.

Run: pip install pandas polars duckdb && python benchmarks/uptime_bench.py [ROWS ...]
(default 10000 100000 1000000). Whole processes, start-up included, side by side in one run:
the median wall time of REPEAT runs and each tool's peak RSS (from wait4), and a check that all
give the same downtime to the thousandth of an hour. `--ours-only 5000000` measures only
contractcalc (peak memory on a big log).

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
REPEAT = 3


def measure(cmd: list[str]) -> tuple[float, int, str]:
    """(seconds, peak RSS in MB, stdout) of one whole process."""
    t = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t
        out.seek(0)
        text = out.read().decode()
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss // 1024, text


def tools(log: Path, ours_only: bool) -> dict[str, list[str]]:
    found = {"contractcalc": ["contractcalc", "uptime", str(log), "--from", FROM, "--to", TO,
                              "--as-of", "2026-11-01", "--format", "json"]}
    if not ours_only:
        for name in ("pandas", "polars", "duckdb"):
            found[name] = [sys.executable, str(HERE / f"{name}_uptime.py"), str(log), FROM,
                           TO_EXCLUSIVE]
    return found


def figures(name: str, out: str) -> dict[str, str]:
    if name == "contractcalc":
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
    sizes = [int(a) for a in args if a != "--ours-only"] or [10_000, 100_000, 1_000_000]
    print(f"{os.cpu_count()} cores; median of {REPEAT} runs; peak RSS per process")
    print(f"{'rows':>10}  {'tool':<13} {'seconds':>8} {'peak MB':>8}")
    for rows in sizes:
        log = Path(tempfile.gettempdir()) / f"contractcalc-outages-{rows}.csv"
        if not log.exists():
            subprocess.run([sys.executable, str(HERE / "make_outages.py"), str(rows), str(log)],
                           check=True)
        results = {}
        for name, cmd in tools(log, ours_only).items():
            runs = [measure(cmd) for _ in range(1 if rows > 1_000_000 else REPEAT)]
            results[name] = figures(name, runs[-1][2])
            print(f"{rows:>10,}  {name:<13} {statistics.median(r[0] for r in runs):>8.2f} "
                  f"{max(r[1] for r in runs):>8}", flush=True)
        if len({json.dumps(v, sort_keys=True) for v in results.values()}) != 1:
            print("DIFFERENT FIGURES:", results)
            sys.exit(1)


if __name__ == "__main__":
    main()
