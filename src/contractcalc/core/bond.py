"""The performance bond: lodged by the vendor, confirmed, returned after the completion
certificate; with the completion-request window that leads to that certificate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from contractcalc.core.errors import CalendarDataMissing
from contractcalc.core.events import Context, happened_on
from contractcalc.core.model import Bond, Trigger
from contractcalc.core.money.amounts import percent_of, to_fen
from contractcalc.core.obligations import (
    Assumption,
    Due,
    Kind,
    Obligation,
    Party,
    Standing,
    Status,
    deadline,
    standing,
)
from contractcalc.core.payments.installments import installments

TIED_TO = ("bond_submitted", "bond_confirmed")  # payments that wait for the bond


def _bond(ctx: Context) -> Bond:
    bond = ctx.contract.bond
    assert bond is not None, "only for a contract with a performance bond"
    return bond


def bond_amount(ctx: Context) -> Decimal:
    return to_fen(percent_of(ctx.contract.total, _bond(ctx).percent))


def _step(ctx: Context, *, key: Kind, clause: str | None, party: Party, trigger: Trigger,
          event: str) -> Obligation:
    """An obligation that a trigger dates and an event fulfils."""
    anchor_date = ctx.anchor(trigger.after)
    due = Due(None) if anchor_date is None else deadline(ctx, trigger, anchor_date)
    day, implied = happened_on(ctx, event)
    state = standing(ctx, party=party, due=due, done=day, waiting_for=trigger.after,
                     dated=implied is None, kind=key, amount=bond_amount(ctx))
    return Obligation(key=key, kind=key, clause=clause, party=party, trigger=trigger, event=event,
                      percent=_bond(ctx).percent, amount=bond_amount(ctx), due=due.day,
                      done_on=None if implied else day, implied_by=implied,
                      implied_on=day if implied else None, sort_date=due.day,
                      standing=state)


def bond_lodging(ctx: Context) -> Obligation:
    bond = _bond(ctx)
    return _step(ctx, key="bond_submit", clause=bond.clause, party="vendor",
                 trigger=bond.submit, event="bond_submitted")


def bond_refund(ctx: Context) -> Obligation:
    bond = _bond(ctx)
    return _step(ctx, key="bond_refund", clause=bond.refund_clause, party="buyer",
                 trigger=bond.refund, event="bond_returned")


def bond_steps(ctx: Context, *, with_payments: bool = True) -> list[Obligation]:
    """Lodge, confirm, the payments that wait for the bond, completion request and certificate,
    refund: in the order they happen. Without a bond, the completion steps alone.
    with_payments=False leaves the payments out (the timeline lists every installment itself,
    so it need not compute them twice)."""
    c, bond = ctx.contract, ctx.contract.bond
    completion = [] if c.completion_request is None else [
        completion_window(ctx),
        _unbounded(ctx, "completion_certificate", c.completion_request.clause,
                   "completion_certified", "completion_requested")]
    if bond is None:
        return completion
    tied = [row for inst, row in zip(c.installments, installments(ctx), strict=True)
            if inst.trigger.after in TIED_TO] if with_payments else []
    return [bond_lodging(ctx),
            _unbounded(ctx, "bond_confirm", bond.clause, "bond_confirmed", "bond_submitted"),
            *tied, *completion, bond_refund(ctx)]


def _unbounded(ctx: Context, key: Kind, clause: str | None, event: str,
               after: str) -> Obligation:
    """A buyer's step the contract sets no deadline for: done, open, or waiting."""
    day, implied = happened_on(ctx, event)
    status: Status
    if day is not None:
        status = "done"
    elif happened_on(ctx, after)[0] is not None:
        status = "open"
    else:
        status = "waiting"
    return Obligation(key=key, kind=key, clause=clause, party="buyer",
                      standing=Standing(status, waiting_for=after if status == "waiting" else None),
                      event=event,
                      after=after,
                      done_on=None if implied else day, implied_by=implied,
                      implied_on=day if implied else None)


def completion_window(ctx: Context) -> Obligation:
    """Request the completion certificate within N working days before the term ends.

    The term's last day is still inside the term, so the window is the N working days ending
    on it: from the N-th working day before the day after expiry, through the last day.
    """
    w = ctx.contract.completion_request
    assert w is not None, "only for a contract with a completion request"
    end = ctx.anchor(w.before) or ctx.service.last
    assumption: Assumption | None = ("service_end" if w.before == "term_end"
                                     and ctx.service.assumed_end else None)
    try:  # the N working days on or before the end: counted within the end's own year and
        # before, so a window ending on 12-31 needs no schedule for the next year
        back = w.working_days - 1 if ctx.calendar.is_workday(end) else w.working_days
        opens: dt.date | None = ctx.calendar.add(end, -back) if back else end
        estimate = ctx.calendar.is_estimate(opens or end, end)
        due = Due(end, estimate)
    except CalendarDataMissing as exc:
        opens, due = None, Due(None, False, exc.year)
    day, implied = happened_on(ctx, "completion_requested")
    state = standing(ctx, party="vendor", due=due, done=day, waiting_for=None,
                     dated=implied is None, kind="completion_request")
    if state.status == "due" and opens is not None and ctx.as_of < opens:
        state = state._replace(status="upcoming")
    return Obligation(key="completion_request", kind="completion_request", clause=w.clause,
                      party="vendor", event="completion_requested", earliest=opens, due=end,
                      trigger=Trigger(after=w.before, working_days=w.working_days),
                      done_on=None if implied else day, implied_by=implied,
                      implied_on=day if implied else None, assumption=assumption,
                      sort_date=opens or end, standing=state)
