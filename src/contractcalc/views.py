"""Core results → Reports. Formatting only: every figure was computed in the core."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from contractcalc.amount_words import to_words
from contractcalc.money import display, fen_str
from contractcalc.render import Column, Report


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def money(amount: Decimal | None) -> str | None:
    return None if amount is None else fen_str(amount)


def words(amount: Decimal | None) -> str | None:
    return None if amount is None else to_words(amount, prefix=True)


def base_meta(contract: Any, as_of: dt.date | None = None) -> dict[str, Any]:
    meta: dict[str, Any] = {"contract": contract.number}
    if as_of is not None:
        meta["as_of"] = as_of.isoformat()
    return meta


def obligation_rows(items: Iterable[Any]) -> list[dict[str, Any]]:
    return [{
        "key": o.key, "clause": o.clause, "title": o.title, "party": o.party,
        "trigger": o.trigger, "amount": money(o.amount), "amount_words": words(o.amount),
        "earliest": iso(o.earliest), "due": iso(o.due), "done_on": iso(o.done_on),
        "status": o.status, "state": o.state, "estimate": o.estimate, "assumption": o.assumption,
    } for o in items]


OBLIGATION_COLUMNS = (
    Column("clause", "Clause"), Column("title", "Obligation"), Column("amount", "Amount", "money"),
    Column("trigger", "Trigger"), Column("earliest", "From"), Column("due", "Due"),
    Column("state", "Status"),
)


def _finding_schedule(items: list[Any]) -> bool:
    return any(o.status == "overdue" for o in items)


def _schedule_notes(ctx: Any, items: list[Any]) -> list[str]:
    notes = []
    if any(o.estimate for o in items):
        notes.append("dates marked estimate were computed with weekends only (--assume-weekends)")
    if any(o.assumption for o in items):
        notes.append("report deadlines marked assumption are our reading: the contract names "
                     "no day (clause 1 item 4)")
    return notes


def payments_report(ctx: Any, items: list[Any]) -> Report:
    c = ctx.contract
    rows = obligation_rows(items)
    notes = _schedule_notes(ctx, items)
    if c.invoice_before_payment:
        notes.insert(0, "before each payment the vendor must give the buyer a valid VAT invoice "
                        "for the same amount, or the buyer may refuse to pay (3.8)")
    if any(i.subject_to_funds for i in c.installments):
        notes.append("installments subject to funds are paid as fiscal funds arrive; the buyer "
                     "is not liable for delays in appropriation (3.9)")
    columns = (Column("clause", "Clause"), Column("title", "Payment"), Column("party", "Pays"),
               Column("amount", "Amount", "money"), Column("amount_words", "大写"),
               Column("trigger", "Trigger"), Column("earliest", "From"), Column("due", "Due"),
               Column("state", "Status"))
    return Report("payments", f"Payments — contract {c.number}, total {display(c.total)} CNY, "
                  f"as of {ctx.as_of}", columns, rows,
                  meta={**base_meta(c, ctx.as_of), "total": money(c.total)},
                  notes=notes, finding=_finding_schedule(items))


def schedule_report(ctx: Any, items: list[Any], command: str, title: str) -> Report:
    c = ctx.contract
    columns = (*OBLIGATION_COLUMNS[:2], Column("party", "Who"), *OBLIGATION_COLUMNS[2:])
    rows = obligation_rows(items)
    for row in rows:
        if row["estimate"]:
            row_state = f"{row['state']} (estimate)"
            row["state"] = row_state
        if row["assumption"]:
            row["due_note"] = "assumption"
    return Report(command, f"{title} — contract {c.number}, as of {ctx.as_of}", columns, rows,
                  meta=base_meta(c, ctx.as_of), notes=_schedule_notes(ctx, items),
                  finding=_finding_schedule(items))


def check_report(contract: Any, findings: list[Any], *, strict: bool) -> Report:
    rows = [{"severity": f.severity, "clause": f.clause, "field": f.field, "message": f.message}
            for f in findings]
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    infos = len(findings) - errors - warnings
    summary = f"{errors} error(s), {warnings} warning(s), {infos} note(s)"
    columns = (Column("severity", "Severity"), Column("clause", "Clause"),
               Column("field", "Field"), Column("message", "Finding"))
    return Report("check", f"Check of contract {contract.number}: {summary}", columns, rows,
                  meta={**base_meta(contract), "errors": errors, "warnings": warnings},
                  notes=[] if findings else ["no inconsistencies found"],
                  finding=errors > 0 or (strict and warnings > 0))


def penalty_report(contract: Any, result: Any) -> Report:
    rows = [{
        "key": f.key, "clause": f.clause, "title": f.title, "basis": f.basis,
        "amount": money(f.amount), "amount_words": words(f.amount),
        "applies": f.applies, "note": f.note,
    } for f in result.figures]
    late = result.late
    meta = {**base_meta(contract), "total": money(result.total), "days_late": late.days,
            "per_day": money(result.per_day), "per_day_clause": contract.damages.daily_clause,
            "days_excused": late.excused, "due": iso(late.due), "delivered": iso(late.delivered)}
    columns = (Column("clause", "Clause"), Column("title", "Damages"), Column("basis", "Basis"),
               Column("amount", "Amount", "money"), Column("amount_words", "大写"),
               Column("applies_text", "Applies"))
    unknown = {"breach": "if claimed", "failed_acceptance": "not known"}
    for row in rows:
        row["applies_text"] = {True: "yes", False: "no"}.get(row["applies"]) or unknown[row["key"]]
    notes = [f"per day: {display(result.per_day)} ({contract.damages.daily_permille}‰ of "
             f"{display(result.total)}) × {late.days} day(s)", *result.notes]
    return Report("penalty", f"Liquidated damages — contract {contract.number}, "
                  f"{late.days} day(s) late", columns, rows, meta=meta, notes=notes)


def workdays_add_report(cal: Any, start: dt.date, n: int, result: dt.date) -> Report:
    info = cal.describe(result)
    row = {"start": iso(start), "working_days": n, "result": iso(result),
           "weekday": result.strftime("%A"), "estimate": cal.is_estimate(start, result),
           "start_is_workday": cal.is_workday(start)}
    columns = (Column("start", "From"), Column("working_days", "Working days", "number"),
               Column("result", "Result"), Column("weekday", "Weekday"),
               Column("estimate", "Estimate", "flag"))
    notes = [] if row["start_is_workday"] else [
        f"{start} is not a working day; day 1 is the first working day after it"]
    if info.estimate:
        notes.append("estimate: a year on the way has no official schedule")
    return Report("workdays add", f"{n} working day(s) from {start}", columns, [row], notes=notes)


def workdays_count_report(cal: Any, first: dt.date, last: dt.date, count: int) -> Report:
    row = {"from": iso(first), "to": iso(last), "working_days": count,
           "calendar_days": (last - first).days + 1, "estimate": cal.is_estimate(first, last)}
    columns = (Column("from", "From"), Column("to", "To"),
               Column("working_days", "Working days", "number"),
               Column("calendar_days", "Calendar days", "number"),
               Column("estimate", "Estimate", "flag"))
    return Report("workdays count", f"Working days {first} to {last} (inclusive)", columns, [row])


def days_report(infos: list[Any], command: str, title: str) -> Report:
    rows = [{"date": iso(i.date), "weekday": i.date.strftime("%A"), "working": i.working,
             "kind": i.kind, "holiday": i.holiday, "reason": i.reason, "estimate": i.estimate}
            for i in infos]
    columns = (Column("date", "Date"), Column("weekday", "Weekday"),
               Column("working", "Working", "flag"), Column("reason", "Why"))
    return Report(command, title, columns, rows)


def renewal_report(contract: Any, result: Any, as_of: dt.date) -> Report:
    from contractcalc.renewal import percent_text

    limit = contract.renewal.max_change_percent
    rows = [
        {"key": "number", "clause": contract.renewal.clause, "item": "Renewal number",
         "value": f"{result.number} of at most {result.max_renewals}",
         "state": "ok" if result.number <= result.max_renewals else "not allowed"},
        {"key": "amount", "clause": contract.renewal.clause, "item": "Proposed amount",
         "value": f"{display(result.proposed)} ({percent_text(result.change_percent, limit)}%)",
         "low": money(result.low), "high": money(result.high),
         "change_percent": percent_text(result.change_percent, limit),
         "state": "ok" if result.low <= result.proposed <= result.high else "out of range"},
    ] + [{"key": c.key, "clause": c.clause, "item": c.text, "value": c.detail,
          "state": c.state.replace("_", " ")} for c in result.conditions]
    for row in rows[:1] + rows[2:]:
        row.update({"low": None, "high": None, "change_percent": None})
    meta = {**base_meta(contract, as_of), "allowed": result.allowed,
            "base": money(result.base), "low": money(result.low), "high": money(result.high),
            "proposed": money(result.proposed),
            "change_percent": percent_text(result.change_percent, limit),
            "reasons": list(result.reasons)}
    verdict = "allowed" if result.allowed else "NOT allowed"
    notes = [f"allowed range {display(result.low)} to {display(result.high)} "
             f"(±{contract.renewal.max_change_percent}% of {display(result.base)}, both ends "
             f"included); proposed {display(result.proposed)} is "
             f"{percent_text(result.change_percent, limit)}%", *result.reasons]
    columns = (Column("clause", "Clause"), Column("item", "Item"), Column("value", "Value"),
               Column("state", "State"))
    return Report("renewal", f"Renewal no. {result.number} — contract {contract.number}: "
                  f"{verdict}", columns, rows, meta=meta, notes=notes,
                  finding=not result.allowed)


def staff_report(contract: Any, ladder: Any, source: str) -> Report:
    rows = [{"person": p.name, "evaluations": p.evaluations, "failures": p.failures,
             "sent_back": [iso(d) for d in p.sent_back],
             "sent_back_text": ", ".join(iso(d) or "" for d in p.sent_back) or "—",
             "clause": contract.staff_ladder.clause} for p in ladder.people]
    sl = contract.staff_ladder
    state = {"fine": "fine", "warning": f"termination warning ({sl.warning_at} send-backs)",
             "may_terminate": f"buyer may terminate (more than {sl.terminate_above} send-backs)"}
    notes = [f"send-backs so far: {len(ladder.send_backs)}"
             + "".join(f"; no. {n} on {d} ({who})" for n, (d, who) in
                       enumerate(ladder.send_backs, 1)),
             f"standing: {state[ladder.standing]} (3.10.1: {sl.fails_per_send_back} failed "
             f"evaluations send a person back; {sl.warning_at} send-backs bring a warning; more "
             f"than {sl.terminate_above} give the right to terminate)"]
    if ladder.warning_on:
        notes.append(f"warning threshold reached on {ladder.warning_on}")
    if ladder.terminable_on:
        notes.append(f"termination right arose on {ladder.terminable_on}")
    meta = {**base_meta(contract), "source": source, "standing": ladder.standing,
            "send_backs": [{"number": n, "date": iso(d), "person": who}
                           for n, (d, who) in enumerate(ladder.send_backs, 1)],
            "warning_on": iso(ladder.warning_on), "terminable_on": iso(ladder.terminable_on),
            "clause": sl.clause}
    columns = (Column("person", "Person"), Column("evaluations", "Evaluations", "number"),
               Column("failures", "Failed", "number"), Column("sent_back_text", "Sent back on"))
    return Report("staff", f"Resident staff evaluations (3.10.1) — contract {contract.number}",
                  columns, rows, meta=meta, notes=notes, finding=ladder.standing != "fine")


def uptime_report(contract: Any, results: list[Any], summary: Any, period: Any,
                  as_of: dt.date) -> Report:
    from contractcalc.uptime import three_places

    def hours(value: Decimal) -> str:
        return f"{three_places(value)}"

    rows = [{"system": r.system, "name": r.name, "clause": contract.uptime.clause,
             "period_hours": hours(r.period_hours), "downtime_hours": hours(r.downtime_hours),
             "uptime_percent": f"{three_places(r.uptime_percent)}",
             "target_percent": str(r.target_percent),
             "allowed_downtime_hours": hours(r.allowed_downtime_hours),
             "remaining_hours": hours(r.remaining_hours), "outages": r.outages,
             "passed": r.passed, "result": "pass" if r.passed else "FAIL"} for r in results]
    breaches = [{"line": b.line, "system": b.system, "kind": b.kind, "clause": b.clause,
                 "limit": b.limit, "actual": b.actual, "detail": b.detail}
                for b in summary.breaches]
    columns = (Column("system", "System"), Column("name", "Name"),
               Column("period_hours", "Period h", "number"),
               Column("downtime_hours", "Down h", "number"),
               Column("uptime_percent", "Uptime %", "number"),
               Column("target_percent", "Target %", "number"),
               Column("allowed_downtime_hours", "Allowed down h", "number"),
               Column("remaining_hours", "Left h", "number"), Column("result", "Result"))
    notes = [f"{summary.rows} outage row(s) read; overlapping and duplicate reports merged; "
             f"outages clipped to {period.first}..{period.last} ({hours(period.hours)} h)"]
    if summary.open_outages:
        notes.append(f"{summary.open_outages} outage(s) without an end counted as down through "
                     f"{as_of}")
    if summary.future_rows:
        notes.append(f"{summary.future_rows} outage(s) starting after {as_of} ignored")
    if summary.sla_checked:
        notes.append(f"SLA: {summary.sla_checked} incident(s) checked, {len(breaches)} breach(es)"
                     f" (answer within {contract.response.fault_response_minutes} min, 1.4(2); "
                     f"severe: restored within {contract.response.severe_restore_hours} h or on "
                     f"site within {contract.response.severe_onsite_hours} h, 1.5(2))")
    if summary.skipped_count:
        notes.append(f"{summary.skipped_count} bad row(s) skipped (--skip-bad-rows)")
    sections = []
    if breaches:
        sections.append((f"SLA breaches ({len(breaches)})",
                         (Column("line", "Line", "number"), Column("system", "System"),
                          Column("clause", "Clause"), Column("limit", "Limit"),
                          Column("actual", "Actual"), Column("detail", "Detail")),
                         breaches[:200] if len(breaches) > 200 else breaches))
        if len(breaches) > 200:
            notes.append(f"table shows the first 200 breaches; --format json lists all "
                         f"{len(breaches)}")
    meta = {**base_meta(contract, as_of), "from": iso(period.first), "to": iso(period.last),
            "rows_read": summary.rows, "rows_skipped": summary.skipped_count,
            "sla_checked": summary.sla_checked, "sla_breaches": breaches}
    failed = any(not r.passed for r in results) or bool(breaches)
    return Report("uptime", f"Uptime against {contract.uptime.target_percent}% "
                  f"({contract.uptime.clause}) — contract {contract.number}, "
                  f"{period.first} to {period.last}", columns, rows, meta=meta, notes=notes,
                  finding=failed, sections=sections)
