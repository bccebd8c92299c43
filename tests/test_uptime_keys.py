"""Union keys are microseconds from the period's start: floats for ordinary periods, ints when a
period is too long for a float to hold every microsecond exactly. Both must give every system
the same blocks to the microsecond."""

import datetime as dt
from pathlib import Path

from contractcalc.core.uptime.availability import Period
from contractcalc.shell.logs.outagelog import read_log

ROWS = ("{system},2025-10-01T08:00:00,2025-10-01T09:00:00\n"
        "{system},2025-10-01 8:30:00.000001,2025-10-01T10:00:00.5\n"
        "{system},2025-10-02T00:00:00,\n")
LOG = "system,start,end\n" + ROWS.format(system="platform") + ROWS.format(system="basics")


def blocks(tmp_path: Path, contract, period: Period, key: type) -> dict[str, tuple[list, list]]:
    log = tmp_path / "log.csv"
    log.write_text(LOG, encoding="utf-8")
    until = dt.datetime(2025, 10, 2, 0, 0, 0, 7)
    summary = read_log(str(log), contract=contract, period=period, measured_to=until)
    assert {type(k) for begins, ends in summary.block_keys.values() for k in begins + ends} \
        == {key}
    return summary.blocks


def test_a_period_of_five_centuries_gives_the_blocks_a_year_gives(tmp_path: Path,
                                                                    contract) -> None:
    # Rows 1 and 2 overlap: one block 08:00..10:00:00.500000. Row 3 is open: down from
    # 2025-10-02 00:00 to the as-of instant, 7 microseconds later. The long period is measured
    # from 1700 to the as-of instant: 326 years, 1.03e16 us > 2**53 (285 years), so its keys
    # are ints (a period from 1800 would still fit floats: 226 years).
    year = blocks(tmp_path, contract, Period(dt.date(2025, 9, 17), dt.date(2026, 9, 16)), float)
    long = blocks(tmp_path, contract, Period(dt.date(1700, 1, 1), dt.date(2199, 12, 31)), int)
    # The same rows for basics give the same blocks; standards has none.
    expected = ([dt.datetime(2025, 10, 1, 8), dt.datetime(2025, 10, 2)],
                [dt.datetime(2025, 10, 1, 10, 0, 0, 500000), dt.datetime(2025, 10, 2, 0, 0, 0, 7)])
    assert year == long == {"platform": expected, "standards": ([], []), "basics": expected}
