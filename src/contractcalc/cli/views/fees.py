"""The fee periods' rows of `payments`: each part's score, band, and what was withheld."""

from __future__ import annotations

from typing import TYPE_CHECKING

from contractcalc.i18n import _

if TYPE_CHECKING:
    from contractcalc.cli.output.report import Report
    from contractcalc.core.events import Context
    from contractcalc.core.uptime.periods import Withheld


def with_fees(ctx: Context, report: Report, held: dict[int, Withheld] | None) -> Report:
    """Adds to each fee row its base share, score, pay percent and the credits and deductions
    taken from it; notes how the amounts were found and what could not be withheld."""
    from contractcalc.cli.views.obligations import cite, display, money
    from contractcalc.core.payments.fees import fee_parts, scores_by, unrecovered

    c = ctx.contract
    fees = c.fees
    if fees is None:
        return report
    totals = {n: w.total for n, w in (held or {}).items()}
    parts = {f"fee_{p.period}_{p.part}": p for p in fee_parts(c, scores_by(ctx), totals)}
    for row in report.rows:
        p = parts.get(row.get("key", ""))
        if p is None:
            continue
        w = (held or {}).get(p.period)
        row.update(base_amount=money(p.base), score=None if p.score is None else str(p.score),
                   pay_percent=None if p.pay_percent is None else str(p.pay_percent),
                   withheld=money(p.withheld), period_credit=money(w.credit) if w else None,
                   period_deduction=money(w.deduction) if w else None)
        if p.withheld:
            row["state"] += _("; {amount} withheld (credits and SLA deductions of the "
                              "period)").format(amount=display(p.withheld))
        if p.score is not None and p.pay_percent is not None and p.pay_percent != 100:
            row["state"] += _("; score {score}: {percent}% of {base}").format(
                score=p.score, percent=p.pay_percent, base=display(p.base))
    notes = [_("fees{cite}: {amount} per {every}, parts {parts}; a part paid by score waits "
               "for fee_N_evaluated with its score (record it with --score)").format(
        cite=cite(fees.clause), amount=display(fees.amount),
        every=_("month") if fees.every == "month" else _("quarter"),
        parts=_(", ").join(f"{p.percent}%" for p in fees.parts))]
    if held is None and c.outage_log is None and (
            (c.uptime is not None and c.uptime.credits)
            or (c.response is not None and c.response.levels)):
        notes.append(_("service credits and SLA deductions are not taken off: the contract "
                       "names no outage log (outage_log:)"))
    if any(p.withheld for p in parts.values()):
        notes.append(_("credits and deductions are taken from the period's parts, the last-due "
                       "part first, never below zero"))
    for n, amount in sorted(unrecovered(c, list(parts.values()), totals).items()):
        notes.append(_("fee period {n}: {amount} of credits and deductions not yet taken off "
                       "(the parts left are waiting for the score, or the fee is used "
                       "up)").format(n=n, amount=display(amount)))
    meta = {**report.meta, "fee_amount": money(fees.amount),
            "period_withholdings": [{"period": n, "credit": money(w.credit),
                                     "deduction": money(w.deduction)}
                                    for n, w in (held or {}).items()]}
    return report._replace(notes=[*notes, *report.notes], meta=meta)
