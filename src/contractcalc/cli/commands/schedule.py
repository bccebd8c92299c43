"""`contractcalc payments`, `bond`, `timeline`: dated obligations and their status."""

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
from contractcalc.cli.render import Column, Report

if TYPE_CHECKING:
    from contractcalc.core.events import Context
from contractcalc.cli.views import OBLIGATION_COLUMNS, base_meta, display, money, obligation_rows


def _schedule(contract: Path | None, as_of: str | None, events: list[str] | None,
              holidays: Path | None, assume_weekends: bool) -> "Context":
    from contractcalc.core.events import make_context

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


@command()
def payments(contract: ContractOpt = None, as_of: AsOfOpt = None, event: EventOpt = None,
             holidays: HolidaysOpt = None, assume_weekends: AssumeOpt = False,
             fmt: FormatOpt = TABLE) -> None:
    """What money is due, when, and what is late: installments and the bond (3.3–3.9).

    One row per installment, plus the bond in and back: clause, who pays, amount in figures and
    in words, trigger, earliest and due dates, status as of --as-of. Exit 1 when one is overdue.

    Example: contractcalc payments --event second_payment_received=2025-11-20
    --event bond_confirmed=2026-01-05
    """
    from contractcalc.core.payments import money_flows

    ctx = _schedule(contract, as_of, event, holidays, assume_weekends)
    finish(payments_report(ctx, money_flows(ctx)), fmt)


@command()
def bond(contract: ContractOpt = None, as_of: AsOfOpt = None, event: EventOpt = None,
         holidays: HolidaysOpt = None, assume_weekends: AssumeOpt = False,
         fmt: FormatOpt = TABLE) -> None:
    """The performance bond (3.6–3.7): lodge, confirm, final payment, completion, refund.

    Each step shows its due date, or the event it waits for. Exit 1 when a step is overdue.

    Example: contractcalc bond --event second_payment_received=2025-11-20
    """
    from contractcalc.core.bond import bond_steps

    ctx = _schedule(contract, as_of, event, holidays, assume_weekends)
    finish(schedule_report(ctx, bond_steps(ctx), "bond", "Performance bond (3.6–3.7)"), fmt)


@command()
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
    from contractcalc.core.timeline import timeline as build

    ctx = _schedule(contract, as_of, event, holidays, assume_weekends)
    items = build(ctx)
    if ics is not None:
        from contractcalc.shell.ics import write_ics

        write_ics(ics, ctx.contract, items)
    finish(schedule_report(ctx, items, "timeline", "Timeline of obligations"), fmt)


def _finding_schedule(items: list[Any]) -> bool:
    return any(o.status == "overdue" for o in items)


def _schedule_notes(ctx: Any, items: list[Any]) -> list[str]:
    notes = []
    if any(o.estimate for o in items):
        notes.append("dates marked estimate were computed with weekends only (--assume-weekends)")
    if any(o.assumption for o in items):
        notes.append("due dates marked assumed are our reading: the contract names "
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
               Column("trigger", "Trigger"), Column("earliest", "From"), Column("due_label", "Due"),
               Column("state", "Status"))
    return Report("payments", f"Payments — contract {c.number}, total {display(c.total)} CNY, "
                  f"as of {ctx.as_of}", columns, rows,
                  meta={**base_meta(c, ctx.as_of), "total": money(c.total)},
                  notes=notes, finding=_finding_schedule(items))


def schedule_report(ctx: Any, items: list[Any], command: str, title: str) -> Report:
    c = ctx.contract
    columns = (*OBLIGATION_COLUMNS[:2], Column("party", "Who"), *OBLIGATION_COLUMNS[2:])
    rows = obligation_rows(items)
    return Report(command, f"{title} — contract {c.number}, as of {ctx.as_of}", columns, rows,
                  meta=base_meta(c, ctx.as_of), notes=_schedule_notes(ctx, items),
                  finding=_finding_schedule(items))
