"""`contractcalc uptime`: uptime and fault-response SLAs from an outage log."""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

import typer

from contractcalc.cli.app import command, finish, warn
from contractcalc.cli.inputs import check_holidays, load
from contractcalc.cli.options import (
    TABLE,
    AsOfOpt,
    ContractOpt,
    FormatOpt,
    HolidaysOpt,
    parse_date_arg,
    resolve_as_of,
)
from contractcalc.cli.render import Column, Report
from contractcalc.cli.views import base_meta, iso

TABLE_ROWS = 200  # a terminal shows this many incidents or breaches; JSON has them all


@command()
def uptime(
    file: Annotated[str, typer.Argument(
        metavar="FILE", help="Outage log CSV (system, start, end; optional severity, reported, "
                             "responded, onsite); - for stdin.")],
    first: Annotated[str | None, typer.Option(
        "--from", metavar="DATE", show_default=False,
        help="First day of the period (default: the term's start).")] = None,
    last: Annotated[str | None, typer.Option(
        "--to", metavar="DATE", show_default=False,
        help="Last day of the period, included (default: the term's end).")] = None,
    encoding: Annotated[str | None, typer.Option(
        "--encoding", show_default=False, help="CSV encoding (default: UTF-8 or GBK, detected).")]
    = None,
    skip_bad_rows: Annotated[bool, typer.Option(
        "--skip-bad-rows", help="Report bad rows and go on instead of stopping.")] = False,
    contract: ContractOpt = None, as_of: AsOfOpt = None, holidays: HolidaysOpt = None,
    fmt: FormatOpt = TABLE,
) -> None:
    """Uptime per system against the 95% target (1.5(1)) and fault-response SLAs.

    Outages are clipped to the period and merged, so overlaps count once. Times without an
    offset are Beijing time. Exit 1 when a system misses its target or an SLA is breached.

    Example: contractcalc uptime outages.csv --from 2025-09-17 --to 2026-09-16
    """
    from contractcalc.core.errors import InputError
    from contractcalc.core.uptime.availability import Period, system_uptime
    from contractcalc.shell.outagelog import read_log

    terms = load(contract)
    check_holidays(terms, holidays)
    day = resolve_as_of(as_of)
    period = Period(parse_date_arg(first, "--from") if first else terms.term.start,
                    parse_date_arg(last, "--to") if last else terms.term.end)
    if period.last < period.first:
        raise InputError(f"--to {period.last} is before --from {period.first}", field="--to")
    summary = read_log(file, contract=terms, period=period, as_of=day, encoding=encoding,
                       skip_bad_rows=skip_bad_rows)
    for problem in summary.skipped:
        warn(f"skipped {problem}")
    results = [system_uptime(system=s.id, name=s.name, clause=s.clause, period=period,
                             downtime=summary.downtime[s.id],
                             target_percent=terms.uptime.target_percent)
               for s in terms.systems]
    finish(uptime_report(terms, results, summary, period, day), fmt)


def uptime_report(contract: Any, results: list[Any], summary: Any, period: Any,
                  as_of: dt.date) -> Report:
    from contractcalc.core.uptime.availability import three_places
    from contractcalc.core.uptime.sla import span

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
    limits = contract.response
    incidents = [{"line": i.line, "system": i.system, "severe": i.severe,
                  "response_minutes": _minutes(i.response), "response": span(i.response),
                  "restore_minutes": _minutes(i.restore),
                  "restore": span(i.restore) or "still down",
                  "onsite_minutes": _minutes(i.onsite), "onsite": span(i.onsite),
                  "breached": sorted({b.clause for b in i.breaches}) or None,
                  "result": "breach " + ", ".join(sorted({b.clause for b in i.breaches}))
                  if i.breaches else "ok"} for i in summary.incidents]
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
    if incidents:
        sections.append((
            f"SLA incidents ({len(incidents)}): answer within {limits.fault_response_minutes} "
            f"min; severe: restored within {limits.severe_restore_hours} h, else on site within "
            f"{limits.severe_onsite_hours} h",
            (Column("line", "Line", "number"), Column("system", "System"),
             Column("response", "Answered in"), Column("restore", "Restored in"),
             Column("onsite", "On site in"), Column("result", "Result")),
            incidents[:TABLE_ROWS]))
    if breaches:
        sections.append((f"SLA breaches ({len(breaches)})",
                         (Column("line", "Line", "number"), Column("system", "System"),
                          Column("clause", "Clause"), Column("limit", "Limit"),
                          Column("actual", "Actual"), Column("detail", "Detail")),
                         breaches[:TABLE_ROWS]))
    for what, items in (("incidents", incidents), ("breaches", breaches)):
        if len(items) > TABLE_ROWS:
            notes.append(f"the table shows the first {TABLE_ROWS} {what}; --format json lists "
                         f"all {len(items)}")
    meta = {**base_meta(contract, as_of), "from": iso(period.first), "to": iso(period.last),
            "rows_read": summary.rows, "rows_skipped": summary.skipped_count,
            "sla_checked": summary.sla_checked, "sla_incidents": incidents,
            "sla_breaches": breaches}
    failed = any(not r.passed for r in results) or bool(breaches)
    return Report("uptime", f"Uptime against {contract.uptime.target_percent}% "
                  f"({contract.uptime.clause}) — contract {contract.number}, "
                  f"{period.first} to {period.last}", columns, rows, meta=meta, notes=notes,
                  finding=failed, sections=sections)


def _minutes(delta: Any) -> int | None:
    return None if delta is None else int(delta.total_seconds() // 60)
