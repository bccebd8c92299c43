"""Renewal caps and conditions: how many renewals, how far the amount may move, and when.

Three verdicts: allowed; not yet (a condition that the course of the term will meet is not met
yet, e.g. no completion certificate); not allowed (past the cap, the amount out of range, a
breach in the term being renewed, or an application after that term has ended).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, NamedTuple

from contractcalc.core.money import HUNDRED, fen_inward, percent_of

if TYPE_CHECKING:
    from contractcalc.core.events import ServicePeriod
    from contractcalc.core.model import Renewal

State = Literal["met", "unmet", "not_recorded"]
Verdict = Literal["allowed", "not_yet", "not_allowed"]


def percent_text(change: Decimal, limit: Decimal) -> str:
    """Two decimals, unless that would round a value just past the limit onto it."""
    text = f"{change:+.2f}"
    if abs(Decimal(text)) == limit and Decimal(text) != change:
        text = f"{change:+.10f}".rstrip("0")
    return text


class Condition(NamedTuple):
    key: str
    clause: str
    text: str
    state: State
    detail: str


class RenewalCheck(NamedTuple):
    number: int
    max_renewals: int
    base: Decimal
    low: Decimal
    """The smallest allowed amount in fen (the exact bound rounded up)."""
    high: Decimal
    """The largest allowed amount in fen (the exact bound rounded down)."""
    proposed: Decimal
    change_percent: Decimal
    in_range: bool
    """The proposed amount is within the exact bounds (base ± the limit)."""
    term: ServicePeriod
    """The term being renewed: its work is 'the prior year', its end the application deadline."""
    conditions: tuple[Condition, ...]
    reasons: tuple[str, ...]
    """Why the renewal is not allowed; empty when it is or may become so."""
    pending: tuple[str, ...]
    """What is still missing before it is allowed."""

    @property
    def verdict(self) -> Verdict:
        return "not_allowed" if self.reasons else "not_yet" if self.pending else "allowed"

    @property
    def allowed(self) -> bool:
        return self.verdict == "allowed"


def check_renewal(*, terms: Renewal, base: Decimal, proposed: Decimal, number: int,
                  certified: dt.date | None, breaches: tuple[dt.date, ...],
                  term: ServicePeriod, as_of: dt.date) -> RenewalCheck:
    """as_of is the day of the application. Both ends of the range are allowed: ±10% of
    240,000.00 is 216,000.00 to 264,000.00 (续签合同金额 … 调整金额不得超过 … 10%)."""
    from contractcalc.core.errors import InputError

    for field, value in (("base", base), ("proposed", proposed)):
        if value <= 0:
            raise InputError(f"must be positive, got {value}", field=field)
    swing = percent_of(base, terms.max_change_percent)
    low, high = fen_inward(base - swing, base + swing)
    change = (proposed - base) / base * HUNDRED
    reasons: list[str] = []
    pending: list[str] = []
    if number > terms.max_renewals:
        reasons.append(f"renewal no. {number}: at most {terms.max_renewals} renewals are allowed")
    in_range = base - swing <= proposed <= base + swing
    if not in_range:
        shown = percent_text(change, terms.max_change_percent)
        reasons.append(f"the amount is {shown}% from the first contract; at "
                       f"most ±{terms.max_change_percent}% is allowed")
    ends = f"{term.last}{' (assumed)' if term.assumed_end else ''}"
    late = as_of > term.last
    conditions = [Condition(
        "in_time", terms.clause, "the application is made before the term ends",
        "unmet" if late else "met", f"applied {as_of}; the term ends {ends}")]
    if late:
        reasons.append(f"the application on {as_of} is after the term ended on {ends}: it must "
                       f"be made before the term ends")
    if terms.requires_certificate:
        done = certified is not None  # what happened by as_of is decided in core/events.py
        conditions.append(Condition(
            "certificate", terms.clause, "the application attaches this term's completion "
            "certificate", "met" if done else "not_recorded",
            f"certified on {certified}" if done else "no completion_certified event recorded"))
        if not done:
            pending.append("the completion certificate is not recorded yet "
                           "(event completion_certified)")
    if terms.no_breach_in_prior_year:
        recent = sorted(d for d in breaches if term.first <= d <= term.last)
        conditions.append(Condition(
            "no_breach", terms.clause, "no breach of contract in the term being renewed",
            "unmet" if recent else "met",
            f"breach on {', '.join(map(str, recent))}" if recent else
            f"no breach recorded from {term.first} to {min(term.last, as_of)}"))
        if recent:
            reasons.append(f"a breach in the term being renewed ({recent[-1]}) bars renewal")
    return RenewalCheck(number, terms.max_renewals, base, low, high, proposed, change, in_range,
                        term, tuple(conditions), tuple(reasons), tuple(pending))
