"""The polars script a user would write for per-system uptime (benchmark reference only)."""

from __future__ import annotations

import sys

import polars as pl


def uptime(path: str, start: str, end: str) -> dict[str, float]:
    lo, hi = pl.lit(start).str.to_datetime(), pl.lit(end).str.to_datetime()
    df = (pl.read_csv(path, columns=["system", "start", "end"])
          .with_columns(pl.col("start").str.to_datetime().clip(lo, hi),
                        pl.col("end").str.to_datetime().clip(lo, hi))
          .filter(pl.col("end") > pl.col("start"))
          .sort(["system", "start"])
          .with_columns(reach=pl.col("end").cum_max().over("system"))
          .with_columns(block=(pl.col("start") > pl.col("reach").shift(1).over("system"))
                        .fill_null(True).cum_sum().over("system"))
          .group_by(["system", "block"]).agg(pl.col("start").min(), pl.col("end").max())
          .group_by("system").agg((pl.col("end") - pl.col("start")).sum().alias("down")))
    return {s: d.total_seconds() / 3600 for s, d in df.iter_rows()}


if __name__ == "__main__":
    print(uptime(sys.argv[1], sys.argv[2], sys.argv[3]))
