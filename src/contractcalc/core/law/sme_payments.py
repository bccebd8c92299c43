"""What the 保障中小企业款项支付条例 adds to each installment owed to an SME: the statutory latest
day beside the contract's own, the earlier of the two binding, and the interest on lateness.

The statutory term counts in calendar days (日) from delivery, or from acceptance (验收合格)
where acceptance is the condition of payment, or from the end of the agreed acceptance period
when the buyer delays acceptance; the day counted from is not counted and a last day on a rest
day moves to the next working day (WorkCalendar.add_calendar_days). A term is counted only from
an event the file marks as a delivery or an acceptance (a milestone's `kind`, the completion
certificate, a deliverable's handover): an advance payment on signing is not owed for a
delivery, and no statutory day is claimed for it. Months-based triggers (a retention after a
warranty year, a payment after months of service) are not compared either.

Everything is returned as data (codes, days, amounts unrounded); cli/views/law.py says it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, NamedTuple

from contractcalc.core.errors import CalendarDataMissing
from contractcalc.core.law.rules import PUBLIC, Lpr, Rule, RulePack, lpr_for, rule

if TYPE_CHECKING:
    from contractcalc.core.events import Context
    from contractcalc.core.model import Contract, Installment
    from contractcalc.core.obligations import Obligation

Reach = Literal["applies", "vendor_size_unstated", "vendor_not_sme", "buyer_kind_unstated",
                "buyer_not_covered", "no_text_in_force"]
"""Whether the 条例 reaches a contract: applies, or what the file would need to say."""


class Applicability(NamedTuple):
    reach: Reach
    scope: Rule | None = None
    """The scope rule (第二条) of the text in force at signing, where there is one."""


def applicability(contract: Contract, pack: RulePack) -> Applicability:
    scope = rule(pack, "scope", contract.signed)
    if contract.parties.vendor.sme is None:
        return Applicability("vendor_size_unstated", scope)
    if not contract.parties.vendor.sme:
        return Applicability("vendor_not_sme", scope)
    kind = contract.parties.buyer.kind
    if kind is None:
        return Applicability("buyer_kind_unstated", scope)
    if scope is None:
        return Applicability("no_text_in_force")
    if not scope.binds(kind):
        return Applicability("buyer_not_covered", scope)
    return Applicability("applies", scope)


def anchor_kind(contract: Contract, name: str) -> Literal["delivery", "acceptance"] | None:
    """What an anchor event is for the statutory term: a delivery, an acceptance, or neither."""
    if name == "completion_certified":
        return "acceptance"
    for m in contract.milestones:
        if m.id == name:
            return m.kind
    if any(name == d.id or name.startswith(f"{d.id}_") for d in contract.deliverables):
        return "delivery"
    return None


Compared = Literal["compared", "not_delivery", "months", "no_statutory_term", "waiting",
                   "unknown"]
"""compared: a statutory latest day is known; not_delivery: the trigger counts from an event that
is neither a delivery nor an acceptance; months: a months-based trigger; no_statutory_term: the
text sets no number of days for this buyer (an agreed term governs); waiting: the delivery or
acceptance has not happened and no agreed acceptance period has run out; unknown: a year
without a holiday schedule."""


class StatutoryDay(NamedTuple):
    number: int
    """The installment's number (1-based)."""
    compared: Compared
    rule: Rule | None = None
    """The payment-term rule; with `acceptance`, the acceptance rule counted from."""
    acceptance: Rule | None = None
    anchor: str | None = None
    """The event counted from."""
    start: dt.date | None = None
    """The day counted from: the delivery or acceptance, or the agreed period's end."""
    delayed: bool = False
    """True when counted from the end of the agreed acceptance period (acceptance delayed)."""
    days: int | None = None
    """Calendar days the statute allows from `start` (30, or 60 where a term is agreed)."""
    due: dt.date | None = None
    """The statutory latest day."""
    binding: dt.date | None = None
    """The earlier of the contractual and the statutory day (whichever is known)."""
    missing_year: int | None = None


def term_rule(contract: Contract, pack: RulePack) -> Rule | None:
    code = "payment_term_public" if contract.parties.buyer.kind in PUBLIC else "payment_term_large"
    return rule(pack, code, contract.signed)


def statutory_day(ctx: Context, pack: RulePack, number: int, inst: Installment,
                  contractual: dt.date | None) -> StatutoryDay:
    """The statutory latest day of one installment, with what it was counted from."""
    c = ctx.contract
    t = inst.trigger
    term = term_rule(c, pack)
    if t.months is not None:
        return StatutoryDay(number, "months", term, binding=contractual)
    kind = anchor_kind(c, t.after)
    if kind is None or term is None:
        return StatutoryDay(number, "not_delivery", term, anchor=t.after, binding=contractual)
    agreed = t.days is not None or t.working_days is not None
    allowed = term.param("max_agreed_days" if agreed else "default_days")
    if allowed is None:
        return StatutoryDay(number, "no_statutory_term", term, anchor=t.after,
                            binding=contractual)
    accept = rule(pack, "acceptance_start", c.signed) if kind == "acceptance" else None
    try:
        start, delayed = _start(ctx, t.after)
        if start is None:
            return StatutoryDay(number, "waiting", term, accept, t.after, binding=contractual)
        due = ctx.calendar.add_calendar_days(start, int(allowed))
    except CalendarDataMissing as exc:
        return StatutoryDay(number, "unknown", term, accept, t.after, binding=contractual,
                            missing_year=exc.year)
    binding = due if contractual is None else min(due, contractual)
    return StatutoryDay(number, "compared", term, accept, t.after, start, delayed, int(allowed),
                        due, binding)


def _start(ctx: Context, name: str) -> tuple[dt.date | None, bool]:
    """The day the statutory term counts from: the event's day, or the end of the agreed
    acceptance period where that came first (the buyer delayed acceptance, 条例 第十条/第九条)."""
    happened = ctx.happened.get(name)
    period = next((m.period for m in ctx.contract.milestones if m.id == name), None)
    end = None
    if period is not None and period.days is not None:
        base = ctx.anchor(period.after)
        if base is not None:
            end = ctx.calendar.add_calendar_days(base, period.days)
    if end is not None and (happened is None or happened > end) and (
            happened is not None or ctx.as_of > end):
        return end, True
    return happened, False


Basis = Literal["agreed_daily", "agreed_annual", "statutory_default", "lpr_floor"]
"""agreed_daily / agreed_annual: the contract's rate; statutory_default: none agreed, 每日万分之五;
lpr_floor: the agreed rate is below the 1-year LPR at signing, so the LPR is used (an agreed
rate may not be lower, 条例 第十七条/第十五条)."""


class Rate(NamedTuple):
    basis: Basis
    daily_fraction: Decimal
    """Per day, as a fraction of the unpaid amount (0.0005 for 每日万分之五)."""
    rule: Rule
    lpr: Lpr
    annual_percent: Decimal | None = None
    """The annual rate the daily one was derived from (÷ the day basis), where it was."""
    day_basis: int | None = None
    clause: str | None = None
    """The contract's late-payment clause, where it agrees a rate."""


def interest_rate(contract: Contract, pack: RulePack) -> Rate | None:
    """The late-payment rate that applies, or None where no text of the rule was in force."""
    r = rule(pack, "late_interest", contract.signed)
    if r is None:
        return None
    lpr = lpr_for(pack, contract.signed, contract.lpr_percent)
    basis_days = int(r.param("annual_day_basis") or 365)
    lp = contract.late_payment
    floor = None if lpr.percent is None else lpr.percent / 100 / basis_days
    if lp is None:
        return Rate("statutory_default", (r.param("default_daily_permille") or Decimal(0)) / 1000,
                    r, lpr)
    if lp.daily_permille is not None:
        daily, annual = lp.daily_permille / 1000, None
        basis: Basis = "agreed_daily"
    else:
        annual = lp.annual_percent or Decimal(0)
        daily, basis = annual / 100 / basis_days, "agreed_annual"
    if floor is not None and daily < floor:
        return Rate("lpr_floor", floor, r, lpr, lpr.percent, basis_days, lp.clause)
    return Rate(basis, daily, r, lpr, annual, basis_days if annual is not None else None,
                lp.clause)


def agreed_below_floor(contract: Contract, pack: RulePack) -> Rate | None:
    """The rate when the contract agrees one below the LPR floor (a check finding)."""
    rate = interest_rate(contract, pack)
    return rate if rate is not None and rate.basis == "lpr_floor" else None


class Interest(NamedTuple):
    number: int
    amount: Decimal
    """The unpaid amount interest runs on (the installment's amount)."""
    days: int
    per_day: Decimal
    total: Decimal
    """Exact; rounded to the fen where shown."""
    rate: Rate
    late_from: dt.date
    """The binding day (or the invoice's, where later): interest runs from the next day."""
    paid: dt.date | None
    """The day it was paid late, None while unpaid (interest to as_of)."""


class SmeLine(NamedTuple):
    """One installment owed to an SME: its statutory day and, when late, the interest."""

    obligation: Obligation
    statutory: StatutoryDay
    interest: Interest | None
    unpaid_overdue: bool
    """Unpaid as of the day asked with its binding day passed."""
    implied_paid: bool = False
    """Known paid only through a later event: its lateness (and interest) unknown."""
    days_late: int = 0
    """Calendar days late counted from the binding day (or the invoice's, where later)."""


def bound(line: SmeLine) -> Obligation:
    """The obligation standing as the law makes it: late counted from the binding day (the
    earlier of the contractual and the statutory), whatever the contract's own day says; its
    contractual `due` kept. Unchanged where the binding day has not passed."""
    o = line.obligation
    if line.days_late <= 0:
        return o
    if o.done_on is None:
        return o._replace(standing=o.standing._replace(status="overdue",
                                                       days_late=line.days_late,
                                                       waiting_for=None))
    return o._replace(standing=o.standing._replace(days_late=line.days_late))


def sme_lines(ctx: Context, pack: RulePack, obligations: list[Obligation]) -> list[SmeLine]:
    """Each installment of an SME contract with its statutory day and interest as of ctx.as_of.
    Lateness counts from the binding day, or from the invoice where the contract makes the
    invoice a condition of payment and it came later (as the payment table counts it); with no
    invoice recorded there is no lateness claimed."""
    c = ctx.contract
    rate = interest_rate(c, pack)
    lines = []
    for o in obligations:
        if o.kind != "installment" or o.number is None:
            continue
        sd = statutory_day(ctx, pack, o.number, c.installments[o.number - 1], o.due)
        days = _days_late(ctx, o, sd.binding)
        interest = None
        if days > 0 and rate is not None and o.amount is not None:
            per_day = o.amount * rate.daily_fraction
            interest = Interest(o.number, o.amount, days, per_day, per_day * days, rate,
                                _late_from(o, sd.binding) or ctx.as_of, o.done_on)
        lines.append(SmeLine(o, sd, interest, o.done_on is None and o.implied_by is None
                             and days > 0, o.implied_by is not None, days))
    return lines


def _late_from(o: Obligation, binding: dt.date | None) -> dt.date | None:
    """The binding day, or the invoice's where the invoice rule covers the payment and it came
    later; None while the invoice it waits for is not recorded."""
    if binding is None or o.invoice_event is None:
        return binding
    return None if o.invoice_on is None else max(binding, o.invoice_on)


def _days_late(ctx: Context, o: Obligation, binding: dt.date | None) -> int:
    """Calendar days after the late-from day through the payment (or the day asked); 0 when the
    payment's own date is not recorded (known paid only through a later event) or the day falls
    before the contract took effect."""
    start = _late_from(o, binding)
    if start is None or o.implied_by is not None or start < ctx.effective:
        return 0
    end = o.done_on if o.done_on is not None else ctx.as_of
    return max((end - start).days, 0)
