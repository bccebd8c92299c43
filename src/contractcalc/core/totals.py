"""What each side owes, per contract and per party: totals over a list of claims.

A claim is one sum one party owes the other (party, kind, amount): the buyer's unpaid
installments and retention, the buyer's fee parts of the periods that have ended (after the
period's service credits and SLA deductions: what `payments` shows), the vendor's delay damages.
Credits and deductions already taken off a part are not claims of their own (they are counted
once, as the smaller part) but are reported beside the buyer's total (`withheld`). A cap
bounds the claims that name it together (逾期违约金累计不超过合同总价的 10%): applied to their
sum, never per line, so seven late items never add up past the cap.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from contractcalc.core.obligations import Obligation, Party

if TYPE_CHECKING:
    from contractcalc.core.events import Context

ZERO = Decimal(0)


class Claim(NamedTuple):
    party: Party
    """Who owes it."""
    kind: str
    """payment, retention, fee, delay_damages."""
    key: str
    amount: Decimal
    overdue: bool = False
    held: bool = False
    """Retention the buyer keeps until its release date: owed, not yet payable."""
    cap: str | None = None
    """The cap that bounds it together with the other claims naming it."""
    withheld: Decimal = ZERO
    """Credits and deductions already taken off this fee part (not owed again)."""
    priced: bool = True
    """False for a fee part owed whose amount waits for the score (its amount counts 0)."""


class Cap(NamedTuple):
    name: str
    limit: Decimal
    clause: str | None = None


class Total(NamedTuple):
    party: Party
    owed: Decimal
    """Everything it owes (after the caps): unpaid, held and accrued alike."""
    overdue: Decimal
    held: Decimal
    by_kind: dict[str, Decimal]
    """Each kind's sum, after the caps."""
    uncapped: Decimal
    """What the capped claims add up to before their caps."""
    caps: tuple[Cap, ...]
    """The caps that bit."""
    stacks: bool
    """True when its damages add up with no common cap."""
    may_terminate: bool = False
    """A late item gives the other party the right to terminate."""
    withheld: Decimal = ZERO
    """The credits and deductions already taken off its fee parts (not in `owed`)."""
    unpriced: int = 0
    """Fee parts owed whose amount waits for the score: not in `owed`, counted here."""


def totals(claims: Iterable[Claim], caps: Iterable[Cap] = (), *,
           terminable: Iterable[Party] = ()) -> dict[Party, Total]:
    """The claims added up per party, each cap applied to the sum of its claims."""
    found = list(claims)
    limits = {c.name: c for c in caps}
    out: dict[Party, Total] = {}
    ends = set(terminable)
    for party in ("buyer", "vendor"):
        mine = [c for c in found if c.party == party]
        if not mine:
            continue
        by_kind: dict[str, Decimal] = {}
        for c in mine:
            by_kind[c.kind] = by_kind.get(c.kind, ZERO) + c.amount
        bit: list[Cap] = []
        uncapped = ZERO
        for name in dict.fromkeys(c.cap for c in mine if c.cap is not None):
            group = [c for c in mine if c.cap == name]
            gross = sum((c.amount for c in group), ZERO)
            uncapped += gross
            cap = limits[name]
            if gross > cap.limit:
                bit.append(cap)
                kind = group[0].kind
                by_kind[kind] -= gross - cap.limit
        out[party] = Total(
            party, sum(by_kind.values(), ZERO),
            sum((c.amount for c in mine if c.overdue), ZERO),
            sum((c.amount for c in mine if c.held), ZERO), by_kind, uncapped, tuple(bit),
            not any(c.cap for c in mine if c.kind == "delay_damages"), party in ends,
            sum((c.withheld for c in mine), ZERO), sum(1 for c in mine if not c.priced))
    return out


def combine(parts: Iterable[dict[Party, Total]]) -> dict[Party, Total]:
    """Totals of several contracts added per party (each contract's caps already applied)."""
    out: dict[Party, Total] = {}
    for part in parts:
        for party, t in part.items():
            if party not in out:
                out[party] = t
                continue
            o = out[party]
            kinds = dict(o.by_kind)
            for kind, amount in t.by_kind.items():
                kinds[kind] = kinds.get(kind, ZERO) + amount
            out[party] = Total(party, o.owed + t.owed, o.overdue + t.overdue, o.held + t.held,
                               kinds, o.uncapped + t.uncapped, o.caps + t.caps,
                               o.stacks and t.stacks, o.may_terminate or t.may_terminate,
                               o.withheld + t.withheld, o.unpriced + t.unpriced)
    return out


def contract_claims(ctx: Context, items: Iterable[Obligation],
                    withheld: Mapping[int, Decimal] | None = None
                    ) -> tuple[list[Claim], list[Cap], bool]:
    """The claims of one contract's obligations on the day asked, its delay-damages cap, and
    whether a late item gives the buyer the right to terminate; `withheld` the credits and
    deductions per fee period, as the obligations were built with (core/timeline.py)."""
    from contractcalc.core.damages.delay import covers_each, item_figure
    from contractcalc.core.money.amounts import percent_of

    c = ctx.contract
    terms = c.damages.delay_terms
    shared = terms is not None and terms.cap_percent is not None and not covers_each(terms)
    caps = ([Cap("delay_damages", percent_of(c.total, terms.cap_percent), terms.clause)]
            if terms is not None and terms.cap_percent is not None and shared else [])
    claims: list[Claim] = []
    terminate = False
    taken = taken_off(ctx, withheld)
    for o in items:
        if o.kind == "installment" and o.status != "done" and o.amount is not None:
            claims.append(Claim("buyer", "retention" if o.retention else "payment", o.key,
                                o.amount, overdue=o.status == "overdue",
                                held=o.retention and o.status in ("held", "waiting",
                                                                  "unknown")))
        elif o.kind == "fee":
            claim = fee_claim(ctx, o, taken)
            if claim is not None:
                claims.append(claim)
        elif o.party == "vendor" and o.damages is not None:
            claims.append(Claim("vendor", "delay_damages", o.key, o.damages,
                                cap="delay_damages" if shared else None))
            fig = item_figure(c, kind=o.kind, amount=o.amount, days=o.days_late or 0)
            terminate = terminate or (fig is not None and fig.may_terminate)
    return claims, caps, terminate


def fee_claim(ctx: Context, o: Obligation, withheld: Mapping[str, Decimal]) -> Claim | None:
    """A fee part as the buyer's claim: once its period has ended (the service delivered), not
    paid; a part whose score is not in has no amount yet and is counted apart (unpriced); the
    amount is after the
    credits and deductions taken off it (`withheld`, by key), carried beside it, not owed
    again."""
    if o.status == "done" or o.period is None or o.period[1] >= ctx.as_of:
        return None
    if o.amount is None:
        return Claim("buyer", "fee", o.key, ZERO, priced=False)
    return Claim("buyer", "fee", o.key, o.amount, overdue=o.status == "overdue",
                 withheld=withheld.get(o.key, ZERO))


def taken_off(ctx: Context, withheld: Mapping[int, Decimal] | None) -> dict[str, Decimal]:
    """The credits and deductions taken off each fee part, by the part's key (fee_N_P)."""
    if ctx.contract.fees is None or not withheld:
        return {}
    from contractcalc.core.payments.fees import fee_parts, scores_by

    return {f"fee_{p.period}_{p.part}": p.withheld
            for p in fee_parts(ctx.contract, scores_by(ctx), withheld) if p.withheld}


def contract_totals(ctx: Context, items: Iterable[Obligation],
                    withheld: Mapping[int, Decimal] | None = None) -> dict[Party, Total]:
    claims, caps, terminate = contract_claims(ctx, items, withheld)
    return totals(claims, caps, terminable=["vendor"] if terminate else [])
