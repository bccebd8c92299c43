"""Every dated obligation of the contract in one chronological list."""

import datetime as dt

from contractcalc.core.bond import bond_steps
from contractcalc.core.deliverables import deliverable
from contractcalc.core.events import Context
from contractcalc.core.obligations import Obligation, status_of
from contractcalc.core.payments import installments


def timeline(ctx: Context) -> list[Obligation]:
    items = [*installments(ctx),
             *(s for s in bond_steps(ctx) if s.key != "bond_final_payment"),
             *(o for d in ctx.contract.deliverables for o in deliverable(ctx, d)),
             _renewal_application(ctx)]
    far = dt.date.max
    return sorted(items, key=lambda o: (o.sort_date or o.due or o.earliest or far, o.key))


def _renewal_application(ctx: Context) -> Obligation:
    """5.2: the vendor may apply to renew before the term ends, attaching the certificate."""
    c = ctx.contract
    status, state = status_of(ctx, due=c.term.end, done=None, waiting_for=None)
    if status == "overdue":  # optional: a missed chance, not a breach
        status, state = "open", f"window closed on {c.term.end} (renewal is optional)"
    return Obligation(key="renewal_application", clause=c.renewal.clause, party="vendor",
                      title="Renewal application, with the completion certificate (optional)",
                      trigger="before the term ends", due=c.term.end, status=status, state=state,
                      sort_date=c.term.end)
