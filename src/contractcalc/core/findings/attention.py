"""What needs attention in one contract on a given day, and what is at stake: the answer to the
question each user asks every week, as data for `status` to gather across contracts.

An obligation needs attention when it is overdue, falls due within the next N working days
(or its window opens then), waits for its invoice past its date, or was done late. Each carries
what is at stake: the daily damages accrued on a late vendor obligation (to date and per day)
and the flat damages for breach the lateness may trigger; the amount of a late payment.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, NamedTuple

from contractcalc.core.obligations import Obligation, working_days_left

if TYPE_CHECKING:
    from contractcalc.core.events import Context
    from contractcalc.core.staff import Ladder

Urgency = Literal["overdue", "due_soon", "waiting_invoice", "done_late", "staff",
                  "retention_held", "later"]
RANK: dict[Urgency, int] = {"overdue": 0, "staff": 1, "due_soon": 2, "waiting_invoice": 3,
                            "done_late": 4, "retention_held": 5, "later": 6}


class Item(NamedTuple):
    urgency: Urgency
    obligation: Obligation | None
    """None for a standing that is no dated obligation (the staff ladder)."""
    working_days_left: int | None = None
    damages_per_day: Decimal | None = None
    flat_damages: Decimal | None = None
    """The flat damages for breach a late vendor obligation may trigger."""
    ladder: Ladder | None = None

    @property
    def finding(self) -> bool:
        return self.urgency in ("overdue", "done_late", "staff")


def attention(ctx: Context, items: list[Obligation], *, within: int,
              ladder: Ladder | None = None, everything: bool = False) -> list[Item]:
    """The items of one contract worth a look, most urgent first. `everything` keeps the rest
    (done on time, far ahead) as urgency 'later'."""
    from contractcalc.core.damages.delay import item_figure
    from contractcalc.core.money.amounts import percent_of

    c = ctx.contract
    breach = c.damages.breach_percent
    flat = percent_of(c.total, breach) if breach is not None else None
    found: list[Item] = []
    for o in items:
        urgency = _urgency(ctx, o, within)
        if urgency == "later" and not everything:
            continue
        late_vendor = o.party == "vendor" and o.days_late is not None and o.days_late > 0
        left = (working_days_left(ctx, o.due) if o.status == "due" and o.due else None)
        fig = (item_figure(c, kind=o.kind, amount=o.amount, days=o.days_late or 0)
               if late_vendor else None)
        found.append(Item(urgency, o, left, fig.next_day if fig else None,
                          flat if late_vendor else None))
    if ladder is not None and (ladder.standing != "fine" or everything):
        found.append(Item("staff" if ladder.standing != "fine" else "later", None, ladder=ladder))
    return sorted(found, key=_order)


def _urgency(ctx: Context, o: Obligation, within: int) -> Urgency:
    if o.status == "overdue":
        return "overdue"
    if o.status == "done":
        return "done_late" if o.days_late else "later"
    if o.status == "waiting" and o.waiting_for and o.waiting_for == o.invoice_event:
        return "waiting_invoice"
    if o.retention and o.status in ("held", "waiting", "unknown"):
        return "retention_held"  # status lists retention still held, across contracts
    day = o.earliest if o.status == "upcoming" and o.kind == "completion_request" else o.due
    if o.status in ("due", "upcoming") and day is not None and not o.optional:
        left = working_days_left(ctx, day) if day > ctx.as_of else 0
        if left is not None and left <= within:
            return "due_soon"
    return "later"


def _order(item: Item) -> tuple[int, int, dt.date]:
    o = item.obligation
    if o is None:
        return (RANK[item.urgency], 0, dt.date.max)
    days = -(o.days_late or 0) if item.urgency == "overdue" else (item.working_days_left or 0)
    return (RANK[item.urgency], days, o.due or o.done_on or dt.date.max)
