"""Liquidated damages (违约金): per day late, after failed acceptances, for breach or delay.

Rates, clauses and what the contract says beside them come from the contract's terms, never from
constants here. Daily damages are total × rate × days, kept exact and rounded to the fen once,
where they are shown; the per-day rate is shown exactly where it is not a whole fen, so the
product on the page is the amount beside it (693.2505 × 20 = 13,865.01, not 693.25 × 20).
"""

import datetime as dt
from decimal import Decimal
from itertools import pairwise
from typing import NamedTuple

from contractcalc.core.damages.delay import DelayFigure
from contractcalc.core.errors import InputError
from contractcalc.core.model import Damages, DelayDamages
from contractcalc.core.money.amounts import display, percent_of, permille_of
from contractcalc.i18n import _, ngettext

# PRC Civil Code art. 585 and the 2023 interpretation of its contract part (art. 65): damages more
# than 30% above the loss they compensate are generally "excessively higher" and may be reduced.
EXCESS_OVER_LOSS = Decimal("1.3")


class LateDays(NamedTuple):
    """Calendar days late, with the force-majeure days taken out."""

    days: int
    gross: int
    excused: int
    due: dt.date | None = None
    delivered: dt.date | None = None
    excuses: tuple[tuple[dt.date, dt.date], ...] = ()
    counted_to: dt.date | None = None
    """Not delivered: the days are counted to this day and keep accruing until delivery."""
    early: int = 0
    """Delivered (or, not delivered, still) this many days before the due date."""


class Figure(NamedTuple):
    key: str
    clause: str | None
    title: str
    basis: str
    amount: Decimal | None
    """None for a right, not a sum (the buyer's right to terminate)."""
    applies: bool | None
    """True/False when the facts decide it; None when they are not given."""
    note: str | None = None


class Assessment(NamedTuple):
    total: Decimal
    late: LateDays
    per_day: Decimal
    """Exact: the first tier's rate on the base, not rounded."""
    figures: tuple[Figure, ...]
    notes: tuple[str, ...]
    delay: DelayFigure | None = None
    """The delay damages tier by tier, capped; None where the contract states none."""


def daily_rate(total: Decimal, terms: Damages) -> Decimal:
    """The first day's delay damages on the total, exact (rounded where shown); 0 where the
    contract states none. The tiers, base and cap are core/damages/delay.py's."""
    delay = terms.delay_terms
    return permille_of(total, delay.tiers[0].daily_permille) if delay else Decimal(0)


def late_days(due: dt.date, delivered: dt.date | None,
              excuses: tuple[tuple[dt.date, dt.date], ...] = (), *,
              as_of: dt.date | None = None) -> LateDays:
    """Days from the day after `due` through `delivered` (or, not delivered, through as_of),
    less excused days in that span.

    Due 10-01 and delivered 10-13 is 12 days late; delivered on or before the due date is 0.
    """
    end = delivered if delivered is not None else as_of
    if end is None:
        raise InputError(_("give the delivery date, or the day to count to"),
                         field="delivered")
    ordered = sorted(excuses)
    for (a_start, a_end), (b_start, b_end) in pairwise(ordered):
        if b_start <= a_end:
            raise InputError(_("excuse ranges {first} and {second} overlap; merge them into "
                               "one").format(first=f"{a_start}..{a_end}",
                                             second=f"{b_start}..{b_end}"), field="excuses")
    first_late = due + dt.timedelta(days=1)
    excused = sum(max(0, (min(end, stop) - max(start, first_late)).days + 1)
                  for start, stop in ordered)
    gross = max(0, (end - due).days)
    return LateDays(gross - excused, gross, excused, due, delivered, tuple(ordered),
                    None if delivered is not None else end, max(0, (due - end).days))


def _delay_figures(total: Decimal, terms: DelayDamages, days: int,
                   base: Decimal | None) -> tuple[DelayFigure, list[Figure]]:
    from contractcalc.core.damages.delay import base_amount, figure

    on = base_amount(terms, total, base)
    if on is None:
        raise InputError(_("this contract's delay damages count on the late item's amount "
                           "(base: {base}): give it with --base AMOUNT").format(base=terms.base),
                         field="base")
    fig = figure(terms, total=total, base=on, days=days)
    of = (_("of the total") if terms.base == "total" else _("of the late item's amount"))
    rows: list[Figure] = []
    tiered = len(terms.tiers) > 1 or terms.cap_percent is not None
    if tiered:
        for part in fig.tiers:
            rows.append(Figure(
                f"delay_tier_{part.number}", terms.clause,
                _("Delay damages, days {first} to {last}").format(first=part.first,
                                                                   last=part.last),
                # TRANSLATORS: a table cell: no ‰ or × (drawn two columns wide).
                ngettext("{permille} per mille {of} a day, for {days} day",
                         "{permille} per mille {of} a day, for {days} days",
                         part.days).format(permille=part.permille, of=of, days=part.days),
                part.amount, True))
        basis = (_("capped at {percent}% of {what}: {cap}").format(
                     percent=terms.cap_percent, cap=display(fig.cap or Decimal(0)),
                     what=_("the total") if terms.cap_of == "total" else _("the base"))
                 if fig.capped else
                 ngettext("the tiers above, {days} day", "the tiers above, {days} days",
                          days).format(days=days))
        title = _("Delay damages, total")
    else:
        # TRANSLATORS: a table cell: no ‰ or × (drawn two columns wide by Chinese terminals).
        basis = ngettext("{permille} per mille of the total a day, for {days} day",
                         "{permille} per mille of the total a day, for {days} days",
                         days).format(permille=terms.tiers[0].daily_permille, days=days)
        if terms.base != "total":
            basis = ngettext("{permille} per mille {of} a day, for {days} day",
                             "{permille} per mille {of} a day, for {days} days",
                             days).format(permille=terms.tiers[0].daily_permille, of=of,
                                          days=days)
        title = _("Daily damages for late performance")
    rows.append(Figure("daily", terms.clause, title, basis, fig.amount, days > 0))
    if terms.terminate_after_days is not None:
        rows.append(Figure(
            "terminate", terms.clause, _("Buyer may terminate"),
            _("more than {days} day(s) late").format(days=terms.terminate_after_days), None,
            fig.may_terminate))
    return fig, rows


def assess(*, total: Decimal, terms: Damages, late: LateDays,
           failed_acceptances: int | None = None,
           actual_loss: Decimal | None = None, base: Decimal | None = None) -> Assessment:
    from contractcalc.core.ranges import MAX_DAYS

    if late.days < 0:
        raise InputError(_("must not be negative, got {value}").format(value=late.days),
                         field="days_late")
    if late.days > MAX_DAYS:
        raise InputError(_("at most {max} (the span of the supported dates), got {value}").format(
            max=MAX_DAYS, value=late.days), field="days_late")
    if total <= 0:
        raise InputError(_("the total must be positive"), field="total")
    figures: list[Figure] = []
    delay = terms.delay_terms
    fig = None
    per_day = Decimal(0)
    if delay is not None:
        fig, rows = _delay_figures(total, delay, late.days, base)
        per_day = permille_of(fig.base, delay.tiers[0].daily_permille)
        figures += rows
    if terms.breach_percent is not None:
        figures.append(Figure("breach", terms.breach_clause, _("Breach or delay (flat)"),
                              _("{percent}% of the total").format(percent=terms.breach_percent),
                              percent_of(total, terms.breach_percent), None))
    if terms.failed_acceptance_percent is not None:
        n = terms.failed_acceptance_count or 1
        failed_applies = None if failed_acceptances is None else failed_acceptances >= n
        failed_note = (_("{count} failed acceptance(s) recorded; applies from {n}").format(
                           count=failed_acceptances, n=n)
                       if failed_acceptances is not None else
                       _("applies once acceptance has failed {n} times (failures not "
                         "given)").format(n=n))
        figures.append(Figure(
            "failed_acceptance", terms.failed_acceptance_clause,
            _("After {n} failed acceptances").format(n=n),
            _("{percent}% of the total").format(percent=terms.failed_acceptance_percent),
            percent_of(total, terms.failed_acceptance_percent), failed_applies, failed_note))
    notes: list[str] = []
    given = sum((end - start).days + 1 for start, end in late.excuses)
    if given > late.excused and late.due is not None and late.delivered is not None:
        notes.append(_("{count} excused day(s) fall outside the delay ({span}) and change "
                       "nothing").format(count=given - late.excused,
                                         span=f"{late.due + dt.timedelta(days=1)}.."
                                              f"{late.delivered}"))
    if late.excused:
        # TRANSLATORS: a clause number cited after "force majeure", e.g. " (8.2)".
        where = (_(" ({clause})").format(clause=terms.force_majeure_clause)
                 if terms.force_majeure_clause else "")
        notes.append(_("{excused} day(s) excused as force majeure{where}: {gross} day(s) late "
                       "less {excused} = {days}").format(excused=late.excused, where=where,
                                                        gross=late.gross, days=late.days))
    if actual_loss is not None:
        if actual_loss < 0:
            raise InputError(_("must not be negative"), field="actual_loss")
        ceiling = actual_loss * EXCESS_OVER_LOSS
        claimed = sum((f.amount for f in figures if f.key in ("daily", "breach")
                       and f.amount is not None), Decimal(0))
        if claimed > ceiling:
            notes.append(_(
                "if both are claimed, the daily and flat damages together ({claimed}) exceed "
                "the loss ({loss}) by more than 30%: a court may reduce them on request (PRC "
                "Civil Code art. 585; SPC interpretation on the contract part, art. 65)").format(
                    claimed=display(claimed), loss=display(actual_loss)))
    notes += [_("{clause}: {text}").format(clause=p.clause, text=p.text)
              for p in terms.provisions]
    return Assessment(total, late, per_day, tuple(figures), tuple(notes), fig)
