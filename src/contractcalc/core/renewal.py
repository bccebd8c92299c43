"""Renewal caps (clause 5): how many renewals, how far the amount may move, and the conditions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal, NamedTuple

from contractcalc.core.model import Renewal
from contractcalc.core.money import HUNDRED, percent_of

State = Literal["met", "unmet", "not_recorded"]


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
    high: Decimal
    proposed: Decimal
    change_percent: Decimal
    conditions: tuple[Condition, ...]
    reasons: tuple[str, ...]
    """Why the renewal is not allowed; empty when it is."""

    @property
    def allowed(self) -> bool:
        return not self.reasons


def check_renewal(*, terms: Renewal, base: Decimal, proposed: Decimal, number: int,
                  certified: dt.date | None, breaches: tuple[dt.date, ...],
                  as_of: dt.date) -> RenewalCheck:
    """Both ends of the range are allowed: ±10% of 240,000.00 is 216,000.00 to 264,000.00."""
    from dateutil.relativedelta import relativedelta

    from contractcalc.core.errors import InputError

    for field, value in (("base", base), ("proposed", proposed)):
        if value <= 0:
            raise InputError(f"must be positive, got {value}", field=field)
    swing = percent_of(base, terms.max_change_percent)
    low, high = base - swing, base + swing
    change = (proposed - base) / base * HUNDRED
    reasons: list[str] = []
    if number > terms.max_renewals:
        reasons.append(f"renewal no. {number}: at most {terms.max_renewals} renewals are allowed")
    if not low <= proposed <= high:
        shown = percent_text(change, terms.max_change_percent)
        reasons.append(f"the amount is {shown}% from the first contract; at "
                       f"most ±{terms.max_change_percent}% is allowed")
    conditions = []
    if terms.requires_certificate:
        state: State = "met" if certified else "not_recorded"
        conditions.append(Condition(
            "certificate", terms.clause, "the application attaches this term's completion "
            "certificate", state, f"certified on {certified}" if certified else
            "no completion_certified event recorded"))
    if terms.no_breach_in_prior_year:
        since = as_of - relativedelta(years=1)
        recent = sorted(d for d in breaches if since < d <= as_of)
        conditions.append(Condition(
            "no_breach", terms.clause, "no breach of contract in the prior year",
            "unmet" if recent else "met",
            f"breach on {', '.join(map(str, recent))}" if recent else
            f"no breach recorded from {since + dt.timedelta(days=1)} to {as_of}"))
        if recent:
            reasons.append(f"a breach in the prior year ({recent[-1]}) bars renewal")
    return RenewalCheck(number, terms.max_renewals, base, low, high, proposed, change,
                        tuple(conditions), tuple(reasons))
