"""Write a synthetic outage log: N rows, three systems, unsorted, overlapping, one year.

Run: python benchmarks/make_outages.py 1000000 /tmp/outages.csv
"""

from __future__ import annotations

import datetime as dt
import random
import sys

SYSTEMS = ("platform", "standards", "basics")
YEAR_START = dt.datetime(2025, 9, 17)
SECONDS = 365 * 86400


def write(rows: int, path: str, seed: int = 36) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("system,start,end,severity\n")
        for _ in range(rows):
            start = YEAR_START + dt.timedelta(seconds=rng.randrange(-86400, SECONDS + 86400))
            length = dt.timedelta(seconds=int(rng.expovariate(1 / 600)))  # mean 10 min
            severity = "severe" if rng.random() < 0.05 else ""
            out.write(f"{rng.choice(SYSTEMS)},{start.isoformat()},"
                      f"{(start + length).isoformat()},{severity}\n")


if __name__ == "__main__":
    write(int(sys.argv[1]), sys.argv[2])
