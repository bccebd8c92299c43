"""`contractcalc renewal`: whether a renewal is allowed (clause 5)."""

import datetime as dt
from typing import Annotated, Any

import typer

from contractcalc.cli.app import command, finish
from contractcalc.cli.inputs import check_holidays, load
from contractcalc.cli.options import (
    TABLE,
    AsOfOpt,
    ContractOpt,
    EventOpt,
    FormatOpt,
    HolidaysOpt,
    parse_amount_arg,
    resolve_as_of,
)
from contractcalc.cli.render import Column, Report
from contractcalc.cli.views import base_meta, display, money


@command()
def renewal(
    amount: Annotated[str, typer.Option("--amount", metavar="AMOUNT",
                                        help="Proposed amount of the renewal.")],
    number: Annotated[int, typer.Option("--number", "-n", min=1,
                                        help="Which renewal this is: 1, 2, ...")] = 1,
    base: Annotated[str | None, typer.Option(
        "--base", metavar="AMOUNT", show_default=False,
        help="The first contract's amount, when the file is itself a renewal "
             "(default: its total).")] = None,
    contract: ContractOpt = None, as_of: AsOfOpt = None, event: EventOpt = None,
    holidays: HolidaysOpt = None, fmt: FormatOpt = TABLE,
) -> None:
    """Whether a renewal is allowed (clause 5): at most two, amount within ±10%, conditions.

    Exit 1 when it is not: a renewal past the cap, an amount outside the range, or a breach in
    the prior year.

    Example: contractcalc renewal --amount 250000 --number 1
    """
    from contractcalc.core.renewal import check_renewal

    terms = load(contract, events=event)
    check_holidays(terms, holidays)
    day = resolve_as_of(as_of)
    certified = terms.events.completion_certified
    result = check_renewal(
        terms=terms.renewal, base=parse_amount_arg(base, "--base") if base else terms.total,
        proposed=parse_amount_arg(amount, "--amount"), number=number,
        certified=certified if certified and certified <= day else None,
        breaches=terms.events.breaches, as_of=day)
    finish(renewal_report(terms, result, day), fmt)


def renewal_report(contract: Any, result: Any, as_of: dt.date) -> Report:
    from contractcalc.core.renewal import percent_text

    limit = contract.renewal.max_change_percent
    rows = [
        {"key": "number", "clause": contract.renewal.clause, "item": "Renewal number",
         "value": f"{result.number} of at most {result.max_renewals}",
         "state": "ok" if result.number <= result.max_renewals else "not allowed"},
        {"key": "amount", "clause": contract.renewal.clause, "item": "Proposed amount",
         "value": f"{display(result.proposed)} ({percent_text(result.change_percent, limit)}%)",
         "low": money(result.low), "high": money(result.high),
         "change_percent": percent_text(result.change_percent, limit),
         "state": "ok" if result.low <= result.proposed <= result.high else "out of range"},
    ] + [{"key": c.key, "clause": c.clause, "item": c.text, "value": c.detail,
          "state": c.state.replace("_", " ")} for c in result.conditions]
    for row in rows[:1] + rows[2:]:
        row.update({"low": None, "high": None, "change_percent": None})
    meta = {**base_meta(contract, as_of), "allowed": result.allowed,
            "base": money(result.base), "low": money(result.low), "high": money(result.high),
            "proposed": money(result.proposed),
            "change_percent": percent_text(result.change_percent, limit),
            "reasons": list(result.reasons)}
    verdict = "allowed" if result.allowed else "NOT allowed"
    notes = [f"allowed range {display(result.low)} to {display(result.high)} "
             f"(±{contract.renewal.max_change_percent}% of {display(result.base)}, both ends "
             f"included); proposed {display(result.proposed)} is "
             f"{percent_text(result.change_percent, limit)}%", *result.reasons]
    columns = (Column("clause", "Clause"), Column("item", "Item"), Column("value", "Value"),
               Column("state", "State"))
    return Report("renewal", f"Renewal no. {result.number} — contract {contract.number}: "
                  f"{verdict}", columns, rows, meta=meta, notes=notes,
                  finding=not result.allowed)
