"""Delay damages (逾期违约金): days late in tiers, on a base, capped, with a right to terminate.

The one place the rule lives: `penalty`, the schedules (`payments`, `bond`, `timeline`) and
`status` all ask here, so a 10%-capped contract never shows the uncapped figure anywhere.
Day k late (k = 1, 2, ...) is charged at the rate of the tier holding k: tiers run from the day
after the previous tier's `through_day` through their own; the last runs on. Amounts stay exact
(rounded to the fen where shown); the cap is applied to the exact figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from contractcalc.core.money.amounts import percent_of, permille_of
from contractcalc.i18n import _

if TYPE_CHECKING:
    from contractcalc.core.model import Contract, Damages, DelayCovers, DelayDamages

COVERS: dict[str, DelayCovers] = {"deliverable": "deliverables", "bond_submit": "bond",
                                  "completion_request": "completion_request"}
"""Obligation kind → the name `applies_to` gives it."""


class TierDays(NamedTuple):
    """The days of one tier that a delay reaches."""

    number: int
    first: int
    """First day late in this tier (1-based)."""
    last: int
    permille: Decimal
    per_day: Decimal
    """Exact: base × permille / 1000."""
    amount: Decimal

    @property
    def days(self) -> int:
        return self.last - self.first + 1


class DelayFigure(NamedTuple):
    days: int
    base: Decimal
    tiers: tuple[TierDays, ...]
    """The tiers the delay reaches, each with its days."""
    uncapped: Decimal
    cap: Decimal | None
    """The item's cap (None: no cap, or one cap for all items only: see combine)."""
    amount: Decimal
    """The damages: min(uncapped, cap)."""
    next_day: Decimal
    """What one more day late adds (0 once the cap is reached)."""
    terminate_after: int | None

    @property
    def capped(self) -> bool:
        return self.cap is not None and self.uncapped > self.cap

    @property
    def may_terminate(self) -> bool:
        return self.terminate_after is not None and self.days > self.terminate_after


class Combined(NamedTuple):
    """The delay damages of several late items of one contract, with the cap across them."""

    items: int
    uncapped: Decimal
    """The items' figures added up (each already capped where the cap is each item's)."""
    cap: Decimal | None
    """The one cap over all items (cap_covers: all, of the total); None otherwise."""
    amount: Decimal
    stacks: bool
    """True when the items' damages add up with no common cap."""

    @property
    def capped(self) -> bool:
        return self.cap is not None and self.uncapped > self.cap


def covers(terms: DelayDamages, kind: str) -> bool:
    """Whether a late vendor obligation of this kind carries delay damages."""
    name = COVERS.get(kind)
    if name is None:
        return False
    return terms.applies_to is None or name in terms.applies_to


def base_amount(terms: DelayDamages, total: Decimal, item: Decimal | None) -> Decimal | None:
    """What the rates are of: the total, or the late item's amount (None when it has none)."""
    return total if terms.base == "total" else item


def covers_each(terms: DelayDamages) -> bool:
    """The cap is each item's own: written so, or a cap of the item's base."""
    return terms.cap_of == "base" or terms.cap_covers == "each"


def item_cap(terms: DelayDamages, total: Decimal, base: Decimal) -> Decimal | None:
    """The cap one item's damages stop at. A cap of the total bounds each item too."""
    if terms.cap_percent is None:
        return None
    return percent_of(base if terms.cap_of == "base" else total, terms.cap_percent)


def rate_on(terms: DelayDamages, day: int) -> Decimal:
    """The permille charged for day `day` late (1-based)."""
    for tier in terms.tiers:
        if tier.through_day is None or day <= tier.through_day:
            return tier.daily_permille
    return terms.tiers[-1].daily_permille


def figure(terms: DelayDamages, *, total: Decimal, base: Decimal, days: int) -> DelayFigure:
    """The damages for `days` late on `base`, tier by tier, capped."""
    parts: list[TierDays] = []
    first = 1
    for n, tier in enumerate(terms.tiers, 1):
        if first > days:
            break
        last = days if tier.through_day is None else min(days, tier.through_day)
        if last >= first:
            per_day = permille_of(base, tier.daily_permille)
            parts.append(TierDays(n, first, last, tier.daily_permille, per_day,
                                  per_day * (last - first + 1)))
        first = max(first, last + 1)
    uncapped = sum((p.amount for p in parts), Decimal(0))
    cap = item_cap(terms, total, base)
    amount = uncapped if cap is None else min(uncapped, cap)
    following = permille_of(base, rate_on(terms, days + 1))
    next_day = following if cap is None else max(Decimal(0), min(following, cap - amount))
    return DelayFigure(days, base, tuple(parts), uncapped, cap, amount, next_day,
                       terms.terminate_after_days)


def combine(terms: DelayDamages, total: Decimal, amounts: Iterable[Decimal]) -> Combined:
    """The items' damages together: one cap over all of them where the contract caps the
    cumulative damages by the total (cap_covers: all); else they add up."""
    found = list(amounts)
    uncapped = sum(found, Decimal(0))
    if terms.cap_percent is not None and not covers_each(terms):
        cap = percent_of(total, terms.cap_percent)
        return Combined(len(found), uncapped, cap, min(uncapped, cap), False)
    return Combined(len(found), uncapped, None, uncapped, True)


def item_figure(contract: Contract, *, kind: str | None, amount: Decimal | None,
                days: int) -> DelayFigure | None:
    """The delay damages of one late vendor obligation; None where the contract's delay damages
    do not cover its kind, or count on an amount it does not have."""
    terms = contract.damages.delay_terms
    if terms is None or kind is None or not covers(terms, kind):
        return None
    base = base_amount(terms, contract.total, amount)
    if base is None:
        return None
    return figure(terms, total=contract.total, base=base, days=days)


Problem = tuple[tuple[Any, ...], str]


def damages_problems(d: Damages) -> Iterator[Problem]:
    """What the damages section's types cannot say: parts given by halves, rates out of range,
    tiers with gaps or overlaps, a cap out of range."""
    where = ("damages",)
    if d.daily_permille is not None and not Decimal(0) <= d.daily_permille <= Decimal(1000):
        yield (*where, "daily_permille"), _("must be between 0 and 1000")
    if (d.daily_permille is None) != (d.daily_clause is None):
        yield (*where, "daily_permille"), _("give daily_permille and daily_clause together")
    if d.delay is not None and d.daily_permille is not None:
        yield (*where, "delay"), _("give either delay (tiers) or daily_permille, not both")
    fa = (d.failed_acceptance_percent, d.failed_acceptance_count, d.failed_acceptance_clause)
    if any(v is None for v in fa) and any(v is not None for v in fa):
        yield (*where, "failed_acceptance_percent"), _(
            "give failed_acceptance_percent, failed_acceptance_count and "
            "failed_acceptance_clause together, or none of them")
    if (d.breach_percent is None) != (d.breach_clause is None):
        yield (*where, "breach_percent"), _("give breach_percent and breach_clause together")
    for name in ("failed_acceptance_percent", "breach_percent"):
        value = getattr(d, name)
        if value is not None and not Decimal(0) <= value <= Decimal(100):
            yield (*where, name), _("must be between 0 and 100")
    if d.failed_acceptance_count is not None and d.failed_acceptance_count < 1:
        yield (*where, "failed_acceptance_count"), _("must be at least 1")
    if d.delay is not None:
        yield from tier_problems((*where, "delay"), d.delay)


def tier_problems(where: tuple[Any, ...], t: DelayDamages) -> Iterator[Problem]:
    if not t.tiers:
        yield (*where, "tiers"), _("at least one tier is required")
    previous = 0
    for n, tier in enumerate(t.tiers):
        path = (*where, "tiers", n)
        if not Decimal(0) <= tier.daily_permille <= Decimal(1000):
            yield (*path, "daily_permille"), _("must be between 0 and 1000")
        last = n == len(t.tiers) - 1
        if tier.through_day is None and not last:
            yield (*path, "through_day"), _(
                "only the last tier may leave out through_day: this one would run on and "
                "overlap tier {next}").format(next=n + 2)
        elif tier.through_day is not None and last:
            yield (*path, "through_day"), _(
                "the last tier must leave out through_day (it runs on): days after day {day} "
                "would have no rate").format(day=tier.through_day)
        if tier.through_day is not None:
            if tier.through_day <= previous:
                yield (*path, "through_day"), _(
                    "must be more than the previous tier's through_day ({day}): tiers in "
                    "order, without overlap").format(day=previous)
            previous = max(previous, tier.through_day)
    if t.cap_percent is not None and not Decimal(0) < t.cap_percent <= Decimal(100):
        yield (*where, "cap_percent"), _("must be more than 0 and at most 100")
    if t.terminate_after_days is not None and t.terminate_after_days < 0:
        yield (*where, "terminate_after_days"), _("must not be negative")
    if t.applies_to is not None and len(set(t.applies_to)) != len(t.applies_to):
        yield (*where, "applies_to"), _("names an obligation twice")
