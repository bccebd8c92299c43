"""Uptime judged per period (month, quarter or service year), planned maintenance taken out of
the downtime, and the service credit each period's uptime earns.

Maintenance is subtracted after merging: the log's outages are merged once (intervals.Union),
then the weekly windows are taken out of the merged blocks (intervals.subtract), so an outage
partly inside a window counts only outside it and the scan of the log stays what it is without
maintenance. Rows of a planned-maintenance type were kept apart by the scan (their own blocks).
Times are naive Beijing times.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from contractcalc.core.uptime.availability import Downtime, Period, SystemUptime, system_uptime
from contractcalc.core.uptime.intervals import intersect, subtract, union

if TYPE_CHECKING:
    from contractcalc.core.model import Contract, CreditBand, MaintenanceWindow, Uptime
    from contractcalc.core.uptime.sla import Breach

Blocks = tuple[list[dt.datetime], list[dt.datetime]]
PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}
EMPTY: Blocks = ([], [])


def judged_periods(uptime: Uptime, span: Period) -> list[Period]:
    """The periods the target is judged over within `span`: months or quarters counted from its
    first day (the last cut at its end), or years (the service year, as 0.2 does: the default
    span is one)."""
    from contractcalc.core.service import periods

    months = PERIOD_MONTHS.get(uptime.period or "year", 12)
    return [Period(a, b) for a, b in periods(span.first, span.last, months)]


def _minutes(text: str) -> int:
    from contractcalc.core.model import clock_minutes

    return clock_minutes(text) or 0


def window_blocks(windows: Sequence[MaintenanceWindow], start: dt.datetime,
                  stop: dt.datetime) -> Blocks:
    """Every occurrence of the weekly windows between start and stop, merged: Saturday
    00:00–04:00 is [Sat 00:00, Sat 04:00); a window whose end is before its start runs past
    midnight into the next day."""
    if not windows or stop <= start:
        return EMPTY
    starts: list[dt.datetime] = []
    ends: list[dt.datetime] = []
    day = start.date() - dt.timedelta(days=1)  # a window from the evening before may reach in
    while day <= stop.date():
        for w in windows:
            if day.isoweekday() == w.weekday:
                a, b = _minutes(w.start), _minutes(w.to)
                base = dt.datetime.combine(day, dt.time())
                begin = base + dt.timedelta(minutes=a)
                end = base + dt.timedelta(minutes=b if b > a else b + 24 * 60)
                if end > start and begin < stop:
                    starts.append(max(begin, start))
                    ends.append(min(end, stop))
        day += dt.timedelta(days=1)
    return union(starts, ends)


class Counted(NamedTuple):
    """A system's blocks after maintenance: what is downtime and what was excluded."""

    down: Blocks
    """Outages outside the windows."""
    window: Blocks
    """Outage and planned time inside the windows: not downtime."""
    planned: Blocks
    """Planned-maintenance rows outside the windows and outside any outage: not downtime."""


def counted(real: Blocks, planned: Blocks, windows: Blocks) -> Counted:
    """Downtime = outages − windows; excluded = (outages ∪ planned) ∩ windows, plus planned −
    outages − windows: the two excluded parts never overlap, so they add up."""
    down = subtract(*real, *windows)
    both: Blocks = union([*real[0], *planned[0]], [*real[1], *planned[1]]) if planned[0] else real
    inside = intersect(*both, *windows)
    planned_only = subtract(*subtract(*planned, *real), *windows) if planned[0] else EMPTY
    return Counted(down, inside, planned_only)


def total(blocks: Blocks, start: dt.datetime, stop: dt.datetime) -> tuple[dt.timedelta, int]:
    """Length of the (sorted, disjoint) blocks within [start, stop), and how many touch it;
    only the blocks that touch it are looked at (bisect)."""
    from bisect import bisect_left, bisect_right

    starts, ends = blocks
    first, last = bisect_right(ends, start), bisect_left(starts, stop)
    length = dt.timedelta(0)
    touching = 0
    for s, e in zip(starts[first:last], ends[first:last], strict=True):
        lo, hi = max(s, start), min(e, stop)
        if lo < hi:
            length += hi - lo
            touching += 1
    return length, touching


class PeriodUptime(NamedTuple):
    uptime: SystemUptime
    period: Period
    window_hours: Decimal
    """Outage and planned time inside the maintenance windows, not counted."""
    planned_hours: Decimal
    """Planned-maintenance rows outside the windows, not counted."""
    credit: CreditBand | None
    """The credit band the period's uptime reached (complete periods only)."""

    @property
    def excluded_hours(self) -> Decimal:
        return self.window_hours + self.planned_hours


def judge(*, system: str, name: str, clause: str, uptime: Uptime, periods: Sequence[Period],
          blocks: Counted, measured_to: dt.datetime) -> list[PeriodUptime]:
    """Each period against the target, with its excluded hours and credit."""
    from contractcalc.core.uptime.availability import hours_of

    out = []
    for p in periods:
        stop = p.measured_end(measured_to)
        down, count = total(blocks.down, p.start, stop)
        result = system_uptime(system=system, name=name, clause=clause, period=p,
                               downtime=Downtime(down, count), measured_to=measured_to,
                               target_percent=uptime.target_percent)
        window = hours_of(total(blocks.window, p.start, stop)[0])
        planned = hours_of(total(blocks.planned, p.start, stop)[0])
        credit = credit_band(uptime.credits, result.uptime_percent) if result.complete else None
        out.append(PeriodUptime(result, p, window, planned, credit))
    return out


def credit_band(bands: Sequence[CreditBand], uptime_percent: Decimal | None
                ) -> CreditBand | None:
    """The lowest band the uptime is below (98.7% against below 99.5 / 99.0 / 95.0: the 99.0
    band); None when it is below none."""
    if uptime_percent is None:
        return None
    reached = [b for b in bands if uptime_percent < b.below]
    return min(reached, key=lambda b: b.below) if reached else None


def judge_systems(contract: Contract, blocks: dict[str, Blocks], planned: dict[str, Blocks],
                  span: Period, measured_to: dt.datetime) -> dict[str, list[PeriodUptime]]:
    """Every system's periods within `span` (the log was scanned over it)."""
    u = contract.uptime
    assert u is not None, "only for a contract with an uptime clause"
    stop = span.measured_end(measured_to)
    windows = window_blocks(u.maintenance.windows if u.maintenance else (), span.start, stop)
    chosen = judged_periods(u, span)
    return {s.id: judge(system=s.id, name=s.name, clause=s.clause, uptime=u, periods=chosen,
                        blocks=counted(blocks[s.id], planned.get(s.id, EMPTY), windows),
                        measured_to=measured_to)
            for s in contract.systems}


class Withheld(NamedTuple):
    """What the buyer may take from one fee period's fee."""

    credit: Decimal
    """The service credit: the lowest band any system reached in the uptime periods that end
    in this fee period, as % of this period's fee."""
    deduction: Decimal
    """The SLA deductions of incidents that started in it."""

    @property
    def total(self) -> Decimal:
        return self.credit + self.deduction


def withheld(contract: Contract, judged: dict[str, list[PeriodUptime]],
             breaches: Sequence[Breach]) -> dict[int, Withheld]:
    """Credits and deductions per fee period (1-based); empty without fees."""
    from contractcalc.core.money.amounts import percent_of, to_fen
    from contractcalc.core.payments.fees import period_of

    fees = contract.fees
    if fees is None:
        return {}
    percents: dict[tuple[dt.date, dt.date], Decimal] = {}
    for rows in judged.values():
        for row in rows:
            if row.credit is not None:
                key = (row.period.first, row.period.last)
                percents[key] = max(percents.get(key, Decimal(0)), row.credit.percent_of_fee)
    credit: dict[int, Decimal] = {}
    for (_first, last), percent in percents.items():
        n = period_of(contract, last)
        if n is not None:
            credit[n] = credit.get(n, Decimal(0)) + to_fen(percent_of(fees.amount, percent))
    deduction: dict[int, Decimal] = {}
    for b in breaches:
        n = period_of(contract, b.start.date()) if b.deduction and b.start else None
        if n is not None and b.deduction:
            deduction[n] = deduction.get(n, Decimal(0)) + b.deduction
    return {n: Withheld(credit.get(n, Decimal(0)), deduction.get(n, Decimal(0)))
            for n in sorted({*credit, *deduction})}
