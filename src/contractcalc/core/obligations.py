"""A dated obligation and its status on a given day: what payments, bond and timeline share."""

import datetime as dt
from decimal import Decimal
from typing import Literal, NamedTuple

from contractcalc.core.events import Context
from contractcalc.core.model import Trigger

Status = Literal["done", "due", "overdue", "waiting", "open", "upcoming", "before_signing"]
Party = Literal["buyer", "vendor"]

EVENT_WORDS = {
    "signed": "signing", "service_started": "service start",
    "first_payment_received": "receipt of the first payment",
    "second_payment_received": "receipt of the second payment",
    "bond_submitted": "bond submission", "bond_confirmed": "bond confirmation",
    "final_payment_received": "receipt of the final payment",
    "completion_requested": "the completion request",
    "completion_certified": "the completion certificate", "bond_returned": "the bond's return",
    "term_start": "the term's start", "term_end": "the term's end",
    "period_end": "the period's end",
}


class Obligation(NamedTuple):
    key: str
    clause: str
    title: str
    party: Party
    trigger: str
    """The rule in plain words, e.g. '20 working days after signing'."""
    status: Status
    state: str
    """Status in plain words as of the day asked: 'overdue by 12 days', 'waiting for …'."""
    due: dt.date | None = None
    earliest: dt.date | None = None
    """First day it may happen (window opens, payable from)."""
    done_on: dt.date | None = None
    amount: Decimal | None = None
    estimate: bool = False
    """Computed with weekends only for a year without an official schedule."""
    assumption: str | None = None
    """Set where the contract names no date and the due date is our reading."""
    sort_date: dt.date | None = None


def describe_trigger(trigger: Trigger) -> str:
    what = EVENT_WORDS.get(trigger.after, trigger.after)
    if trigger.months is not None:
        return f"after {trigger.months} month(s) of continuous service"
    return f"{trigger.working_days} working days after {what}"


def deadline(ctx: Context, trigger: Trigger, anchor_date: dt.date) -> tuple[dt.date, bool]:
    """Due date and whether it is an estimate."""
    if trigger.months is not None:
        from contractcalc.core.dates import add_months

        return add_months(anchor_date, trigger.months), False
    due = ctx.calendar.add(anchor_date, trigger.working_days or 0)
    return due, ctx.calendar.is_estimate(anchor_date, due)


def status_of(ctx: Context, *, due: dt.date | None, done: dt.date | None,
              waiting_for: str | None, firm: bool = True,
              implied_by: str | None = None) -> tuple[Status, str]:
    """Status and its words. firm=False: a date the obligation may happen from, never overdue."""
    if done is not None:
        if implied_by:
            return "done", f"done (its date is not recorded; {EVENT_WORDS[implied_by]} on {done})"
        return "done", f"done on {done}"
    if due is None:
        return "waiting", f"waiting for {EVENT_WORDS.get(waiting_for or '', waiting_for)}"
    if not firm:
        if ctx.as_of >= due:
            return "open", f"payable since {due} (no fixed deadline)"
        return "upcoming", f"payable from {due} (no fixed deadline)"
    if due < ctx.effective:
        return "before_signing", (f"falls on {due}, before the contract took effect on "
                                  f"{ctx.effective}")
    if ctx.as_of > due:
        days = (ctx.as_of - due).days
        return "overdue", f"overdue by {days} day{'s' if days != 1 else ''}"
    if ctx.as_of == due:
        return "due", "due today"
    left = ctx.calendar.count(ctx.as_of + dt.timedelta(days=1), due)
    return "due", f"due in {left} working day{'s' if left != 1 else ''}"
