"""Fees by period (服务费按月/按季度支付): each period's fee split into parts, each part due a
number of working days after the period's end or after the period's evaluation (考核), a part
with score bands paid at the band the period's score reaches, less the period's service credits
and SLA deductions.

Event names follow the deliverables' convention, by period number from 1: `fee_N_evaluated`
(recorded with its score) and `fee_N_paid` where a period has one part, `fee_N_P_paid` (part P
from 1) where it has several.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from contractcalc.core.money.amounts import HUNDRED, percent_of, to_fen
from contractcalc.core.payments.fee_periods import evaluated_event, fee_periods, paid_event

if TYPE_CHECKING:
    from contractcalc.core.events import Context
    from contractcalc.core.model import Contract, Fees, ScoreBand
    from contractcalc.core.obligations import Obligation

ZERO = Decimal(0)


def period_of(contract: Contract, day: dt.date) -> int | None:
    """The fee period (1-based) holding `day`, if any."""
    for n, (first, last) in enumerate(fee_periods(contract), 1):
        if first <= day <= last:
            return n
    return None


def part_amounts(fees: Fees) -> list[Decimal]:
    """Each part's share of one period's fee, half-up to the fen; where the percents make 100%
    the last part takes the remainder, so the parts add up to the fee (3 × 33.33% … of 100.00
    would otherwise lose a fen)."""
    amounts = [to_fen(percent_of(fees.amount, part.percent)) for part in fees.parts]
    if amounts and sum((p.percent for p in fees.parts), ZERO) == HUNDRED:
        amounts[-1] = to_fen(fees.amount) - sum(amounts[:-1], ZERO)
    return amounts


def band_percent(bands: Sequence[ScoreBand], score: Decimal) -> Decimal | None:
    """The pay percent of the highest band whose minimum the score reaches; None when it
    reaches none (a gap `check` reports)."""
    reached = [b for b in bands if score >= b.min]
    return max(reached, key=lambda b: b.min).pay_percent if reached else None


class FeePart(NamedTuple):
    """One part of one period's fee, with how its amount was found."""

    period: int
    first: dt.date
    last: dt.date
    part: int
    base: Decimal
    """The part's share of the fee before the score band."""
    score: Decimal | None
    pay_percent: Decimal | None
    """The score band's percent; 100 for a part without bands; None while the score is not in."""
    withheld: Decimal
    """Service credits and SLA deductions taken from this part."""
    amount: Decimal | None
    """What the buyer pays for it; None while the score is not in."""
    event: str
    """The event that records it paid."""
    waiting_for: str | None
    """The evaluation event it waits for (its score not in yet)."""


def fee_parts(contract: Contract, scores: Mapping[str, Decimal],
              withheld: Mapping[int, Decimal]) -> list[FeePart]:
    """Every period's parts. `withheld[n]` (credits and deductions of period n) is taken from
    the period's parts from the last-due one back, never below zero: the share paid on the
    evaluation is what the buyer still holds when they are known. Every part falls due after
    its period has ended, when its credits and deductions are known, so the amounts are what
    was owed whichever parts are recorded paid. What cannot be taken (a part still waiting for
    its score, or the fee used up) is reported (unrecovered)."""
    fees = contract.fees
    if fees is None:
        return []
    bases = part_amounts(fees)
    out = []
    for n, (first, last) in enumerate(fee_periods(contract), 1):
        event = evaluated_event(n)
        score = scores.get(event)
        rows = []
        for p, (part, base) in enumerate(zip(fees.parts, bases, strict=True), 1):
            if not part.score_bands:
                percent: Decimal | None = HUNDRED
            elif score is None:
                percent = None
            else:
                percent = band_percent(part.score_bands, score)
            amount = None if percent is None else to_fen(percent_of(base, percent))
            rows.append(FeePart(n, first, last, p, base, score if part.score_bands else None,
                                percent, ZERO, amount, paid_event(fees, n, p),
                                event if part.score_bands and percent is None else None))
        left = withheld.get(n, ZERO)
        for k in reversed(range(len(rows))):
            row = rows[k]
            if left <= 0 or row.amount is None:
                continue
            take = min(left, row.amount)
            rows[k] = row._replace(withheld=take, amount=row.amount - take)
            left -= take
        out += rows
    return out


def unrecovered(contract: Contract, parts: Sequence[FeePart],
                withheld: Mapping[int, Decimal]) -> dict[int, Decimal]:
    """Per period, credits and deductions beyond what its parts could give up (nothing left
    to take them from, or a part still waiting for its score)."""
    taken: dict[int, Decimal] = {}
    for p in parts:
        taken[p.period] = taken.get(p.period, ZERO) + p.withheld
    return {n: amount - taken.get(n, ZERO) for n, amount in withheld.items()
            if amount - taken.get(n, ZERO) > 0}


def scores_by(ctx: Context) -> dict[str, Decimal]:
    """The scores of evaluations that have happened by the day asked (one dated later has not,
    and neither has its score)."""
    return {name: score for name, score in ctx.contract.events.scores.items()
            if name in ctx.happened}


def fee_obligations(ctx: Context, withheld: Mapping[int, Decimal] | None = None
                    ) -> list[Obligation]:
    """Each part of each period as a buyer's payment obligation: due N (working) days after the
    period's end or its evaluation; a part with score bands waits for the evaluation and its
    score, naming the event."""
    from contractcalc.core.events import happened_on
    from contractcalc.core.obligations import Due, Obligation, deadline, standing

    contract = ctx.contract
    fees = contract.fees
    if fees is None:
        return []
    rows = []
    parts = fee_parts(contract, scores_by(ctx), withheld or {})
    for fp in parts:
        spec = fees.parts[fp.part - 1]
        evaluated = evaluated_event(fp.period)
        anchor_name = evaluated if spec.due.after == "evaluated" else "period_end"
        anchor = fp.last if anchor_name == "period_end" else ctx.happened.get(evaluated)
        trigger = spec.due._replace(after=anchor_name)
        due = Due(None) if anchor is None else deadline(ctx, trigger, anchor)
        paid, implied = happened_on(ctx, fp.event)
        waiting = fp.waiting_for if anchor is not None else anchor_name
        state = standing(ctx, party="buyer", due=due, done=paid, waiting_for=waiting,
                         dated=implied is None)
        if fp.amount == 0 and fp.withheld and paid is None:
            state = state._replace(status="withheld", days_late=None)
        elif fp.amount is None and paid is None and state.status != "waiting":
            state = state._replace(status="waiting", waiting_for=fp.waiting_for, days_late=None)
        rows.append(Obligation(
            key=f"fee_{fp.period}_{fp.part}", kind="fee", clause=fees.clause, party="buyer",
            standing=state, event=fp.event, trigger=trigger, number=fp.period,
            name=str(fp.part), percent=spec.percent, period=(fp.first, fp.last), due=due.day,
            done_on=None if implied else paid, implied_by=implied,
            implied_on=paid if implied else None, amount=fp.amount, sort_date=due.day))
    # A part with no date yet stands after its period's dated parts, not after every period.
    latest: dict[int | None, dt.date] = {}
    for o in rows:
        if o.sort_date is not None:
            latest[o.number] = max(latest.get(o.number, o.sort_date), o.sort_date)
    return [o if o.sort_date else o._replace(sort_date=latest.get(o.number, o.period[1]
                                                                   if o.period else None))
            for o in rows]
