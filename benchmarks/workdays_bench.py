"""Calendar engine against chinese-calendar: same answers across 2004–2026, and calls per second.

Run: python benchmarks/workdays_bench.py   (after pip install .)
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time

import chinese_calendar

from contractcalc.shell.holidays.layers import build_calendar
from contractcalc.shell.holidays.official import CORRECTIONS

# Room for the spans below, and clear of 2005-12-31, the day we correct (CORRECTIONS).
FIRST, LAST = dt.date(2006, 7, 1), dt.date(2026, 6, 30)
CORRECTED = {day for days in CORRECTIONS.values() for day in days}


def sample(n: int, seed: int = 2025) -> list[tuple[dt.date, int]]:
    rng = random.Random(seed)
    span = (LAST - FIRST).days
    return [(FIRST + dt.timedelta(days=rng.randrange(span)), rng.randrange(1, 60))
            for _ in range(n)]


def rate(fn, cases, repeat: int = 5) -> float:
    """Median calls per second over `repeat` runs."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        for start, n in cases:
            fn(start, n)
        times.append(time.perf_counter() - t)
    return len(cases) / statistics.median(times)


def main() -> None:
    cal = build_calendar()
    cases = sample(2000)
    # Identity: on working starts both count the same; from a day off chinese-calendar counts
    # one further (documented difference), so compare find_workday(n - 1) there.
    checked = 0
    for start, n in sample(20000, seed=7):
        ref_n = n if chinese_calendar.is_workday(start) else n - 1
        assert cal.add(start, n) == chinese_calendar.find_workday(ref_n, start), (start, n)
        assert cal.add(start, -n) == chinese_calendar.find_workday(-n, start), (start, -n)
        checked += 2
    day = dt.date(2004, 1, 1)
    while day <= dt.date(2026, 12, 31):
        if day not in CORRECTED:
            assert cal.is_workday(day) == chinese_calendar.is_workday(day), day
        day += dt.timedelta(days=1)
        checked += 1
    ours = rate(cal.add, cases)
    theirs = rate(lambda s, n: chinese_calendar.find_workday(n, s), cases[:300])
    ours_is = rate(lambda s, n: cal.is_workday(s), cases)
    theirs_is = rate(lambda s, n: chinese_calendar.is_workday(s), cases)
    ours_count = rate(lambda s, n: cal.count(s - dt.timedelta(days=n * 7), s), cases)
    print(f"identical answers: {checked} comparisons, 2004-01-01..2026-12-31 "
          f"(less {len(CORRECTED)} corrected day)")
    print(f"add N (1..59 working days): ours {ours:,.0f}/s  chinese-calendar find_workday "
          f"{theirs:,.0f}/s  ratio {ours / theirs:,.0f}x")
    print(f"is working day:             ours {ours_is:,.0f}/s  chinese-calendar is_workday "
          f"{theirs_is:,.0f}/s  ratio {ours_is / theirs_is:,.1f}x")
    print(f"count over up to 413 days:  ours {ours_count:,.0f}/s")


if __name__ == "__main__":
    main()
