"""The totals of what each side owes (core/totals.py) as JSON rows and sentences: one wording
for `payments` and `status`."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from contractcalc.cli.views.obligations import cite, display, money
from contractcalc.i18n import _, ngettext

if TYPE_CHECKING:
    from contractcalc.core.obligations import Party
    from contractcalc.core.totals import Total


def total_rows(totals: dict[Party, Total], contract: str | None) -> list[dict[str, Any]]:
    """One JSON object per party: amounts as strings to the fen, the cap that bit."""
    rows = []
    for party, t in totals.items():
        cap = t.caps[0] if t.caps else None
        row: dict[str, Any] = {
            "party": party, "owed": money(t.owed), "overdue": money(t.overdue),
            "held": money(t.held),
            "payments": money(t.by_kind.get("payment")),
            "retention": money(t.by_kind.get("retention")),
            "fees": money(t.by_kind.get("fee")),
            "fees_withheld": money(t.withheld) if t.withheld else None,
            "fees_unpriced": t.unpriced,
            "delay_damages": money(t.by_kind.get("delay_damages")),
            "delay_damages_uncapped": money(t.uncapped) if t.caps else None,
            "cap": money(sum((c.limit for c in t.caps), Decimal(0))) if cap else None,
            "capped": bool(t.caps), "stacks": t.stacks, "may_terminate": t.may_terminate}
        if contract is not None:
            row = {"contract": contract, **row}
        rows.append(row)
    return rows


def total_notes(totals: dict[Party, Total], contract: str | None,
                price: Decimal | None = None) -> list[str]:
    """'contract X: the buyer owes …; the vendor owes …' in words; `price` the contract's
    total, to say when uncapped damages pass it."""
    where = _("contract {number}: ").format(number=contract) if contract else _("in all: ")
    notes = []
    buyer = totals.get("buyer")
    if buyer is not None:
        text = _("the buyer owes {owed} unpaid, of which {overdue} overdue and {held} retention "
                 "held").format(owed=display(buyer.owed), overdue=display(buyer.overdue),
                                held=display(buyer.held))
        if buyer.withheld:
            text += _(" (fees after {amount} of service credits and SLA deductions taken off "
                      "them)").format(amount=display(buyer.withheld))
        if buyer.unpriced:
            text += ngettext("; plus {count} fee part whose amount waits for its score (not "
                             "in the sum)", "; plus {count} fee parts whose amount waits for "
                             "their score (not in the sum)", buyer.unpriced).format(
                count=buyer.unpriced)
        notes.append(where + text)
    vendor = totals.get("vendor")
    damages = vendor.by_kind.get("delay_damages") if vendor is not None else None
    if vendor is not None and damages is not None:
        if contract is None:
            text = _("the vendor owes {amount} in delay damages accrued (each contract's cap "
                     "applied)").format(amount=display(damages))
        elif vendor.caps:
            text = _("the vendor owes {amount} in delay damages accrued: the items add up to "
                     "{uncapped}, capped at {cap}{cite}").format(
                amount=display(damages), uncapped=display(vendor.uncapped),
                cap=display(sum((c.limit for c in vendor.caps), Decimal(0))),
                cite=cite(vendor.caps[0].clause) if len(vendor.caps) == 1 else "")
        elif vendor.stacks:
            text = _("the vendor owes {amount} in delay damages accrued (no common cap: the "
                     "items' damages add up)").format(amount=display(damages))
        else:
            text = _("the vendor owes {amount} in delay damages accrued (within the "
                     "cap)").format(amount=display(damages))
        if contract is not None and vendor.stacks and price is not None and damages > price:
            text += _("; more than the contract's total {total}: the contract states no cap "
                      "(a court may reduce damages far above the loss, PRC Civil Code "
                      "art. 585)").format(total=display(price))
        if vendor.may_terminate and contract is not None:
            text += _("; a delay gives the buyer the right to terminate")
        notes.append(where + text)
    return notes


def elsewhere_note(other: dict[Party, Total]) -> list[str]:
    """`payments` totals only its own rows; the vendor's delay damages on the deliverables and
    steps it does not show are named once, with the command that shows them."""
    vendor = other.get("vendor")
    damages = vendor.by_kind.get("delay_damages") if vendor is not None else None
    if not damages:
        return []
    return [_("not in these totals: {amount} in delay damages on late deliverables and steps "
              "this table does not show (before any cap): see contractcalc status or "
              "contractcalc timeline").format(amount=display(damages))]
