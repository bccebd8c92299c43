"""Uptime per system against the contract's target.

Uptime = (period hours − merged downtime hours) ÷ period hours × 100%, over whole Beijing days;
a leap year has 8,784 hours. Times here are naive datetimes on Beijing time.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import NamedTuple

from contractcalc.core.money.amounts import HUNDRED

HOUR_US = Decimal(3_600_000_000)
US = dt.timedelta(microseconds=1)


class Period(NamedTuple):
    """[first 00:00, day after last 00:00) on Beijing time."""

    first: dt.date
    last: dt.date

    @property
    def start(self) -> dt.datetime:
        return dt.datetime.combine(self.first, dt.time())

    @property
    def end(self) -> dt.datetime:
        return dt.datetime.combine(self.last + dt.timedelta(days=1), dt.time())

    def measured_end(self, until: dt.datetime) -> dt.datetime:
        """The end of the part measured as of `until`: [start, this); the start itself (an
        empty part) when `until` is before the period, its end once the period is over. The
        one rule for the log scan, the figures and every note that names the span."""
        return max(self.start, min(self.end, until))

    @property
    def hours(self) -> Decimal:
        return Decimal(((self.last - self.first).days + 1) * 24)


class SystemUptime(NamedTuple):
    system: str
    name: str
    clause: str
    period_hours: Decimal
    downtime_hours: Decimal
    uptime_percent: Decimal | None
    """Over the measured hours; None when nothing is measured yet."""
    target_percent: Decimal
    allowed_downtime_hours: Decimal
    """The budget for the whole period."""
    remaining_hours: Decimal
    """Budget left for the rest of the period."""
    outages: int
    """Merged outage blocks within the period."""
    measured_hours: Decimal
    """Hours of the period up to the as-of instant (all of them once it has ended)."""

    @property
    def complete(self) -> bool:
        return self.measured_hours >= self.period_hours

    @property
    def passed(self) -> bool:
        """Target met; for a period still running, the budget not yet used up."""
        if self.complete and self.uptime_percent is not None:
            return self.uptime_percent >= self.target_percent
        return self.remaining_hours >= 0

    def shown(self) -> Shown:
        """The figures as reports print them: three places, each kept on its side of the
        threshold the verdict judges it by (three_places)."""
        return Shown(
            three_places(self.downtime_hours, self.allowed_downtime_hours),
            None if self.uptime_percent is None else three_places(self.uptime_percent,
                                                                  self.target_percent),
            three_places(self.remaining_hours, Decimal(0)),
            three_places(self.allowed_downtime_hours))


class Shown(NamedTuple):
    """SystemUptime's judged figures, rounded for a report."""

    downtime_hours: Decimal
    uptime_percent: Decimal | None
    remaining_hours: Decimal
    allowed_downtime_hours: Decimal


class Downtime(NamedTuple):
    """Merged downtime of one system within the period."""

    total: dt.timedelta
    blocks: int


def system_uptime(*, system: str, name: str, clause: str, period: Period, downtime: Downtime,
                  target_percent: Decimal, measured_to: dt.datetime | None = None
                  ) -> SystemUptime:
    """Uptime over the measured part [period start, measured_to); the budget over the whole
    period (the target is for the whole period: 年度累计)."""
    down = hours_of(downtime.total)
    hours = period.hours
    stop = period.end if measured_to is None else period.measured_end(measured_to)
    measured = hours_of(stop - period.start)
    uptime = (measured - down) / measured * HUNDRED if measured else None
    allowed = hours * (HUNDRED - target_percent) / HUNDRED
    return SystemUptime(system, name, clause, hours, down, uptime, target_percent, allowed,
                        allowed - down, downtime.blocks, measured)


def hours_of(delta: dt.timedelta) -> Decimal:
    return Decimal(delta // US) / HOUR_US


class Month(NamedTuple):
    first: dt.datetime
    """Start of the measured part of the month."""
    stop: dt.datetime
    downtime: dt.timedelta
    outages: int
    """Merged blocks that touch the month."""


def monthly(starts: list[dt.datetime], ends: list[dt.datetime], start: dt.datetime,
            stop: dt.datetime) -> list[Month]:
    """Downtime per calendar month of [start, stop), from sorted disjoint blocks inside it."""
    from bisect import bisect_left, bisect_right

    out = []
    at = start
    while at < stop:
        nxt = dt.datetime(at.year + at.month // 12, at.month % 12 + 1, 1)
        end = min(nxt, stop)
        lo, hi = bisect_right(ends, at), bisect_left(starts, end)
        down = sum((min(e, end) - max(s, at) for s, e in zip(starts[lo:hi], ends[lo:hi],
                                                            strict=True)), dt.timedelta(0))
        out.append(Month(at, end, down, hi - lo))
        at = end
    return out


def three_places(value: Decimal, threshold: Decimal | None = None) -> Decimal:
    """Half-up to three places; but a figure on one side of `threshold` (the target, the budget,
    zero hours left) is never rounded onto it or across it: 94.9999997% against 95 reads
    94.999 and -0.0000003 h left reads -0.001, so figures never seem to meet a target the
    verdict says was missed (nor to miss one that was met)."""
    step = Decimal("0.001")
    out = value.quantize(step, rounding=ROUND_HALF_UP)
    if threshold is not None:
        if value < threshold <= out:
            return value.quantize(step, rounding=ROUND_FLOOR)
        if out <= threshold < value:
            return value.quantize(step, rounding=ROUND_CEILING)
    return out
