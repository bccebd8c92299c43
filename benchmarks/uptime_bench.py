"""contractcalc uptime against the pandas script a user would write, on a 1,000,000-row log.

Run: pip install pandas && python benchmarks/uptime_bench.py [ROWS]
Prints the median wall time of each (whole commands, start-up included), their peak memory,
and checks that both give the same downtime to the millisecond-hour.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FROM, TO, TO_EXCLUSIVE = "2025-09-17", "2026-09-16", "2026-09-17"


def timed(cmd: list[str], repeat: int = 5) -> tuple[float, str, int]:
    times, out = [], ""
    for _ in range(repeat):
        t = time.perf_counter()
        out = subprocess.run(cmd, check=False, capture_output=True, text=True).stdout
        times.append(time.perf_counter() - t)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return statistics.median(times), out, peak_kb


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    log = Path(tempfile.gettempdir()) / f"contractcalc-outages-{rows}.csv"
    if not log.exists():
        subprocess.run([sys.executable, str(HERE / "make_outages.py"), str(rows), str(log)],
                       check=True)
    env_note = f"{os.cpu_count()} cores"
    ours_t, ours_out, _ = timed(["contractcalc", "uptime", str(log), "--from", FROM, "--to", TO,
                                 "--format", "json"])
    ours_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    theirs_t, theirs_out, theirs_peak = timed(
        [sys.executable, str(HERE / "pandas_uptime.py"), str(log), FROM, TO_EXCLUSIVE])
    ours = {r["system"]: r["downtime_hours"] for r in json.loads(ours_out)["rows"]}
    import ast

    theirs = {k: f"{v:.3f}" for k, v in ast.literal_eval(theirs_out).items()}
    same = ours == theirs
    print(f"log: {rows:,} rows, {log.stat().st_size / 1e6:.0f} MB, {env_note}")
    print(f"contractcalc uptime: median {ours_t:.2f} s (peak RSS of any run so far "
          f"{ours_peak / 1024:.0f} MB)")
    print(f"pandas script:       median {theirs_t:.2f} s (peak RSS of any run so far "
          f"{theirs_peak / 1024:.0f} MB)")
    print(f"ratio ours/pandas: {ours_t / theirs_t:.2f}; same downtime figures: {same}")
    if not same:
        print("ours:", ours, "\npandas:", theirs)
        sys.exit(1)


if __name__ == "__main__":
    main()
