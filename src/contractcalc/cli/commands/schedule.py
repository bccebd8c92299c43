"""`contractcalc payments`, `bond`, `timeline`: dated obligations and their status."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
from contractcalc.cli.render import Column, Report

if TYPE_CHECKING:
    from contractcalc.core.events import Context
    from contractcalc.core.obligations import Obligation
from contractcalc.cli.views import (
    OBLIGATION_COLUMNS,
    base_meta,
    cite,
    display,
    money,
    obligation_rows,
)
from contractcalc.core.events import invoice_event


def _schedule(contract: Path | None, as_of: str | None, events: list[str] | None,
              holidays: Path | None, assume_weekends: bool) -> Context:
    from contractcalc.core.events import make_context

    terms = load(contract, events=events)
    day = resolve_as_of(as_of)
    ctx = make_context(terms, as_of=day, calendar=calendar_for(terms, holidays, assume_weekends))
    for name, when in ctx.later:
        warn(f"event {name} is dated {when}, after --as-of {day}: treated as not yet happened")
    if ctx.service.assumed_end:
        warn(f"the term as written ends {terms.term.end}, before the contract took effect on "
             f"{ctx.effective}; deadlines counted from the term's end use the service period "
             f"{ctx.service.first} to {ctx.service.last} instead (marked assumed; see "
             f"'contractcalc check')")
    return ctx


@command()
def payments(contract: ContractOpt = None, as_of: AsOfOpt = None, event: EventOpt = None,
             holidays: HolidaysOpt = None, assume_weekends: AssumeOpt = False,
             fmt: FormatOpt = TABLE) -> None:
    """What money is due, when, and what is late: the installments and the bond.

    One row per installment of the contract, plus the bond in and back: clause, who pays, amount
    in figures and in words, trigger, earliest and due dates, status as of --as-of. Exit 1 when
    one is overdue or was done late; 2 when a date needs a year without a holiday schedule.

    Example (the built-in example's event names): contractcalc payments
    --event second_payment_received=2025-11-20 --event bond_confirmed=2026-01-05
    """
    from contractcalc.core.payments import money_flows

    ctx = _schedule(contract, as_of, event, holidays, assume_weekends)
    finish(payments_report(ctx, money_flows(ctx)), fmt)


@command()
def bond(contract: ContractOpt = None, as_of: AsOfOpt = None, event: EventOpt = None,
         holidays: HolidaysOpt = None, assume_weekends: AssumeOpt = False,
         fmt: FormatOpt = TABLE) -> None:
    """The performance bond: lodge, confirm, the payment that waits for it, completion, refund.

    Each step shows its due date, or the event it waits for. Exit 1 when a step is overdue or
    was done late.

    Example: contractcalc bond --event second_payment_received=2025-11-20
    """
    from contractcalc.core.bond import bond_steps

    ctx = _schedule(contract, as_of, event, holidays, assume_weekends)
    finish(schedule_report(ctx, bond_steps(ctx), "bond", "Performance bond"), fmt)


@command()
def timeline(contract: Annotated[list[Path] | None, typer.Option(
                 "--contract", "-c", show_default=False,
                 help="Contract YAML, or a directory of them; repeatable: one timeline and one "
                      "calendar for all. Default: $CONTRACTCALC_CONTRACT, then ./contract.yaml, "
                      "then the built-in example.")] = None,
             as_of: AsOfOpt = None, event: EventOpt = None,
             holidays: HolidaysOpt = None, assume_weekends: AssumeOpt = False,
             ics: Annotated[Path | None, typer.Option(
                 "--ics", metavar="FILE", dir_okay=False, show_default=False,
                 help="Also write the obligations as an iCalendar file.")] = None,
             remind: Annotated[int, typer.Option(
                 "--remind", min=0, metavar="N",
                 help="In the .ics, a reminder N working days before each date (0: none).")]
             = 3,
             fmt: FormatOpt = TABLE) -> None:
    """Every dated obligation in one chronological table, optionally as an .ics calendar.

    Payments, bond steps, reports, the completion window, the document compilation and the
    renewal application; with several -c, of every contract in one list and one calendar feed.
    Exit 1 when anything is overdue or was done late.

    Example: contractcalc timeline -c contracts/ --ics contracts.ics --remind 5
    """
    from contractcalc.core.timeline import timeline as build
    from contractcalc.shell.contract_set import expand

    paths: list[Path | None] = [*expand([str(p) for p in contract])] if contract else [None]
    if event and len(paths) > 1:
        from contractcalc.core.errors import InputError

        raise InputError("--event applies to one contract; give one -c", field="--event")
    contexts = [_schedule(path, as_of, event, holidays, assume_weekends) for path in paths]
    timelines = [(ctx, build(ctx)) for ctx in contexts]
    if ics is not None:
        from contractcalc.cli.views import calendar_entries
        from contractcalc.shell.ics import write_ics

        name = "合同 " + ", ".join(ctx.contract.number for ctx in contexts)
        write_ics(ics, name, [e for ctx, items in timelines
                              for e in calendar_entries(items, ctx, remind=remind)])
    if len(timelines) == 1:
        ctx, items = timelines[0]
        finish(schedule_report(ctx, items, "timeline", "Timeline of obligations"), fmt)
        return
    finish(combined_report(timelines), fmt)


def combined_report(timelines: list[tuple[Context, list[Obligation]]]) -> Report:
    """Several contracts' obligations in one list by date, each row naming its contract."""
    rows = []
    for ctx, items in timelines:
        for row, o in zip(obligation_rows(items, ctx), items, strict=True):
            rows.append({"contract": ctx.contract.number, **row,
                         "_day": o.sort_date or o.due or o.earliest})
    rows.sort(key=lambda r: (r.pop("_day") or dt.date.max, r["contract"]))
    columns = (Column("contract", "Contract", "fixed", keep=2), *OBLIGATION_COLUMNS[:2],
               Column("party", "Who", "fixed"),
               *OBLIGATION_COLUMNS[2:])
    as_of = timelines[0][0].as_of
    notes = [n for ctx, items in timelines for n in _schedule_notes(ctx, items)]
    return Report("timeline", f"Timeline of obligations — {len(timelines)} contracts, as of "
                  f"{as_of}", columns, rows,
                  meta={"as_of": as_of.isoformat(),
                        "contracts": [ctx.contract.number for ctx, _ in timelines]},
                  notes=list(dict.fromkeys(notes)),
                  finding=any(_finding_schedule(items) for _, items in timelines),
                  incomplete=[r for _, items in timelines for r in _unknown(items)])


def _finding_schedule(items: list[Obligation]) -> bool:
    """Overdue, or done late: both are findings someone must look at."""
    return any(o.status == "overdue" or (o.status == "done" and o.days_late) for o in items)


def _schedule_notes(ctx: Context, items: list[Obligation]) -> list[str]:
    notes = []
    if any(o.estimate for o in items):
        notes.append("dates marked estimate were computed with weekends only (--assume-weekends)")
    if any(o.assumption == "no_day_stated" for o in items):
        clauses = sorted({o.clause for o in items if o.assumption == "no_day_stated" and o.clause})
        where = f" ({', '.join(f'clause {c}' for c in clauses)})" if clauses else ""
        notes.append(f"due dates marked assumed are the contract file's reading: the contract "
                     f"names no day{where}")
    if any(o.assumption == "service_end" for o in items):
        notes.append(f"the written term ends before the contract took effect; dates marked "
                     f"assumed count from the service period's end, {ctx.service.last}")
    missing = sorted({o.missing_year for o in items if o.missing_year})
    if missing:
        notes.append(f"no holiday schedule for {', '.join(map(str, missing))}: those dates are "
                     f"unknown (supply it with --holidays FILE, or --assume-weekends to "
                     f"estimate)")
    return notes


def _unknown(items: list[Obligation]) -> list[str]:
    years = sorted({o.missing_year for o in items if o.missing_year})
    return [f"no official holiday schedule for {y}: the rows that need it show no date"
            for y in years]


def payments_report(ctx: Context, items: list[Obligation]) -> Report:
    c = ctx.contract
    rows = obligation_rows(items, ctx)
    notes = _schedule_notes(ctx, items)
    if c.invoice_before_payment:
        notes.insert(0, f"before each payment the vendor must give the buyer a valid invoice "
                        f"for the same amount, or the buyer may refuse to pay and is not "
                        f"late{cite(c.invoice_clause)}; record it with "
                        f"--event {invoice_event(c.installments[0], 1)}=DATE")
    if any(i.subject_to_funds for i in c.installments):
        notes.append(f"installments subject to funds are paid as fiscal funds arrive; the buyer "
                     f"is not liable for delays in appropriation{cite(c.funds_clause)}")
    columns = (Column("clause", "Clause", "fixed", keep=2), Column("title", "Payment", keep=2),
               Column("party", "Pays", "fixed"), Column("amount", "Amount", "money", keep=2),
               Column("amount_words", "大写", "fixed"), Column("trigger", "Trigger", keep=0),
               Column("earliest", "From", "date", keep=0),
               Column("due_label", "Due", "date", keep=2), Column("state", "Status", keep=2))
    return Report("payments", f"Payments — contract {c.number}, total {display(c.total)} CNY, "
                  f"as of {ctx.as_of}", columns, rows,
                  meta={**base_meta(c, ctx.as_of), "total": money(c.total)},
                  notes=notes, finding=_finding_schedule(items), incomplete=_unknown(items))


def schedule_report(ctx: Context, items: list[Obligation], command: str, title: str) -> Report:
    c = ctx.contract
    columns = (*OBLIGATION_COLUMNS[:2], Column("party", "Who", "fixed"), *OBLIGATION_COLUMNS[2:])
    rows = obligation_rows(items, ctx)
    return Report(command, f"{title} — contract {c.number}, as of {ctx.as_of}", columns, rows,
                  meta=base_meta(c, ctx.as_of), notes=_schedule_notes(ctx, items),
                  finding=_finding_schedule(items), incomplete=_unknown(items))
