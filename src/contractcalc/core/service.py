"""The service period: the days the vendor serves, its service years, periods of N months.

Uptime is measured over it, reports and fees count their periods from it. Kept apart from
core/events.py (what has happened) so that the fee and deliverable periods can be counted
without the events: the names of periodic events are made from these periods.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from contractcalc.core.model import Contract

PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}


class ServicePeriod(NamedTuple):
    """The days the vendor serves: what uptime is measured over and reports count from."""

    first: dt.date
    last: dt.date
    assumed_end: bool
    """True when the written term ends before service could start, so the end is the start
    plus the written term's length: our reading, to be shown as such."""


def service_period(contract: Contract, *, as_of: dt.date) -> ServicePeriod:
    """Service starts on the recorded service_started (if on or before as_of), else on the later
    of the term's start and signing. It ends on the term's last day; when the written term ends
    before that start (the reference contract's term was written a year too early), it lasts as
    long as the written term does in calendar years, months and days, counted from the start
    (2023-09-17..2024-09-16 is one year, so service from 2025-09-17 ends 2026-09-16)."""
    ev = contract.events
    signed = ev.signed if ev.signed is not None and ev.signed <= as_of else contract.signed
    recorded = ev.service_started
    first = (recorded if recorded is not None and recorded <= as_of
             else max(contract.term.start, signed))
    if contract.term.end >= first:
        return ServicePeriod(first, contract.term.end, False)
    return ServicePeriod(first, _same_length(contract.term.start, contract.term.end, first), True)


def _same_length(start: dt.date, end: dt.date, first: dt.date) -> dt.date:
    """The last day of a span from `first` as long as start..end in calendar months and days.
    A term of whole months (the usual case) is counted with plain month arithmetic; any other
    with dateutil's relativedelta, whose reading of 'as long as' this is."""
    from contractcalc.core.calendar.dates import add_months

    after = end + dt.timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    if add_months(start, months) == after:
        return add_months(first, months) - dt.timedelta(days=1)
    from dateutil.relativedelta import relativedelta

    return first + relativedelta(after, start) - dt.timedelta(days=1)


def service_year(service: ServicePeriod, day: dt.date) -> tuple[int, int, dt.date, dt.date]:
    """(n, of, first, last) of the service year holding `day` (the first before service starts,
    the last after it ends): an annual target such as 年度累计正常运行时间 is judged per service
    year, not over a term of several years."""
    years = list(periods(service.first, service.last, 12))
    n = next((k for k, (a, b) in enumerate(years) if a <= day <= b),
             0 if day < service.first else len(years) - 1)
    return n + 1, len(years), *years[n]


def periods(start: dt.date, end: dt.date, months: int) -> Iterator[tuple[dt.date, dt.date]]:
    """Consecutive periods of `months` counted from `start`; the last is cut at `end`."""
    from contractcalc.core.calendar.dates import add_months

    n = 0
    while (first := add_months(start, months * n)) <= end:
        last = min(add_months(start, months * (n + 1)) - dt.timedelta(days=1), end)
        yield first, last
        n += 1
