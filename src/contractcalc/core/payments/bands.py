"""How a contract's bands fit together, for `check`: score bands of a fee part, the uptime
service-credit bands, the shares of a period's fee. Each band on its own is checked on loading
(model.problems); here, the gaps, overlaps and order between them, which make a figure depend
on a reading of the contract rather than on the contract."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise
from typing import Literal

from contractcalc.core.model import Contract
from contractcalc.i18n import _

Severity = Literal["error", "warning", "info"]
Found = tuple[Severity, str | None, str, str]
"""(severity, clause, field, message)."""


def band_findings(c: Contract) -> Iterator[Found]:
    yield from _fees(c)
    yield from _credits(c)


def _fees(c: Contract) -> Iterator[Found]:
    fees = c.fees
    if fees is None:
        return
    total = sum((p.percent for p in fees.parts), Decimal(0))
    if total != 100:
        yield ("error", fees.clause, "fees.parts",
               _("the parts add up to {percent}% of the period's fee, not 100%").format(
                   percent=total))
    for n, part in enumerate(fees.parts):
        where = f"fees.parts.{n}.score_bands"
        bands = part.score_bands
        if not bands:
            continue
        mins = [b.min for b in bands]
        if len(set(mins)) != len(mins):
            yield ("error", fees.clause, where, _("two bands start at the same score: which "
                                                  "one applies is not said (overlap)"))
        if mins != sorted(mins, reverse=True):
            yield ("warning", fees.clause, where, _("bands are not listed from the highest "
                                                    "score down; each score takes the band "
                                                    "of the highest min it reaches"))
        if min(mins) > 0:
            yield ("error", fees.clause, where, _(
                "no band for scores below {min}: such a score pays nothing the contract "
                "states (a gap; add a band with min: 0)").format(min=min(mins)))
        ordered = sorted(bands, key=lambda b: b.min, reverse=True)
        for higher, lower in pairwise(ordered):
            if lower.min < higher.min and lower.pay_percent > higher.pay_percent:
                yield ("error", fees.clause, where, _(
                    "a score of {low} pays {low_pay}% but a score of {high} only "
                    "{high_pay}%: a lower score pays more").format(
                        low=lower.min, low_pay=lower.pay_percent, high=higher.min,
                        high_pay=higher.pay_percent))
    yield from _fee_span(c)
    if c.installments and fees is not None:
        yield ("warning", fees.clause, "fees", _("the contract has both installments and "
                                                 "fees by period: check that they do not pay "
                                                 "the same service twice"))


def _fee_span(c: Contract) -> Iterator[Found]:
    """The fee periods against the term and the total: days in no period, a sum that is not
    the total."""
    import datetime as dt

    from contractcalc.core.money.amounts import display
    from contractcalc.core.payments.fee_periods import fee_periods
    from contractcalc.core.service import service_period

    fees = c.fees
    assert fees is not None
    spans = fee_periods(c)
    last = service_period(c, as_of=dt.date.max).last
    if not spans:
        yield ("error", fees.clause, "fees.from", _(
            "no whole {every} fits between {first} and the service period's end {last}: no "
            "fee is due").format(every=fees.every, first=fees.first or c.term.start, last=last))
        return
    if spans[-1][1] < last:
        yield ("warning", fees.clause, "fees", _(
            "{first} to {last} falls in no fee period (only whole periods are counted): "
            "state how that part is paid").format(first=spans[-1][1] + dt.timedelta(days=1),
                                                  last=last))
    summed = fees.amount * len(spans)
    if c.installments == () and summed != c.total:
        yield ("warning", fees.clause, "fees.amount", _(
            "{count} periods of {amount} make {sum}, not the total {total}").format(
                count=len(spans), amount=display(fees.amount), sum=display(summed),
                total=display(c.total)))


def _credits(c: Contract) -> Iterator[Found]:
    u = c.uptime
    if u is None:
        return
    bands = u.credits
    if not bands:
        return
    where = "uptime.credits"
    belows = [b.below for b in bands]
    if len(set(belows)) != len(belows):
        yield ("error", u.clause, where, _("two credit bands have the same 'below': which "
                                           "one applies is not said (overlap)"))
    if belows != sorted(belows, reverse=True):
        yield ("warning", u.clause, where, _("credit bands are not listed from the highest "
                                             "'below' down; the lowest band reached applies"))
    top = max(belows)
    if top < u.target_percent:
        yield ("error", u.clause, where, _(
            "uptime from {top}% up to the target {target}% misses the target but earns no "
            "credit (a gap; the first band's 'below' is usually the target)").format(
                top=top, target=u.target_percent))
    elif top > u.target_percent:
        yield ("error", u.clause, where, _(
            "uptime from {target}% up to {top}% meets the target yet earns a credit (an "
            "overlap with passing)").format(top=top, target=u.target_percent))
    ordered = sorted(bands, key=lambda b: b.below, reverse=True)
    for higher, lower in pairwise(ordered):
        if lower.below < higher.below and lower.percent_of_fee < higher.percent_of_fee:
            yield ("error", u.clause, where, _(
                "below {low}% the credit is {low_pay}% but below {high}% it is {high_pay}%: "
                "worse uptime earns a smaller credit").format(
                    low=lower.below, low_pay=lower.percent_of_fee, high=higher.below,
                    high_pay=higher.percent_of_fee))
    if c.fees is None:
        yield ("warning", u.clause, where, _("credits are a percent of the period's fee, but "
                                             "the contract has no fees: no amount can be "
                                             "shown"))
    elif u.period is not None and u.period != "year" and \
            {"month": 1, "quarter": 3}[u.period] < {"month": 1, "quarter": 3}[c.fees.every]:
        yield ("warning", u.clause, "uptime.period", _(
            "uptime is judged each {period} but fees are paid each {every}: each {period}'s "
            "credit is counted as a percent of the fee of the period that holds it").format(
                period=u.period, every=c.fees.every))
