"""The payment plan: each installment as a dated obligation of the buyer.

Two contract rules shape a payment's standing besides its trigger:
- the invoice rule: no invoice, no late payment. Where the contract has it, a payment past its
  date with no invoice recorded is waiting for the invoice, not overdue; an invoice recorded
  after the date starts the buyer's lateness on the invoice's day.
- the funds rule (the reference: 各项款额 … 以甲方实际收到财政拨款 … 为准): payments subject to
  funds carry the caveat that the buyer is not liable for appropriation delays. It never decides
  whether a deadline exists: the trigger does (N working days: a deadline; N months of service:
  a first day).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from contractcalc.core.events import Context, happened_on, invoice_event, paid_event
from contractcalc.core.money.amounts import percent_of, to_fen
from contractcalc.core.obligations import Due, Obligation, deadline, standing

if TYPE_CHECKING:
    from contractcalc.core.model import Contract, Installment


def installment_amounts(contract: Contract) -> list[Decimal]:
    """Each installment's amount: as written, else its percent of the total rounded half-up to
    the fen; the last unwritten one takes the remainder when the percents make 100%, so the
    amounts add up to the total (4 × 25% of 1,386,500.50 is 346,625.13 three times and
    346,625.11, not 346,625.13 four times = 1,386,500.52)."""
    amounts = [inst.amount if inst.amount is not None else to_fen(percent_of(contract.total,
                                                                             inst.percent))
               for inst in contract.installments]
    unwritten = [n for n, inst in enumerate(contract.installments) if inst.amount is None]
    if unwritten and sum((i.percent for i in contract.installments), Decimal(0)) == 100:
        last = unwritten[-1]
        amounts[last] = to_fen(contract.total) - sum(
            (a for n, a in enumerate(amounts) if n != last), Decimal(0))
    return amounts


def installments(ctx: Context) -> list[Obligation]:
    rows = []
    amounts = installment_amounts(ctx.contract)
    for n, (inst, amount) in enumerate(zip(ctx.contract.installments, amounts, strict=True), 1):
        firm = inst.trigger.firm
        anchor_date = ctx.anchor(inst.trigger.after)
        due = Due(None) if anchor_date is None else deadline(ctx, inst.trigger, anchor_date)
        paid, implied = happened_on(ctx, paid_event(inst, n))
        invoice = invoice_event(inst, n) if ctx.contract.invoice_before_payment else None
        invoiced = happened_on(ctx, invoice)[0] if invoice else None
        # Lateness counts from the later of the due date and the invoice (no invoice, no delay).
        late_from = Due(max(due.day, invoiced) if due.day and invoiced else due.day,
                        due.estimate, due.missing_year)
        state = standing(ctx, party="buyer", due=late_from, done=paid,
                         waiting_for=inst.trigger.after, firm=firm, dated=implied is None)
        if state.status == "overdue" and invoice and invoiced is None:
            state = state._replace(status="waiting", waiting_for=invoice, days_late=None)
        release = retention_release(inst, anchor_date) if inst.retention else None
        if release is not None and state.status == "due" and ctx.as_of < release:
            state = state._replace(status="held")
        rows.append(Obligation(
            key=f"installment_{n}", kind="installment", clause=inst.clause, party="buyer",
            event=paid_event(inst, n),
            trigger=inst.trigger, number=n, name=inst.name, percent=inst.percent, amount=amount,
            amount_words=inst.amount_words if inst.amount is not None else None,
            due=due.day if firm else None,
            earliest=release if inst.retention else None if firm else due.day,
            retention=inst.retention,
            done_on=None if implied else paid, implied_by=implied,
            implied_on=paid if implied else None, subject_to_funds=inst.subject_to_funds,
            invoice_event=invoice, invoice_on=invoiced, sort_date=due.day,
            standing=state))
    return rows


def retention_release(inst: Installment, anchor: dt.date | None) -> dt.date | None:
    """The day retention stops being held: the trigger's months after its event (质保期满),
    else the event's own day; None until the event is known."""
    if anchor is None:
        return None
    if inst.trigger.months is None:
        return anchor
    from contractcalc.core.calendar.dates import add_months

    return add_months(anchor, inst.trigger.months)
