"""The DuckDB script a user would write for per-system uptime (benchmark reference only)."""

from __future__ import annotations

import sys

import duckdb

QUERY = """
WITH rows AS (
  SELECT system, greatest(start, TIMESTAMP '{lo}') AS s, least("end", TIMESTAMP '{hi}') AS e
  FROM read_csv('{path}', header=true, columns={{'system': 'VARCHAR', 'start': 'TIMESTAMP',
                'end': 'TIMESTAMP', 'severity': 'VARCHAR'}})
), kept AS (SELECT * FROM rows WHERE e > s),
marked AS (
  SELECT *, CASE WHEN s > max(e) OVER (PARTITION BY system ORDER BY s, e
                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 1 ELSE 0 END AS new
  FROM kept
), blocks AS (
  SELECT system, min(s) AS s, max(e) AS e FROM (
    SELECT *, sum(new) OVER (PARTITION BY system ORDER BY s, e) AS b FROM marked)
  GROUP BY system, b
)
SELECT system, sum(epoch(e) - epoch(s)) / 3600.0 FROM blocks GROUP BY system
"""


def uptime(path: str, start: str, end: str) -> dict[str, float]:
    rows = duckdb.sql(QUERY.format(path=path, lo=start, hi=end)).fetchall()
    return {str(s): float(h) for s, h in rows}


if __name__ == "__main__":
    print(uptime(sys.argv[1], sys.argv[2], sys.argv[3]))
