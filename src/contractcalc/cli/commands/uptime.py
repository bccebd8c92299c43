"""`contractcalc uptime`: uptime and fault-response SLAs from an outage log."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from contractcalc.cli.app import command, finish, warn
from contractcalc.cli.inputs import check_holidays, load
from contractcalc.cli.options import (
    TABLE,
    ContractOpt,
    EncodingOpt,
    FormatOpt,
    HolidaysOpt,
    SheetOpt,
    parse_date_arg,
)
from contractcalc.cli.output.report import Column, Report
from contractcalc.cli.views.obligations import base_meta, iso
from contractcalc.i18n import _

if TYPE_CHECKING:
    from contractcalc.core.model import Contract
    from contractcalc.core.uptime.availability import Period, SystemUptime
    from contractcalc.shell.logs.outagelog import LogSummary

TABLE_ROWS = 200  # a terminal shows this many incidents or breaches; JSON has them all
ZERO = Decimal(0)  # hours left: below it the budget is overspent


class By(str, Enum):
    period = "period"
    month = "month"


@command(help=_(
    "Uptime per system against the contract's target, and fault-response SLAs.\n\n"
    "Outages are clipped to the period and merged, so overlaps count once. Times without an "
    "offset are Beijing time. Exit 1 when a system misses its target or an SLA is breached.\n\n"
    "Example: contractcalc uptime outages.xlsx --by month"))
def uptime(
    file: Annotated[str, typer.Argument(
        metavar="FILE", help=_("Outage log: CSV, or a workbook (.xlsx, .xls, .ods); - for "
                               "stdin. Columns system, start, end; optional severity, reported, "
                               "responded, onsite (English or Chinese headers)."))],
    first: Annotated[str | None, typer.Option(
        "--from", metavar="DATE", show_default=False,
        help=_("First day of the period (default: the service period's first day)."))] = None,
    last: Annotated[str | None, typer.Option(
        "--to", metavar="DATE", show_default=False,
        help=_("Last day of the period, included (default: the service period's last day)."))]
    = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="DATE[THH:MM]", show_default=False,
        help=_("Measure up to this instant: open outages count to it. A past date means the "
               "end of that day. Default: now in Beijing."))] = None,
    by: Annotated[By, typer.Option(
        "--by", help=_("period: one row per system; month: per system per month (运维月报)."))]
    = By.period,
    encoding: EncodingOpt = None, sheet: SheetOpt = None,
    column: Annotated[list[str] | None, typer.Option(
        "--column", metavar="COLUMN=HEADER", show_default=False,
        help=_("Read COLUMN from the header HEADER (repeatable), e.g. system=监控对象."))] = None,
    skip_bad_rows: Annotated[bool, typer.Option(
        "--skip-bad-rows", help=_("Report bad rows and go on instead of stopping."))] = False,
    contract: ContractOpt = None, holidays: HolidaysOpt = None, fmt: FormatOpt = TABLE,
) -> None:
    """Uptime and SLAs from an outage log (help text above, translated)."""
    from contractcalc.core.errors import InputError
    from contractcalc.core.service import service_period, service_year
    from contractcalc.core.uptime.availability import Period, system_uptime
    from contractcalc.shell.logs.outagelog import read_log
    from contractcalc.shell.logs.tables import parse_column_maps

    terms = load(contract)
    check_holidays(terms, holidays)
    if terms.uptime is None or not terms.systems:
        from contractcalc.cli.inputs import lacks

        lacks(terms, _("uptime target or systems"), "uptime" if terms.systems else "systems",
              _("contractcalc status and timeline show what it has"))
    instant, day = resolve_instant(as_of)
    service = service_period(terms, as_of=day)
    year, years, year_first, year_last = service_year(service, day)
    period = Period(parse_date_arg(first, "--from") if first else year_first,
                    parse_date_arg(last, "--to") if last else year_last)
    if period.last < period.first:
        raise InputError(_("--to {last} is before --from {first}").format(
            last=period.last, first=period.first), field="--to")
    summary = read_log(file, contract=terms, period=period, measured_to=instant,
                       encoding=encoding, sheet=sheet, columns=parse_column_maps(column),
                       skip_bad_rows=skip_bad_rows)
    for problem in summary.skipped:
        warn(_("skipped {problem}").format(problem=problem))
    cut = (_("line {line}, the file's last, has no line end and no end time: counted as an "
             "outage still open; if the file was cut short, read it again once it is complete")
           .format(line=summary.cut_open_line) if summary.cut_open_line else None)
    if cut:
        warn(cut)
    if summary.outside:
        warn(_("{count} row(s) outside the measured period {span} not counted (line(s) "
               "{lines})").format(count=summary.outside, span=_span(period, instant),
                                  lines=_lines(summary.outside_lines, summary.outside)))
    notes = [cut] if cut else []
    if not first and not last and years > 1:
        notes.append(_("period: service year {n} of {of}, {first}..{last}: the target is a "
                       "year's (--from/--to for another span)").format(
            n=year, of=years, first=period.first, last=period.last))
    elif not first and not last:
        notes.append((_("period: the service period {first}..{last} (its end is assumed: the "
                        "written term ends before service starts, so the period runs the "
                        "written term's length from the start)") if service.assumed_end else
                      _("period: the service period {first}..{last}")).format(
            first=period.first, last=period.last))
    results = [system_uptime(system=s.id, name=s.name, clause=s.clause, period=period,
                             downtime=summary.downtime[s.id], measured_to=instant,
                             target_percent=terms.uptime.target_percent)
               for s in terms.systems]
    u = terms.uptime  # per period, maintenance, credits: cli/uptime_periods.applies
    periodic = u.period is not None or u.maintenance is not None or bool(u.credits)
    report = uptime_report(terms, results, summary, period, instant, day, notes,
                           periodic=periodic)
    from contractcalc.cli.views.explain import explain_uptime

    report = explain_uptime(report, results, summary, period)
    if periodic:
        from contractcalc.cli.views import uptime_periods

        judged = uptime_periods.judged(terms, summary, period, instant)
        report = uptime_periods.period_report(terms, judged, report)
        if by is By.month:
            report = uptime_periods.monthly(terms, summary, period, instant, report)
    elif by is By.month:
        report = monthly_report(terms, results, summary, period, instant, report)
    finish(report, fmt)


def resolve_instant(text: str | None) -> tuple[dt.datetime, dt.date]:
    """The as-of instant (naive Beijing) and its day. A plain date before today means the end
    of that day; today means now; a later date the end of that day (with a warning)."""
    from contractcalc.core.errors import InputError
    from contractcalc.core.uptime.times import parse_instant
    from contractcalc.shell.runtime.clock import instant_of_day, now_in_beijing

    now = now_in_beijing()
    if text is None:
        return now, now.date()
    try:
        instant = parse_instant(text)
    except ValueError:
        day = parse_date_arg(text, "--as-of")
        if day > now.date():
            warn(_("--as-of {date} is after today: open outages are counted to its end").format(
                date=day))
        try:
            return instant_of_day(day), day
        except OverflowError:
            raise InputError(_("{text!r} is out of range").format(text=text),
                             field="--as-of") from None
    return instant, instant.date()


def _span(period: Period, instant: dt.datetime) -> str:
    stop = period.measured_end(instant)
    return f"{instant_text(period.start, ' ')}..{instant_text(stop, ' ')}"


def instant_text(instant: dt.datetime, sep: str = "T") -> str:
    """To the minute, or to the second (or microsecond) when it has them: an as-of instant of
    09:30:15 is measured to :15 and must not read as 09:30."""
    exact = instant.second or instant.microsecond
    return instant.isoformat(sep, timespec="auto" if exact else "minutes")


def _lines(lines: list[int], count: int) -> str:
    return ", ".join(map(str, lines)) + (", ..." if count > len(lines) else "")


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _hours(value: Decimal | None, threshold: Decimal | None = None) -> str | None:
    """Three places; never rounded onto or across `threshold` (availability.three_places)."""
    from contractcalc.core.uptime.availability import three_places

    return None if value is None else f"{three_places(value, threshold)}"


def uptime_report(contract: Contract, results: list[SystemUptime], summary: LogSummary,
                  period: Period, instant: dt.datetime, day: dt.date,
                  notes: list[str], *, periodic: bool = False) -> Report:
    from contractcalc.core.uptime.sla import NO_RESPONSE, label, span

    assert contract.uptime is not None, "the command refuses a contract without uptime terms"

    complete = all(r.complete for r in results)
    rows = [{"system": r.system, "name": r.name, "clause": contract.uptime.clause,
             "period_hours": _hours(r.period_hours), "measured_hours": _hours(r.measured_hours),
             "complete": r.complete, "downtime_hours": str(shown.downtime_hours),
             "uptime_percent": _text(shown.uptime_percent),
             "target_percent": str(r.target_percent),
             "allowed_downtime_hours": str(shown.allowed_downtime_hours),
             "remaining_hours": str(shown.remaining_hours), "outages": r.outages,
             "passed": r.passed,
             "result": (_("pass") if r.complete else _("on track")) if r.passed else _("FAIL")}
            for r, shown in ((r, r.shown()) for r in results)]
    breaches = [{"line": b.line, "system": b.system, "kind": b.kind, "clause": b.clause,
                 "limit": b.limit, "actual": b.actual, "detail": b.detail, "rule": label(b)}
                for b in summary.breaches]
    leveled = contract.response is not None and bool(contract.response.levels)
    if leveled:
        for row, b in zip(breaches, summary.breaches, strict=True):
            row.update(level=b.level, deduction=None if b.deduction is None else
                       f"{b.deduction:.2f}", kind_text=_kind(b.kind))
    limits = contract.response
    incidents = [{"line": i.line, "system": i.system, "severe": i.severe,
                  "response_minutes": _minutes(i.response),
                  "response": span(i.response) or (NO_RESPONSE()
                                                   if any(b.actual == NO_RESPONSE()
                                                          for b in i.breaches) else None),
                  "restore_minutes": _minutes(i.restore),
                  "restore": span(i.restore) or _("still down"),
                  "onsite_minutes": _minutes(i.onsite), "onsite": span(i.onsite),
                  "breached": sorted({label(b) for b in i.breaches}) or None,
                  "result": _("breach {clauses}").format(
                      clauses=", ".join(sorted({label(b) for b in i.breaches})))
                  if i.breaches else _("ok")} for i in summary.incidents]
    columns = [Column("system", _("System"), "fixed", keep=2), Column("name", _("Name")),
               Column("period_hours", _("Period h"), "number", keep=0)]
    if not complete:
        columns.append(Column("measured_hours", _("Measured h"), "number", keep=0))
    columns += [Column("downtime_hours", _("Down h"), "number", keep=2),
                Column("uptime_percent", _("Uptime %"), "number", keep=2),
                Column("target_percent", _("Target %"), "number"),
                Column("allowed_downtime_hours", _("Allowed down h"), "number", keep=0),
                Column("remaining_hours", _("Left h"), "number"),
                Column("result", _("Result"), "fixed", keep=2)]
    notes.append(_("{rows} outage row(s) read; overlapping and duplicate reports merged; outages "
                   "clipped to {first}..{last} ({hours} h)").format(
        rows=summary.rows, first=period.first, last=period.last, hours=_hours(period.hours)))
    if not complete and periodic:
        notes.append(_("measured {span}: a period not over yet reads \"on track\" while its "
                       "downtime is within the target's budget, and owes no credit yet").format(
            span=_span(period, instant)))
    elif not complete:
        notes.append(_("measured {span} ({measured} h of {hours} h); the rest of the period is "
                       "still to come: Left h is the downtime budget left for it, Uptime % is "
                       "over the measured hours").format(
            span=_span(period, instant), measured=_hours(results[0].measured_hours),
            hours=_hours(period.hours)))
    until = instant_text(instant, " ")
    if summary.open_outages:
        notes.append(_("{count} outage(s) without an end counted as down until {until}").format(
            count=summary.open_outages, until=until))
    if summary.future_rows:
        notes.append(_("{count} open outage(s) starting after {until} not counted (line(s) "
                       "{lines})").format(count=summary.future_rows, until=until,
                                          lines=_lines(summary.future_lines, summary.future_rows)))
    if summary.outside:
        notes.append(_("{count} row(s) outside the measured period not counted (line(s) "
                       "{lines})").format(count=summary.outside,
                                          lines=_lines(summary.outside_lines, summary.outside)))
    if summary.zero_length:
        notes.append(_("{count} row(s) ending when they start are not outages").format(
            count=summary.zero_length))
    if summary.sla_before_period:
        notes.append(_("{count} fault(s) reported before the measured period: their downtime "
                       "inside it counts, but this contract's SLA does not judge them").format(
            count=summary.sla_before_period))
    rules = _rules(limits)
    if summary.sla_checked:
        notes.append(_("SLA: {checked} incident(s) checked, {breaches} breach(es) "
                       "({rules})").format(checked=summary.sla_checked, breaches=len(breaches),
                                           rules=rules))
    if summary.skipped_count:
        notes.append(_("{count} bad row(s) skipped (--skip-bad-rows)").format(
            count=summary.skipped_count))
    sections: list[tuple[str, tuple[Column, ...], list[dict[str, Any]]]] = []
    if incidents:
        sections.append((
            _("SLA incidents ({count}): {rules}").format(count=len(incidents), rules=rules),
            (Column("line", _("Line"), "number", keep=2),
             Column("system", _("System"), "fixed", keep=2),
             Column("response", _("Answered in"), "fixed"),
             Column("restore", _("Restored in"), "fixed"),
             Column("onsite", _("On site in"), "fixed"), Column("result", _("Result"), keep=2)),
            incidents[:TABLE_ROWS]))
    if breaches and leveled:
        sections.append((_("SLA breaches ({count})").format(count=len(breaches)),
                         (Column("line", _("Line"), "number", keep=2),
                          Column("system", _("System"), "fixed", keep=2),
                          Column("level", _("Level"), "fixed", keep=2),
                          Column("kind_text", _("Limit of"), "fixed", keep=2),
                          Column("limit", _("Limit"), "fixed", keep=2),
                          Column("actual", _("Actual"), "fixed", keep=2),
                          Column("deduction", _("Deduction"), "money", keep=2),
                          Column("detail", _("Detail"))),
                         breaches[:TABLE_ROWS]))
    elif breaches:
        sections.append((_("SLA breaches ({count})").format(count=len(breaches)),
                         (Column("line", _("Line"), "number", keep=2),
                          Column("system", _("System"), "fixed", keep=2),
                          Column("rule", _("Clause"), "fixed", keep=2),
                          Column("limit", _("Limit"), "fixed"),
                          Column("actual", _("Actual"), "fixed", keep=2),
                          Column("detail", _("Detail"))),
                         breaches[:TABLE_ROWS]))
    for what, items in ((_("the table shows the first {shown} incidents; --format json lists "
                           "all {count}"), incidents),
                        (_("the table shows the first {shown} breaches; --format json lists "
                           "all {count}"), breaches)):
        if len(items) > TABLE_ROWS:
            notes.append(what.format(shown=TABLE_ROWS, count=len(items)))
    meta = {**base_meta(contract, day), "from": iso(period.first),
            "to": iso(period.last), "measured_to": instant_text(instant),
            "complete": complete,
            "rows_read": summary.rows, "rows_skipped": summary.skipped_count,
            "rows_outside": summary.outside, "rows_outside_lines": summary.outside_lines,
            "rows_future": summary.future_rows, "rows_future_lines": summary.future_lines,
            "rows_zero_length": summary.zero_length,
            "sla_before_period": summary.sla_before_period,
            "sla_checked": summary.sla_checked, "sla_incidents": incidents,
            "sla_breaches": breaches}
    failed = any(not r.passed for r in results) or bool(breaches)
    title = (_("Uptime against {target}% ({clause}) — contract {number}, {first} to {last}")
             if contract.uptime.clause else
             _("Uptime against {target}% — contract {number}, {first} to {last}"))
    return Report("uptime", title.format(target=contract.uptime.target_percent,
                                         clause=contract.uptime.clause, number=contract.number,
                                         first=period.first, last=period.last),
                  tuple(columns), rows, meta=meta, notes=notes, finding=failed,
                  sections=sections)


def _kind(kind: str) -> str:
    return {"response": _("answer"), "onsite": _("on site"), "restore": _("restore")}[kind]


def _rules(limits: Any) -> str:
    def cite(clause: str | None) -> str:
        return _(", {clause}").format(clause=clause) if clause else ""

    if limits.levels:
        rules = _("; ").join(_level_rule(level) for level in limits.levels) + cite(limits.clause)
        if any(level.deduction is not None for level in limits.levels):
            rules += _("; a level's deduction is taken once per incident that breaches any of "
                       "its limits")
        return rules

    return _("answer within {minutes} min{response_clause}; severe: restored within {restore} "
             "h, else on site within {onsite} h{severe_clause}").format(
        minutes=limits.fault_response_minutes, response_clause=cite(limits.fault_response_clause),
        restore=limits.severe_restore_hours, onsite=limits.severe_onsite_hours,
        severe_clause=cite(limits.severe_clause))


def _level_rule(level: Any) -> str:
    parts = [text.format(n=n) for text, n in (
        (_("answer within {n} min"), level.respond_minutes),
        (_("on site within {n} h"), level.onsite_hours),
        (_("restored within {n} h"), level.restore_hours)) if n is not None]
    if level.deduction is not None:
        parts.append(_("deduction {amount}").format(amount=f"{level.deduction:,.2f}"))
    return _("{level}: {limits}").format(level=level.level,
                                         limits=_(", ").join(parts) or _("no limits"))


def monthly_report(contract: Contract, results: list[SystemUptime], summary: LogSummary,
                   period: Period, instant: dt.datetime, whole: Report) -> Report:
    """Per system per month: downtime, uptime, and the period's budget used and left."""
    from contractcalc.core.uptime.availability import hours_of, monthly

    stop = period.measured_end(instant)
    rows = []
    for r in results:
        used = Decimal(0)
        for m in monthly(*summary.blocks[r.system], period.start, stop):
            hours = hours_of(m.stop - m.first)
            down = hours_of(m.downtime)
            used += down
            rows.append({"system": r.system, "month": f"{m.first:%Y-%m}",
                         "from": instant_text(m.first),
                         "to": instant_text(m.stop),
                         "hours": _hours(hours), "downtime_hours": _hours(down),
                         "uptime_percent": _hours((hours - down) / hours * 100),
                         "outages": m.outages,
                         "budget_used_hours": _hours(used, r.allowed_downtime_hours),
                         "budget_left_hours": _hours(r.allowed_downtime_hours - used, ZERO)})
    columns = (Column("system", _("System"), "fixed", keep=2),
               Column("month", _("Month"), "date", keep=2),
               Column("hours", _("Hours"), "number", keep=0),
               Column("downtime_hours", _("Down h"), "number", keep=2),
               Column("uptime_percent", _("Uptime %"), "number", keep=2),
               Column("budget_used_hours", _("Budget used h"), "number"),
               Column("budget_left_hours", _("Budget left h"), "number", keep=2))
    notes = [*whole.notes, _("budget: the downtime the target allows over the whole period "
                             "({hours} h per system); used and left are running totals from "
                             "the period's start").format(
        hours=_hours(results[0].allowed_downtime_hours) if results else "0")]
    meta = {**whole.meta, "systems": whole.rows}
    return Report("uptime", _("{title}, by month").format(title=whole.title), columns, rows,
                  meta=meta, notes=notes,
                  finding=whole.finding, sections=whole.sections)


def _minutes(delta: Any) -> int | None:
    return None if delta is None else int(delta.total_seconds() // 60)
