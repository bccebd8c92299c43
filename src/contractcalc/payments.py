"""The payment plan (3.3–3.8) and the performance bond (3.6–3.7) as dated obligations."""

import datetime as dt
from typing import Any

from contractcalc.money import percent_of, to_fen
from contractcalc.obligations import (
    EVENT_WORDS,
    Context,
    Obligation,
    deadline,
    describe_trigger,
    happened_on,
    status_of,
)
from contractcalc.terms import Trigger


def installments(ctx: Context) -> list[Obligation]:
    rows = []
    for n, inst in enumerate(ctx.contract.installments, 1):
        amount = inst.amount if inst.amount is not None else to_fen(
            percent_of(ctx.contract.total, inst.percent))
        trigger = describe_trigger(inst.trigger)
        if inst.subject_to_funds:
            trigger += ", subject to funds (3.9)"
        rows.append(Obligation(
            key=f"installment_{n}", clause=inst.clause, party="buyer",
            title=f"Installment {n}: {inst.percent}% of the total", trigger=trigger,
            amount=amount, **step(ctx, inst.trigger, inst.paid_event,
                                  firm=inst.trigger.months is None)))
    return rows


def step(ctx: Context, trigger: Trigger, event: str | None, *, firm: bool = True) -> dict[str, Any]:
    """Due date, status and completion of an obligation that a trigger sets and an event ends.

    firm=False: the trigger gives the first day it may happen, not a deadline.
    """
    day, implied = happened_on(ctx, event) if event else (None, None)
    anchor_date = ctx.anchor(trigger.after)
    due, estimate = (None, False) if anchor_date is None else deadline(ctx, trigger, anchor_date)
    status, state = status_of(ctx, due=due, done=day, waiting_for=trigger.after, firm=firm,
                              implied_by=implied)
    return {"due": due if firm else None, "earliest": None if firm else due,
            "done_on": None if implied else day,
            "estimate": estimate, "status": status, "state": state, "sort_date": due}


def bond_lodging(ctx: Context) -> Obligation:
    bond = ctx.contract.bond
    return Obligation(key="bond_submit", clause=bond.clause, party="vendor",
                      title=f"Vendor lodges the performance bond ({bond.percent}% of the total)",
                      trigger=describe_trigger(bond.submit), amount=_bond_amount(ctx),
                      **step(ctx, bond.submit, "bond_submitted"))


def bond_refund(ctx: Context) -> Obligation:
    bond = ctx.contract.bond
    return Obligation(key="bond_refund", clause=bond.refund_clause, party="buyer",
                      title="Buyer returns the bond", trigger=describe_trigger(bond.refund),
                      amount=_bond_amount(ctx), **step(ctx, bond.refund, "bond_returned"))


def _bond_amount(ctx: Context) -> Any:
    return to_fen(percent_of(ctx.contract.total, ctx.contract.bond.percent))


def money_flows(ctx: Context) -> list[Obligation]:
    """Everything that moves money: the installments, the bond in and the bond back."""
    flows = [*installments(ctx), bond_lodging(ctx), bond_refund(ctx)]
    far = dt.date.max
    return sorted(flows, key=lambda o: (o.status == "waiting", o.sort_date or far))


def bond_steps(ctx: Context) -> list[Obligation]:
    """Lodge, confirm, final payment, completion request and certificate, refund (3.6–3.7)."""
    c, bond = ctx.contract, ctx.contract.bond
    final = next((row for inst, row in zip(c.installments, installments(ctx), strict=True)
                  if inst.trigger.after == "bond_confirmed"), None)
    steps = [bond_lodging(ctx),
             _unbounded(ctx, "bond_confirm", bond.clause, "Buyer confirms the bond",
                        "bond_confirmed", "bond_submitted")]
    if final is not None:
        steps.append(final._replace(key="bond_final_payment",
                                    title=f"Final payment once the bond is confirmed "
                                          f"({final.title.split(': ', 1)[1]})"))
    steps += [completion_window(ctx),
              _unbounded(ctx, "completion_certificate", bond.refund_clause,
                         "Buyer issues the completion certificate", "completion_certified",
                         "completion_requested"),
              bond_refund(ctx)]
    return steps


def _unbounded(ctx: Context, key: str, clause: str, title: str, event: str,
               after: str) -> Obligation:
    """A buyer's step the contract sets no deadline for: done, open, or waiting."""
    day, implied = happened_on(ctx, event)
    if day is not None:
        status, state = status_of(ctx, due=None, done=day, waiting_for=None, implied_by=implied)
    elif happened_on(ctx, after)[0] is not None:
        status, state = "open", "no deadline stated; not yet recorded"
    else:
        status, state = "waiting", f"waiting for {EVENT_WORDS[after]}"
    return Obligation(key=key, clause=clause, party="buyer", title=title,
                      trigger=f"after {EVENT_WORDS[after]} (no deadline stated)",
                      status=status, state=state, done_on=None if implied else day)


def completion_window(ctx: Context) -> Obligation:
    """3.7: request the completion certificate within N working days before expiry.

    The term's last day is still inside the term, so the window is the N working days ending
    on it: from the N-th working day before the day after expiry, through the last day.
    """
    w, c = ctx.contract.completion_request, ctx.contract
    end = ctx.anchor(w.before) or c.term.end
    opens = ctx.calendar.add(end + dt.timedelta(days=1), -w.working_days)
    day, implied = happened_on(ctx, "completion_requested")
    status, state = status_of(ctx, due=end, done=day, waiting_for=None, implied_by=implied)
    if status == "due" and ctx.as_of < opens:
        status, state = "upcoming", f"window opens on {opens}"
    return Obligation(key="completion_request", clause=w.clause, party="vendor",
                      title="Vendor requests the completion certificate",
                      trigger=f"within {w.working_days} working days before the term ends ({end})",
                      earliest=opens, due=end, done_on=None if implied else day,
                      status=status, state=state,
                      estimate=ctx.calendar.is_estimate(opens, end), sort_date=opens)
