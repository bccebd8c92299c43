"""The law in words: check findings, the statutory day and interest beside each SME payment.

core/law/check.py and core/law/sme_payments.py hand over codes, rules and figures; this module says
them in the user's language and cites each rule as the rule pack writes it (instrument, order,
article), marking a citation whose number was not checked against the published text.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from contractcalc.core.law.rules import Rule, citation
from contractcalc.core.money.amounts import display, fen_str
from contractcalc.i18n import _, ngettext

if TYPE_CHECKING:
    from contractcalc.core.events import Context
    from contractcalc.core.findings.drafting import Finding
    from contractcalc.core.law.check import LawFinding
    from contractcalc.core.law.rules import RulePack
    from contractcalc.core.law.sme_payments import Interest, Rate, SmeLine, StatutoryDay
    from contractcalc.core.model import Contract
    from contractcalc.core.obligations import Obligation


def cite_rule(r: Rule) -> str:
    """The rule's citation, marked where its article number is not verified."""
    text = citation(r)
    return text if r.verified else _("{citation} (article number not verified)").format(
        citation=text)


def cites(rules: tuple[Rule, ...]) -> str:
    return _("; ").join(cite_rule(r) for r in rules)


def percent(value: Decimal | None) -> str:
    return "-" if value is None else f"{value.normalize():f}"


def lpr_text(value: Decimal | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def size_unstated() -> str:
    return _("vendor size not stated (parties.vendor.sme): statutory payment terms for SMEs "
             "(保障中小企业款项支付条例) not checked")


def reach_note(contract: Contract, pack: RulePack) -> str | None:
    """What the statutory payment rules would need, where they cannot be checked."""
    from contractcalc.core.law.sme_payments import applicability

    reach = applicability(contract, pack).reach
    return {
        "applies": None,
        "vendor_size_unstated": size_unstated(),
        "vendor_not_sme": None,
        "buyer_kind_unstated": _("buyer kind not stated (parties.buyer.kind: 机关, 事业单位, "
                                 "大型企业, 中小企业 or 其他): statutory payment terms for SMEs "
                                 "not checked"),
        "buyer_not_covered": _("the buyer is a {kind}: the 保障中小企业款项支付条例 binds 机关, "
                               "事业单位 and 大型企业 only; statutory payment terms not "
                               "checked").format(kind=contract.parties.buyer.kind),
        "no_text_in_force": _("signed on {date}, before the 保障中小企业款项支付条例 took "
                              "effect: statutory payment terms not checked").format(
            date=contract.signed),
    }[reach]


def finding_text(f: LawFinding) -> str:
    p = f.params
    if f.code == "bond_cap":
        text = _("performance bond of {percent}% of the contract amount; at most {max}% is "
                 "allowed").format(percent=percent(p["percent"]), max=percent(p["max"]))
    elif f.code == "supplement_cap":
        text = _("renewal or change of up to {percent}% of the original amount; supplementary "
                 "purchases may add at most {max}% of it").format(
            percent=percent(p["percent"]), max=percent(p["max"]))
    elif f.code == "service_term":
        text = _("term {start} to {end} runs beyond {years} years (past {limit}); a government "
                 "service contract may run at most {years} years").format(
            start=p["start"], end=p["end"], years=percent(p["years"]), limit=p["limit"])
    elif f.code == "term_too_long":
        text = (ngettext("payment term of {days} working day after {event}; with an SME vendor "
                         "an agreed term may be at most {max} days",
                         "payment term of {days} working days after {event}; with an SME vendor "
                         "an agreed term may be at most {max} days", int(p["days"]))
                if p["working"] else
                ngettext("payment term of {days} day after {event}; with an SME vendor an "
                         "agreed term may be at most {max} days",
                         "payment term of {days} days after {event}; with an SME vendor an "
                         "agreed term may be at most {max} days", int(p["days"]))).format(
            days=p["days"], event=p["after"], max=percent(p["max"]))
    elif f.code == "acceptance_no_period":
        text = _("payment counts from the acceptance {event}, but no acceptance period is agreed "
                 "(milestones: period); the law asks for one, and counts from its end when the "
                 "buyer delays acceptance").format(event=p["after"])
        if p["after"] == "completion_certified":
            text += _(" (to state one, write the acceptance as a milestone with kind: "
                      "acceptance and a period, and count the payment from it)")
    elif f.code == "funds_condition":
        text = _("paid subject to the buyer's funds on an SME contract: the buyer's funding "
                 "delay is not a reason to pay late under the 保障中小企业款项支付条例")
    elif f.code == "interest_below_lpr":
        text = _("agreed late-payment interest of {rate}% a year is below the 1-year LPR at "
                 "signing, {lpr}%{published}; the LPR is used instead").format(
            rate=percent(None if p["agreed_annual"] is None else
                         Decimal(p["agreed_annual"]).quantize(Decimal("0.0001")).normalize()),
            lpr=lpr_text(p["lpr"]), published=_(" (published {date})").format(
                date=p["published"]) if p["published"] else "")
    else:  # lpr_not_covered
        text = _("the bundled 1-year LPR table ends {through}; the rate at signing ({signed}) is "
                 "not known: state it as lpr_percent to compare the agreed rate").format(
            through=p["through"], signed=p["signed"])
    return _("{text} — {rules}").format(text=text, rules=cites(f.rules))


def as_findings(found: list[LawFinding]) -> list[Finding]:
    from contractcalc.core.findings.drafting import Finding

    return [Finding(f.severity, f.clause, f.field, finding_text(f)) for f in found]


# The payments view ---------------------------------------------------------------------------

def statutory_text(sd: StatutoryDay, contract: Contract) -> str:
    from contractcalc.cli.views.obligations import event_text

    event = event_text(sd.anchor, contract) if sd.anchor else ""
    if sd.compared == "compared" and sd.due is not None:
        if sd.delayed:
            base = _("{days} days from the end of the agreed acceptance period ({start}): "
                     "acceptance delayed")
        else:
            base = _("{days} days from {event} ({start})")
        text = base.format(days=sd.days, event=event, start=sd.start)
        rules = tuple(r for r in (sd.rule, sd.acceptance) if r is not None)
        return _("{text} — {rules}").format(text=text, rules=cites(rules))
    return {
        "months": _("not compared: a months-based trigger"),
        "not_delivery": _("not compared: {event} is neither a delivery nor an acceptance "
                          "(milestones: kind)").format(event=event),
        "no_statutory_term": _("no statutory number of days for this buyer: the agreed term "
                               "governs"),
        "waiting": _("waiting for {event}").format(event=event),
        "unknown": _("date unknown: no {year} holiday schedule").format(year=sd.missing_year),
        "compared": "",
    }[sd.compared]


def rate_text(rate: Rate) -> str:
    if rate.basis == "statutory_default":
        text = _("statutory default, {permille}‰ of the unpaid amount a day (每日万分之五)")
        return _("{text} — {rules}").format(text=text.format(
            permille=percent(rate.daily_fraction * 1000)), rules=cite_rule(rate.rule))
    from contractcalc.cli.views.obligations import cite

    if rate.basis == "agreed_daily":
        return _("agreed rate, {permille}‰ a day").format(
            permille=percent(rate.daily_fraction * 1000)) + cite(rate.clause)
    words = (_("agreed rate, {annual}% a year ÷ {basis} days") if rate.basis == "agreed_annual"
             else _("the 1-year LPR at signing, {annual}% a year ÷ {basis} days (the agreed "
                    "rate is below it)"))
    return _("{text} — {rules}").format(text=words.format(
        annual=percent(rate.annual_percent), basis=rate.day_basis) + cite(rate.clause),
        rules=cite_rule(rate.rule))


def interest_text(i: Interest) -> str:
    from contractcalc.cli.views.obligations import rate as per_day_text

    to = (_("paid {date}").format(date=i.paid) if i.paid else _("to date"))
    return ngettext("interest {total}: {per_day} a day × {days} day after {start} ({to}); "
                    "{rule}",
                    "interest {total}: {per_day} a day × {days} days after {start} ({to}); "
                    "{rule}", i.days).format(
        total=display(i.total), per_day=per_day_text(i.per_day), days=i.days,
        start=i.late_from, to=to, rule=rate_text(i.rate))


def sme_rows(ctx: Context, pack: RulePack, items: list[Obligation],
             rows: list[dict[str, Any]]) -> tuple[list[SmeLine], list[str]]:
    """Add the statutory day and the interest to each installment row of an SME contract (rows
    of other kinds, and every row of a contract the 条例 does not reach, stay as they are); the
    notes say what the rows cannot."""
    from contractcalc.core.law.rules import rule
    from contractcalc.core.law.sme_payments import applicability, interest_rate, sme_lines

    note = reach_note(ctx.contract, pack)
    if applicability(ctx.contract, pack).reach != "applies":
        return [], [note] if note else []
    lines = sme_lines(ctx, pack, items)
    by_key = {line.obligation.key: line for line in lines}
    for row in rows:
        line = by_key.get(row["key"])
        if line is None:
            continue
        sd, i = line.statutory, line.interest
        restate(row, line, ctx)
        row.update({
            "statutory_due": sd.due.isoformat() if sd.due else None,
            "statutory_basis": sd.compared,
            "statutory_rule": statutory_text(sd, ctx.contract),
            "binding_due": sd.binding.isoformat() if sd.binding else None,
            "interest_days": i.days if i else None,
            "interest_per_day": _exact(i.per_day) if i else None,
            "interest": fen_str(i.total) if i else None,
            "interest_basis": i.rate.basis if i else None,
            "interest_rule": interest_text(i) if i else None,
            "law_state": _law_state(line, ctx.contract),
        })
    notes = []
    fees = [row for row in rows if str(row.get("key", "")).startswith("fee_")]
    for row in fees:
        row["law_state"] = _("statutory term not checked for fee parts")
    if fees:
        notes.append(fee_note())
    rate = interest_rate(ctx.contract, pack)
    if rate is not None and rate.basis != "statutory_default" and rate.lpr.percent is None:
        notes.append(_("the 1-year LPR at signing is not in the bundled table (it ends "
                       "{through}): state lpr_percent in the contract file").format(
            through=pack.lpr.through))
    if any(line.obligation.subject_to_funds for line in lines):
        rules = tuple(r for code in ("budget_first", "no_unreasonable_terms")
                      if (r := rule(pack, code, ctx.contract.signed)) is not None
                      and r.binds(ctx.contract.parties.buyer.kind))
        notes.append(_("with an SME vendor the funds caveat does not excuse lateness: the "
                       "statutory day and the interest count regardless{rules}").format(
            rules=_(" — {rules}").format(rules=cites(rules)) if rules else ""))
    if any(line.obligation.invoice_event and line.obligation.invoice_on is None
           and line.statutory.binding and line.statutory.binding < ctx.as_of for line in lines):
        notes.append(_("no interest is counted for a payment whose invoice is not recorded: "
                       "under the contract's invoice rule the buyer is not late without it"))
    return lines, notes


def restate(row: dict[str, Any], line: SmeLine, ctx: Context, *, brief: bool = False) -> None:
    """The row's status, days late and state counted from the binding day (core bound()), so
    payments, timeline, status and disclosure give one lateness; `due` stays the contract's."""
    from contractcalc.cli.views.obligations import state_text
    from contractcalc.core.law.sme_payments import bound

    o = bound(line)
    if o is line.obligation:
        return
    row.update(status=o.status, days_late=o.days_late, state=state_text(o, ctx, brief=brief))


def fee_note() -> str:
    """Fee parts are owed to the SME too, but their statutory term is not computed yet: said,
    never left silent."""
    return _("statutory term not checked for fee parts: the 保障中小企业款项支付条例's term (30 "
             "days from the period's end or its evaluation, an agreed term at most 60) and its "
             "interest are not computed for them; check those rows by hand")


def _exact(amount: Decimal) -> str:
    """An amount as it is: 350.00, or 693.25025 where it is not a whole fen."""
    from contractcalc.core.money.amounts import to_fen

    return fen_str(amount) if to_fen(amount) == amount else f"{amount.normalize():f}"


def _law_state(line: SmeLine, contract: Contract) -> str:
    sd = line.statutory
    parts = []
    if sd.binding is not None:
        which = (_("statutory") if sd.due is not None and sd.binding == sd.due
                 and sd.due != line.obligation.due else _("contractual"))
        parts.append(_("binding {date} ({which})").format(date=sd.binding, which=which))
    if sd.due is not None:
        parts.append(_("statutory latest {date}: {rule}").format(
            date=sd.due, rule=statutory_text(sd, contract)))
    else:
        parts.append(statutory_text(sd, contract))
    if line.interest is not None:
        parts.append(interest_text(line.interest))
    elif line.implied_paid:
        parts.append(_("paid on a date not recorded: interest not known"))
    return _("; ").join(parts) or "-"


def law_rows(ctx: Context, items: list[Obligation],
             rows: list[dict[str, Any]]) -> tuple[list[SmeLine], list[str]]:
    """sme_rows for a report; the rule pack is read only where the vendor's size is stated (a
    file that states none needs no YAML read to say so)."""
    if ctx.contract.parties.vendor.sme is None:
        return [], [size_unstated()]
    from contractcalc.shell.law import rule_pack

    return sme_rows(ctx, rule_pack(), items, rows)


def law_column() -> Any:
    from contractcalc.cli.output.report import Column

    return Column("law_state", _("Statutory (SME)"), keep=1)


def law_finding(lines: list[SmeLine]) -> bool:
    """Unpaid past its binding day, or paid late: a finding (exit 1)."""
    return any(line.interest is not None for line in lines)
