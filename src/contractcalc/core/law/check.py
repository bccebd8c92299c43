"""`check` against the law: the rules a contract of the family must keep though no clause repeats
them (procurement limits, the SME payment rules). Each finding is a code, the rule it breaks
(instrument and article from the rule pack) and its figures; cli/views/law.py says it in words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from contractcalc.core.law.rules import PUBLIC, Rule, RulePack, rule
from contractcalc.core.law.sme_payments import (
    agreed_below_floor,
    anchor_kind,
    applicability,
    interest_rate,
    term_rule,
)

if TYPE_CHECKING:
    from contractcalc.core.findings.drafting import Severity
    from contractcalc.core.model import Contract

PROCUREMENT_BUYERS = (*PUBLIC, None)
"""Buyers the procurement rules are checked for: public bodies, and a file that states no kind
(the contracts of this family are government procurement)."""


class LawFinding(NamedTuple):
    code: str
    severity: Severity
    field: str
    clause: str | None
    rules: tuple[Rule, ...]
    """The rules broken (or relied on), each cited with its article."""
    params: Mapping[str, Any] = MappingProxyType({})


def law_findings(contract: Contract, pack: RulePack) -> list[LawFinding]:
    """Every statutory rule the contract's terms break, procurement limits first."""
    found = list(_procurement(contract, pack))
    if applicability(contract, pack).reach == "applies":
        found += _sme(contract, pack)
    return found


def _procurement(c: Contract, pack: RulePack) -> list[LawFinding]:
    if c.parties.buyer.kind not in PROCUREMENT_BUYERS:
        return []
    found = []
    day = c.signed
    cap = rule(pack, "bond_cap", day)
    if cap is not None and c.bond is not None and c.bond.percent > (cap.param("max_percent") or 0):
        found.append(LawFinding("bond_cap", "error", "bond.percent", c.bond.clause, (cap,),
                                {"percent": c.bond.percent, "max": cap.param("max_percent")}))
    sup = rule(pack, "supplement_cap", day)
    r = c.renewal
    if sup is not None and r is not None and r.max_change_percent > (sup.param("max_percent")
                                                                      or 0):
        found.append(LawFinding("supplement_cap", "warning", "renewal.max_change_percent",
                                r.clause, (sup,), {"percent": r.max_change_percent,
                                                   "max": sup.param("max_percent")}))
    term = rule(pack, "service_term", day)
    if term is not None and (years := term.param("max_years")) is not None:
        from dateutil.relativedelta import relativedelta

        limit = c.term.start + relativedelta(years=int(years)) - dt.timedelta(days=1)
        if c.term.end > limit:
            found.append(LawFinding("service_term", "warning", "term.end", c.term.clause, (term,),
                                    {"start": c.term.start, "end": c.term.end, "years": years,
                                     "limit": limit}))
    return found


def _sme(c: Contract, pack: RulePack) -> list[LawFinding]:
    found = []
    day = c.signed
    term = term_rule(c, pack)
    longest = term.param("max_agreed_days") if term is not None else None
    accept = rule(pack, "acceptance_start", day)
    for n, inst in enumerate(c.installments):
        t = inst.trigger
        kind = anchor_kind(c, t.after)
        agreed = t.days if t.days is not None else t.working_days
        if (term is not None and longest is not None and kind is not None and t.months is None
                and agreed is not None and agreed > longest):
            found.append(LawFinding(
                "term_too_long", "error", f"installments.{n}.trigger", inst.clause,
                (term, accept) if kind == "acceptance" and accept is not None else (term,),
                {"days": agreed, "working": t.days is None, "max": longest,
                 "after": t.after}))
        if kind == "acceptance" and accept is not None and _no_period(c, t.after):
            found.append(LawFinding("acceptance_no_period", "warning",
                                    f"installments.{n}.trigger.after", inst.clause, (accept,),
                                    {"after": t.after}))
        if inst.subject_to_funds:
            codes = (("no_third_party_condition",) if c.parties.buyer.kind not in PUBLIC else
                     ("budget_first", "no_unreasonable_terms"))
            rules = tuple(r for code in codes if (r := rule(pack, code, day)) is not None)
            if rules:
                found.append(LawFinding("funds_condition", "warning",
                                        f"installments.{n}.subject_to_funds", inst.clause, rules,
                                        {"clause": c.funds_clause}))
    low = agreed_below_floor(c, pack)
    if low is not None:
        lp = c.late_payment
        found.append(LawFinding("interest_below_lpr", "error", "late_payment",
                                lp.clause if lp else None, (low.rule,),
                                {"agreed_annual": _annual(c, low.day_basis or 365),
                                 "lpr": low.lpr.percent, "published": low.lpr.published,
                                 "source": low.lpr.source}))
    rate = interest_rate(c, pack)
    if rate is not None and rate.lpr.percent is None and c.late_payment is not None:
        found.append(LawFinding("lpr_not_covered", "info", "lpr_percent", None, (rate.rule,),
                                {"signed": c.signed, "through": pack.lpr.through}))
    return found


def _no_period(c: Contract, name: str) -> bool:
    return next((m.period for m in c.milestones if m.id == name), None) is None


def _annual(c: Contract, basis: int) -> Decimal | None:
    lp = c.late_payment
    if lp is None:
        return None
    if lp.annual_percent is not None:
        return lp.annual_percent
    return (lp.daily_permille or Decimal(0)) * basis / 10
