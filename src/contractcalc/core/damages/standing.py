"""One late item's delay damages beside the contract's other late items: its own figure
(delay.item_figure), the items together under a cap over all of them (delay.combine), and what
one more day adds once both caps are counted.

Why: a letter or a view that names one item must not claim more than the contract allows in
all; where the cap covers every item together (累计不超过), the item's own figure can be below its
cap while the items together have already reached it, and then nothing more accrues.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from contractcalc.core.damages.delay import Combined, DelayFigure, combine, item_figure
from contractcalc.core.model import Contract
from contractcalc.core.obligations import Obligation


class ItemDamages(NamedTuple):
    figure: DelayFigure
    """The item's own damages, tier by tier, under its own cap."""
    combined: Combined
    """Every late vendor item's damages together (this one included), under the common cap."""
    others: Decimal
    """The other items' damages (exact), as the totals add them."""
    accruing: bool
    """Not done: the damages still grow, up to the caps."""
    next_day: Decimal
    """What one more day late adds: 0 for a done item, and once either cap is reached."""

    @property
    def capped(self) -> bool:
        """A cap bounds what may be claimed: the item's own, or the one over all items."""
        return self.figure.capped or self.combined.capped


def item_damages(contract: Contract, item: Obligation,
                 items: Iterable[Obligation]) -> ItemDamages | None:
    """The delay damages of `item` as of the day its standing was computed; None where the
    contract's delay damages do not reach it."""
    terms = contract.damages.delay_terms
    fig = item_figure(contract, kind=item.kind, amount=item.amount, days=item.days_late or 0)
    if terms is None or fig is None or item.damages is None:
        return None
    late = [o for o in items if o.party == "vendor" and o.damages is not None]
    together = combine(terms, contract.total, (o.damages for o in late if o.damages is not None))
    others = sum((o.damages for o in late if o.key != item.key and o.damages is not None),
                 Decimal(0))
    accruing = item.status != "done"
    grows = fig.next_day if accruing else Decimal(0)
    if together.cap is not None:
        grows = max(Decimal(0), min(grows, together.cap - together.uncapped))
    return ItemDamages(fig, together, others, accruing, grows)
