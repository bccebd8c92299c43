"""Deliverables: one-off documents and periodic reports, each due a number of working days after
its anchor (the term's end, or the end of its reporting period)."""

import datetime as dt
from collections.abc import Iterator

from contractcalc.core.dates import add_months
from contractcalc.core.events import Context
from contractcalc.core.model import Deliverable
from contractcalc.core.obligations import Obligation, deadline, describe_trigger, status_of

PERIOD_MONTHS = {"quarter": 3, "year": 12}


def periods(start: dt.date, end: dt.date, months: int) -> Iterator[tuple[dt.date, dt.date]]:
    """Consecutive periods of `months` counted from the term's start; the last is cut at its end."""
    n = 0
    while (first := add_months(start, months * n)) <= end:
        last = min(add_months(start, months * (n + 1)) - dt.timedelta(days=1), end)
        yield first, last
        n += 1


def deliverable(ctx: Context, item: Deliverable) -> Iterator[Obligation]:
    term = ctx.contract.term
    assumption = ("the contract names no day; due date is our reading" if item.assumed else None)
    if item.due is None:
        yield Obligation(key=item.id, clause=item.clause, title=item.name, party="vendor",
                         trigger="no date stated", status="open", state="no deadline stated")
        return
    if item.every is None:
        anchor_date = ctx.anchor(item.due.after)
        due, estimate = deadline(ctx, item.due, anchor_date) if anchor_date else (None, False)
        done_on = _delivered(ctx, item.id)
        status, state = status_of(ctx, due=due, done=done_on, waiting_for=item.due.after)
        yield Obligation(key=item.id, clause=item.clause, title=item.name, party="vendor",
                         trigger=describe_trigger(item.due), due=due, status=status, state=state,
                         done_on=done_on,
                         estimate=estimate, assumption=assumption, sort_date=due)
        return
    for n, (first, last) in enumerate(periods(term.start, term.end, PERIOD_MONTHS[item.every]), 1):
        due, estimate = deadline(ctx, item.due, last)
        done_on = _delivered(ctx, f"{item.id}_{n}")
        status, state = status_of(ctx, due=due, done=done_on, waiting_for=None)
        yield Obligation(done_on=done_on,
            key=f"{item.id}_{n}", clause=item.clause, title=f"{item.name}: {first} to {last}",
            party="vendor", trigger=describe_trigger(item.due),
            earliest=last + dt.timedelta(days=1),
            due=due, status=status, state=state, estimate=estimate, assumption=assumption,
            sort_date=due)


def _delivered(ctx: Context, key: str) -> dt.date | None:
    day = ctx.contract.events.delivered.get(key)
    return day if day is not None and day <= ctx.as_of else None
