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
from contractcalc.cli.output.report import Column, Report
from contractcalc.cli.views.obligations import base_meta, display, money
from contractcalc.i18n import _

# The core names the amounts it checks; the user typed options.
OPTIONS = {"base": "--base", "proposed": "--amount"}


@command(help=_(
    "Whether a renewal applied for on --as-of is allowed, within the contract's renewal "
    "limits.\n\n"
    "Checks the number of renewals and the amount against the contract's limits (the example "
    "contract: at most two, within ±10% of the first contract), that the application is made "
    "before the term being renewed ends, the completion certificate, and no breach in that "
    "term. The verdict is allowed, not yet (the certificate is not recorded yet) or not "
    "allowed; exit 1 unless allowed.\n\n"
    "Example: contractcalc renewal --amount 250000 --number 1 --as-of 2026-09-01"))
def renewal(
    amount: Annotated[str, typer.Option("--amount", metavar="AMOUNT",
                                        help=_("Proposed amount of the renewal."))],
    number: Annotated[int, typer.Option("--number", "-n", min=1,
                                        help=_("Which renewal this is: 1, 2, ..."))] = 1,
    base: Annotated[str | None, typer.Option(
        "--base", metavar="AMOUNT", show_default=False,
        help=_("The first contract's amount, when the file is itself a renewal "
               "(default: its total)."))] = None,
    contract: ContractOpt = None, as_of: AsOfOpt = None, event: EventOpt = None,
    holidays: HolidaysOpt = None, fmt: FormatOpt = TABLE,
) -> None:
    """Whether a renewal is allowed (help text above, translated)."""
    from contractcalc.core.errors import InputError
    from contractcalc.core.events import occurred
    from contractcalc.core.renewal import check_renewal
    from contractcalc.core.service import service_period

    terms = load(contract, events=event)
    check_holidays(terms, holidays)
    day = resolve_as_of(as_of)
    if terms.renewal is None:
        raise InputError(_("the contract has no renewal clause (renewal: in the contract file); "
                           "contractcalc timeline shows its obligations"), field="renewal")
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
    from contractcalc.cli.views.explain import explain_renewal

    finish(explain_renewal(renewal_report(terms, result, day), result,
                           terms.renewal.max_change_percent), fmt)


def verdict_words() -> dict[str, str]:
    return {"allowed": _("allowed"), "not_yet": _("not yet"), "not_allowed": _("NOT allowed")}


def state_words() -> dict[str, str]:
    """A row's state as the table shows it (JSON and CSV keep `state` in English)."""
    return {"ok": _("ok"), "not allowed": _("not allowed"), "out of range": _("out of range"),
            "met": _("met"), "unmet": _("unmet"), "not recorded": _("not recorded")}


def renewal_report(contract: Any, result: Any, as_of: dt.date) -> Report:
    from contractcalc.core.renewal import percent_text

    limit = contract.renewal.max_change_percent
    rows = [
        {"key": "number", "clause": contract.renewal.clause, "item": _("Renewal number"),
         "value": _("{number} of at most {max}").format(number=result.number,
                                                         max=result.max_renewals),
         "state": "ok" if result.number <= result.max_renewals else "not allowed"},
        {"key": "amount", "clause": contract.renewal.clause, "item": _("Proposed amount"),
         "value": f"{display(result.proposed)} ({percent_text(result.change_percent, limit)}%)",
         "low": money(result.low), "high": money(result.high),
         "change_percent": percent_text(result.change_percent, limit),
         "state": "ok" if result.in_range else "out of range"},
    ] + [{"key": c.key, "clause": c.clause, "item": c.text, "value": c.detail,
          "state": c.state.replace("_", " ")} for c in result.conditions]
    for row in rows[:1] + rows[2:]:
        row.update({"low": None, "high": None, "change_percent": None})
    for row in rows:
        row["state_text"] = state_words()[row["state"]]
    term = result.term
    meta = {**base_meta(contract, as_of), "verdict": result.verdict, "allowed": result.allowed,
            "base": money(result.base), "low": money(result.low), "high": money(result.high),
            "proposed": money(result.proposed),
            "change_percent": percent_text(result.change_percent, limit),
            "term_first": term.first.isoformat(), "term_last": term.last.isoformat(),
            "term_end_assumed": term.assumed_end,
            "reasons": list(result.reasons), "pending": list(result.pending)}
    notes = [_("allowed range {low} to {high} (±{limit}% of {base}, both ends included); "
               "proposed {proposed} is {change}%").format(
                   low=display(result.low), high=display(result.high), limit=limit,
                   base=display(result.base), proposed=display(result.proposed),
                   change=percent_text(result.change_percent, limit)),
             _("the term being renewed: {first} to {last}").format(first=term.first,
                                                                   last=term.last)
             + (_(" (its end assumed: the written term ends before service starts, so it runs "
                  "as long from the start of service)") if term.assumed_end else ""),
             *result.reasons, *(_("not yet: {what}").format(what=p) for p in result.pending)]
    columns = (Column("clause", _("Clause"), "fixed", keep=2), Column("item", _("Item"), keep=2),
               Column("value", _("Value"), keep=2), Column("state_text", _("State"), keep=2))
    return Report("renewal", _("Renewal no. {number} — contract {contract}: {verdict}").format(
                      number=result.number, contract=contract.number,
                      verdict=verdict_words()[result.verdict]),
                  columns, rows, meta=meta, notes=notes, finding=not result.allowed)
