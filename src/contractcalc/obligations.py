"""A dated obligation and its status on a given day: what payments, bond and timeline share."""

import datetime as dt
from decimal import Decimal
from typing import Literal, NamedTuple

from contractcalc.terms import Contract, Trigger
from contractcalc.workdays import WorkCalendar

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


class Context(NamedTuple):
    """Everything a schedule needs: the terms, what has happened by as_of, and the calendar."""

    contract: Contract
    as_of: dt.date
    calendar: WorkCalendar
    happened: dict[str, dt.date]
    warnings: tuple[str, ...]

    @property
    def effective(self) -> dt.date:
        """The contract takes effect on signing (clause 12)."""
        return self.happened.get("signed", self.contract.signed)

    @property
    def service_start(self) -> dt.date:
        """Recorded start, else the later of the term's start and signing (service cannot
        precede the contract)."""
        return self.happened.get("service_started", max(self.contract.term.start, self.effective))

    def anchor(self, name: str) -> dt.date | None:
        if name == "term_start":
            return self.contract.term.start
        if name == "term_end":
            return self.contract.term.end
        if name == "service_started":
            return self.service_start
        if name == "signed":
            return self.effective
        return self.happened.get(name)


# A later event proves an earlier one happened, even when its own date was not recorded.
IMPLIED_BY = {"first_payment_received": "second_payment_received",
              "second_payment_received": "final_payment_received",
              "bond_submitted": "bond_confirmed", "completion_requested": "completion_certified",
              "completion_certified": "bond_returned"}


def make_context(contract: Contract, *, as_of: dt.date, calendar: WorkCalendar) -> Context:
    """Events dated after as_of have not happened yet as of that day; say so rather than drop."""
    happened: dict[str, dt.date] = {}
    warnings: list[str] = []
    for name, value in zip(contract.events._fields, contract.events, strict=True):
        if not isinstance(value, dt.date):
            continue
        if value > as_of:
            warnings.append(f"event {name} is dated {value}, after --as-of {as_of}: "
                            f"treated as not yet happened")
        else:
            happened[name] = value
    return Context(contract, as_of, calendar, happened, tuple(warnings))


def happened_on(ctx: Context, event: str) -> tuple[dt.date | None, str | None]:
    """When the event happened, or the date of a later event that implies it (and its name)."""
    if event in ctx.happened:
        return ctx.happened[event], None
    later = IMPLIED_BY.get(event)
    if later is None:
        return None, None
    day, _ = happened_on(ctx, later)
    return (day, later) if day is not None else (None, None)


def describe_trigger(trigger: Trigger) -> str:
    what = EVENT_WORDS.get(trigger.after, trigger.after)
    if trigger.months is not None:
        return f"after {trigger.months} month(s) of continuous service"
    return f"{trigger.working_days} working days after {what}"


def deadline(ctx: Context, trigger: Trigger, anchor_date: dt.date) -> tuple[dt.date, bool]:
    """Due date and whether it is an estimate."""
    if trigger.months is not None:
        from contractcalc.dates import add_months

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
