"""The commands: each parses its options, loads, calls one core function, renders."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from contractcalc.shell import (
    LEAN_SETTINGS,
    AsOfOpt,
    AssumeOpt,
    ContractOpt,
    EventOpt,
    FormatOpt,
    HolidaysOpt,
    OutputFormat,
    app,
    calendar_for,
    finish,
    guarded,
    load,
    parse_date_arg,
    resolve_as_of,
    warn,
    workdays_app,
)

TABLE = OutputFormat.table


@app.command()
@guarded
def check(
    file: Annotated[Path | None, typer.Argument(
        show_default=False, dir_okay=False,
        help="Contract YAML to check (default as for --contract).")] = None,
    contract: ContractOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too.")] = False,
    fmt: FormatOpt = TABLE,
) -> None:
    """Validate a contract file and report drafting inconsistencies.

    Checks installment percents and amounts, every amount in words (大写) against its figure,
    the term against the signing date, and the dates of signatures and annexes.

    Example: contractcalc check examples/contract-2025-036.yaml
    """
    from contractcalc.check import check_contract
    from contractcalc.views import check_report

    terms = load(file or contract)
    findings = check_contract(terms)
    finish(check_report(terms, findings, strict=strict), fmt)


def _schedule(contract: Path | None, as_of: str | None, events: list[str] | None,
              holidays: Path | None, assume_weekends: bool):  # type: ignore[no-untyped-def]
    from contractcalc.obligations import make_context

    terms = load(contract, events=events)
    day = resolve_as_of(as_of)
    ctx = make_context(terms, as_of=day, calendar=calendar_for(terms, holidays, assume_weekends))
    for message in ctx.warnings:
        warn(message)
    if terms.term.end < ctx.effective:
        warn(f"the term as written ends {terms.term.end}, before the contract took effect on "
             f"{ctx.effective}; deadlines counted from the term's end fall before signing "
             f"(see 'contractcalc check')")
    return ctx


@app.command()
@guarded
def payments(contract: ContractOpt = None, as_of: AsOfOpt = None, event: EventOpt = None,
             holidays: HolidaysOpt = None, assume_weekends: AssumeOpt = False,
             fmt: FormatOpt = TABLE) -> None:
    """What money is due, when, and what is late: installments and the bond (3.3–3.9).

    One row per installment, plus the bond in and back: clause, who pays, amount in figures and
    in words, trigger, earliest and due dates, status as of --as-of. Exit 1 when one is overdue.

    Example: contractcalc payments --event second_payment_received=2025-11-20
    --event bond_confirmed=2026-01-05
    """
    from contractcalc.payments import money_flows
    from contractcalc.views import payments_report

    ctx = _schedule(contract, as_of, event, holidays, assume_weekends)
    finish(payments_report(ctx, money_flows(ctx)), fmt)


@app.command()
@guarded
def bond(contract: ContractOpt = None, as_of: AsOfOpt = None, event: EventOpt = None,
         holidays: HolidaysOpt = None, assume_weekends: AssumeOpt = False,
         fmt: FormatOpt = TABLE) -> None:
    """The performance bond (3.6–3.7): lodge, confirm, final payment, completion, refund.

    Each step shows its due date, or the event it waits for. Exit 1 when a step is overdue.

    Example: contractcalc bond --event second_payment_received=2025-11-20
    """
    from contractcalc.payments import bond_steps
    from contractcalc.views import schedule_report

    ctx = _schedule(contract, as_of, event, holidays, assume_weekends)
    finish(schedule_report(ctx, bond_steps(ctx), "bond", "Performance bond (3.6–3.7)"), fmt)


@app.command()
@guarded
def timeline(contract: ContractOpt = None, as_of: AsOfOpt = None, event: EventOpt = None,
             holidays: HolidaysOpt = None, assume_weekends: AssumeOpt = False,
             ics: Annotated[Path | None, typer.Option(
                 "--ics", metavar="FILE", dir_okay=False, show_default=False,
                 help="Also write the obligations as an iCalendar file.")] = None,
             fmt: FormatOpt = TABLE) -> None:
    """Every dated obligation in one chronological table, optionally as an .ics calendar.

    Payments, bond steps, reports, the completion window, the document compilation and the
    renewal application. Exit 1 when anything is overdue.

    Example: contractcalc timeline --ics contract.ics
    """
    from contractcalc.timeline import timeline as build
    from contractcalc.views import schedule_report

    ctx = _schedule(contract, as_of, event, holidays, assume_weekends)
    items = build(ctx)
    if ics is not None:
        from contractcalc.ics import write_ics

        write_ics(ics, ctx.contract, items)
    finish(schedule_report(ctx, items, "timeline", "Timeline of obligations"), fmt)


@app.command()
@guarded
def penalty(
    days_late: Annotated[int | None, typer.Option(
        "--days-late", "-d", show_default=False, help="Calendar days late.")] = None,
    due: Annotated[str | None, typer.Option(
        "--due", metavar="DATE", show_default=False, help="Due date (with --delivered).")] = None,
    delivered: Annotated[str | None, typer.Option(
        "--delivered", metavar="DATE", show_default=False, help="Delivery date.")] = None,
    excuse: Annotated[list[str] | None, typer.Option(
        "--excuse", metavar="FROM..TO", show_default=False,
        help="Force-majeure days to leave out (clause 8), repeatable.")] = None,
    failed_acceptances: Annotated[int | None, typer.Option(
        "--failed-acceptances", show_default=False,
        help="Failed acceptances so far (default: from the events).")] = None,
    total: Annotated[str | None, typer.Option(
        "--total", metavar="AMOUNT", show_default=False,
        help="What-if: another contract price.")] = None,
    actual_loss: Annotated[str | None, typer.Option(
        "--actual-loss", metavar="AMOUNT", show_default=False,
        help="The buyer's actual loss, to flag damages a court may reduce.")] = None,
    contract: ContractOpt = None, as_of: AsOfOpt = None, event: EventOpt = None,
    fmt: FormatOpt = TABLE,
) -> None:
    """Liquidated damages for a delay: daily (3.10.3), flat breach (9.1–9.3), failed acceptance.

    Give --days-late N, or --due and --delivered (days late run from the day after the due date
    through the delivery date).

    Example: contractcalc penalty --days-late 12
    """
    from contractcalc.damages import LateDays, assess, late_days
    from contractcalc.errors import InputError
    from contractcalc.views import penalty_report

    terms = load(contract, events=event)
    if (days_late is None) == (due is None and delivered is None):
        raise InputError("give either --days-late N or both --due DATE and --delivered DATE",
                         field="penalty")
    ranges = tuple(_range(text) for text in excuse or ())
    if days_late is not None:
        if days_late < 0:
            raise InputError(f"must not be negative, got {days_late}", field="--days-late")
        if ranges:
            raise InputError("needs --due and --delivered to place the days", field="--excuse")
        late = LateDays(days_late, days_late, 0)
    else:
        if due is None or delivered is None:
            raise InputError("give both --due and --delivered", field="--due/--delivered")
        late = late_days(parse_date_arg(due, "--due"), parse_date_arg(delivered, "--delivered"),
                         ranges)
    if failed_acceptances is None and terms.events.failed_acceptances:
        day = resolve_as_of(as_of)
        failed_acceptances = sum(1 for d in terms.events.failed_acceptances if d <= day)
    result = assess(total=_amount(total, "--total") if total else terms.total,
                    terms=terms.damages, late=late, failed_acceptances=failed_acceptances,
                    actual_loss=_amount(actual_loss, "--actual-loss") if actual_loss else None)
    finish(penalty_report(terms, result), fmt)


def _amount(text: str, option: str):  # type: ignore[no-untyped-def]
    from contractcalc.errors import InputError
    from contractcalc.money import parse_amount

    try:
        return parse_amount(text)
    except ValueError as exc:
        raise InputError(str(exc), field=option) from None


def _range(text: str):  # type: ignore[no-untyped-def]
    from contractcalc.errors import InputError

    first, sep, last = text.partition("..")
    if not sep:
        raise InputError(f"expected FROM..TO, got {text!r}", field="--excuse")
    start, end = parse_date_arg(first, "--excuse"), parse_date_arg(last, "--excuse")
    if end < start:
        raise InputError(f"{text!r} ends before it starts", field="--excuse")
    return start, end


@app.command()
@guarded
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
    contract: ContractOpt = None, as_of: AsOfOpt = None, fmt: FormatOpt = TABLE,
) -> None:
    """Uptime per system against the 95% target (1.5(1)) and fault-response SLAs.

    Outages are clipped to the period and merged, so overlaps count once. Times without an
    offset are Beijing time. Exit 1 when a system misses its target or an SLA is breached.

    Example: contractcalc uptime outages.csv --from 2025-09-17 --to 2026-09-16
    """
    from contractcalc.errors import InputError
    from contractcalc.outagelog import read_log
    from contractcalc.uptime import Period, system_uptime
    from contractcalc.views import uptime_report

    terms = load(contract)
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


@app.command()
@guarded
def renewal(
    amount: Annotated[str, typer.Option("--amount", metavar="AMOUNT",
                                        help="Proposed amount of the renewal.")],
    number: Annotated[int, typer.Option("--number", "-n", min=1,
                                        help="Which renewal this is: 1, 2, ...")] = 1,
    base: Annotated[str | None, typer.Option(
        "--base", metavar="AMOUNT", show_default=False,
        help="The first contract's amount, when the file is itself a renewal "
             "(default: its total).")] = None,
    contract: ContractOpt = None, as_of: AsOfOpt = None, event: EventOpt = None,
    fmt: FormatOpt = TABLE,
) -> None:
    """Whether a renewal is allowed (clause 5): at most two, amount within ±10%, conditions.

    Exit 1 when it is not: a renewal past the cap, an amount outside the range, or a breach in
    the prior year.

    Example: contractcalc renewal --amount 250000 --number 1
    """
    from contractcalc.renewal import check_renewal
    from contractcalc.views import renewal_report

    terms = load(contract, events=event)
    day = resolve_as_of(as_of)
    certified = terms.events.completion_certified
    result = check_renewal(
        terms=terms.renewal, base=_amount(base, "--base") if base else terms.total,
        proposed=_amount(amount, "--amount"), number=number,
        certified=certified if certified and certified <= day else None,
        breaches=terms.events.breaches, as_of=day)
    finish(renewal_report(terms, result, day), fmt)


@app.command()
@guarded
def staff(
    file: Annotated[str | None, typer.Argument(
        metavar="[FILE]", show_default=False,
        help="CSV with date, person, result (pass/fail), optional note; - for stdin. "
             "Default: the contract's events.evaluations.")] = None,
    encoding: Annotated[str | None, typer.Option(
        "--encoding", show_default=False, help="CSV encoding (default: UTF-8 or GBK, detected).")]
    = None,
    contract: ContractOpt = None, fmt: FormatOpt = TABLE,
) -> None:
    """The resident-staff ladder (3.10.1): failed evaluations, send-backs, termination rights.

    Two failed evaluations send a person back; three send-backs bring a termination warning;
    more than three give the buyer the right to terminate. Exit 1 at a warning or beyond.

    Example: contractcalc staff evaluations.csv
    """
    from contractcalc.staff import climb
    from contractcalc.views import staff_report

    terms = load(contract)
    if file is None:
        evaluations, source = terms.events.evaluations, "contract events"
    else:
        evaluations, source = read_evaluations(file, encoding), file
    finish(staff_report(terms, climb(evaluations, terms.staff_ladder), source), fmt)


def read_evaluations(source: str, encoding: str | None):  # type: ignore[no-untyped-def]
    from contractcalc.csvin import rows
    from contractcalc.dates import parse_date
    from contractcalc.errors import InputError
    from contractcalc.terms import Evaluation

    results = {"pass": "pass", "fail": "fail", "合格": "pass", "不合格": "fail",
               "通过": "pass", "不通过": "fail"}
    out = []
    name = "<stdin>" if source == "-" else source
    for line, row in rows(source, required=("date", "person", "result"), optional=("note",),
                          encoding=encoding):
        try:
            day = parse_date(row["date"])
        except ValueError as exc:
            raise InputError(str(exc), source=name, line=line, field="date") from None
        if not row["person"]:
            raise InputError("empty; expected the person's name", source=name, line=line,
                             field="person")
        result = results.get(row["result"].lower())
        if result is None:
            raise InputError(f"{row['result']!r}; expected pass or fail", source=name,
                             line=line, field="result")
        out.append(Evaluation(date=day, person=row["person"], result=result,  # type: ignore[arg-type]
                              note=row.get("note") or None))
    return out


# -- workdays ---------------------------------------------------------------------------------

def _calendar(contract: Path | None, holidays: Path | None, assume_weekends: bool):  # type: ignore[no-untyped-def]
    from contractcalc.load import resolve_contract_path

    # The contract matters here only for its calendar: section; the example has none to add.
    _, source = resolve_contract_path(contract)
    terms = None if source == "builtin" else load(contract)
    return calendar_for(terms, holidays, assume_weekends)


# ignore_unknown_options lets a negative N (-5) through as the argument it is.
@workdays_app.command("add", context_settings={"ignore_unknown_options": True})
@guarded
def workdays_add(
    start: Annotated[str, typer.Argument(metavar="DATE", help="Day to count from.")],
    n: Annotated[int, typer.Argument(metavar="N", help="Working days; negative counts back.")],
    contract: ContractOpt = None, holidays: HolidaysOpt = None,
    assume_weekends: AssumeOpt = False, fmt: FormatOpt = TABLE,
) -> None:
    """The N-th working day after DATE (before it when N < 0).

    Day 1 is the first working day strictly after DATE, also when DATE is a holiday.

    Example: contractcalc workdays add 2025-09-17 20
    """
    from contractcalc.views import workdays_add_report

    cal = _calendar(contract, holidays, assume_weekends)
    day = parse_date_arg(start, "DATE")
    finish(workdays_add_report(cal, day, n, cal.add(day, n)), fmt)


@workdays_app.command("count")
@guarded
def workdays_count(
    first: Annotated[str, typer.Argument(metavar="FROM")],
    last: Annotated[str, typer.Argument(metavar="TO")],
    contract: ContractOpt = None, holidays: HolidaysOpt = None,
    assume_weekends: AssumeOpt = False, fmt: FormatOpt = TABLE,
) -> None:
    """Working days from FROM through TO, both included.

    Example: contractcalc workdays count 2025-10-01 2025-10-31
    """
    from contractcalc.views import workdays_count_report

    cal = _calendar(contract, holidays, assume_weekends)
    a, b = parse_date_arg(first, "FROM"), parse_date_arg(last, "TO")
    finish(workdays_count_report(cal, a, b, cal.count(a, b)), fmt)


@workdays_app.command("is")
@guarded
def workdays_is(
    day: Annotated[str, typer.Argument(metavar="DATE")],
    contract: ContractOpt = None, holidays: HolidaysOpt = None,
    assume_weekends: AssumeOpt = False, fmt: FormatOpt = TABLE,
) -> None:
    """Whether DATE is a working day, and why (weekend, which holiday, 调休).

    Example: contractcalc workdays is 2025-09-28
    """
    from contractcalc.views import days_report

    cal = _calendar(contract, holidays, assume_weekends)
    info = cal.describe(parse_date_arg(day, "DATE"))
    finish(days_report([info], "workdays is", f"{info.date}"), fmt)


@workdays_app.command("list")
@guarded
def workdays_list(
    first: Annotated[str, typer.Argument(metavar="FROM")],
    last: Annotated[str, typer.Argument(metavar="TO")],
    all_days: Annotated[bool, typer.Option("--all", help="List days off too.")] = False,
    contract: ContractOpt = None, holidays: HolidaysOpt = None,
    assume_weekends: AssumeOpt = False, fmt: FormatOpt = TABLE,
) -> None:
    """The working days from FROM through TO (with --all, every day and why).

    Example: contractcalc workdays list 2025-09-27 2025-10-12 --all
    """
    import datetime as dt

    from contractcalc.errors import InputError
    from contractcalc.views import days_report

    cal = _calendar(contract, holidays, assume_weekends)
    a, b = parse_date_arg(first, "FROM"), parse_date_arg(last, "TO")
    if b < a:
        raise InputError(f"TO {b} is before FROM {a}", field="TO")
    if (b - a).days > 3660:
        raise InputError("at most ten years at a time", field="TO")
    days = [a + dt.timedelta(days=i) for i in range((b - a).days + 1)]
    infos = [cal.describe(d) for d in days]
    if not all_days:
        infos = [i for i in infos if i.working]
    finish(days_report(infos, "workdays list", f"Working days {a} to {b}"), fmt)


def main() -> None:
    """Run the CLI, building only the invoked command: start-up should not pay for the rest."""
    import sys

    lean_app(sys.argv[1:])()


def lean_app(args: list[str]) -> typer.Typer:
    """The app with just the command the arguments name (all of them for --help and errors)."""
    name = next((a for a in args if not a.startswith("-")), None)
    commands = [c for c in app.registered_commands
                if (c.name or c.callback.__name__.replace("_", "-")) == name]  # type: ignore[union-attr]
    groups = [g for g in app.registered_groups if g.name == name]
    if not commands and not groups:
        return app
    lean = typer.Typer(**LEAN_SETTINGS)
    lean.registered_callback = app.registered_callback
    lean.registered_commands = commands
    lean.registered_groups = groups
    return lean
