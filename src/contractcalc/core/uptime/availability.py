"""Uptime per system against the contract's target.

Uptime = (period hours − merged downtime hours) ÷ period hours × 100%, over whole Beijing days;
a leap year has 8,784 hours. Times here are naive datetimes on Beijing time.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from contractcalc.core.money import HUNDRED

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

    @property
    def hours(self) -> Decimal:
        return Decimal(((self.last - self.first).days + 1) * 24)


class SystemUptime(NamedTuple):
    system: str
    name: str
    clause: str
    period_hours: Decimal
    downtime_hours: Decimal
    uptime_percent: Decimal
    target_percent: Decimal
    allowed_downtime_hours: Decimal
    remaining_hours: Decimal
    outages: int
    """Merged outage blocks within the period."""

    @property
    def passed(self) -> bool:
        return self.uptime_percent >= self.target_percent


class Downtime(NamedTuple):
    """Merged downtime of one system within the period."""

    total: dt.timedelta
    blocks: int


def system_uptime(*, system: str, name: str, clause: str, period: Period, downtime: Downtime,
                  target_percent: Decimal) -> SystemUptime:
    down = Decimal(downtime.total // US) / HOUR_US
    hours = period.hours
    uptime = (hours - down) / hours * HUNDRED
    allowed = hours * (HUNDRED - target_percent) / HUNDRED
    return SystemUptime(system, name, clause, hours, down, uptime, target_percent, allowed,
                        allowed - down, downtime.blocks)


def three_places(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
