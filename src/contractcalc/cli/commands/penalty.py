"""`contractcalc penalty`: liquidated damages for a delay, at the contract's rates and clauses."""

from decimal import Decimal
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
    parse_date_arg,
    resolve_as_of,
)
from contractcalc.cli.output.report import Column, Report
from contractcalc.cli.views.obligations import (
    base_meta,
    cite,
    display,
    iso,
    money,
    rate_text,
    words,
)
from contractcalc.i18n import _

# The core names the fields of the damages (days_late, delivered, ...); the user typed options.
OPTIONS = {"days_late": "--days-late", "due": "--due", "delivered": "--delivered",
           "excuses": "--excuse", "total": "--total", "actual_loss": "--actual-loss",
           "base": "--base"}


@command(help=_(
    "Liquidated damages for a delay, at the contract's rates: daily, flat for breach or delay, "
    "and after failed acceptances, each with the contract's clause.\n\n"
    "Give --days-late N, or --due DATE with --delivered DATE (days late run from the day after "
    "the due date through the delivery date; a delivery on or before the due date is 0 days "
    "late). --due without --delivered counts to --as-of: the damages accrued so far.\n\n"
    "Example: contractcalc penalty --days-late 12"))
def penalty(
    days_late: Annotated[int | None, typer.Option(
        "--days-late", "-d", show_default=False, help=_("Calendar days late."))] = None,
    due: Annotated[str | None, typer.Option(
        "--due", metavar="DATE", show_default=False,
        help=_("Due date; days late count to --delivered, or to --as-of when not "
               "delivered."))
    ] = None,
    delivered: Annotated[str | None, typer.Option(
        "--delivered", metavar="DATE", show_default=False, help=_("Delivery date."))] = None,
    excuse: Annotated[list[str] | None, typer.Option(
        "--excuse", metavar="FROM..TO", show_default=False,
        help=_("Force-majeure days to leave out, repeatable."))] = None,
    failed_acceptances: Annotated[int | None, typer.Option(
        "--failed-acceptances", show_default=False,
        help=_("Failed acceptances so far (default: from the events)."))] = None,
    total: Annotated[str | None, typer.Option(
        "--total", metavar="AMOUNT", show_default=False,
        help=_("What-if: another contract price."))] = None,
    actual_loss: Annotated[str | None, typer.Option(
        "--actual-loss", metavar="AMOUNT", show_default=False,
        help=_("The buyer's actual loss, to flag damages a court may reduce."))] = None,
    base: Annotated[str | None, typer.Option(
        "--base", metavar="AMOUNT", show_default=False,
        help=_("The late item's amount, where the delay damages count on it (base: "
               "installment or fee)."))] = None,
    contract: ContractOpt = None, as_of: AsOfOpt = None, event: EventOpt = None,
    holidays: HolidaysOpt = None, fmt: FormatOpt = TABLE,
) -> None:
    """Liquidated damages for a delay (help text above, translated)."""
    from contractcalc.core.errors import InputError

    terms = load(contract, events=event)
    check_holidays(terms, holidays)
    d = terms.damages
    if d.delay_terms is None and not d.has_breach and not d.has_failed_acceptance:
        raise InputError(_("contract {number} states no liquidated damages (damages: in the "
                           "file); see contractcalc payments for its obligations").format(
                               number=terms.number), field="damages")
    if (days_late is None) == (due is None and delivered is None):
        raise InputError(_("give either --days-late N or --due DATE (with --delivered DATE, "
                           "or counted to --as-of)"), field="penalty")
    try:
        result = _assess(terms, days_late, due, delivered, excuse, failed_acceptances, total,
                         actual_loss, as_of, base)
    except InputError as exc:
        if exc.field not in OPTIONS:
            raise
        raise InputError(exc.detail, field=OPTIONS[exc.field]) from None
    from contractcalc.cli.views.explain import explain_penalty

    delay = terms.damages.delay_terms
    finish(explain_penalty(penalty_report(terms, result), result,
                           delay.cap_percent if delay else None), fmt)


def _assess(terms: Any, days_late: int | None, due: str | None, delivered: str | None,
            excuse: list[str] | None, failed_acceptances: int | None, total: str | None,
            actual_loss: str | None, as_of: str | None, base: str | None = None) -> Any:
    from contractcalc.core.damages.penalty import LateDays, assess, late_days
    from contractcalc.core.errors import InputError

    ranges = tuple(_range(text) for text in excuse or ())
    if days_late is not None:
        if ranges:
            raise InputError(_("needs --due and --delivered to place the days"),
                             field="--excuse")
        late = LateDays(days_late, days_late, 0)
    else:
        if due is None:
            raise InputError(_("needs --due: the days late count from the due date"),
                             field="--delivered")
        late = late_days(parse_date_arg(due, "--due"),
                         parse_date_arg(delivered, "--delivered") if delivered else None,
                         ranges, as_of=None if delivered else resolve_as_of(as_of))
    if failed_acceptances is None and terms.events.failed_acceptances:
        from contractcalc.core.events import occurred

        failed_acceptances = len(occurred(terms, resolve_as_of(as_of)).failed_acceptances)
    return assess(total=parse_amount_arg(total, "--total") if total else terms.total,
                  terms=terms.damages, late=late, failed_acceptances=failed_acceptances,
                  actual_loss=(parse_amount_arg(actual_loss, "--actual-loss", minimum=Decimal(0))
                               if actual_loss else None),
                  base=parse_amount_arg(base, "--base", minimum=Decimal(0)) if base else None)


def _range(text: str):  # type: ignore[no-untyped-def]
    from contractcalc.core.errors import InputError

    first, sep, last = text.partition("..")
    if not sep:
        raise InputError(_("expected FROM..TO, got {value!r}").format(value=text),
                         field="--excuse")
    start, end = parse_date_arg(first, "--excuse"), parse_date_arg(last, "--excuse")
    if end < start:
        raise InputError(_("{value!r} ends before it starts").format(value=text),
                         field="--excuse")
    return start, end


def _words(amount: Any) -> str | None:
    """大写 where it can be written: a figure beyond 10^16 (a long delay on a huge total) has
    none, and the table leaves the cell empty rather than fail."""
    from contractcalc.core.ranges import AMOUNT_MAX

    if amount is None:
        return None
    return words(amount) if abs(amount) <= AMOUNT_MAX else None


def penalty_report(contract: Any, result: Any) -> Report:
    rows = [{
        "key": f.key, "clause": f.clause, "title": f.title, "basis": f.basis,
        "amount": money(f.amount), "amount_words": _words(f.amount),
        "applies": f.applies, "note": f.note,
    } for f in result.figures]
    late = result.late
    delay = contract.damages.delay_terms
    fig = result.delay
    meta = {**base_meta(contract), "total": money(result.total), "days_late": late.days,
            "per_day": money(result.per_day), "per_day_exact": f"{result.per_day.normalize():f}",
            "per_day_clause": delay.clause if delay else None,
            "days_excused": late.excused, "due": iso(late.due), "delivered": iso(late.delivered),
            "accruing": late.counted_to is not None, "counted_to": iso(late.counted_to),
            "days_early": late.early,
            "delay_base": money(fig.base) if fig else None,
            "delay_uncapped": money(fig.uncapped) if fig else None,
            "delay_cap": money(fig.cap) if fig and fig.cap is not None else None,
            "delay_capped": fig.capped if fig else False,
            "may_terminate": fig.may_terminate if fig and fig.terminate_after else None}
    columns = (Column("clause", _("Clause"), "fixed", keep=2),
               Column("title", _("Damages"), keep=2),
               Column("basis", _("Basis")), Column("amount", _("Amount"), "money", keep=2),
               Column("amount_words", "大写", "fixed"),
               Column("applies_text", _("Applies"), "fixed", keep=2))
    unknown = {"breach": _("if claimed"), "failed_acceptance": _("not known")}
    for row in rows:
        row["applies_text"] = ({True: _("yes"), False: _("no")}.get(row["applies"])
                               or unknown.get(row["key"], _("not known")))
    notes = []
    if fig is not None and delay is not None:
        notes += _delay_notes(contract, result, fig, delay)
    if late.counted_to is not None:
        notes.append(_("not delivered: {days} day(s) late counted to {date} (--as-of); the "
                       "damages accrued so far, growing {rate} a day until delivery").format(
            days=late.days, date=late.counted_to,
            rate=rate_text(fig.next_day if fig else result.per_day)))
    if late.early:
        text = (_("delivered {days} day(s) before the due date {date}: not late")
                if late.delivered is not None else
                _("on --as-of {days} day(s) before the due date {date}: not late"))
        notes.append(text.format(days=late.early, date=late.due))
    notes += result.notes
    title = (_("{days} day(s) late so far (to {date})").format(days=late.days,
                                                               date=late.counted_to)
             if late.counted_to is not None else
             _("{days} day(s) late").format(days=late.days))
    return Report("penalty", _("Liquidated damages — contract {number}, {title}").format(
                      number=contract.number, title=title),
                  columns, rows, meta=meta, notes=notes)


def _delay_notes(contract: Any, result: Any, fig: Any, delay: Any) -> list[str]:
    """How the delay damages were counted: each tier's rate × days, the cap, the right."""
    late = result.late
    of = display(fig.base)
    notes = []
    if len(fig.tiers) <= 1 and fig.cap is None:
        rounded = "" if rate_text(result.per_day) == display(result.per_day) else \
            _(", rounded to the fen once, at the end")
        permille = delay.tiers[0].daily_permille
        notes.append(_("per day: {rate} ({permille}‰ of {total}) × {days} day(s) = {amount}"
                       "{rounded}").format(rate=rate_text(result.per_day), permille=permille,
                                           total=of, days=late.days,
                                           amount=display(fig.amount), rounded=rounded))
    for part in fig.tiers if len(fig.tiers) > 1 or fig.cap is not None else ():
        notes.append(_("days {first} to {last}: {rate} ({permille}‰ of {base}) × {days} day(s) "
                       "= {amount}").format(first=part.first, last=part.last,
                                            rate=rate_text(part.per_day),
                                            permille=part.permille, base=of, days=part.days,
                                            amount=display(part.amount)))
    if fig.capped:
        notes.append(_("capped: the tiers add up to {uncapped}, the cap is {percent}% of {what} "
                       "= {cap}{cite}; the damages stop there").format(
            uncapped=display(fig.uncapped), percent=delay.cap_percent,
            what=display(result.total) if delay.cap_of == "total" else of,
            cap=display(fig.cap), cite=cite(delay.clause)))
    elif fig.cap is not None:
        notes.append(_("cap {percent}% = {cap}: not reached").format(
            percent=delay.cap_percent, cap=display(fig.cap)))
    if delay.terminate_after_days is not None:
        notes.append((_("more than {days} day(s) late: the buyer may terminate the "
                        "contract{cite}") if fig.may_terminate else
                      _("the buyer may terminate once more than {days} day(s) late{cite}"))
                     .format(days=delay.terminate_after_days, cite=cite(delay.clause)))
    return notes
