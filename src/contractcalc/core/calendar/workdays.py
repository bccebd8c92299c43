"""PRC working days (工作日): weekdays, minus statutory holidays, plus 调休 weekend working days.

The schedule of each year comes from chinese-calendar (the State Council notices, 2004–2026),
merged with what the user supplies (a contract's ``calendar:`` section, ``--holidays FILE``): a
supplied day overrides that day only, and every override of an official day is returned as an
``Override`` for the caller to show. A year with no schedule is refused, never guessed, unless
the caller asks for estimates (weekends plus the holidays fixed by law, from an estimator the
shell hands in), which are then flagged.

Each year is indexed once into a sorted tuple of its working days, so ``add`` and ``count`` cost a
bisection per year crossed instead of a scan per day stepped over (chinese-calendar's find_workday).

Counting rule, "within N working days after X": day 1 is the first working day strictly after X,
whether X itself is a working day or not; the deadline is day N. chinese-calendar's
``find_workday(N, X)`` agrees when X is a working day and lands one working day later when X is a
weekend or holiday (it first moves onto a working day, then counts N more); we differ there on
purpose. Backwards ("N working days before X") counts from the last working day strictly before X.
"""

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Literal, NamedTuple

from contractcalc.core.errors import CalendarDataMissing
from contractcalc.i18n import _, language

DayKind = Literal["workday", "weekend", "holiday", "adjusted_workday"]
HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


class YearData(NamedTuple):
    """One year's exceptions to the Monday–Friday rule."""

    holidays: Mapping[dt.date, str]
    workdays: Mapping[dt.date, str]
    source: Literal["official", "supplied", "estimate"]


class Override(NamedTuple):
    """A supplied day that changes what the official schedule says about it."""

    date: dt.date
    official: str
    """What the official schedule says, e.g. "holiday (Spring Festival)", "weekend"."""
    supplied: str
    """What the supplied schedule makes of it, e.g. "working day"."""
    source: str
    """Where the supplied day is written (the contract's calendar:, a --holidays file)."""

    def message(self) -> str:
        return _("{date} ({weekday}): {source} makes it a {supplied}; the official schedule "
                 "has it as {official}").format(date=self.date, weekday=weekday_name(self.date),
                                                source=self.source, supplied=self.supplied,
                                                official=self.official)


def weekday_name(day: dt.date) -> str:
    """Monday … / 星期一 … in the current language."""
    return (_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"),
            _("Saturday"), _("Sunday"))[day.weekday()]


def holiday_name(name: str) -> str:
    """A holiday as chinese-calendar names it, in the current language: "Spring Festival 春节"
    in English, "春节" in Chinese (a name it does not know stays as written)."""
    zh = HOLIDAY_NAMES_ZH.get(name, "")
    if language() == "zh":
        return zh or name
    return f"{name} {zh}".strip()


def _status(day: dt.date, data: YearData | None) -> tuple[bool, str]:
    """(working, words) for a day under one year's data (None: weekdays only)."""
    if data is not None and day in data.workdays:
        return True, _("working day (调休)")
    if data is not None and day in data.holidays:
        name = data.holidays[day]
        return False, (_("holiday ({name})").format(name=holiday_name(name)) if name else
                       _("holiday"))
    return (False, _("weekend")) if day.weekday() >= 5 else (True, _("working day"))


def merge_year(base: YearData | None, holidays: Mapping[dt.date, str],
               workdays: Iterable[dt.date], *, source: str,
               official: YearData | None = None) -> tuple[YearData, list[Override]]:
    """One year's data with supplied days laid over base: each supplied day replaces that day only.

    Overrides are named against ``official`` (the published schedule, when the year has one):
    a supplied day whose working status differs from it.
    """
    hol = dict(base.holidays) if base else {}
    work = dict(base.workdays) if base else {}
    supplied_work = list(workdays)
    for day, name in holidays.items():
        work.pop(day, None)
        hol[day] = name
    for day in supplied_work:
        hol.pop(day, None)
        work[day] = ""
    overrides = []
    if official is not None:
        for day in sorted({*holidays, *supplied_work}):
            was_working, was = _status(day, official)
            is_working = day in supplied_work
            if was_working != is_working:
                now = _("working day") if is_working else (
                    _("holiday ({name})").format(name=holiday_name(holidays[day]))
                    if holidays[day] else _("holiday"))
                overrides.append(Override(day, was, now, source))
    kind = base.source if base else "supplied"
    return YearData(hol, work, kind), overrides


def span_days(first: dt.date, last: dt.date) -> int:
    """Calendar days from first through last, both included; negative if last < first.

    The same sign rule as ``WorkCalendar.count``: reversed bounds give minus the count from
    last through first, so both figures of one span always agree in sign and meaning.
    """
    if last < first:
        return -span_days(last, first)
    return (last - first).days + 1


class DayInfo(NamedTuple):
    date: dt.date
    working: bool
    kind: DayKind
    holiday: str | None
    estimate: bool

    @property
    def reason(self) -> str:
        name = holiday_name(self.holiday) if self.holiday else ""
        suffix = _(": {name}").format(name=name) if name else ""
        text = {
            "workday": _("weekday, working day"),
            "weekend": _("weekend"),
            "holiday": _("statutory holiday") + suffix,
            "adjusted_workday": _("weekend made a working day (调休)") + suffix,
        }[self.kind]
        return text + (_(" (estimate: no official schedule for this year)") if self.estimate
                       else "")


class WorkCalendar:
    """Working-day arithmetic over official, supplied and (optionally) estimated years."""

    def __init__(self, years: Mapping[int, YearData], *, assume_weekends: bool = False,
                 estimate: Callable[[int], YearData] | None = None,
                 overrides: Iterable[Override] = ()) -> None:
        self._data = dict(years)
        self._assume = assume_weekends
        self._estimate = estimate
        self._index: dict[int, tuple[int, ...]] = {}
        self.overrides: tuple[Override, ...] = tuple(overrides)
        """Supplied days that change an official day (for the caller to show)."""

    def known_years(self) -> frozenset[int]:
        """The years with a schedule (official or supplied), estimates excluded."""
        return frozenset(y for y, d in self._data.items() if d.source != "estimate")

    # -- per-year data ------------------------------------------------------------------------
    def year(self, year: int) -> YearData:
        data = self._data.get(year)
        if data is None:
            if not self._assume or not 1 <= year <= 9999:
                raise CalendarDataMissing(year)
            data = self._estimate(year) if self._estimate else YearData({}, {}, "estimate")
            self._data[year] = data
        return data

    def _workdays_of(self, year: int) -> tuple[int, ...]:
        """Ordinals of the year's working days, ascending (built once per year)."""
        found = self._index.get(year)
        if found is None:
            found = self._index[year] = _index_of(year, self.year(year))
        return found

    # -- queries ------------------------------------------------------------------------------
    def is_workday(self, day: dt.date) -> bool:
        days = self._workdays_of(day.year)
        o = day.toordinal()
        i = bisect_left(days, o)
        return i < len(days) and days[i] == o

    def describe(self, day: dt.date) -> DayInfo:
        data = self.year(day.year)
        estimate = data.source == "estimate"
        if day in data.workdays:
            return DayInfo(day, True, "adjusted_workday", data.workdays[day] or None, estimate)
        if day in data.holidays:
            return DayInfo(day, False, "holiday", data.holidays[day] or None, estimate)
        if day.weekday() >= 5:
            return DayInfo(day, False, "weekend", None, estimate)
        return DayInfo(day, True, "workday", None, estimate)

    def add(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day strictly after start (n > 0) or strictly before it (n < 0).

        n == 0 returns start unchanged.
        """
        if n == 0:
            return start
        year, o = start.year, start.toordinal()
        if n > 0:
            days = self._workdays_of(year)
            i = bisect_right(days, o)
            while len(days) - i < n:
                n -= len(days) - i
                year, i = year + 1, 0
                days = self._workdays_of(year)
            return dt.date.fromordinal(days[i + n - 1])
        n = -n
        if start.month == 1 and start.day == 1:  # nothing of start's year lies before it, so
            year -= 1                            # its schedule is not needed (2027-01-01 - 10)
            days = self._workdays_of(year)
            i = len(days)
        else:
            days = self._workdays_of(year)
            i = bisect_left(days, o)  # days[:i] are strictly before start
        while i < n:
            n -= i
            year = year - 1
            days = self._workdays_of(year)
            i = len(days)
        return dt.date.fromordinal(days[i - n])

    def count(self, first: dt.date, last: dt.date) -> int:
        """Working days from first through last, both included; negative if last < first."""
        if last < first:
            return -self.count(last, first)
        total = 0
        for year in range(first.year, last.year + 1):
            days = self._workdays_of(year)
            lo = bisect_left(days, first.toordinal()) if year == first.year else 0
            hi = bisect_right(days, last.toordinal()) if year == last.year else len(days)
            total += hi - lo
        return total

    def add_calendar_days(self, start: dt.date, n: int) -> dt.date:
        """The last day of a period of n calendar days (日) after start, n >= 0.

        The day of the event is not counted (民法典 第二百零一条: 开始的当日不计入，自下一日开始
        计算), so the period ends on start + n days; a last day that is not a working day (a
        weekend or statutory holiday) moves to the next working day (第二百零三条: 期间的最后一日
        是法定休假日的，以法定休假日结束的次日为期间的最后一日). A 调休 Saturday that is worked is
        a working day and stays. n == 0 is start itself, moved likewise.
        """
        if n < 0:
            raise ValueError("calendar-day periods run forward")
        last = start + dt.timedelta(days=n)
        return last if self.is_workday(last) else self.add(last, 1)

    def between(self, first: dt.date, last: dt.date) -> Iterator[dt.date]:
        """The working days from first through last, in order."""
        for year in range(first.year, last.year + 1):
            days = self._workdays_of(year)
            lo = bisect_left(days, first.toordinal())
            hi = bisect_right(days, last.toordinal())
            yield from (dt.date.fromordinal(o) for o in days[lo:hi])

    def is_estimate(self, first: dt.date, last: dt.date) -> bool:
        """True when any year from first to last was computed with weekends only."""
        lo, hi = min(first, last).year, max(first, last).year
        return any(self.year(y).source == "estimate" for y in range(lo, hi + 1))


_SHARED: dict[int, tuple[YearData, tuple[int, ...]]] = {}
"""Indexes by the identity of their year's data: the official years are one object per process,
so `status` over hundreds of contracts indexes each year once, not once per contract. The data
is kept beside its index, so an id is never reused while it is a key."""


def _index_of(year: int, data: YearData) -> tuple[int, ...]:
    shared = _SHARED.get(id(data))
    if shared is not None and shared[0] is data:
        return shared[1]
    first = dt.date(year, 1, 1).toordinal()
    last = dt.date(year, 12, 31).toordinal()
    found = tuple(
        o for o in range(first, last + 1)
        if (d := dt.date.fromordinal(o)) in data.workdays
        or (d.weekday() < 5 and d not in data.holidays)
    )
    if data.source == "official":
        _SHARED[id(data)] = (data, found)
    return found
