"""`uptime` for contracts that judge uptime per period (uptime.period), exclude planned
maintenance or owe service credits: one row per system per period, with the excluded hours
and the credit; `--by month` gives the same per calendar month of the span."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from contractcalc.cli.output.report import Column, Report
from contractcalc.i18n import _

if TYPE_CHECKING:
    from contractcalc.core.model import Contract
    from contractcalc.core.uptime.availability import Period
    from contractcalc.core.uptime.periods import PeriodUptime
    from contractcalc.shell.logs.outagelog import LogSummary


def applies(contract: Contract) -> bool:
    """The contract says more about uptime than 0.2's one target over the service year."""
    u = contract.uptime
    if u is None:
        return False
    return u.period is not None or u.maintenance is not None or bool(u.credits)


def judged(contract: Contract, summary: LogSummary, span: Period,
           instant: dt.datetime) -> dict[str, list[PeriodUptime]]:
    from contractcalc.core.uptime.periods import judge_systems

    return judge_systems(contract, summary.blocks, summary.planned_blocks, span, instant)


def _three(value: Decimal | None, threshold: Decimal | None = None) -> str | None:
    from contractcalc.core.uptime.availability import three_places

    return None if value is None else str(three_places(value, threshold))


def period_rows(contract: Contract, judged: dict[str, list[PeriodUptime]]) -> list[dict[str, Any]]:
    from contractcalc.core.money.amounts import fen_str, percent_of
    from contractcalc.core.payments.fees import period_of

    fees = contract.fees
    rows = []
    for results in judged.values():
        for j in results:
            r, shown = j.uptime, j.uptime.shown()
            credit = j.credit.percent_of_fee if j.credit else None
            amount = (fen_str(percent_of(fees.amount, credit))
                      if credit is not None and fees is not None
                      and period_of(contract, j.period.last) is not None else None)
            clause = contract.uptime.clause if contract.uptime else None
            rows.append({
                "system": r.system, "name": r.name, "clause": clause,
                "from": j.period.first.isoformat(), "to": j.period.last.isoformat(),
                "period_hours": _three(r.period_hours), "measured_hours":
                    _three(r.measured_hours), "complete": r.complete,
                "downtime_hours": str(shown.downtime_hours),
                "excluded_hours": _three(j.excluded_hours),
                "window_hours": _three(j.window_hours), "planned_hours": _three(j.planned_hours),
                "uptime_percent": None if shown.uptime_percent is None
                else str(shown.uptime_percent),
                "target_percent": str(r.target_percent), "passed": r.passed,
                "allowed_downtime_hours": str(shown.allowed_downtime_hours),
                "remaining_hours": str(shown.remaining_hours),
                "result": (_("pass") if r.complete else _("on track")) if r.passed
                else _("FAIL"),
                "credit_percent": None if credit is None else str(credit),
                "credit_amount": amount, "outages": r.outages})
    return rows


COLUMNS = ("system", "from", "to", "downtime_hours", "excluded_hours", "uptime_percent",
           "target_percent", "result", "credit_percent", "credit_amount")


def columns() -> tuple[Column, ...]:
    return (Column("system", _("System"), "fixed", keep=2),
            Column("from", _("From"), "date", keep=2), Column("to", _("To"), "date", keep=0),
            Column("downtime_hours", _("Down h"), "number", keep=2),
            Column("excluded_hours", _("Excluded h"), "number", keep=2),
            Column("uptime_percent", _("Uptime %"), "number", keep=2),
            Column("target_percent", _("Target %"), "number"),
            Column("result", _("Result"), "fixed", keep=2),
            Column("credit_percent", _("Credit %"), "number", keep=2),
            Column("credit_amount", _("Credit"), "money", keep=2))


def notes(contract: Contract) -> list[str]:
    u = contract.uptime
    assert u is not None, "only for a contract with an uptime clause"
    found = []
    period = {"month": _("each month"), "quarter": _("each quarter"),
              "year": _("the service year")}.get(u.period or "year", "")
    found.append(_("the target {target}% is judged over {period}").format(
        target=u.target_percent, period=period))
    m = u.maintenance
    if m is not None and m.windows:
        from contractcalc.core.calendar.workdays import weekday_name

        days = [dt.date(2024, 1, w.weekday) for w in m.windows]  # 2024-01-01 was a Monday
        found.append(_("planned maintenance windows not counted as downtime (an outage partly "
                       "inside one counts only outside it): {windows}").format(
            windows=_(", ").join(f"{weekday_name(d)} {w.start}–{w.to}"
                                 for d, w in zip(days, m.windows, strict=True))))
    if m is not None and m.log_types:
        found.append(_("rows whose type column reads {types} are planned maintenance, not "
                       "downtime").format(types=_(", ").join(m.log_types)))
    if u.credits:
        bands = _(", ").join(_("below {below}%: {percent}%").format(below=b.below,
                                                                    percent=b.percent_of_fee)
                             for b in u.credits)
        found.append(_("service credits of the period's fee, the lowest band reached applies "
                       "({bands}); owed for complete periods only; with several systems, the "
                       "lowest band any system reached").format(bands=bands))
        if contract.fees is None:
            found.append(_("the contract has no fees: credits are shown in % of the fee"))
    return found


def period_report(contract: Contract, judged: dict[str, list[PeriodUptime]],
                  whole: Report) -> Report:
    """The uptime report with a row per system per period."""
    rows = period_rows(contract, judged)
    failed = any(not r["passed"] for r in rows)
    return whole._replace(columns=columns(), rows=rows,
                          notes=[*notes(contract), *whole.notes],
                          finding=whole.finding or failed)


def monthly(contract: Contract, summary: LogSummary, span: Period, instant: dt.datetime,
            report: Report) -> Report:
    """The same figures per calendar month of the span; credits where the target is monthly."""
    from contractcalc.core.uptime.availability import Period as Span
    from contractcalc.core.uptime.periods import counted, judge, window_blocks

    u = contract.uptime
    assert u is not None, "only for a contract with an uptime clause"
    start = span.start
    first = span.first
    months = []
    while first <= span.last:
        nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        months.append(Span(first, min(nxt - dt.timedelta(days=1), span.last)))
        first = nxt
    stop = span.measured_end(instant)
    windows = window_blocks(u.maintenance.windows if u.maintenance else (), start, stop)
    keep = u._replace(credits=u.credits if u.period == "month" else ())
    per_month = {s.id: judge(system=s.id, name=s.name, clause=s.clause, uptime=keep,
                             periods=months,
                             blocks=counted(summary.blocks[s.id],
                                            summary.planned_blocks.get(s.id, ([], [])),
                                            windows),
                             measured_to=instant)
                 for s in contract.systems}
    rows = period_rows(contract, per_month)
    return report._replace(title=_("{title}, by month").format(title=report.title), rows=rows,
                           columns=columns(), meta={**report.meta, "periods": report.rows})
