"""`--explain`: the steps of core/explain.py in the user's words, and as JSON.

Each row a report explains gets `explain: [{"step": CODE, ...}]` (the same in every language);
the table shows the words in a section under the main table, one line per step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from contractcalc.cli.output.report import Column, Report
from contractcalc.core.explain import Step, damages_steps, deadline_steps
from contractcalc.i18n import _

if TYPE_CHECKING:
    from contractcalc.core.events import Context
    from contractcalc.core.obligations import Obligation


def wanted() -> bool:
    """Whether the running command was given --explain (a shared option, cli/options.py)."""
    from contractcalc.cli.app import shared

    return bool(shared("explain"))


MONEY = {"base", "per_day", "amount", "cap", "low", "high", "proposed"}
HOURS = {"hours", "measured_hours", "downtime_hours", "allowed_hours"}
"""Parameters that are amounts: in JSON to the fen, half-up (the exact per-day rate is given
too, as `per_day_exact`); other numbers (permille, percent) exact."""


def _json(value: Any, key: str = "") -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        from contractcalc.cli.views.obligations import money

        if key in HOURS:
            return _num(value)
        return money(value) if key in MONEY else f"{value.normalize():f}"
    if isinstance(value, dict):
        return {k: _json(v, k) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    return value


def as_json(steps: Iterable[Step]) -> list[dict[str, Any]]:
    out = []
    for s in steps:
        extra = {"per_day_exact": _json(s.params["per_day"])} if "per_day" in s.params else {}
        out.append({"step": s.code, **_json(dict(s.params)), **extra})
    return out


def _amount(value: Decimal) -> str:
    from contractcalc.cli.views.obligations import rate_text

    return rate_text(value)


def _num(value: Any) -> str:
    return f"{value.quantize(Decimal('0.001')):f}" if isinstance(value, Decimal) else str(value)


def _at(instant: dt.datetime) -> str:
    return instant.isoformat(" ", timespec="minutes" if not instant.second else "seconds")


def _reason(day: Mapping[str, Any]) -> str:
    from contractcalc.core.calendar.workdays import DayInfo

    return DayInfo(day["date"], False, day["kind"], day["holiday"], False).reason


def _runs(days: Sequence[dict[str, Any]]) -> str:
    """Days as runs of consecutive dates with the same reason: 2025-10-01..2025-10-08
    (statutory holiday: National Day 国庆节)."""
    runs: list[list[dict[str, Any]]] = []
    for day in days:
        last = runs[-1][-1] if runs else None
        if (last is not None and day["date"] - last["date"] == dt.timedelta(days=1)
                and (day["kind"], day["holiday"]) == (last["kind"], last["holiday"])):
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        first, end = run[0]["date"], run[-1]["date"]
        span = str(first) if first == end else f"{first}..{end}"
        parts.append(_("{days} ({reason})").format(days=span, reason=_reason(run[0])))
    return _("; ").join(parts)


def words(step: Step, name: Callable[[str], str] = str) -> str:
    """One step in the user's language; `name` says an event as the contract's tables do."""
    p = step.params
    if step.code == "anchor":
        return _("counted from {event}: {date}").format(event=name(p["event"]), date=p["date"])
    if step.code == "anchor_pending":
        return _("counted from {event}, which has not happened yet: no date").format(
            event=name(p["event"]))
    if step.code == "months":
        return _("{months} month(s) later: {date}").format(months=p["months"], date=p["date"])
    if step.code == "first_day":
        return _("payable from {date} (months of service set a first day, not a "
                 "deadline)").format(date=p["date"])
    if step.code == "calendar_days":
        return _("{days} calendar days (日): the event's day is not counted, day 1 is {first}, "
                 "day {days} is {last} (民法典 第二百零一条)").format(**p)
    if step.code == "last_day_moved":
        return _("{date} is not a working day ({reason}): the period ends on the next working "
                 "day, {to} (民法典 第二百零三条)").format(date=p["date"], reason=_reason(p),
                                                   to=p["to"])
    if step.code == "working_days":
        if not p["days"]:
            return _("0 working days: due on {last}").format(last=p["last"])
        return _("{days} working day(s) (工作日) counted, from {first} through {last}").format(
            **p)
    if step.code == "rest_days_skipped":
        return _("rest days skipped ({count}): {days}").format(count=p["count"],
                                                               days=_runs(p["days"]))
    if step.code == "adjusted_workdays":
        return _("weekend days worked under 调休, counted ({count}): {days}").format(
            count=p["count"], days=_runs(p["days"]))
    if step.code == "window_before":
        return _("the {days} working day(s) ending on {last}: the window opens on {first}").format(
            **p)
    if step.code == "due":
        text = _("due: {date}").format(date=p["date"])
        return text + (_(" (estimate: weekends only)") if p["estimate"] else "")
    if step.code == "not_explained":
        return _("the working does not reach {date}, the date shown: see the contract "
                 "file's trigger").format(**p)
    if step.code == "holiday_data_missing":
        return _("no holiday schedule for {year}: the date cannot be counted").format(**p)
    if step.code == "uptime_period":
        return _("period {first}..{last}: {hours} h, measured {measured} h").format(
            first=p["first"], last=p["last"], hours=_num(p["hours"]),
            measured=_num(p["measured_hours"]))
    if step.code == "outage_counted":
        return _("outage counted {start}..{end}: {hours} h (overlapping reports merged, "
                 "clipped to the measured period)").format(
            start=_at(p["start"]), end=_at(p["end"]), hours=_num(p["hours"]))
    if step.code == "maintenance_logged":
        return _("logged as planned maintenance {start}..{end}: {hours} h, judged by the "
                 "contract's maintenance terms (see the period table)").format(
            start=_at(p["start"]), end=_at(p["end"]), hours=_num(p["hours"]))
    if step.code == "rows_not_counted":
        reason = {"outside": _("outside the measured period"),
                  "future": _("starting after the as-of instant"),
                  "zero_length": _("ending when they start")}[p["reason"]]
        lines = _(" (line(s) {lines})").format(lines=", ".join(map(str, p["lines"]))) \
            if p["lines"] else ""
        return _("{count} row(s) not counted: {reason}{lines}").format(
            count=p["count"], reason=reason, lines=lines)
    if step.code == "uptime_figure":
        if p["uptime_percent"] is None:
            return _("downtime {down} h; nothing measured yet").format(
                down=_num(p["downtime_hours"]))
        return _("uptime ({measured} − {down}) / {measured} = {percent}%, target {target}% "
                 "(allowed downtime {allowed} h)").format(
            measured=_num(p["measured_hours"]), down=_num(p["downtime_hours"]),
            percent=p["uptime_percent"], target=p["target_percent"],
            allowed=_num(p["allowed_hours"]))
    if step.code == "renewal_range":
        return _("allowed: {base} ± {percent}% = {low} to {high}, both ends included").format(
            base=_amount(p["base"]), percent=p["percent"], low=_amount(p["low"]),
            high=_amount(p["high"]))
    if step.code == "renewal_change":
        text = (_("proposed {proposed} is {change}% against {base}: within the range")
                if p["in_range"] else
                _("proposed {proposed} is {change}% against {base}: outside the range"))
        return text.format(proposed=_amount(p["proposed"]), change=p["change_percent"],
                           base=_amount(p["base"]))
    if step.code == "days_late_given":
        return _("{days} day(s) late, as given (--days-late)").format(**p)
    if step.code == "days_late":
        return _("days late: from {first}, the day after the due date {due}, through {last}: "
                 "{gross} day(s), less {excused} excused = {days}").format(**p)
    if step.code == "damages_base":
        return _("{days} day(s) late, on a base of {base}").format(
            days=p["days"], base=_amount(p["base"]))
    if step.code == "damages_tier":
        return _("tier {tier}, days {first} to {last}: {base} × {permille}‰ = {per_day} a day "
                 "× {days} day(s) = {amount}").format(
            tier=p["tier"], first=p["first_day"], last=p["last_day"], base=_amount(p["base"]),
            permille=p["permille"], per_day=_amount(p["per_day"]), days=p["days"],
            amount=_amount(p["amount"]))
    if step.code == "damages_sum":
        return _("the tiers add up to {amount}").format(amount=_amount(p["amount"]))
    if step.code == "damages_cap":
        text = (_("cap {percent}% = {cap}: reached, the damages stop at the cap")
                if p["reached"] else _("cap {percent}% = {cap}: not reached"))
        return text.format(percent=p["percent"], cap=_amount(p["cap"]))
    if step.code == "damages_total":
        return _("damages: {amount}").format(amount=_amount(p["amount"]))
    raise AssertionError(f"no words for step {step.code}")  # pragma: no cover - a new code


def obligation_steps(ctx: Context, o: Obligation) -> list[Step]:
    """How an obligation's date (and its delay damages, where it has some) was reached. A
    working that does not reach the date the schedule shows is not printed as if it did."""
    steps: list[Step] = []
    w = ctx.contract.completion_request
    if o.kind == "completion_request" and w is not None:
        from contractcalc.core.explain import window_steps

        steps, opens = window_steps(ctx.calendar, w.before,
                                    ctx.anchor(w.before) or ctx.service.last, w.working_days)
        if opens != o.earliest:
            steps = [Step("not_explained", {"date": o.earliest or o.due})]
    elif o.trigger is not None:
        anchor = o.period[1] if o.period is not None else ctx.anchor(o.trigger.after)
        steps, due = deadline_steps(ctx.calendar, o.trigger, anchor)
        shown = o.due if o.trigger.firm else o.earliest
        if due is not None and shown is not None and due != shown:
            steps = [Step("not_explained", {"date": shown})]
    days = o.standing.days_late
    if days and o.party == "vendor":
        from contractcalc.core.damages.delay import item_figure

        fig = item_figure(ctx.contract, kind=o.kind, amount=o.amount, days=days)
        terms = ctx.contract.damages.delay_terms
        if fig is not None and terms is not None:
            steps += damages_steps(fig, cap_percent=terms.cap_percent)
    return steps


def explain_obligations(ctx: Context, items: Sequence[Obligation], report: Report) -> Report:
    """The report with each obligation row's steps (JSON) and the section of words (table).
    The rows and items are in the same order (views.obligation_rows)."""
    if not wanted():
        return report
    pairs = [(row, obligation_steps(ctx, o))
             for row, o in zip(report.rows, items, strict=False)]
    for row, steps in pairs:
        row["explain"] = as_json(steps)
    from contractcalc.cli.views.obligations import event_text

    def name(event: str) -> str:
        return (_("the end of each period") if event == "period_end" else
                event_text(event, ctx.contract))

    return with_section(report, [(str(row.get("title") or row.get("key")), steps)
                                 for row, steps in pairs], name)


def with_section(report: Report, items: Sequence[tuple[str, Sequence[Step]]],
                 name: Callable[[str], str] = str) -> Report:
    """The words of each item's steps, under the main table."""
    lines = [{"item": label if n == 0 else "", "working": words(s, name)}
             for label, steps in items for n, s in enumerate(steps)]
    columns = (Column("item", _("Item"), keep=2), Column("working", _("How it was reached"),
                                                         keep=2))
    return report._replace(sections=[*report.sections,
                                     (_("How each figure was reached (--explain)"), columns,
                                      lines)])


def explain_penalty(report: Report, result: Any, cap_percent: Any) -> Report:
    """The penalty's delay damages worked: the days late, each tier, the sum, the cap."""
    from contractcalc.core.explain import late_days_steps

    fig = result.delay
    if not wanted() or fig is None:
        return report
    late = result.late
    steps = [*late_days_steps(late.due, late.delivered or late.counted_to, late.gross,
                              late.excused, late.days),
             *damages_steps(fig, cap_percent=cap_percent)]
    items = []
    for row in report.rows:
        own = steps if row["key"] == "daily" else [
            s for s in steps if s.code == "damages_tier"
            and row["key"] == f"delay_tier_{s.params['tier']}"]
        if own:
            row["explain"] = as_json(own)
        if row["key"] == "daily":
            items.append((str(row["title"]), own))
    return with_section(report, items)


def explain_renewal(report: Report, result: Any, percent: Any) -> Report:
    """The renewal amount row worked: the range from the base and the change proposed."""
    from contractcalc.core.explain import renewal_steps
    from contractcalc.core.renewal import percent_text

    if not wanted():
        return report
    steps = renewal_steps(base=result.base, percent=percent, low=result.low, high=result.high,
                          proposed=result.proposed,
                          change=percent_text(result.change_percent, percent),
                          in_range=result.in_range)
    items = []
    for row in report.rows:
        if row["key"] == "amount":
            row["explain"] = as_json(steps)
            items.append((str(row["item"]), steps))
    return with_section(report, items)


def explain_uptime(report: Report, results: Sequence[Any], summary: Any, period: Any) -> Report:
    """Each system's uptime worked (core/explain.uptime_steps), on its row and under the table.
    The rows not counted are the log's, shown on every system (the log does not say which
    system a row outside the period was for once it is set aside)."""
    from contractcalc.core.explain import uptime_steps

    if not wanted():
        return report
    not_counted = {"outside": (summary.outside, summary.outside_lines),
                   "future": (summary.future_rows, summary.future_lines),
                   "zero_length": (summary.zero_length, [])}
    items = []
    by_system = {r.system: r for r in results}
    for row in report.rows:
        r = by_system.get(row.get("system"))
        if r is None or "period_hours" not in row:
            continue
        shown = r.shown()
        steps = uptime_steps(
            first=period.first, last=period.last, hours=r.period_hours,
            measured_hours=r.measured_hours, outages=summary.blocks.get(r.system, ([], [])),
            maintenance=summary.planned_blocks.get(r.system, ([], [])),
            not_counted=not_counted, downtime_hours=shown.downtime_hours,
            uptime_percent=shown.uptime_percent, target_percent=r.target_percent,
            allowed_hours=shown.allowed_downtime_hours)
        row["explain"] = as_json(steps)
        items.append((str(row["system"]), steps))
    return with_section(report, items)
