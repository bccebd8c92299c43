"""Every dated obligation of the contract in one list: by date, and the undated ones in the
order the contract's chain of events reaches them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from contractcalc.core.bond import bond_lodging, bond_refund, bond_steps
from contractcalc.core.deliverables import deliverable
from contractcalc.core.events import Context
from contractcalc.core.obligations import Due, Obligation, standing
from contractcalc.core.payments.installments import installments


def timeline(ctx: Context, withheld: Mapping[int, Decimal] | None = None) -> list[Obligation]:
    """Every obligation by date; fees less `withheld` per fee period (core/payments/fees.py)."""
    from contractcalc.core.payments.fees import fee_obligations

    items = [*installments(ctx), *fee_obligations(ctx, withheld),
             *bond_steps(ctx, with_payments=False),
             *(o for d in ctx.contract.deliverables for o in deliverable(ctx, d)),
             *([renewal_application(ctx)] if ctx.contract.renewal is not None else [])]
    depth = chain_depth(ctx)
    producer = {o.event: o for o in items if o.event}
    far = dt.date.max

    def when(o: Obligation, seen: frozenset[str] = frozenset()) -> dt.date:
        """Its own date, else the date of the step it follows (a certificate follows the
        request), so undated steps stand where the chain of events puts them."""
        own = o.sort_date or o.due or o.earliest or o.done_on
        if own is not None:
            return own
        step = o.after or (o.trigger.after if o.trigger else None)
        before = producer.get(step or "")
        if before is None or o.key in seen:
            return far
        return when(before, seen | {o.key})

    def order(o: Obligation) -> tuple[dt.date, int, int]:
        step = o.event or ""
        return (when(o), depth.get(step, 0), items.index(o))

    return sorted(items, key=order)


def chain_depth(ctx: Context) -> dict[str, int]:
    """How many events stand between signing and each event: the order undated steps follow
    (the bond's refund waits for the certificate, which waits for the request ...)."""
    depth: dict[str, int] = {"signed": 0, "service_started": 0, "term_start": 0}
    for _ in range(len(ctx.proves) + 1):  # relax until stable; the chain is short
        changed = False
        for later, earlier in ctx.proves.items():
            want = 1 + max((depth.get(e, 0) for e in earlier), default=0)
            if depth.get(later, -1) < want:
                depth[later], changed = want, True
        if not changed:
            break
    return depth


def renewal_application(ctx: Context) -> Obligation:
    """The vendor may apply to renew before the term ends, attaching the certificate: a right,
    never overdue (a missed chance is shown as a closed window)."""
    c = ctx.contract
    end = ctx.service.last
    state = standing(ctx, party="vendor", due=Due(end), done=None, waiting_for=None)
    if state.status == "overdue":
        state = state._replace(status="open", days_late=None, damages=None)
    assert c.renewal is not None
    return Obligation(key="renewal_application", kind="renewal_application",
                      clause=c.renewal.clause, party="vendor", due=end, optional=True,
                      assumption="service_end" if ctx.service.assumed_end else None,
                      sort_date=end, standing=state)


def money_flows(ctx: Context, withheld: Mapping[int, Decimal] | None = None
                ) -> list[Obligation]:
    """Everything that moves money: the installments, the fees by period (less `withheld`,
    the credits and deductions per fee period: core/payments/fees.py), the bond in and back."""
    from contractcalc.core.payments.fees import fee_obligations

    flows = installments(ctx) + fee_obligations(ctx, withheld)
    if ctx.contract.bond is not None:
        flows += [bond_lodging(ctx), bond_refund(ctx)]
    far = dt.date.max
    return sorted(flows, key=lambda o: (o.sort_date is None, o.sort_date or far))
