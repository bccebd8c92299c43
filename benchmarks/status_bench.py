"""`contractcalc status` over a contract office's worth of files, cold and warm.

Run: pip install . && python benchmarks/status_bench.py [COUNT]   (default 1000)

Writes COUNT contract files (the example and tests/data/contract-four.yaml, renumbered, with
signing dates spread over 2025, so their deadlines differ), then times whole processes:
`status DIR --format json` with an empty snapshot cache (cold) and again (warm; also with
CONTRACTCALC_WORKERS=1, in one process), against ten single-contract `payments --format json`
runs, the goal being warm <= 10 x payments. Wall time and CPU time (user + system, workers
included), medians of REPEAT runs (warm: two runs after each cold one).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "examples" / "contract-2025-036.yaml",
           ROOT / "tests" / "data" / "contract-four.yaml"]
REPEAT = 3


def make(folder: Path, count: int) -> None:
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    for n in range(count):
        text = texts[n % 2]
        shift = dt.timedelta(days=n % 300)
        if n % 2 == 0:
            signed = dt.date(2025, 1, 6) + shift
            text = (text.replace('number: "2025-036"', f'number: "B-{n:04d}"')
                    .replace("signed: 2025-09-17", f"signed: {signed}")
                    .replace("  signed: 2025-09-17", f"  signed: {signed}"))
        else:
            text = text.replace("number: SZCG-2025-07", f"number: C-{n:04d}")
        (folder / f"contract-{n:04d}.yaml").write_text(text, encoding="utf-8")


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds, CPU seconds of the process and its workers) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"failed ({code}): {' '.join(cmd)}")
    return elapsed, usage.ru_utime + usage.ru_stime


def total(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return sum(r[0] for r in runs), sum(r[1] for r in runs)


def main() -> None:
    from uptime_bench import compile_ours  # byte-compiled, as an installed copy is

    compile_ours()
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "contracts"
        folder.mkdir()
        make(folder, count)
        base = {**os.environ, "CONTRACTCALC_CACHE_DIR": str(Path(tmp) / "cache")}
        status = ["contractcalc", "status", str(folder), "--as-of", "2026-01-10",
                  "--format", "json"]
        one = ["contractcalc", "payments", "-c", str(folder / "contract-0000.yaml"),
               "--as-of", "2026-01-10", "--format", "json"]
        cold, warm, single, one_process = [], [], [], []
        for n in range(REPEAT):
            env = {**base, "CONTRACTCALC_CACHE_DIR": str(Path(tmp) / f"cache-{n}")}
            cold.append(timed(status, env))
            warm += [timed(status, env), timed(status, env)]
            one_process.append(timed(status, {**env, "CONTRACTCALC_WORKERS": "1"}))
            single.append(total([timed(one, env) for _ in range(10)]))
        rows = [("status, cold cache", cold), ("status, warm cache", warm),
                ("  warm, in one process", one_process),
                ("10 x payments (one contract)", single)]
        print(f"{count} contract files, medians of {REPEAT} runs, whole processes "
              f"({os.cpu_count()} CPUs; status uses a worker process per CPU)")
        print(f"{'run':32} {'seconds':>8} {'CPU s':>8}")
        medians = {}
        for name, runs in rows:
            medians[name] = (statistics.median(r[0] for r in runs),
                             statistics.median(r[1] for r in runs))
            print(f"{name:32} {medians[name][0]:8.2f} {medians[name][1]:8.2f}")
        goal = medians["10 x payments (one contract)"]
        print(f"warm / (10 x payments) = {medians['status, warm cache'][0] / goal[0]:.2f} "
              f"in time, {medians['status, warm cache'][1] / goal[1]:.2f} in CPU  "
              "(goal <= 1.00)")

if __name__ == "__main__":
    main()
