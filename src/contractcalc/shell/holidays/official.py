"""The official holiday schedules: what chinese-calendar ships, with our corrections, each
cited to its State Council notice. The user's own schedules are merged over them in layers.py.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # imported where used: `holidays_path` alone must cost nothing at start-up
    from contractcalc.core.calendar.workdays import YearData

class Correction(NamedTuple):
    working: bool
    name: str
    notice: str
    """The State Council notice that settles the day."""


CORRECTIONS: dict[int, dict[dt.date, Correction]] = {
    # 国务院办公厅关于2006年部分节假日安排的通知（国办发明电〔2005〕35号）, item 一: 元旦 1月1日—3日
    # 放假, "12月31日（星期六）上班". chinese-calendar (1.11) has the Saturday as a day off;
    # python-holidays agrees with the notice.
    2005: {dt.date(2005, 12, 31): Correction(
        True, "New Year's Day", "国办发明电〔2005〕35号: 12月31日（星期六）上班")},
}
"""Days where chinese-calendar's data departs from the published notice, by year.

Each entry cites the notice. Found by checking every day 2004–2026 against python-holidays
(tests/test_holiday_data.py); every disagreement is decided here or in that test.
"""


def official_years() -> dict[int, YearData]:
    """chinese-calendar's published schedules, grouped by year, with CORRECTIONS applied."""
    return dict(_official())


@functools.cache
def _official() -> dict[int, YearData]:
    """Built once per process: `status` over many contracts reads the data once."""
    from chinese_calendar import constants

    from contractcalc.core.calendar.workdays import YearData

    holidays: dict[int, dict[dt.date, str]] = {}
    workdays: dict[int, dict[dt.date, str]] = {}
    for table, into in ((constants.holidays, holidays), (constants.workdays, workdays)):
        for day, name in table.items():
            into.setdefault(day.year, {})[day] = str(getattr(name, "value", name))
    for year, days in CORRECTIONS.items():
        for day, fix in days.items():
            holidays.setdefault(year, {}).pop(day, None)
            workdays.setdefault(year, {}).pop(day, None)
            (workdays if fix.working else holidays)[year][day] = fix.name
    years = set(holidays) | set(workdays)
    return {y: YearData(holidays.get(y, {}), workdays.get(y, {}), "official") for y in years}
