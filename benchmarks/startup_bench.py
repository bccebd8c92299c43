"""Start-up of contractcalc commands against the framework floor, measured side by side.

Run: python benchmarks/startup_bench.py [RUNS]   (after pip install .)
Each command runs RUNS times (default 21), interleaved with the baselines so that machine noise
hits all alike; medians and ratios are printed against the goals of issue 8. Output goes to a
pipe, as in scripts and CI. The built-in contract's snapshot is made once before timing.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

TYPER = [sys.executable, "-c", "import typer"]
TYPER_RICH = [sys.executable, "-c", "import typer, rich.console, rich.table"]
CASES = [  # (label, command, baseline, goal)
    ("penalty --format json", ["contractcalc", "penalty", "--days-late", "12", "--format", "json"],
     "typer", 1.30),
    ("penalty (table)", ["contractcalc", "penalty", "--days-late", "12"], "typer+rich", 1.25),
    ("payments (table)", ["contractcalc", "payments"], "typer+rich", 1.25),
    ("--help", ["contractcalc", "--help"], "typer+rich", 1.25),
]


def run(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    env = dict(os.environ, CONTRACTCALC_CACHE_DIR=tempfile.mkdtemp())
    # Users' Pythons keep compiled bytecode; a session that forbids it would time the compiler.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for _, cmd, _, _ in CASES:  # warm: the snapshot, the OS file cache
        run(cmd, env)
    times: dict[str, list[float]] = {"typer": [], "typer+rich": []}
    times.update({label: [] for label, _, _, _ in CASES})
    for _ in range(runs):
        times["typer"].append(run(TYPER, env))
        times["typer+rich"].append(run(TYPER_RICH, env))
        for label, cmd, _, _ in CASES:
            times[label].append(run(cmd, env))
    median = {k: statistics.median(v) for k, v in times.items()}
    print(f"medians of {runs} runs; python -c 'import typer' {median['typer'] * 1000:.0f} ms, "
          f"'import typer, rich.console, rich.table' {median['typer+rich'] * 1000:.0f} ms")
    failed = False
    for label, _, base, goal in CASES:
        ratio = median[label] / median[base]
        ok = ratio <= goal
        failed |= not ok
        print(f"{label:24} {median[label] * 1000:5.0f} ms  {ratio:4.2f}x {base:10} "
              f"(goal <= {goal:.2f}x) {'ok' if ok else 'MISSED'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
