"""The performance bond: lodged by the vendor, confirmed, returned after the completion
certificate; with the completion-request window that leads to that certificate."""

import datetime as dt
from typing import Any

from contractcalc.core.events import Context, happened_on
from contractcalc.core.money import percent_of, to_fen
from contractcalc.core.obligations import (
    EVENT_WORDS,
    Obligation,
    describe_trigger,
    status_of,
)
from contractcalc.core.payments import installments, step


def bond_lodging(ctx: Context) -> Obligation:
    bond = ctx.contract.bond
    return Obligation(key="bond_submit", clause=bond.clause, party="vendor",
                      title=f"Vendor lodges the performance bond ({bond.percent}% of the total)",
                      trigger=describe_trigger(bond.submit), amount=_bond_amount(ctx),
                      **step(ctx, bond.submit, "bond_submitted"))


def bond_refund(ctx: Context) -> Obligation:
    bond = ctx.contract.bond
    return Obligation(key="bond_refund", clause=bond.refund_clause, party="buyer",
                      title="Buyer returns the bond", trigger=describe_trigger(bond.refund),
                      amount=_bond_amount(ctx), **step(ctx, bond.refund, "bond_returned"))


def _bond_amount(ctx: Context) -> Any:
    return to_fen(percent_of(ctx.contract.total, ctx.contract.bond.percent))


def bond_steps(ctx: Context) -> list[Obligation]:
    """Lodge, confirm, final payment, completion request and certificate, refund (3.6–3.7)."""
    c, bond = ctx.contract, ctx.contract.bond
    final = next((row for inst, row in zip(c.installments, installments(ctx), strict=True)
                  if inst.trigger.after == "bond_confirmed"), None)
    steps = [bond_lodging(ctx),
             _unbounded(ctx, "bond_confirm", bond.clause, "Buyer confirms the bond",
                        "bond_confirmed", "bond_submitted")]
    if final is not None:
        steps.append(final._replace(key="bond_final_payment",
                                    title=f"Final payment once the bond is confirmed "
                                          f"({final.title.split(': ', 1)[1]})"))
    steps += [completion_window(ctx),
              _unbounded(ctx, "completion_certificate", bond.refund_clause,
                         "Buyer issues the completion certificate", "completion_certified",
                         "completion_requested"),
              bond_refund(ctx)]
    return steps


def _unbounded(ctx: Context, key: str, clause: str, title: str, event: str,
               after: str) -> Obligation:
    """A buyer's step the contract sets no deadline for: done, open, or waiting."""
    day, implied = happened_on(ctx, event)
    if day is not None:
        status, state = status_of(ctx, due=None, done=day, waiting_for=None, implied_by=implied)
    elif happened_on(ctx, after)[0] is not None:
        status, state = "open", "no deadline stated; not yet recorded"
    else:
        status, state = "waiting", f"waiting for {EVENT_WORDS[after]}"
    return Obligation(key=key, clause=clause, party="buyer", title=title,
                      trigger=f"after {EVENT_WORDS[after]} (no deadline stated)",
                      status=status, state=state, done_on=None if implied else day)


def completion_window(ctx: Context) -> Obligation:
    """3.7: request the completion certificate within N working days before expiry.

    The term's last day is still inside the term, so the window is the N working days ending
    on it: from the N-th working day before the day after expiry, through the last day.
    """
    w, c = ctx.contract.completion_request, ctx.contract
    end = ctx.anchor(w.before) or c.term.end
    opens = ctx.calendar.add(end + dt.timedelta(days=1), -w.working_days)
    day, implied = happened_on(ctx, "completion_requested")
    status, state = status_of(ctx, due=end, done=day, waiting_for=None, implied_by=implied)
    if status == "due" and ctx.as_of < opens:
        status, state = "upcoming", f"window opens on {opens}"
    return Obligation(key="completion_request", clause=w.clause, party="vendor",
                      title="Vendor requests the completion certificate",
                      trigger=f"within {w.working_days} working days before the term ends ({end})",
                      earliest=opens, due=end, done_on=None if implied else day,
                      status=status, state=state,
                      estimate=ctx.calendar.is_estimate(opens, end), sort_date=opens)
