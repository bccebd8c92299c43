"""Renewal caps and conditions: how many renewals, how far the amount may move, and when.

Three verdicts: allowed; not yet (a condition that the course of the term will meet is not met
yet, e.g. no completion certificate); not allowed (past the cap, the amount out of range, a
breach in the term being renewed, or an application after that term has ended).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, NamedTuple

from contractcalc.core.money.amounts import HUNDRED, fen_inward, percent_of
from contractcalc.i18n import _

if TYPE_CHECKING:
    from contractcalc.core.model import Renewal
    from contractcalc.core.service import ServicePeriod

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
            raise InputError(_("must be positive, got {value}").format(value=value), field=field)
    swing = percent_of(base, terms.max_change_percent)
    low, high = fen_inward(base - swing, base + swing)
    change = (proposed - base) / base * HUNDRED
    reasons: list[str] = []
    pending: list[str] = []
    if number > terms.max_renewals:
        reasons.append(_("renewal no. {number}: at most {max} renewals are allowed").format(
            number=number, max=terms.max_renewals))
    in_range = base - swing <= proposed <= base + swing
    if not in_range:
        shown = percent_text(change, terms.max_change_percent)
        reasons.append(_("the amount is {change}% from the first contract; at most "
                         "±{limit}% is allowed").format(
            change=shown, limit=terms.max_change_percent))
    ends = (_("{date} (assumed)") if term.assumed_end else "{date}").format(date=term.last)
    late = as_of > term.last
    conditions = [Condition(
        "in_time", terms.clause, _("the application is made before the term ends"),
        "unmet" if late else "met",
        _("applied {date}; the term ends {end}").format(date=as_of, end=ends))]
    if late:
        reasons.append(_("the application on {date} is after the term ended on {end}: it must "
                         "be made before the term ends").format(date=as_of, end=ends))
    if terms.requires_certificate:
        done = certified is not None  # what happened by as_of is decided in core/events.py
        conditions.append(Condition(
            "certificate", terms.clause, _("the application attaches this term's completion "
                                           "certificate"), "met" if done else "not_recorded",
            _("certified on {date}").format(date=certified) if done else
            _("no completion_certified event recorded")))
        if not done:
            pending.append(_("the completion certificate is not recorded yet "
                             "(event completion_certified)"))
    if terms.no_breach_in_prior_year:
        recent = sorted(d for d in breaches if term.first <= d <= term.last)
        conditions.append(Condition(
            "no_breach", terms.clause, _("no breach of contract in the term being renewed"),
            "unmet" if recent else "met",
            _("breach on {dates}").format(dates=_(", ").join(map(str, recent))) if recent else
            _("no breach recorded from {first} to {last}").format(
                first=term.first, last=min(term.last, as_of))))
        if recent:
            reasons.append(_("a breach in the term being renewed ({date}) bars renewal").format(
                date=recent[-1]))
    return RenewalCheck(number, terms.max_renewals, base, low, high, proposed, change, in_range,
                        term, tuple(conditions), tuple(reasons), tuple(pending))
