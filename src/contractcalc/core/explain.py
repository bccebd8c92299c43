"""How a figure was reached, as steps (`--explain`): a code and its parameters, no words.

The CLI (cli/views/explain.py) turns the steps into the user's language and into JSON; the codes are
stable across languages, so a script or the other side of a dispute can check each step. The
steps recompute the figure from the same rule the schedule used (obligations.deadline,
delay.figure), so the explanation is the computation itself, not a story told beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, NamedTuple

from contractcalc.core.calendar.workdays import WorkCalendar
from contractcalc.core.damages.delay import DelayFigure
from contractcalc.core.errors import CalendarDataMissing
from contractcalc.core.model import Trigger


class Step(NamedTuple):
    """One step of a working: `code` (stable, documented in README) and what it names."""

    code: str
    params: Mapping[str, Any]


def _day(calendar: WorkCalendar, day: dt.date) -> dict[str, Any]:
    info = calendar.describe(day)
    return {"date": day, "kind": info.kind, "holiday": info.holiday}


def deadline_steps(calendar: WorkCalendar, trigger: Trigger,
                   anchor_date: dt.date | None) -> tuple[list[Step], dt.date | None]:
    """The steps from the anchor event to the due date, and the due date they reach (None when
    the anchor has not happened or a year's holiday schedule is missing)."""
    if anchor_date is None:
        return [Step("anchor_pending", {"event": trigger.after})], None
    steps = [Step("anchor", {"event": trigger.after, "date": anchor_date})]
    start = anchor_date
    try:
        if trigger.months is not None:
            from contractcalc.core.calendar.dates import add_months

            start = add_months(anchor_date, trigger.months)
            steps.append(Step("months", {"months": trigger.months, "date": start}))
            if trigger.working_days is None:
                steps.append(Step("first_day", {"date": start}))
                return steps, start
        if trigger.days is not None:
            due = _calendar_days(calendar, start, trigger.days, steps)
        else:
            due = _working_days(calendar, start, trigger.working_days or 0, steps)
    except CalendarDataMissing as exc:
        steps.append(Step("holiday_data_missing", {"year": exc.year}))
        return steps, None
    steps.append(Step("due", {"date": due, "estimate": calendar.is_estimate(anchor_date, due)}))
    return steps, due


def _calendar_days(calendar: WorkCalendar, start: dt.date, n: int, steps: list[Step]) -> dt.date:
    """民法典 第二百零一条 (the event's day not counted) and 第二百零三条 (a last day on a rest
    day moves to the next working day), as WorkCalendar.add_calendar_days applies them."""
    last = start + dt.timedelta(days=n)
    steps.append(Step("calendar_days", {"days": n, "first": start + dt.timedelta(days=1),
                                        "last": last}))
    due = calendar.add_calendar_days(start, n)
    if due != last:
        steps.append(Step("last_day_moved", {**_day(calendar, last), "to": due}))
    return due


def _working_days(calendar: WorkCalendar, start: dt.date, n: int, steps: list[Step]) -> dt.date:
    """The n working days after the anchor: the rest days passed over and the 调休 days worked."""
    due = calendar.add(start, n)
    if n <= 0:
        steps.append(Step("working_days", {"days": 0, "first": None, "last": due}))
        return due
    counted = list(calendar.between(start + dt.timedelta(days=1), due))
    steps.append(Step("working_days", {"days": n, "first": counted[0], "last": due}))
    span = (due - start).days
    every = (start + dt.timedelta(days=k) for k in range(1, span + 1))
    skipped = [_day(calendar, d) for d in every if not calendar.is_workday(d)]
    if skipped:
        steps.append(Step("rest_days_skipped", {"count": len(skipped), "days": skipped}))
    adjusted = [_day(calendar, d) for d in counted
                if calendar.describe(d).kind == "adjusted_workday"]
    if adjusted:
        steps.append(Step("adjusted_workdays", {"count": len(adjusted), "days": adjusted}))
    return due


def damages_steps(fig: DelayFigure, *, cap_percent: Any = None) -> list[Step]:
    """Delay damages: base × rate × days per tier, the sum, the cap, the figure."""
    steps = [Step("damages_base", {"base": fig.base, "days": fig.days})]
    steps += [Step("damages_tier", {"tier": t.number, "first_day": t.first, "last_day": t.last,
                                    "days": t.days, "base": fig.base, "permille": t.permille,
                                    "per_day": t.per_day, "amount": t.amount})
              for t in fig.tiers]
    steps.append(Step("damages_sum", {"amount": fig.uncapped}))
    if fig.cap is not None:
        steps.append(Step("damages_cap", {"cap": fig.cap, "percent": cap_percent,
                                          "reached": fig.capped}))
    steps.append(Step("damages_total", {"amount": fig.amount}))
    return steps


def late_days_steps(due: dt.date | None, to: dt.date | None, gross: int,
                    excused: int, days: int) -> list[Step]:
    """The calendar days late: from the day after the due date through the delivery (or the day
    asked), less the force-majeure days; given outright (--days-late) when there is no date."""
    if due is None or to is None:
        return [Step("days_late_given", {"days": days})]
    return [Step("days_late", {"due": due, "first": due + dt.timedelta(days=1), "last": to,
                               "gross": gross, "excused": excused, "days": days})]


def renewal_steps(*, base: Any, percent: Any, low: Any, high: Any, proposed: Any,
                  change: Any, in_range: bool) -> list[Step]:
    """The renewal amount's range: the base ± the contract's percent (both ends included), and
    where the proposed amount falls."""
    return [Step("renewal_range", {"base": base, "percent": percent, "low": low, "high": high}),
            Step("renewal_change", {"proposed": proposed, "base": base,
                                    "change_percent": change, "in_range": in_range})]


Span = tuple[list[dt.datetime], list[dt.datetime]]


def _hours(start: dt.datetime, end: dt.datetime) -> Any:
    from contractcalc.core.uptime.availability import hours_of

    return hours_of(end - start)


def uptime_steps(*, first: dt.date, last: dt.date, hours: Any, measured_hours: Any,
                 outages: Span, maintenance: Span, not_counted: Mapping[str, tuple[int, list[int]]],
                 downtime_hours: Any, uptime_percent: Any, target_percent: Any,
                 allowed_hours: Any) -> list[Step]:
    """One system's uptime worked: the period and its hours, each merged outage counted (clipped
    to the measured part of the period), the rows logged as planned maintenance, the rows not
    counted and why (reason → count and the first lines), then the figure."""
    steps = [Step("uptime_period", {"first": first, "last": last, "hours": hours,
                                    "measured_hours": measured_hours})]
    steps += [Step("outage_counted", {"start": s, "end": e, "hours": _hours(s, e)})
              for s, e in zip(*outages, strict=True)]
    steps += [Step("maintenance_logged", {"start": s, "end": e, "hours": _hours(s, e)})
              for s, e in zip(*maintenance, strict=True)]
    steps += [Step("rows_not_counted", {"reason": reason, "count": count, "lines": lines})
              for reason, (count, lines) in not_counted.items() if count]
    steps.append(Step("uptime_figure", {"downtime_hours": downtime_hours,
                                        "measured_hours": measured_hours,
                                        "uptime_percent": uptime_percent,
                                        "target_percent": target_percent,
                                        "allowed_hours": allowed_hours}))
    return steps


def window_steps(calendar: WorkCalendar, event: str, end: dt.date | None,
                 n: int) -> tuple[list[Step], dt.date | None]:
    """A window of the n working days ending on `end` (the completion request, core/bond.py:
    the term's last day is inside the term): when it opens, the rest days inside it."""
    if end is None:
        return [Step("anchor_pending", {"event": event})], None
    steps = [Step("anchor", {"event": event, "date": end})]
    try:
        back = n - 1 if calendar.is_workday(end) else n
        opens = calendar.add(end, -back) if back else end
    except CalendarDataMissing as exc:
        return [*steps, Step("holiday_data_missing", {"year": exc.year})], None
    steps.append(Step("window_before", {"days": n, "first": opens, "last": end}))
    skipped = [_day(calendar, opens + dt.timedelta(days=k))
               for k in range((end - opens).days + 1)
               if not calendar.is_workday(opens + dt.timedelta(days=k))]
    if skipped:
        steps.append(Step("rest_days_skipped", {"count": len(skipped), "days": skipped}))
    return steps, opens
