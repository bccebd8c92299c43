"""`contractcalc status` over a contract office's worth of files, cold and warm.

Run: pip install . && python benchmarks/status_bench.py [COUNT]   (default 1000)

Writes COUNT contract files (the example and tests/data/contract-four.yaml, renumbered, with
signing dates spread over 2025, so their deadlines differ), then times whole processes:
`status DIR --format json` with an empty snapshot cache (cold) and again (warm), against ten
single-contract `payments --format json` runs, the goal being warm <= 10 x payments.
Medians of REPEAT runs (warm: two runs after each cold one).
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


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    code = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          env=env).returncode
    if code not in (0, 1):
        raise SystemExit(f"failed ({code}): {' '.join(cmd)}")
    return time.perf_counter() - start


def main() -> None:
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
        cold, warm, single = [], [], []
        for n in range(REPEAT):
            env = {**base, "CONTRACTCALC_CACHE_DIR": str(Path(tmp) / f"cache-{n}")}
            cold.append(timed(status, env))
            warm += [timed(status, env), timed(status, env)]
            single.append(sum(timed(one, env) for _ in range(10)))
        rows = [("status, cold cache", statistics.median(cold)),
                ("status, warm cache", statistics.median(warm)),
                ("10 x payments (one contract)", statistics.median(single))]
        print(f"{count} contract files, medians of {REPEAT} runs, whole processes")
        print(f"{'run':32} {'seconds':>8}")
        for name, seconds in rows:
            print(f"{name:32} {seconds:8.2f}")
        print(f"warm / (10 x payments) = {rows[1][1] / rows[2][1]:.2f}  (goal <= 1.00)")


if __name__ == "__main__":
    main()
