"""Union keys are microseconds from the period's start: floats for ordinary periods, ints when a
period is too long for a float to hold every microsecond exactly. Both must give the same
blocks to the microsecond."""

import datetime as dt
from pathlib import Path

from contractcalc.core.uptime.availability import Period
from contractcalc.shell.outagelog import read_log

LOG = ("system,start,end\n"
       "platform,2025-10-01T08:00:00,2025-10-01T09:00:00\n"
       "platform,2025-10-01 8:30:00.000001,2025-10-01T10:00:00.5\n"
       "platform,2025-10-02T00:00:00,\n")


def blocks(tmp_path: Path, contract, period: Period) -> tuple[list, list]:
    log = tmp_path / "log.csv"
    log.write_text(LOG, encoding="utf-8")
    until = dt.datetime(2025, 10, 2, 0, 0, 0, 7)
    return read_log(str(log), contract=contract, period=period,
                    measured_to=until).blocks["platform"]


def test_a_period_of_four_centuries_gives_the_blocks_a_year_gives(tmp_path: Path,
                                                                    contract) -> None:
    # Rows 1 and 2 overlap: one block 08:00..10:00:00.500000. Row 3 is open: down from
    # 2025-10-02 00:00 to the as-of instant, 7 microseconds later (float keys would need
    # 400 years * 3.2e13 us > 2**53 to hold it; ints do).
    year = blocks(tmp_path, contract, Period(dt.date(2025, 9, 17), dt.date(2026, 9, 16)))
    long = blocks(tmp_path, contract, Period(dt.date(1800, 1, 1), dt.date(2199, 12, 31)))
    assert year == long == (
        [dt.datetime(2025, 10, 1, 8), dt.datetime(2025, 10, 2)],
        [dt.datetime(2025, 10, 1, 10, 0, 0, 500000), dt.datetime(2025, 10, 2, 0, 0, 0, 7)])
