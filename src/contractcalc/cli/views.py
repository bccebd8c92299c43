"""Core values in words and JSON-ready rows: the one place an obligation becomes a sentence.

The core hands over data (status codes, dates, days, event names); this module says it in words.
Machine fields (keys, status codes, dates, amounts) never depend on the wording.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from contractcalc.cli.render import Column
from contractcalc.core.amount_words import to_words
from contractcalc.core.money import display, fen_str

if TYPE_CHECKING:
    from contractcalc.core.events import Context
    from contractcalc.core.model import Contract
    from contractcalc.core.obligations import Obligation
    from contractcalc.shell.ics import Entry

__all__ = ["OBLIGATION_COLUMNS", "base_meta", "cite", "display", "event_text", "iso", "money",
           "obligation_rows", "words"]

GENERIC_WORDS = {
    "signed": "signing", "service_started": "service start",
    "bond_submitted": "bond submission", "bond_confirmed": "bond confirmation",
    "completion_requested": "the completion request",
    "completion_certified": "the completion certificate", "bond_returned": "the bond's return",
    "term_start": "the term's start", "term_end": "the term's end",
    "period_end": "the period's end",
}


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def money(amount: Decimal | None) -> str | None:
    return None if amount is None else fen_str(amount)


def words(amount: Decimal | None) -> str | None:
    return None if amount is None else to_words(amount, prefix=True)


def rate(amount: Decimal) -> str:
    """A per-day rate as it is: 240.00, or 693.25025 where it is not a whole fen, so the rate
    shown times the days gives the total shown (rounded once, at the end)."""
    from contractcalc.core.money import to_fen

    if to_fen(amount) == amount:
        return display(amount)
    whole, _, fraction = f"{amount.normalize():f}".partition(".")
    return f"{int(whole):,}.{fraction}"


def cite(clause: str | None) -> str:
    """' (clause 5.6)' where the contract file gives a clause; nothing where it gives none."""
    return f" (clause {clause})" if clause else ""


def base_meta(contract: Contract, as_of: dt.date | None = None) -> dict[str, Any]:
    meta: dict[str, Any] = {"contract": contract.number}
    if as_of is not None:
        meta["as_of"] = as_of.isoformat()
    return meta


def event_text(name: str, contract: Contract) -> str:
    """An event's name in words: generic ones, then the contract's installments and
    deliverables (by their own names), else the name as written."""
    from contractcalc.core.events import invoice_event, paid_event

    if name in GENERIC_WORDS:
        return GENERIC_WORDS[name]
    for n, inst in enumerate(contract.installments, 1):
        if name == paid_event(inst, n):
            return f"receipt of installment {n}"
        if name == invoice_event(inst, n):
            return f"the invoice for installment {n}"
    for item in contract.deliverables:
        if name == item.id:
            return f"delivery of {item.name}"
    return name


def title(o: Obligation) -> str:
    kind = o.kind
    if kind == "installment":
        named = f" ({o.name})" if o.name else ""
        return f"Installment {o.number}{named}: {o.percent}% of the total"
    if kind == "deliverable":
        if o.period:
            return f"{o.name}: {o.period[0]} to {o.period[1]}"
        return o.name or o.key
    return {
        "bond_submit": f"Vendor lodges the performance bond ({o.percent}% of the total)",
        "bond_confirm": "Buyer confirms the bond",
        "completion_request": "Vendor requests the completion certificate",
        "completion_certificate": "Buyer issues the completion certificate",
        "bond_refund": "Buyer returns the bond",
        "renewal_application": "Renewal application, with the completion certificate "
                               "(optional)",
    }[kind]


def trigger_text(o: Obligation, contract: Contract) -> str:
    t = o.trigger
    if o.kind == "renewal_application":
        return "before the term ends"
    if o.kind == "completion_request" and t is not None:
        return f"within {t.working_days} working days before the term ends ({o.due})"
    if t is None:
        if o.after:
            return f"after {event_text(o.after, contract)} (no deadline stated)"
        return "no date stated"
    if t.months is not None:
        return f"after {t.months} month(s) of continuous service"
    anchor = "the end of each period" if t.after == "period_end" else event_text(t.after,
                                                                                   contract)
    return f"{t.working_days} working days after {anchor}"


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def state_text(o: Obligation, ctx: Context, *, brief: bool = False) -> str:
    """The status in plain words as of the day asked; `brief` leaves out the damages and the
    funds caveat (shown in a column of their own)."""
    contract = ctx.contract
    s = o.status
    if s == "done":
        if o.implied_by:
            text = (f"done (its date is not recorded; {event_text(o.implied_by, contract)} "
                    f"on {o.implied_on})")
        else:
            text = f"done on {o.done_on}"
        if o.days_late:
            text += f", {_days(o.days_late)} late"
    elif s == "due":
        from contractcalc.core.obligations import working_days_left

        left = working_days_left(ctx, o.due) if o.due and o.due > ctx.as_of else 0
        text = ("due today" if o.due == ctx.as_of else
                f"due on {o.due}" if left is None else
                f"due in {left} working day{'s' if left != 1 else ''}")
    elif s == "overdue":
        text = f"overdue by {_days(o.days_late or 0)}"
        if o.invoice_on and o.due and o.invoice_on > o.due:
            text += f" (counted from the invoice of {o.invoice_on})"
    elif s == "waiting":
        if o.waiting_for and o.waiting_for == o.invoice_event:
            text = (f"waiting for {event_text(o.waiting_for, contract)}: due {o.due}, but "
                    f"without the invoice the buyer is not late{cite(contract.invoice_clause)}")
        else:
            text = f"waiting for {event_text(o.waiting_for or '', contract)}"
    elif s == "open":
        text = ("no deadline stated; not yet recorded" if o.after else
                f"window closed on {o.due} (renewal is optional)" if o.optional else
                f"payable since {o.earliest} (no fixed deadline)" if o.earliest else
                "no deadline stated")
    elif s == "upcoming":
        text = (f"window opens on {o.earliest}" if o.kind == "completion_request" else
                f"payable from {o.earliest} (no fixed deadline)")
    elif s == "before_signing":
        text = f"falls on {o.due}, before the contract took effect on {ctx.effective}"
    else:  # unknown
        text = f"date unknown: no {o.missing_year} holiday schedule"
    if brief:
        return text
    if o.damages is not None:
        per_day = o.damages / (o.days_late or 1)
        text += (f"; daily damages {display(o.damages)} at {rate(per_day)} per day"
                 f"{cite(contract.damages.daily_clause)}")
    if o.subject_to_funds and s != "done":
        text += (f"; subject to funds: the buyer is not liable for appropriation "
                 f"delays{cite(contract.funds_clause)}")
    return text


def obligation_rows(items: Iterable[Obligation], ctx: Context) -> list[dict[str, Any]]:
    c = ctx.contract
    return [{
        "key": o.key, "clause": o.clause, "title": title(o), "party": o.party,
        "trigger": trigger_text(o, c), "amount": money(o.amount), "amount_words": words(o.amount),
        "earliest": iso(o.earliest), "due": iso(o.due), "done_on": iso(o.done_on),
        "status": o.status, "state": state_text(o, ctx), "days_late": o.days_late,
        "damages": money(o.damages), "waiting_for": o.waiting_for,
        "subject_to_funds": o.subject_to_funds, "invoice_on": iso(o.invoice_on),
        "estimate": o.estimate, "assumption": o.assumption, "missing_year": o.missing_year,
        "due_label": _due_label(o),
    } for o in items]


def _due_label(o: Obligation) -> str | None:
    """The due date as a table shows it, with what qualifies it."""
    if o.due is None:
        return None
    marks = [m for m, on in (("assumed", o.assumption), ("estimate", o.estimate)) if on]
    return f"{o.due} ({', '.join(marks)})" if marks else o.due.isoformat()


OBLIGATION_COLUMNS = (
    Column("clause", "Clause", "fixed", keep=2), Column("title", "Obligation", keep=2),
    Column("amount", "Amount", "money", keep=2), Column("trigger", "Trigger", keep=0),
    Column("earliest", "From", "date", keep=0), Column("due_label", "Due", "date", keep=2),
    Column("state", "Status", keep=2),
)


def calendar_entries(items: Iterable[Obligation], ctx: Context, *,
                     remind: int) -> list[Entry]:
    """Calendar events for the dated obligations: a window spans its days; the words hold what
    does not change (clause, who, amount, rule), never a status that would go stale; an alarm
    `remind` working days before the day at 09:00 Beijing, for what is not done yet."""
    from contractcalc.core.dates import beijing_tz
    from contractcalc.core.errors import CalendarDataMissing
    from contractcalc.shell.ics import Entry

    c = ctx.contract
    entries = []
    for o in items:
        day = o.due or o.earliest
        if day is None:
            continue
        first = o.earliest if o.kind == "completion_request" and o.earliest else day
        summary = f"[{c.number}] {title(o)}"
        if o.amount is not None:
            summary += f" {display(o.amount)} CNY"
        lines = [f"Contract {c.number}: {c.title}",
                 f"Clause {o.clause}" if o.clause else "",
                 f"Who acts: {o.party}", f"Rule: {trigger_text(o, c)}",
                 f"Amount: {display(o.amount)} CNY ({words(o.amount)})" if o.amount else "",
                 "The date is the contract file's reading (the contract names no day)"
                 if o.assumption == "no_day_stated" else "",
                 "Counted from the service period's end (the written term ends before signing)"
                 if o.assumption == "service_end" else "",
                 "Estimate: a year without an official holiday schedule" if o.estimate else ""]
        alarm = None
        if remind > 0 and o.status != "done":
            try:
                when = ctx.calendar.add(first, -remind)
                alarm = dt.datetime.combine(when, dt.time(9), tzinfo=beijing_tz())
            except CalendarDataMissing:
                alarm = None
        entries.append(Entry(f"{c.number}-{o.key}@contractcalc", first, day, summary,
                             "\n".join(line for line in lines if line), alarm))
    return entries
