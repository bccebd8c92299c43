"""The calendar a run uses, layer by layer: the official years (official.py), then the
contract's calendar: section, then a --holidays file (or $CONTRACTCALC_HOLIDAYS).

The core calendar (core/calendar/workdays.py) only does arithmetic over the years it is handed;
this module decides which years exist, where each day came from, and which supplied days
override an official one (returned on the calendar as ``overrides`` for the CLI and ``check``
to name).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from contractcalc.shell.holidays.official import official_years

if TYPE_CHECKING:  # imported where used: `holidays_path` alone must cost nothing at start-up
    from contractcalc.core.calendar.workdays import Override, WorkCalendar, YearData
    from contractcalc.core.model import YearSchedule

ENV_VAR = "CONTRACTCALC_HOLIDAYS"


def holidays_path(given: Path | None) -> Path | None:
    """The schedule file to use: --holidays FILE, else $CONTRACTCALC_HOLIDAYS, else none."""
    if given is not None:
        return given
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else None


def incomplete(year: int, holidays: Mapping[dt.date, str], sources: list[str]) -> None:
    """Refuse a year without a published schedule whose supplied one lacks a day off fixed by
    law (全国年节及纪念日放假办法 art. 2, from 2025): such a year would count 春节 or 劳动节 as
    working days and every deadline across them would look right and be wrong. A year is known
    only by its complete schedule (the whole notice); --assume-weekends estimates instead."""
    from contractcalc.core.errors import InputError
    from contractcalc.i18n import _
    from contractcalc.shell.holidays.statutory import REVISED, law_holidays

    if year < REVISED or year > 2199:
        return
    missing = [day for day in sorted(law_holidays(year)) if day not in holidays]
    if missing:
        shown = ", ".join(str(day) for day in missing[:4]) + (", …" if len(missing) > 4 else "")
        raise InputError(_("{year} is not a complete schedule: {count} day(s) off fixed by law "
                           "are missing ({days}); give the year's whole notice, or leave the "
                           "year out (--assume-weekends estimates it)").format(
            year=year, count=len(missing), days=shown), source=" + ".join(sources),
                         field=str(year))


def build_calendar(contract_years: Mapping[int, YearSchedule] | None = None,
                   holidays_file: Path | None = None, *,
                   assume_weekends: bool = False,
                   contract_label: str = "the contract's calendar: section") -> WorkCalendar:
    """Official years, then the contract's calendar: section, then a --holidays file.

    A supplied day overrides that day only; every override of an official day is on the
    calendar's ``overrides``. With assume_weekends, a year with no schedule is estimated with
    weekends and the holidays fixed by law (shell/holidays/statutory.py).
    """
    layers: list[tuple[str, Mapping[int, YearSchedule]]] = [(contract_label,
                                                             contract_years or {})]
    if holidays_file is not None:
        from contractcalc.shell.holidays.schedule_file import load_schedule

        layers.append((str(holidays_file), load_schedule(holidays_file)))
    official = official_years()
    years = dict(official)
    from contractcalc.core.calendar.workdays import WorkCalendar, merge_year

    found: dict[dt.date, Override] = {}
    for source, supplied in layers:
        for year, sched in supplied.items():
            years[year], overrides = merge_year(years.get(year), sched.holidays, sched.workdays,
                                                source=source, official=official.get(year))
            found.update((o.date, o) for o in overrides)
    for year in sorted({y for _source, supplied in layers for y in supplied} - set(official)):
        incomplete(year, years[year].holidays,
                   [source for source, supplied in layers if year in supplied])
    estimate: Callable[[int], YearData] | None = None
    if assume_weekends:
        from contractcalc.shell.holidays.statutory import statutory_estimate

        estimate = statutory_estimate
    return WorkCalendar(years, assume_weekends=assume_weekends, estimate=estimate,
                        overrides=[found[d] for d in sorted(found)])

