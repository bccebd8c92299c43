"""A dated obligation and where it stands on a given day: what payments, bond, deliverables and
the timeline share.

Obligations are data, not sentences: a status code, the dates, the days late, the event waited
for. The CLI turns them into words in the user's language (cli/views/obligations.py).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, NamedTuple

from contractcalc.core.errors import CalendarDataMissing

if TYPE_CHECKING:
    from contractcalc.core.events import Context
    from contractcalc.core.model import Trigger

Status = Literal["done", "due", "overdue", "waiting", "open", "upcoming", "before_signing",
                 "unknown", "held", "withheld"]
"""done: happened (`days_late` set when after its due date); due: deadline ahead; overdue:
deadline passed, not done; waiting: its trigger has not happened (or, for a payment, the
invoice); open: may happen now, no deadline; upcoming: its window or first day lies ahead;
before_signing: the deadline falls before the contract took effect; unknown: the due date needs
a year without a holiday schedule; held: retention (质保金) kept by the buyer until its release
date (`earliest`); withheld: a fee part wholly taken by the period's credits and deductions,
nothing left to pay."""
Party = Literal["buyer", "vendor"]
Kind = Literal["installment", "bond_submit", "bond_confirm", "completion_request",
               "completion_certificate", "bond_refund", "deliverable", "renewal_application", "fee"]
Assumption = Literal["no_day_stated", "service_end"]
"""no_day_stated: the contract names no day, the due date is the file's reading;
service_end: counted from the service period's end because the written term ends before service
could start."""


class Standing(NamedTuple):
    """Where an obligation stands on the day asked."""

    status: Status
    days_late: int | None = None
    damages: Decimal | None = None
    waiting_for: str | None = None
    estimate: bool = False
    missing_year: int | None = None


class Obligation(NamedTuple):
    key: str
    """Stable id: installment_1, bond_submit, quarterly_report_2, ..."""
    kind: Kind
    clause: str | None
    party: Party
    standing: Standing
    """Where it stands on the day asked: status, days late, damages, what it waits for."""
    event: str | None = None
    """The event that records it done (what `--event` and `events:` take)."""
    trigger: Trigger | None = None
    """The rule that sets its date; None where the contract states none."""
    after: str | None = None
    """For a step with no deadline: the event it follows."""
    number: int | None = None
    """Installment number, or the period number of a periodic deliverable."""
    name: str | None = None
    """What the contract calls it (a deliverable's name, an installment's name)."""
    percent: Decimal | None = None
    period: tuple[dt.date, dt.date] | None = None
    due: dt.date | None = None
    earliest: dt.date | None = None
    """First day it may happen (window opens, payable from)."""
    done_on: dt.date | None = None
    implied_by: str | None = None
    """Set when it is known done only because this later event is recorded."""
    implied_on: dt.date | None = None
    amount: Decimal | None = None
    amount_words: str | None = None
    """The amount in 大写 as the contract writes it, where it does (shown as written)."""
    assumption: Assumption | None = None
    subject_to_funds: bool = False
    invoice_event: str | None = None
    """For a payment the invoice rule covers: the event recording its invoice."""
    invoice_on: dt.date | None = None
    optional: bool = False
    """True for a right the party may use (the renewal application): never overdue."""
    retention: bool = False
    """质保金: held until `earliest` (its release date), then due by `due`."""
    sort_date: dt.date | None = None

    @property
    def status(self) -> Status:
        return self.standing.status

    @property
    def days_late(self) -> int | None:
        """Calendar days past the due date: overdue so far, or how late it was done."""
        return self.standing.days_late

    @property
    def damages(self) -> Decimal | None:
        """Daily damages the lateness triggers (vendor obligations), exact, unrounded."""
        return self.standing.damages

    @property
    def waiting_for(self) -> str | None:
        """The event it waits for (status waiting)."""
        return self.standing.waiting_for

    @property
    def estimate(self) -> bool:
        """Computed with an estimated calendar for a year without an official schedule."""
        return self.standing.estimate

    @property
    def missing_year(self) -> int | None:
        """The year without a holiday schedule that keeps the due date unknown."""
        return self.standing.missing_year


class Due(NamedTuple):
    day: dt.date | None
    estimate: bool = False
    missing_year: int | None = None


def deadline(ctx: Context, trigger: Trigger, anchor_date: dt.date) -> Due:
    """The due date a trigger sets from its anchor; a missing holiday year is data, not a crash,
    so every other row of a report can still be shown."""
    start = anchor_date
    if trigger.months is not None:
        from contractcalc.core.calendar.dates import add_months

        start = add_months(anchor_date, trigger.months)
        if trigger.working_days is None:
            return Due(start)
    try:
        if trigger.days is not None:
            due = ctx.calendar.add_calendar_days(start, trigger.days)
        else:
            due = ctx.calendar.add(start, trigger.working_days or 0)
        return Due(due, ctx.calendar.is_estimate(anchor_date, due))
    except CalendarDataMissing as exc:
        return Due(None, False, exc.year)


def working_days_left(ctx: Context, due: dt.date) -> int | None:
    """Working days after today up to and including the due date; None when unknown."""
    try:
        return ctx.calendar.count(ctx.as_of + dt.timedelta(days=1), due)
    except CalendarDataMissing:
        return None


def daily_damages(ctx: Context, days: int, *, kind: str | None,
                  amount: Decimal | None = None) -> Decimal | None:
    """The delay damages `days` late on an obligation of this kind (damages/delay.py: tiers, base,
    the item's cap), exact; None where the contract's delay damages do not cover it, or count on
    an amount the item does not have."""
    from contractcalc.core.damages.delay import item_figure

    fig = item_figure(ctx.contract, kind=kind, amount=amount, days=days)
    return None if fig is None else fig.amount


def standing(ctx: Context, *, party: Party, due: Due, done: dt.date | None,
             waiting_for: str | None, firm: bool = True, dated: bool = True,
             kind: str | None = None, amount: Decimal | None = None) -> Standing:
    """Status, lateness and damages of an obligation as of ctx.as_of.

    firm=False: the date is the first day it may happen, not a deadline: never overdue.
    kind, amount: what a late vendor obligation is, for the delay damages it carries.
    dated=False: `done` is the date of a later event that proves it, not its own date, so how
    late it was is not known (and no lateness is claimed).
    Days late run from the day after the due date through the day it was done (or as_of),
    in calendar days, as damages clauses count them.
    """
    day = due.day
    late: int | None = None
    status: Status
    if done is not None:
        status = "done"
        if dated and firm and day is not None and done > day and day >= ctx.effective:
            late = (done - day).days
    elif day is None:
        status = "unknown" if due.missing_year else "waiting"
    elif not firm:
        status = "open" if ctx.as_of >= day else "upcoming"
    elif day < ctx.effective:
        status = "before_signing"
    elif ctx.as_of > day:
        status, late = "overdue", (ctx.as_of - day).days
    else:
        status = "due"
    damages = (daily_damages(ctx, late, kind=kind, amount=amount)
               if party == "vendor" and late else None)
    return Standing(status, late, damages, waiting_for if status == "waiting" else None,
                    due.estimate, due.missing_year)
