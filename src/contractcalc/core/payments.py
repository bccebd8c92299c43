"""The payment plan: each installment as a dated obligation of the buyer."""

import datetime as dt
from typing import Any

from contractcalc.core.events import Context, happened_on
from contractcalc.core.model import Trigger
from contractcalc.core.money import percent_of, to_fen
from contractcalc.core.obligations import (
    Obligation,
    deadline,
    describe_trigger,
    status_of,
)


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


def money_flows(ctx: Context) -> list[Obligation]:
    """Everything that moves money: the installments, the bond in and the bond back."""
    from contractcalc.core.bond import bond_lodging, bond_refund

    flows = [*installments(ctx), bond_lodging(ctx), bond_refund(ctx)]
    far = dt.date.max
    return sorted(flows, key=lambda o: (o.status == "waiting", o.sort_date or far))
