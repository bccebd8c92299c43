"""Deliverables: one-off documents and periodic reports, each due a number of working days after
its anchor (the term's end, or the end of its reporting period). Reporting periods count from the
service start, as the payment for months of service does."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from contractcalc.core.events import Context, happened_on
from contractcalc.core.model import Deliverable
from contractcalc.core.obligations import (
    Assumption,
    Due,
    Obligation,
    Standing,
    deadline,
    standing,
)
from contractcalc.core.service import PERIOD_MONTHS, periods


def deliverable(ctx: Context, item: Deliverable) -> Iterator[Obligation]:
    assumption: Assumption | None = "no_day_stated" if item.assumed else None
    if item.due is None:
        day, _ = happened_on(ctx, item.id)
        yield Obligation(key=item.id, kind="deliverable", clause=item.clause, party="vendor",
                         event=item.id,
                         name=item.name, standing=Standing("done" if day else "open"), done_on=day)
        return
    if item.every is None:
        anchor_date = ctx.anchor(item.due.after)
        due = deadline(ctx, item.due, anchor_date) if anchor_date else Due(None)
        if item.due.after == "term_end" and ctx.service.assumed_end and not assumption:
            assumption = "service_end"
        done_on, _ = happened_on(ctx, item.id)
        yield Obligation(key=item.id, kind="deliverable", clause=item.clause, party="vendor",
                         event=item.id,
                         name=item.name, trigger=item.due, due=due.day, done_on=done_on,
                         amount=item.amount,
                         assumption=assumption, sort_date=due.day,
                         standing=standing(ctx, party="vendor", due=due, done=done_on,
                                    waiting_for=item.due.after, kind="deliverable",
                                    amount=item.amount))
        return
    span = ctx.service
    for n, (first, last) in enumerate(periods(span.first, span.last,
                                              PERIOD_MONTHS[item.every]), 1):
        due = deadline(ctx, item.due, last)
        key = f"{item.id}_{n}"
        done_on, _ = happened_on(ctx, key)
        yield Obligation(
            key=key, kind="deliverable", clause=item.clause, party="vendor",
                         event=item.id, name=item.name,
            number=n, period=(first, last), trigger=item.due,
            earliest=last + dt.timedelta(days=1), due=due.day, done_on=done_on,
            amount=item.amount,
            assumption=assumption, sort_date=due.day,
            standing=standing(ctx, party="vendor", due=due, done=done_on, waiting_for=None,
                              kind="deliverable", amount=item.amount))
