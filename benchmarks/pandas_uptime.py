"""The pandas script a user would write for per-system uptime: read, clip, sort, merge (cummax).

Used by uptime_bench.py as the reference; pandas is installed for the benchmark only.
"""

from __future__ import annotations

import sys

import pandas as pd


def uptime(path: str, start: str, end: str) -> dict[str, float]:
    """Downtime hours per system over [start, end) (naive Beijing times)."""
    df = pd.read_csv(path, usecols=["system", "start", "end"])
    df["start"] = pd.to_datetime(df["start"], format="ISO8601")
    df["end"] = pd.to_datetime(df["end"], format="ISO8601")
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    df["start"] = df["start"].clip(lower=lo, upper=hi)
    df["end"] = df["end"].clip(lower=lo, upper=hi)
    df = df[df["end"] > df["start"]].sort_values(["system", "start"])
    out: dict[str, float] = {}
    for system, g in df.groupby("system", sort=False):
        reach = g["end"].cummax()
        # A new merged block starts where a start lies beyond everything before it.
        new_block = g["start"] > reach.shift(1)
        block = new_block.cumsum()
        merged = g.groupby(block).agg(start=("start", "min"), end=("end", "max"))
        out[str(system)] = (merged["end"] - merged["start"]).sum().total_seconds() / 3600
    return out


if __name__ == "__main__":
    print(uptime(sys.argv[1], sys.argv[2], sys.argv[3]))
