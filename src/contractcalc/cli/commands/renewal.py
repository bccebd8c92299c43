"""`contractcalc renewal`: whether a renewal is allowed within the contract's renewal limits."""

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

# The core names the amounts it checks; the user typed options.
OPTIONS = {"base": "--base", "proposed": "--amount"}


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
    """Whether a renewal applied for on --as-of is allowed, within the contract's renewal limits.

    Checks the number of renewals and the amount against the contract's limits (the example
    contract: at most two, within ±10% of the first contract), that the application is made
    before the term being renewed ends, the completion certificate, and no breach in that term.
    The verdict is allowed, not yet (the certificate is not recorded yet) or not allowed; exit 1
    unless allowed.

    Example: contractcalc renewal --amount 250000 --number 1 --as-of 2026-09-01
    """
    from contractcalc.core.errors import InputError
    from contractcalc.core.events import occurred, service_period
    from contractcalc.core.renewal import check_renewal

    terms = load(contract, events=event)
    check_holidays(terms, holidays)
    day = resolve_as_of(as_of)
    happened = occurred(terms, day)
    try:
        result = check_renewal(
            terms=terms.renewal,
            base=parse_amount_arg(base, "--base") if base else terms.total,
            proposed=parse_amount_arg(amount, "--amount"), number=number,
            certified=happened.dated.get("completion_certified"), breaches=happened.breaches,
            term=service_period(terms, as_of=day), as_of=day)
    except InputError as exc:
        if exc.field not in OPTIONS:
            raise
        raise InputError(exc.detail, field=OPTIONS[exc.field]) from None
    finish(renewal_report(terms, result, day), fmt)


VERDICTS = {"allowed": "allowed", "not_yet": "not yet", "not_allowed": "NOT allowed"}


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
         "state": "ok" if result.in_range else "out of range"},
    ] + [{"key": c.key, "clause": c.clause, "item": c.text, "value": c.detail,
          "state": c.state.replace("_", " ")} for c in result.conditions]
    for row in rows[:1] + rows[2:]:
        row.update({"low": None, "high": None, "change_percent": None})
    term = result.term
    meta = {**base_meta(contract, as_of), "verdict": result.verdict, "allowed": result.allowed,
            "base": money(result.base), "low": money(result.low), "high": money(result.high),
            "proposed": money(result.proposed),
            "change_percent": percent_text(result.change_percent, limit),
            "term_first": term.first.isoformat(), "term_last": term.last.isoformat(),
            "term_end_assumed": term.assumed_end,
            "reasons": list(result.reasons), "pending": list(result.pending)}
    notes = [f"allowed range {display(result.low)} to {display(result.high)} "
             f"(±{limit}% of {display(result.base)}, both ends included); proposed "
             f"{display(result.proposed)} is {percent_text(result.change_percent, limit)}%",
             f"the term being renewed: {term.first} to {term.last}"
             + (" (its end assumed: the written term ends before service starts, so it runs as "
                "long from the start of service)" if term.assumed_end else ""),
             *result.reasons, *(f"not yet: {p}" for p in result.pending)]
    columns = (Column("clause", "Clause", "fixed", keep=2), Column("item", "Item", keep=2),
               Column("value", "Value", keep=2), Column("state", "State", keep=2))
    return Report("renewal", f"Renewal no. {result.number} — contract {contract.number}: "
                  f"{VERDICTS[result.verdict]}", columns, rows, meta=meta, notes=notes,
                  finding=not result.allowed)
