"""`contractcalc disclosure`: the buyer's annual list of SME payments overdue and unpaid at the
year's end (保障中小企业款项支付条例: 机关、事业单位 publish it before 31 March of the next year;
大型企业 put it in their annual report)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from contractcalc.cli.app import command, finish
from contractcalc.cli.options import (
    TABLE,
    AsOfOpt,
    AssumeOpt,
    ContractOpt,
    ContractsArg,
    FormatOpt,
    HolidaysOpt,
)
from contractcalc.cli.output.report import Column, Report
from contractcalc.i18n import _

if TYPE_CHECKING:
    from contractcalc.core.law.rules import RulePack
    from contractcalc.core.model import Contract


@command(help=_(
    "The buyer's annual disclosure: SME payments overdue and unpaid at the end of --year.\n\n"
    "For each contract whose vendor declared itself an SME (parties.vendor.sme) and whose buyer "
    "the 保障中小企业款项支付条例 binds (parties.buyer.kind), every installment unpaid on 31 "
    "December past its binding day (the earlier of the contractual and the statutory one): "
    "amount, days overdue and the interest owed to the year's end, grouped by buyer with the "
    "contracts, count and amounts the statutory report needs (due before 31 March of the next "
    "year). Contracts the law does not reach are named with what they would need. Exit 1 when "
    "anything is overdue.\n\n"
    "A year not yet over is listed as of --as-of (default today), marked provisional.\n\n"
    "Example: contractcalc disclosure --year 2025 contracts/ --format csv --output 2025.csv"))
def disclosure(
    files: ContractsArg = None,
    year: Annotated[int, typer.Option("--year", min=2020, max=2099, metavar="YEAR",
                                      help=_("The year reported: payments unpaid on its last "
                                             "day."))] = ...,  # type: ignore[assignment]
    contract: ContractOpt = None, as_of: AsOfOpt = None, holidays: HolidaysOpt = None,
    assume_weekends: AssumeOpt = False, fmt: FormatOpt = TABLE,
) -> None:
    """The annual list of overdue SME payments (help text above, translated)."""
    from contractcalc.cli.inputs import load
    from contractcalc.cli.options import resolve_as_of
    from contractcalc.shell.contracts.contract_set import expand
    from contractcalc.shell.law import rule_pack

    paths: list[Path | None] = ([*expand(files)] if files else
                                [contract] if contract is not None else [None])
    pack = rule_pack()
    rows: list[dict[str, Any]] = []
    notes: list[str] = []
    # A year not yet over is reported as of the day asked (--as-of, default today): provisional.
    end = min(dt.date(year, 12, 31), resolve_as_of(as_of))
    for path in paths:
        terms = load(path)
        found, note = _overdue(terms, pack, end, holidays, assume_weekends)
        rows += found
        if note:
            notes.append(_("contract {number}: {note}").format(number=terms.number, note=note))
    finish(disclosure_report(year, rows, notes, pack, end), fmt)


def _overdue(terms: Contract, pack: RulePack, end: dt.date, holidays: Path | None,
             assume: bool) -> tuple[list[dict[str, Any]], str | None]:
    from contractcalc.cli.inputs import calendar_for
    from contractcalc.cli.views.law import reach_note
    from contractcalc.cli.views.obligations import title
    from contractcalc.core.events import make_context
    from contractcalc.core.law.sme_payments import applicability, sme_lines
    from contractcalc.core.money.amounts import fen_str
    from contractcalc.core.payments.installments import installments

    if applicability(terms, pack).reach != "applies":
        return [], reach_note(terms, pack)
    ctx = make_context(terms, as_of=end, calendar=calendar_for(terms, holidays, assume))
    buyer = terms.parties.buyer
    rows = []
    for line in sme_lines(ctx, pack, installments(ctx)):
        i, o = line.interest, line.obligation
        if not line.unpaid_overdue or i is None:
            continue
        rows.append({
            "buyer": buyer.name, "buyer_kind": buyer.kind, "contract": terms.number,
            "vendor": terms.parties.vendor.name, "key": o.key, "clause": o.clause,
            "title": title(o), "amount": fen_str(i.amount),
            "binding_due": line.statutory.binding.isoformat() if line.statutory.binding else None,
            "late_from": i.late_from.isoformat(), "days_overdue": i.days,
            "interest": fen_str(i.total), "interest_basis": i.rate.basis,
        })
    if terms.fees is not None:
        from contractcalc.core.payments.fees import fee_obligations

        # counted before credits and deductions (the outage log is not read here): whether
        # any is late is said, not how many
        if any(o.status == "overdue" for o in fee_obligations(ctx)):
            from contractcalc.cli.views.law import fee_note

            return rows, _("fee parts unpaid past the contract's day are not in this report "
                           "(see contractcalc payments); {note}").format(note=fee_note())
    return rows, None


def disclosure_report(year: int, rows: list[dict[str, Any]], notes: list[str],
                      pack: RulePack, end: dt.date) -> Report:
    """The items by buyer and contract, then each buyer's totals with the article that asks
    for the report (the text in force when it is made, early the next year)."""
    from contractcalc.cli.views.law import cite_rule
    from contractcalc.core.law.rules import PUBLIC, rule
    from contractcalc.core.money.amounts import fen_str

    due = dt.date(year + 1, 3, 31)
    rows.sort(key=lambda r: (r["buyer"], r["contract"], r["key"]))
    buyers: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        buyers.setdefault(r["buyer"], []).append(r)
    totals = []
    for name, items in buyers.items():
        kind = items[0]["buyer_kind"]
        asks = rule(pack, "disclosure_public" if kind in PUBLIC else "disclosure_large",
                    dt.date(year + 1, 1, 1))
        totals.append({
            "buyer": name, "buyer_kind": kind,
            "contracts": len({r["contract"] for r in items}), "count": len(items),
            "amount": fen_str(sum((Decimal(r["amount"]) for r in items), Decimal(0))),
            "interest": fen_str(sum((Decimal(r["interest"]) for r in items), Decimal(0))),
            "rule": cite_rule(asks) if asks else None})
    columns = (Column("buyer", _("Buyer"), keep=2),
               Column("contract", _("Contract"), "fixed", keep=2),
               Column("clause", _("Clause"), "fixed", keep=1),
               Column("title", _("Payment"), keep=0),
               Column("amount", _("Amount"), "money", keep=2),
               Column("binding_due", _("Due"), "date", keep=2),
               Column("days_overdue", _("Days overdue"), "number", keep=2),
               Column("interest", _("Interest"), "money", keep=2))
    total_columns = (Column("buyer", _("Buyer"), keep=2),
                     Column("contracts", _("Contracts"), "number", keep=2),
                     Column("count", _("Payments"), "number", keep=2),
                     Column("amount", _("Amount"), "money", keep=2),
                     Column("interest", _("Interest"), "money", keep=2),
                     Column("rule", _("Rule"), keep=1))
    head = [_("as of {date}; the public report is due before {due}").format(date=end, due=due)]
    if end < dt.date(year, 12, 31):
        head.append(_("{year} has not ended: the list is provisional, as of {date}").format(
            year=year, date=end))
    if not rows:
        head.append(_("no SME payment was overdue and unpaid on {date}").format(date=end))
    return Report("disclosure", _("SME payments overdue and unpaid at the end of {year}").format(
        year=year), columns, rows,
        meta={"year": year, "as_of": end.isoformat(), "due_by": due.isoformat(),
              "buyers": totals},
        notes=[*head, *notes], finding=bool(rows),
        sections=[(_("By buyer"), total_columns, totals)] if totals else [])
