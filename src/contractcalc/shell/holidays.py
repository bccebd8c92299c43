"""Holiday data: the official schedules chinese-calendar ships, and the user's own files.

The core calendar (core/calendar.py) only does arithmetic over the years it is handed; this
module decides which years exist and where each came from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from contractcalc.core.calendar import WorkCalendar, YearData

if TYPE_CHECKING:
    from contractcalc.core.model import YearSchedule


def official_years() -> dict[int, YearData]:
    """chinese-calendar's published schedules, grouped by year."""
    from chinese_calendar import constants

    holidays: dict[int, dict[dt.date, str]] = {}
    workdays: dict[int, dict[dt.date, str]] = {}
    for table, into in ((constants.holidays, holidays), (constants.workdays, workdays)):
        for day, name in table.items():
            into.setdefault(day.year, {})[day] = str(getattr(name, "value", name))
    years = set(holidays) | set(workdays)
    return {y: YearData(holidays.get(y, {}), workdays.get(y, {}), "official") for y in years}


def build_calendar(contract_years: Mapping[int, YearSchedule] | None = None,
                   holidays_file: Path | None = None, *,
                   assume_weekends: bool = False) -> WorkCalendar:
    """Official years overlaid with the contract's calendar: section, then a --holidays file
    (a supplied year replaces the official one)."""
    supplied = dict(contract_years or {})
    if holidays_file is not None:
        supplied.update(load_holidays(holidays_file))
    years = official_years()
    years.update({y: YearData(dict(s.holidays), dict.fromkeys(s.workdays, ""), "supplied")
                  for y, s in supplied.items()})
    return WorkCalendar(years, assume_weekends=assume_weekends)


def load_holidays(path: Path) -> dict[int, YearSchedule]:
    """A schedule file: {year: {holidays: {date: name}, workdays: [date, ...]}}."""
    from contractcalc.core.errors import InputErrors
    from contractcalc.core.model import YearSchedule, schedule_problems
    from contractcalc.shell.contract_file import located, locator, read_text, validate
    from contractcalc.shell.yamlsafe import load as load_yaml

    source = str(path)
    data, positions = load_yaml(read_text(path), source=source)
    schedules: dict[int, YearSchedule] = validate(dict[int, YearSchedule], data, positions,
                                                  source=source)
    locate = locator(positions)
    found = [located(field, message, locate, source) for year, sched in schedules.items()
             for field, message in schedule_problems((year,), year, sched)]
    if found:
        raise InputErrors(found)
    return schedules
