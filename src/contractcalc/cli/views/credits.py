"""`status` rows for contracts that judge uptime per period: each missed period with the
service credit it owes, the SLA deductions per fee period, and the running period's budget."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contractcalc.i18n import _

if TYPE_CHECKING:
    from contractcalc.core.model import Contract
    from contractcalc.core.uptime.periods import PeriodUptime, Withheld
    from contractcalc.core.uptime.sla import Breach


def credit_rows(terms: Contract, path: Path, day: dt.date,
                found: tuple[dict[int, Withheld], dict[str, list[PeriodUptime]], list[Breach]],
                everything: bool) -> tuple[list[dict[str, Any]], bool]:
    from contractcalc.cli.views.obligations import cite, display, iso, money
    from contractcalc.core.money.amounts import percent_of, to_fen
    from contractcalc.core.payments.fee_periods import fee_periods
    from contractcalc.core.payments.fees import period_of

    held, judged, breaches = found
    fees = terms.fees
    base = {"contract": terms.number, "file": str(path), "party": "vendor",
            "assumption": None, "working_days_left": None, "days_late": None,
            "damages_to_date": None, "damages_per_day": None, "flat_damages": None,
            "flat_clause": None}
    rows: list[dict[str, Any]] = []
    missed = False
    for system, periods in judged.items():
        for j in periods:
            r = j.uptime
            running = j.period.first <= day <= j.period.last
            if r.complete and r.passed and not everything:
                continue
            if not r.complete and not running:
                continue
            if running and r.remaining_hours > r.allowed_downtime_hours / 2 and not everything:
                continue
            shown = r.shown()
            failed = not r.passed
            missed = missed or failed
            credit = j.credit.percent_of_fee if j.credit else None
            amount = (to_fen(percent_of(fees.amount, credit)) if credit is not None and fees
                      and period_of(terms, j.period.last) else None)
            state = (_("uptime {uptime}% against {target}%").format(
                uptime=shown.uptime_percent, target=r.target_percent)
                if shown.uptime_percent is not None else _("nothing measured yet"))
            if j.excluded_hours:
                state += _("; {hours} h of planned maintenance not counted").format(
                    hours=shown_hours(j.excluded_hours))
            stake = (_("service credit {percent}% of the fee: {amount}").format(
                percent=credit, amount=display(amount)) if amount is not None else
                _("service credit {percent}% of the fee").format(percent=credit)
                if credit is not None else
                _("budget left {left} h of {allowed} h").format(
                    left=shown.remaining_hours, allowed=shown.allowed_downtime_hours))
            rows.append({**base, "rank": 1 if failed else 2, "sort": r.remaining_hours,
                         "urgency": "uptime_missed" if failed else "uptime",
                         "key": f"uptime_{system}_{j.period.first:%Y%m%d}",
                         "clause": terms.uptime.clause if terms.uptime else None,
                         "title": _("Uptime of {name}, {first} to {last}").format(
                             name=r.name, first=j.period.first, last=j.period.last),
                         "due": iso(j.period.last), "due_label": iso(j.period.last),
                         "status": "failed" if failed else "on_track", "state": state,
                         "amount": money(amount), "at_stake": stake})
    spans = fee_periods(terms)
    sla_clause = terms.response.clause if terms.response is not None else None
    for n, w in held.items():
        if not w.deduction:
            continue
        first, last = spans[n - 1]
        count = sum(1 for b in breaches if b.deduction and b.start
                    and first <= b.start.date() <= last)
        missed = True
        rows.append({**base, "rank": 1, "sort": -w.deduction, "urgency": "uptime_missed",
                     "key": f"sla_deductions_{n}", "clause": sla_clause,
                     "title": _("SLA deductions, fee period {n} ({first} to {last})").format(
                         n=n, first=first, last=last),
                     "due": iso(last), "due_label": iso(last), "status": "deduction",
                     "state": _("{count} incident(s) breached their level's limits{cite}")
                     .format(count=count, cite=cite(sla_clause)),
                     "amount": money(w.deduction),
                     "at_stake": _("{amount} deducted from the period's fee").format(
                         amount=display(w.deduction))})
    return rows, missed


def shown_hours(value: Decimal) -> str:
    from contractcalc.core.uptime.availability import three_places

    return str(three_places(value))
