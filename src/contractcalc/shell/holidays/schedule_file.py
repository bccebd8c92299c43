"""Reading a holiday schedule file given with --holidays (or $CONTRACTCALC_HOLIDAYS).

Two shapes, told apart by content:

- our YAML, as a user types it from the notice::

      2027:
        holidays: {2027-01-01: 元旦, 2027-02-06..2027-02-14: 春节}   # FROM..TO, both included
        workdays: [2027-02-20]                                     # weekend days worked (调休)

- the JSON the holiday-cn data project publishes per year:
  ``{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}, …]}``
  (days are filed under their own year: a notice may name a day of the year before).

Every problem is one line ``FILE:LINE:COLUMN: field: what was expected`` in plain words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from contractcalc.core.errors import InputError, InputErrors
from contractcalc.core.model import YearSchedule, schedule_problems
from contractcalc.i18n import _

Position = tuple[int, int]
MAX_RANGE = 366


class _Reader:
    def __init__(self, source: str, positions: dict[tuple[Any, ...], Position]) -> None:
        from contractcalc.shell.contracts.yamlsafe import KEY

        self.source, self.positions, self.key = source, positions, KEY
        self.errors: list[InputError] = []

    def where(self, path: tuple[Any, ...], *, key: bool = False) -> Position:
        if key and (self.key, *path) in self.positions:
            return self.positions[(self.key, *path)]
        for n in range(len(path), -1, -1):
            if path[:n] in self.positions:
                return self.positions[path[:n]]
        return (1, 1)

    def error(self, path: tuple[Any, ...], message: str, *, key: bool = False,
              at: Position | None = None) -> None:
        line, column = at or self.where(path, key=key)
        self.errors.append(InputError(message, source=self.source, line=line, column=column,
                                      field=".".join(str(p) for p in path) or None))


def load_schedule(path: Path) -> dict[int, YearSchedule]:
    """The schedules a file holds, by year; InputErrors listing every problem otherwise."""
    from contractcalc.shell.contracts.contract_file import read_text
    from contractcalc.shell.contracts.yamlsafe import load as load_yaml

    source = str(path)
    text = read_text(path)
    if not text.strip():
        raise InputError(_("the file is empty; expected a holiday schedule"), source=source,
                         line=1)
    data, positions = load_yaml(text, source=source)
    reader = _Reader(source, positions)
    if isinstance(data, dict) and "days" in data and "year" in data:
        schedules = _holiday_cn(data, reader)
    elif isinstance(data, dict):
        schedules = _ours(data, reader)
    else:
        reader.error((), _("expected a mapping of years ({ours}) or holiday-cn JSON ({cn})").format(
            ours="2027: {holidays: …, workdays: […]}", cn='{"year": …, "days": […]}'))
        schedules = {}
    if reader.errors:
        raise InputErrors(reader.errors)
    return schedules


def parse_day(value: Any) -> dt.date | None:
    """A date as YAML gives it (a date) or as text YYYY-MM-DD; None when it is neither."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()) if len(value.strip()) == 10 else None
        except ValueError:
            return None
    return None


def _days(value: Any) -> list[dt.date] | str:
    """A date or a range FROM..TO (both included) as its days, or why it is neither."""
    if isinstance(value, str) and ".." in value:
        first_text, _sep, last_text = value.partition("..")
        first, last = parse_day(first_text), parse_day(last_text)
        if first is None or last is None:
            return _("expected a range YYYY-MM-DD..YYYY-MM-DD, got {value!r}").format(value=value)
        if last < first:
            return _("the range {value} ends before it starts").format(value=value)
        if (last - first).days >= MAX_RANGE:
            return _("the range {value} is longer than a year").format(value=value)
        return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    day = parse_day(value)
    if day is None:
        return _("expected a date YYYY-MM-DD or a range FROM..TO, got {value!r}").format(
            value=value)
    return [day]


def _ours(data: dict[Any, Any], r: _Reader) -> dict[int, YearSchedule]:
    out: dict[int, YearSchedule] = {}
    for year_key, body in data.items():
        year = year_key if isinstance(year_key, int) else (
            int(year_key) if isinstance(year_key, str) and year_key.isdigit() else None)
        if year is None or isinstance(year_key, bool) or not 1 <= year <= 9999:
            r.error((year_key,), _("expected a year such as 2027 as the key, got {key!r}").format(
                key=year_key),
                    key=True)
            continue
        if not isinstance(body, dict):
            r.error((year_key,), _("expected 'holidays:' and/or 'workdays:' under the year"))
            continue
        for unknown in set(body) - {"holidays", "workdays"}:
            r.error((year_key, unknown), _("unknown field {field!r}: a year holds 'holidays' "
                                           "(date or range: name) and 'workdays' (list)").format(
                field=unknown), key=True)
        at: dict[tuple[Any, ...], Position] = {}
        holidays: dict[dt.date, str] = {}
        raw_holidays = body.get("holidays") or {}
        if not isinstance(raw_holidays, dict):
            r.error((year_key, "holidays"), _("expected 'date: name' lines (2027-01-01: 元旦)"))
            raw_holidays = {}
        for key, name in raw_holidays.items():
            path = (year_key, "holidays", key)
            days = _days(key)
            if isinstance(days, str):
                r.error(path, days, key=True)
                continue
            if not isinstance(name, str) or not name.strip():
                r.error(path, _("expected the holiday's name after the date, got {name!r}").format(
                    name=name))
                continue
            for day in days:
                if day in holidays:
                    r.error(path, _("{day} is listed twice under holidays").format(day=day),
                            key=True)
                holidays[day] = name.strip()
                at[("holidays", day)] = r.where(path, key=True)
        workdays: list[dt.date] = []
        raw_workdays = body.get("workdays") or []
        if not isinstance(raw_workdays, list):
            r.error((year_key, "workdays"), _("expected a list of dates ([2027-02-20, …])"))
            raw_workdays = []
        for n, item in enumerate(raw_workdays):
            days = _days(item)
            if isinstance(days, str):
                r.error((year_key, "workdays", n), days)
                continue
            for day in days:
                at[("workdays", len(workdays))] = r.where((year_key, "workdays", n))
                workdays.append(day)
        sched = YearSchedule(holidays, tuple(workdays))
        for (_year, *rest), message in schedule_problems((year,), year, sched):
            spot = tuple(rest[:2])
            r.error((year_key, *rest), message, at=at.get(spot, r.where((year_key,))))
        out[year] = sched
    return out


def _holiday_cn(data: dict[Any, Any], r: _Reader) -> dict[int, YearSchedule]:
    if not isinstance(data["days"], list):
        r.error(("days",), _("expected a list of {fields}").format(
            fields="{name, date, isOffDay}"))
        return {}
    year = data["year"]
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2199:
        r.error(("year",), _("expected the year the file is for (e.g. 2027), got {value!r}")
                .format(value=year))
        return {}
    from contractcalc.shell.holidays.official import official_years

    published = official_years()
    holidays: dict[int, dict[dt.date, str]] = {}
    workdays: dict[int, list[dt.date]] = {}
    at: dict[tuple[Any, ...], Position] = {}
    check: Callable[[Any], bool] = lambda v: isinstance(v, str) and bool(v.strip())  # noqa: E731
    for n, entry in enumerate(data["days"]):
        path = ("days", n)
        if not isinstance(entry, dict):
            r.error(path, _("expected {fields}").format(
                fields='{"name": …, "date": …, "isOffDay": …}'))
            continue
        day = parse_day(entry.get("date"))
        if day is None:
            r.error((*path, "date"), _("expected a date YYYY-MM-DD, got {value!r}").format(
                value=entry.get("date")))
            continue
        off = entry.get("isOffDay")
        if not isinstance(off, bool):
            r.error((*path, "isOffDay"), _("expected true or false, got {value!r}").format(
                value=off))
            continue
        name = entry.get("name")
        if not check(name):
            r.error((*path, "name"), _("expected the holiday's name, got {name!r}").format(
                name=name))
            continue
        if day.year != year and day.year not in published:
            # A notice may name a day of the year before (the 2012 file: 2011-12-31 worked); it
            # is taken as a change to that year's published schedule, and never makes a year
            # without one known (a stray 2028-05-01 made 2028 all weekdays but weekends).
            r.error((*path, "date"), _("{day} is a date of {other}, not {year} (the file's "
                                       "\"year\"), and {other} has no published schedule to "
                                       "change; give {other} its own complete file").format(
                day=day, other=day.year, year=year))
            continue
        if off:
            at[(day.year, "holidays", day)] = r.where(path)
            holidays.setdefault(day.year, {})[day] = str(name).strip()
        else:
            at[(day.year, "workdays", len(workdays.get(day.year, [])))] = r.where(path)
            workdays.setdefault(day.year, []).append(day)
    out = {}
    for year in sorted({*holidays, *workdays}):
        sched = YearSchedule(holidays.get(year, {}), tuple(workdays.get(year, ())))
        for path, message in schedule_problems((year,), year, sched):
            r.error(("days",), message, at=at.get(tuple(path[:3]), (1, 1)))
        out[year] = sched
    return out
