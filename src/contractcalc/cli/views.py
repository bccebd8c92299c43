"""Formatting helpers shared by the command modules: core values → JSON-ready row values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from contractcalc.cli.render import Column
from contractcalc.core.amount_words import to_words
from contractcalc.core.money import display, fen_str

__all__ = ["OBLIGATION_COLUMNS", "base_meta", "display", "iso", "money", "obligation_rows",
           "words"]


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None

def money(amount: Decimal | None) -> str | None:
    return None if amount is None else fen_str(amount)

def words(amount: Decimal | None) -> str | None:
    return None if amount is None else to_words(amount, prefix=True)

def base_meta(contract: Any, as_of: dt.date | None = None) -> dict[str, Any]:
    meta: dict[str, Any] = {"contract": contract.number}
    if as_of is not None:
        meta["as_of"] = as_of.isoformat()
    return meta

def obligation_rows(items: Iterable[Any]) -> list[dict[str, Any]]:
    return [{
        "key": o.key, "clause": o.clause, "title": o.title, "party": o.party,
        "trigger": o.trigger, "amount": money(o.amount), "amount_words": words(o.amount),
        "earliest": iso(o.earliest), "due": iso(o.due), "done_on": iso(o.done_on),
        "status": o.status, "state": o.state, "estimate": o.estimate, "assumption": o.assumption,
        "due_label": _due_label(o),
    } for o in items]


def _due_label(o: Any) -> str | None:
    """The due date as a table shows it, with what qualifies it."""
    if o.due is None:
        return None
    marks = [m for m, on in (("assumed", o.assumption), ("estimate", o.estimate)) if on]
    return f"{o.due} ({', '.join(marks)})" if marks else o.due.isoformat()

OBLIGATION_COLUMNS = (
    Column("clause", "Clause"), Column("title", "Obligation"), Column("amount", "Amount", "money"),
    Column("trigger", "Trigger"), Column("earliest", "From"), Column("due_label", "Due"),
    Column("state", "Status"),
)
