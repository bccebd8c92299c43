"""The statutory rules over every contract, as data: which rule is in force, the LPR at signing.

The rules come from the rule pack (src/contractcalc/data/law/*.yaml, read by shell/law.py): each
with its instrument, article, the days it is in force, a one-line paraphrase and whether its
number was checked against the published text. Nothing here names an article; the core asks for
a rule by its code (payment_term_public, late_interest, ...) and the day that decides which text
applies (the signing day: 条例 第三条 fixes the enterprise's size at signing, and the text in
force then is the one cited).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, NamedTuple

PUBLIC = ("机关", "事业单位")
"""Buyers the public-body rules name (机关、事业单位)."""
UNSTATED = "unstated"
"""How a rule's `applies_to` names a buyer whose kind the file does not state."""


class Rule(NamedTuple):
    code: str
    instrument: str
    article: str
    paraphrase: str
    in_force_from: dt.date
    in_force_to: dt.date | None = None
    edition: str | None = None
    """The order that made the text (国务院令第802号), where the instrument has editions."""
    applies_to: tuple[str, ...] = ()
    """Buyer kinds the rule binds (empty: any); `unstated` admits a file that states none."""
    params: Mapping[str, Any] = MappingProxyType({})
    verified: bool = False
    """True when the article number was checked against the published text."""

    def in_force(self, day: dt.date) -> bool:
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)

    def binds(self, kind: str | None) -> bool:
        return not self.applies_to or (kind or UNSTATED) in self.applies_to

    def param(self, name: str) -> Decimal | None:
        value = self.params.get(name)
        return None if value is None else Decimal(str(value))


class LprTable(NamedTuple):
    """The 1-year LPR as published: each change with its publication day, covered to `through`."""

    changes: tuple[tuple[dt.date, Decimal], ...]
    through: dt.date
    name: str = ""


class RulePack(NamedTuple):
    rules: tuple[Rule, ...]
    lpr: LprTable


class Lpr(NamedTuple):
    """The 1-year LPR for a day: the rate and where it comes from, or why it is not known."""

    percent: Decimal | None
    source: str
    """table (published on `published`), file (the contract's lpr_percent), or not_covered."""
    published: dt.date | None = None


def rule(pack: RulePack, code: str, day: dt.date) -> Rule | None:
    """The rule with this code in force on `day`, None when no text of it was in force."""
    return next((r for r in pack.rules if r.code == code and r.in_force(day)), None)


def lpr_at(table: LprTable, day: dt.date) -> Lpr:
    """The rate in force on `day`: the last publication on or before it. A day before the first
    publication or after `through` is not covered (never extrapolated)."""
    if not table.changes or day < table.changes[0][0] or day > table.through:
        return Lpr(None, "not_covered")
    published, percent = max((c for c in table.changes if c[0] <= day), key=lambda c: c[0])
    return Lpr(percent, "table", published)


def lpr_for(pack: RulePack, signed: dt.date, stated: Decimal | None) -> Lpr:
    """The contract file's lpr_percent when it states one, else the table's rate at signing."""
    if stated is not None:
        return Lpr(stated, "file")
    return lpr_at(pack.lpr, signed)


def citation(r: Rule) -> str:
    """《保障中小企业款项支付条例》（国务院令第802号）第九条第一款: the one form of a citation."""
    edition = f"（{r.edition}）" if r.edition else ""
    return f"《{r.instrument}》{edition}{r.article}"
