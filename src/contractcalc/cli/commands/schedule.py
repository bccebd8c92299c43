"""`contractcalc payments`, `bond`, `timeline`: dated obligations and their status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from contractcalc.cli.app import command, finish, warn
from contractcalc.cli.inputs import calendar_for, load
from contractcalc.cli.options import (
    TABLE,
    AsOfOpt,
    AssumeOpt,
    ContractOpt,
    EventOpt,
    FormatOpt,
    HolidaysOpt,
    resolve_as_of,
)
from contractcalc.cli.output.report import Column, Report

if TYPE_CHECKING:
    from contractcalc.core.events import Context
    from contractcalc.core.obligations import Obligation
from contractcalc.cli.views.obligations import (
    base_meta,
    cite,
    clause_name,
    display,
    money,
    obligation_columns,
    obligation_rows,
)
from contractcalc.core.events import invoice_event
from contractcalc.i18n import _


def _schedule(contract: Path | None, as_of: str | None, events: list[str] | None,
              holidays: Path | None, assume_weekends: bool) -> Context:
    from contractcalc.core.events import make_context

    terms = load(contract, events=events)
    day = resolve_as_of(as_of)
    ctx = make_context(terms, as_of=day, calendar=calendar_for(terms, holidays, assume_weekends))
    for name, when in ctx.later:
        warn(_("event {name} is dated {date}, after --as-of {as_of}: treated as not yet "
               "happened").format(name=name, date=when, as_of=day))
    if ctx.service.assumed_end:
        warn(_("the term as written ends {end}, before the contract took effect on {effective}; "
               "deadlines counted from the term's end use the service period {first} to {last} "
               "instead (marked assumed; see 'contractcalc check')").format(
            end=terms.term.end, effective=ctx.effective, first=ctx.service.first,
            last=ctx.service.last))
    return ctx


@command(help=_(
    "What money is due, when, and what is late: the installments and the bond.\n\n"
    "One row per installment of the contract, plus the bond in and back: clause, who pays, "
    "amount in figures and in words, trigger, earliest and due dates, status as of --as-of. "
    "Exit 1 when one is overdue or was done late; 2 when a date needs a year without a holiday "
    "schedule.\n\n"
    "Example (the built-in example's event names): contractcalc payments "
    "--event second_payment_received=2025-11-20 --event bond_confirmed=2026-01-05"))
def payments(contract: ContractOpt = None, as_of: AsOfOpt = None, event: EventOpt = None,
             holidays: HolidaysOpt = None, assume_weekends: AssumeOpt = False,
             fmt: FormatOpt = TABLE) -> None:
    """The money view of the obligations (help text above, translated)."""
    from contractcalc.core.timeline import money_flows

    ctx = _schedule(contract, as_of, event, holidays, assume_weekends)
    held = _held(ctx, contract)
    withheld = {n: w.total for n, w in (held or {}).items()}
    flows = money_flows(ctx, withheld)
    report = payments_report(ctx, flows, withheld)
    if ctx.contract.fees is not None:
        from contractcalc.cli.views.fees import with_fees

        report = with_fees(ctx, report, held)
    finish(report, fmt)


def _held(ctx: Context, contract: Path | None) -> dict[int, Any] | None:
    """Credits and SLA deductions per fee period, from the contract's outage log (where it has
    fees and names one): payments and timeline show the same amounts."""
    if ctx.contract.fees is None or not ctx.contract.outage_log:
        return None
    from contractcalc.cli.withheld import contract_path, from_log

    return from_log(ctx.contract, contract_path(contract), ctx.as_of)[0]


@command(help=_(
    "The performance bond: lodge, confirm, the payment that waits for it, completion, refund."
    "\n\nEach step shows its due date, or the event it waits for. Exit 1 when a step is "
    "overdue or was done late.\n\n"
    "Example: contractcalc bond --event second_payment_received=2025-11-20"))
def bond(contract: ContractOpt = None, as_of: AsOfOpt = None, event: EventOpt = None,
         holidays: HolidaysOpt = None, assume_weekends: AssumeOpt = False,
         fmt: FormatOpt = TABLE) -> None:
    """The bond's steps (help text above, translated)."""
    from contractcalc.core.bond import bond_steps

    ctx = _schedule(contract, as_of, event, holidays, assume_weekends)
    if ctx.contract.bond is None and ctx.contract.completion_request is None:
        from contractcalc.cli.inputs import lacks

        lacks(ctx.contract, _("performance bond"), "bond",
              _("contractcalc payments shows its payments"))
    report = schedule_report(ctx, bond_steps(ctx), "bond", _("Performance bond"))
    if ctx.contract.bond is None:
        report = report._replace(notes=[_("the contract has no performance bond (bond: in the "
                                          "contract file); the completion steps are shown"),
                                        *report.notes])
    finish(report, fmt)


@command(help=_(
    "Every dated obligation in one chronological table, optionally as an .ics calendar.\n\n"
    "Payments, bond steps, reports, the completion window, the document compilation and the "
    "renewal application; with several -c, of every contract in one list and one calendar "
    "feed. Exit 1 when anything is overdue or was done late.\n\n"
    "Example: contractcalc timeline -c contracts/ --ics contracts.ics --remind 5"))
def timeline(contract: Annotated[list[Path] | None, typer.Option(
                 "--contract", "-c", show_default=False,
                 help=_("Contract YAML, or a directory of them; repeatable: one timeline and "
                        "one calendar for all. Default: $CONTRACTCALC_CONTRACT, then "
                        "./contract.yaml, then the built-in example."))] = None,
             as_of: AsOfOpt = None, event: EventOpt = None,
             holidays: HolidaysOpt = None, assume_weekends: AssumeOpt = False,
             ics: Annotated[Path | None, typer.Option(
                 "--ics", metavar="FILE", show_default=False,
                 help=_("Also write the obligations as an iCalendar file."))] = None,
             remind: Annotated[int, typer.Option(
                 "--remind", min=0, metavar="N",
                 help=_("In the .ics, a reminder N working days before each date (0: none)."))]
             = 3,
             fmt: FormatOpt = TABLE) -> None:
    """All obligations by date (help text above, translated)."""
    from contractcalc.core.timeline import timeline as build
    from contractcalc.shell.contracts.contract_set import expand

    paths: list[Path | None] = [*expand([str(p) for p in contract])] if contract else [None]
    if event and len(paths) > 1:
        from contractcalc.core.errors import InputError

        raise InputError(_("--event applies to one contract; give one -c"), field="--event")
    def one(path: Path | None) -> tuple[Context, list[Obligation]]:
        ctx = _schedule(path, as_of, event, holidays, assume_weekends)
        held = _held(ctx, path)
        return ctx, build(ctx, {n: w.total for n, w in (held or {}).items()})

    timelines, failed = _each_contract(paths, one)
    contexts = [ctx for ctx, _items in timelines]
    if ics is not None:
        from contractcalc.cli.views.obligations import calendar_entries
        from contractcalc.shell.writers.ics import write_ics

        name = _("Contracts {numbers}").format(
            numbers=_(", ").join(ctx.contract.number for ctx in contexts))
        write_ics(ics, name, [e for ctx, items in timelines
                              for e in calendar_entries(items, ctx, remind=remind)])
    if len(paths) == 1:
        ctx, items = timelines[0]
        finish(schedule_report(ctx, items, "timeline", _("Timeline of obligations")), fmt)
        return
    report = combined_report(timelines)
    finish(report._replace(incomplete=[*report.incomplete, *failed]), fmt)


def _each_contract(paths: list[Path | None], one: Callable[[Path | None], Any]
                   ) -> tuple[list[Any], list[str]]:
    """Every contract's timeline; over several, a bad one is reported (file, line, what) and
    the others still shown, exit 2 at the end (shell/contract_set.gather)."""
    if len(paths) == 1:
        return [one(paths[0])], []
    from contractcalc.shell.contracts.contract_set import gather

    done, failed = gather(paths, one)
    for _path, problems in failed:
        for line in problems:
            warn(_("skipped: {problem}").format(problem=line))
    if not done:
        from contractcalc.core.errors import InputError

        raise InputError(_("none of the {count} contract files could be read").format(
            count=len(paths)))
    return done, [_("{name}: could not be read (see above)").format(name=path)
                  for path, _problems in failed]


def combined_report(timelines: list[tuple[Context, list[Obligation]]]) -> Report:
    """Several contracts' obligations in one list by date, each row naming its contract."""
    from contractcalc.cli.views.law import law_column, law_finding, law_rows

    rows = []
    law: list[tuple[list[Any], list[str]]] = []
    for ctx, items in timelines:
        own = obligation_rows(items, ctx)
        lines, law_notes = law_rows(ctx, items, own)
        law.append((lines, [_("contract {number}: {note}").format(number=ctx.contract.number,
                                                                   note=n) for n in law_notes]))
        for row, o in zip(own, items, strict=True):
            rows.append({"contract": ctx.contract.number, **row,
                         "_day": o.sort_date or o.due or o.earliest})
    rows.sort(key=lambda r: (r.pop("_day") or dt.date.max, r["contract"]))
    base = obligation_columns()
    columns = (Column("contract", _("Contract"), "fixed", keep=2), *base[:2],
               Column("party", _("Who"), "code"), *base[2:],
               *([law_column()] if any(lines for lines, _n in law) else []))
    as_of = timelines[0][0].as_of
    notes = [*(n for ctx, items in timelines for n in _schedule_notes(ctx, items)),
             *(n for _lines, law_notes in law for n in law_notes)]
    return Report("timeline", _("Timeline of obligations — {count} contracts, as of "
                                "{date}").format(count=len(timelines), date=as_of), columns, rows,
                  meta={"as_of": as_of.isoformat(),
                        "contracts": [ctx.contract.number for ctx, _ in timelines]},
                  notes=list(dict.fromkeys(notes)),
                  finding=any(_finding_schedule(items) for _, items in timelines)
                  or any(law_finding(lines) for lines, _n in law),
                  incomplete=[r for _, items in timelines for r in _unknown(items)])


def _finding_schedule(items: list[Obligation]) -> bool:
    """Overdue, or done late: both are findings someone must look at."""
    return any(o.status == "overdue" or (o.status == "done" and o.days_late) for o in items)


def _schedule_notes(ctx: Context, items: list[Obligation]) -> list[str]:
    notes = []
    if any(o.estimate for o in items):
        notes.append(_("dates marked estimate were computed with weekends only "
                       "(--assume-weekends)"))
    if any(o.assumption == "no_day_stated" for o in items):
        clauses = sorted({o.clause for o in items if o.assumption == "no_day_stated" and o.clause})
        where = _(" ({clauses})").format(clauses=_(", ").join(map(clause_name, clauses))) \
            if clauses else ""
        notes.append(_("due dates marked assumed are the contract file's reading: the contract "
                       "names no day{where}").format(where=where))
    if any(o.assumption == "service_end" for o in items):
        notes.append(_("the written term ends before the contract took effect; dates marked "
                       "assumed count from the service period's end, {date}").format(
            date=ctx.service.last))
    missing = sorted({o.missing_year for o in items if o.missing_year})
    if missing:
        notes.append(_("no holiday schedule for {years}: those dates are unknown (supply it "
                       "with --holidays FILE, or --assume-weekends to estimate)").format(
            years=_(", ").join(map(str, missing))))
    return notes


def _unknown(items: list[Obligation]) -> list[str]:
    years = sorted({o.missing_year for o in items if o.missing_year})
    return [_("no official holiday schedule for {year}: the rows that need it show no "
              "date").format(year=y) for y in years]


def payments_report(ctx: Context, items: list[Obligation],
                    withheld: dict[int, Any] | None = None) -> Report:
    from contractcalc.cli.views.law import law_column, law_finding, law_rows

    c = ctx.contract
    rows = obligation_rows(items, ctx)
    notes = _schedule_notes(ctx, items)
    lines, law_notes = law_rows(ctx, items, rows)
    if c.invoice_before_payment and c.installments:
        notes.insert(0, _("before each payment the vendor must give the buyer a valid invoice "
                          "for the same amount, or the buyer may refuse to pay and is not "
                          "late{cite}; record it with --event {event}=DATE").format(
            cite=cite(c.invoice_clause), event=invoice_event(c.installments[0], 1)))
    if any(i.subject_to_funds for i in c.installments):
        notes.append(_("installments subject to funds are paid as fiscal funds arrive; the "
                       "buyer is not liable for delays in appropriation{cite}").format(
            cite=cite(c.funds_clause)))
    from contractcalc.cli.views.owed import elsewhere_note, total_notes, total_rows
    from contractcalc.core.timeline import timeline as every
    from contractcalc.core.totals import contract_totals

    # over the rows shown: a total the table cannot account for misleads; the vendor's delay
    # damages on deliverables the table leaves out are named, with where to see them
    owed = contract_totals(ctx, items, withheld)
    notes += total_notes(owed, c.number, c.total)
    shown = {o.key for o in items}
    notes += elsewhere_note(contract_totals(
        ctx, [o for o in every(ctx, withheld) if o.key not in shown], withheld))
    columns = (Column("clause", _("Clause"), "fixed", keep=2),
               Column("title", _("Payment"), keep=2), Column("party", _("Pays"), "code"),
               Column("amount", _("Amount"), "money", keep=2),
               Column("amount_words", "大写", "fixed"), Column("trigger", _("Trigger"), keep=0),
               Column("earliest", _("From"), "date", keep=0),
               Column("due_label", _("Due"), "date", keep=2),
               Column("state", _("Status"), keep=2), *([law_column()] if lines else []))
    notes += law_notes
    from contractcalc.cli.views.explain import explain_obligations

    return explain_obligations(ctx, items, Report(
        "payments", _("Payments — contract {number}, total {total} CNY, as of "
                                "{date}").format(number=c.number, total=display(c.total),
                                                 date=ctx.as_of), columns, rows,
                  meta={**base_meta(c, ctx.as_of), "total": money(c.total),
                        "totals": total_rows(owed, None)},
                  notes=notes, finding=_finding_schedule(items) or law_finding(lines),
                  incomplete=_unknown(items)))


def schedule_report(ctx: Context, items: list[Obligation], command: str, title: str) -> Report:
    from contractcalc.cli.views.law import law_column, law_finding, law_rows

    c = ctx.contract
    base = obligation_columns()
    columns = (*base[:2], Column("party", _("Who"), "code"), *base[2:])
    rows = obligation_rows(items, ctx)
    lines, law_notes = law_rows(ctx, items, rows) if command == "timeline" else ([], [])
    from contractcalc.cli.views.explain import explain_obligations

    return explain_obligations(ctx, items, Report(
        command, _("{title} — contract {number}, as of {date}").format(
        title=title, number=c.number, date=ctx.as_of),
                  (*columns, *([law_column()] if lines else [])), rows,
                  meta=base_meta(c, ctx.as_of), notes=[*_schedule_notes(ctx, items), *law_notes],
                  finding=_finding_schedule(items) or law_finding(lines),
                  incomplete=_unknown(items)))
