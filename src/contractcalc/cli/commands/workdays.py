"""`contractcalc workdays …`: PRC working-day arithmetic."""

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from contractcalc.cli.app import command, finish, workdays_app
from contractcalc.cli.inputs import calendar_for, load
from contractcalc.cli.options import (
    TABLE,
    AssumeOpt,
    ContractOpt,
    FormatOpt,
    HolidaysOpt,
    parse_date_arg,
)
from contractcalc.cli.output.report import Column, Report
from contractcalc.cli.views.obligations import iso
from contractcalc.core.calendar.workdays import weekday_name
from contractcalc.i18n import _


def _calendar(contract: Path | None, holidays: Path | None, assume_weekends: bool):  # type: ignore[no-untyped-def]
    from contractcalc.shell.contracts.contract_file import resolve_contract_path

    # The contract matters here only for its calendar: section; the example has none to add.
    source = resolve_contract_path(contract)[1]
    terms = None if source == "builtin" else load(contract)
    return calendar_for(terms, holidays, assume_weekends)


# ignore_unknown_options lets a negative N (-5) through as the argument it is.
@command("add", group=workdays_app,
         context_settings={"ignore_unknown_options": True},
         help=_(
             "The N-th working day after DATE (before it when N < 0).\n\nDay 1 is the first "
    "working day strictly after DATE, also when DATE is a holiday.\n\nExample: "
    "contractcalc workdays add 2025-09-17 20"))
def workdays_add(
    start: Annotated[str, typer.Argument(metavar="DATE", help=_("Day to count from."))],
    n: Annotated[int, typer.Argument(metavar="N", help=_("Working days; negative counts back."))],
    contract: ContractOpt = None, holidays: HolidaysOpt = None,
    assume_weekends: AssumeOpt = False, fmt: FormatOpt = TABLE,
) -> None:
    """Help text in the decorator, translated."""

    cal = _calendar(contract, holidays, assume_weekends)
    day = parse_date_arg(start, "DATE")
    finish(workdays_add_report(cal, day, n, cal.add(day, n)), fmt)


@command("count", group=workdays_app, help=_(
    "Working days from FROM through TO, both included.\n\nWhen TO is before FROM "
    "both figures are negative: minus the days from TO through FROM.\n\nExample: "
    "contractcalc workdays count 2025-10-01 2025-10-31"))
def workdays_count(
    first: Annotated[str, typer.Argument(metavar="FROM")],
    last: Annotated[str, typer.Argument(metavar="TO")],
    contract: ContractOpt = None, holidays: HolidaysOpt = None,
    assume_weekends: AssumeOpt = False, fmt: FormatOpt = TABLE,
) -> None:
    """Help text in the decorator, translated."""

    cal = _calendar(contract, holidays, assume_weekends)
    a, b = parse_date_arg(first, "FROM"), parse_date_arg(last, "TO")
    finish(workdays_count_report(cal, a, b, cal.count(a, b)), fmt)


@command("is", group=workdays_app, help=_(
    "Whether DATE is a working day, and why (weekend, which holiday, "
    "调休).\n\nExample: contractcalc workdays is 2025-09-28"))
def workdays_is(
    day: Annotated[str, typer.Argument(metavar="DATE")],
    contract: ContractOpt = None, holidays: HolidaysOpt = None,
    assume_weekends: AssumeOpt = False, fmt: FormatOpt = TABLE,
) -> None:
    """Help text in the decorator, translated."""

    cal = _calendar(contract, holidays, assume_weekends)
    info = cal.describe(parse_date_arg(day, "DATE"))
    finish(days_report([info], "workdays is", info.date.isoformat()), fmt)


@command("list", group=workdays_app, help=_(
    "The working days from FROM through TO (with --all, every day and "
    "why).\n\nExample: contractcalc workdays list 2025-09-27 2025-10-12 --all"))
def workdays_list(
    first: Annotated[str, typer.Argument(metavar="FROM")],
    last: Annotated[str, typer.Argument(metavar="TO")],
    all_days: Annotated[bool, typer.Option("--all", help=_("List days off too."))] = False,
    contract: ContractOpt = None, holidays: HolidaysOpt = None,
    assume_weekends: AssumeOpt = False, fmt: FormatOpt = TABLE,
) -> None:
    """Help text in the decorator, translated."""
    import datetime as dt

    from contractcalc.core.errors import InputError

    cal = _calendar(contract, holidays, assume_weekends)
    a, b = parse_date_arg(first, "FROM"), parse_date_arg(last, "TO")
    if b < a:
        raise InputError(_("TO {last} is before FROM {first}").format(last=b, first=a), field="TO")
    if (b - a).days > 3660:
        raise InputError(_("at most ten years at a time"), field="TO")
    days = [a + dt.timedelta(days=i) for i in range((b - a).days + 1)]
    infos = [cal.describe(d) for d in days]
    if not all_days:
        infos = [i for i in infos if i.working]
    finish(days_report(infos, "workdays list",
                       _("Working days {first} to {last}").format(first=a, last=b)), fmt)


@command("import", group=workdays_app, help=_(
    "Turn the annual holiday notice into a schedule for --holidays.\n\nA notice it "
    "cannot read fully is refused at the line it stopped at; nothing is "
    "written.\n\nExample: contractcalc workdays import notice-2027.txt -o "
    "holidays-2027.yaml"))
def workdays_import(
    notice: Annotated[Path, typer.Argument(
        metavar="NOTICE",
        help=_("The State Council's notice as text "
               "(国务院办公厅关于YYYY年部分节假日安排的通知)."))],
    year: Annotated[int | None, typer.Option(
        "--year", show_default=False, min=1, max=9999,
        help=_("The year the notice is for (default: read from its title)."))] = None,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", metavar="yaml|json",
        help=_("yaml: the --holidays file; json: holiday-cn's shape, every date "
               "singly."))] = "yaml",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", show_default=False,
        help=_("Write the schedule to FILE instead of standard output."))] = None,
) -> None:
    """Help text in the decorator, translated."""
    import json
    import sys

    from contractcalc.core.errors import InputError
    from contractcalc.shell.holidays.notice import as_json, as_yaml, read_notice

    if fmt not in ("yaml", "json"):
        raise InputError(_("expected yaml or json, got {value!r}").format(value=fmt),
                         field="--format")
    found, days = read_notice(notice, year=year)
    text = (json.dumps(as_json(days, found), ensure_ascii=False, indent=2) + "\n"
            if fmt == "json" else
            as_yaml(days, f"{found}: imported from {notice.name} by contractcalc workdays import"))
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(_("cannot write: {reason}").format(reason=exc.strerror),
                         source=str(output)) from None


def workdays_add_report(cal: Any, start: dt.date, n: int, result: dt.date) -> Report:
    info = cal.describe(result)
    row = {"start": iso(start), "working_days": n, "result": iso(result),
           "weekday": result.strftime("%A"), "weekday_label": weekday_name(result),
           "estimate": cal.is_estimate(start, result),
           "start_is_workday": cal.is_workday(start)}
    columns = (Column("start", _("From"), "date", keep=2),
               Column("working_days", _("Working days"), "number", keep=2),
               Column("result", _("Result"), "date", keep=2),
               Column("weekday_label", _("Weekday"), "fixed"),
               Column("estimate", _("Estimate"), "flag"))
    notes = [] if row["start_is_workday"] else [
        _("{date} is not a working day; day 1 is the first working day after it").format(
            date=start)]
    if info.estimate:
        notes.append(_("estimate: a year on the way has no official schedule"))
    return Report("workdays add", _("{n} working day(s) from {date}").format(n=n, date=start),
                  columns, [row], notes=notes)


def workdays_count_report(cal: Any, first: dt.date, last: dt.date, count: int) -> Report:
    from contractcalc.core.calendar.workdays import span_days

    row = {"from": iso(first), "to": iso(last), "working_days": count,
           "calendar_days": span_days(first, last), "estimate": cal.is_estimate(first, last)}
    columns = (Column("from", _("From"), "date", keep=2), Column("to", _("To"), "date", keep=2),
               Column("working_days", _("Working days"), "number", keep=2),
               Column("calendar_days", _("Calendar days"), "number"),
               Column("estimate", _("Estimate"), "flag"))
    notes = [] if last >= first else [
        _("TO is before FROM: both counts are negative, minus the days from {last} through "
          "{first}").format(last=last, first=first)]
    return Report("workdays count", _("Working days {first} to {last} (inclusive)").format(
        first=first, last=last), columns, [row], notes=notes)


def days_report(infos: list[Any], command: str, title: str) -> Report:
    rows = [{"date": iso(i.date), "weekday": i.date.strftime("%A"),
             "weekday_label": weekday_name(i.date), "working": i.working,
             "kind": i.kind, "holiday": i.holiday, "reason": i.reason, "estimate": i.estimate}
            for i in infos]
    columns = (Column("date", _("Date"), "date", keep=2),
               Column("weekday_label", _("Weekday"), "fixed"),
               Column("working", _("Working"), "flag", keep=2), Column("reason", _("Why")))
    return Report(command, title, columns, rows)
