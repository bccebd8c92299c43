"""Drafting checks: what a careful contract officer would catch reading the terms side by side."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Literal, NamedTuple

from contractcalc.core.calendar.workdays import Override
from contractcalc.core.model import Contract
from contractcalc.core.money.amounts import display, percent_of, to_fen
from contractcalc.core.money.words import from_words, style_problems, to_words
from contractcalc.core.payments.bands import band_findings
from contractcalc.i18n import _, code_label

Severity = Literal["error", "warning", "info"]


class Finding(NamedTuple):
    severity: Severity
    clause: str | None
    """The contract file's clause for the rule, or None where it names none."""
    field: str
    message: str


def check_contract(contract: Contract, *, as_of: dt.date | None = None,
                   known_years: frozenset[int] = frozenset(),
                   overrides: Sequence[Override] = ()) -> list[Finding]:
    """Every inconsistency found, errors first, in clause order within a severity.

    With as_of, events dated after it are flagged too: a record of the future is a typo.
    known_years: the years with an official schedule (the shell knows which data is installed).
    overrides: supplied holiday-schedule days that change an official day (each is a warning).
    """
    found = [
        *_amounts(contract), *_term(contract), *_signatures(contract), *_annexes(contract),
        *_events(contract), *_triggers(contract), *_calendar_years(contract, known_years),
        *(Finding("warning", "calendar", f"calendar.{o.date.year}",
                  _("holiday schedule override: {what}").format(what=o.message()))
          for o in overrides),
        *(_future_events(contract, as_of) if as_of else ()),
        *(Finding(*found) for found in band_findings(contract)),
    ]
    rank = {"error": 0, "warning": 1, "info": 2}
    return sorted(found, key=lambda f: rank[f.severity])


def _words(words: str | None, figure: Decimal, clause: str | None, field: str) -> Iterator[Finding]:
    if words is None:
        return
    try:
        value = from_words(words)
    except ValueError as exc:
        yield Finding("error", clause, field,
                      _("amount in words is not well-formed: {reason}").format(reason=exc))
        return
    if value != to_fen(figure):
        yield Finding("error", clause, field,
                      _("{words} reads {value}, but the figure is {figure} (should be "
                        "{expected})").format(words=words, value=display(value),
                                              figure=display(figure),
                                              expected=to_words(figure, prefix=True)))
    for problem in style_problems(words):
        yield Finding("warning", clause, field, f"{words}: {problem}")


def _amounts(c: Contract) -> Iterator[Finding]:
    """Errors only for what the contract writes; an unwritten amount is the tool's allocation
    (the last one takes the remainder, so the installments add up to the total)."""
    from contractcalc.core.payments.installments import installment_amounts

    yield from _words(c.total_words, c.total, c.total_clause, "total_words")
    percents = sum((i.percent for i in c.installments), Decimal(0))
    if percents != 100 and (c.installments or c.fees is None):
        yield Finding("error", c.installments_clause, "installments",
                      _("installment percents add up to {percent}%, not 100%").format(
                          percent=percents))
    amounts = installment_amounts(c)
    for n, (inst, amount) in enumerate(zip(c.installments, amounts, strict=True)):
        field = f"installments.{n}"
        expected = to_fen(percent_of(c.total, inst.percent))
        if inst.amount is None:
            message = (_("no amount written; {percent}% of {total} is {amount} ({words})")
                       if amount == expected else
                       _("no amount written; the remainder {amount}, so that the installments "
                         "add up to the total ({percent}% would be {expected}) ({words})"))
            yield Finding("info", inst.clause, f"{field}.amount", message.format(
                percent=inst.percent, total=display(c.total), amount=display(amount),
                expected=display(expected), words=to_words(amount)))
            continue
        if to_fen(inst.amount) != expected:
            yield Finding("error", inst.clause, f"{field}.amount",
                          _("{amount} is not {percent}% of {total} (that is {expected})").format(
                              amount=display(inst.amount), percent=inst.percent,
                              total=display(c.total), expected=display(expected)))
        yield from _words(inst.amount_words, inst.amount, inst.clause, f"{field}.amount_words")
    stated = sum(amounts, Decimal(0))
    if percents == 100 and to_fen(stated) != to_fen(c.total):
        yield Finding("error", c.installments_clause, "installments",
                      _("installments add up to {amount}, not the total {total}").format(
                          amount=display(stated), total=display(c.total)))


def _term(c: Contract) -> Iterator[Finding]:
    t = c.term
    if t.start > t.end:
        yield Finding("error", t.clause, "term", _("term starts {start} after it ends "
                                                   "{end}").format(start=t.start, end=t.end))
    if t.years is not None:
        from dateutil.relativedelta import relativedelta

        expected_end = t.start + relativedelta(years=t.years) - dt.timedelta(days=1)
        if expected_end != t.end:
            yield Finding("warning", t.clause, "term.end",
                          _("a term of {years} year(s) from {start} ends {expected}, but {end} "
                            "is written").format(years=t.years, start=t.start,
                                                 expected=expected_end, end=t.end))
    if c.signed > t.end:
        effective = (_("clause {clause}: ").format(clause=c.effective_clause)
                     if c.effective_clause else "")
        yield Finding("error", t.clause, "term",
                      _("the term {start} to {end} ends before the contract is signed on "
                        "{signed} ({effective}effective on signing); deadlines counted from "
                        "the term's end are counted from the end of a service period of the "
                        "same length instead, and marked assumed").format(
                          start=t.start, end=t.end, signed=c.signed, effective=effective))
    elif c.signed > t.start:
        yield Finding("warning", t.clause, "term.start",
                      _("the term starts {start}, before signing on {signed}: service before "
                        "the contract took effect").format(start=t.start, signed=c.signed))
    if c.signing_month and c.signing_month != c.signed.strftime("%Y-%m"):
        yield Finding("warning", None, "signing_month",
                      _("the cover says {month}, the signature page {signed}").format(
                          month=c.signing_month, signed=c.signed))


def _signatures(c: Contract) -> Iterator[Finding]:
    for n, sig in enumerate(c.signatures):
        if sig.date != c.signed:
            yield Finding("warning", None, f"signatures.{n}.date",
                          _("the {party} signed on {date}, not on {signed}").format(
                              party=code_label(sig.party), date=sig.date, signed=c.signed))
    parties = {s.party for s in c.signatures}
    if c.signatures and parties != {"buyer", "vendor"}:
        missing = {"buyer", "vendor"} - parties
        yield Finding("error", None, "signatures",
                      _("no signature date for the {parties}").format(
                          parties=_(", ").join(code_label(p) for p in sorted(missing))))


def _annexes(c: Contract) -> Iterator[Finding]:
    for n, annex in enumerate(c.annexes):
        label = _("annex {number} ({title})").format(number=annex.number, title=annex.title)
        for date in dict.fromkeys(annex.dates):  # a date written twice is reported once
            if date == c.signed:
                continue
            if annex.precedes_contract and date < c.signed:
                yield Finding("info", c.annexes_clause, f"annexes.{n}.dates",
                              _("{annex} is dated {date}, {days} days before signing, as a "
                                "document of its kind may be").format(
                                  annex=label, date=date, days=(c.signed - date).days))
                continue
            years = abs(c.signed.year - date.year)
            gap = (_("{years} year(s)").format(years=years) if years else
                   _("{days} days").format(days=abs((c.signed - date).days)))
            text = (_("{annex} is dated {date}, {gap} before signing on {signed}")
                    if date < c.signed else
                    _("{annex} is dated {date}, {gap} after signing on {signed}"))
            yield Finding("warning", c.annexes_clause, f"annexes.{n}.dates",
                          text.format(annex=label, date=date, gap=gap, signed=c.signed))
        if annex.amount is not None and to_fen(annex.amount) != to_fen(c.total):
            yield Finding("error", c.annexes_clause, f"annexes.{n}.amount",
                          _("{annex} states {amount}, the contract total is {total}").format(
                              annex=label, amount=display(annex.amount),
                              total=display(c.total)))


def _events(c: Contract) -> Iterator[Finding]:
    """A recorded event dated before an event it proves (the bond confirmed before it was
    lodged, a payment before its invoice) is out of order: one of the two dates is wrong."""
    from contractcalc.core.events import implications

    ev = c.events
    if ev.signed is not None and ev.signed != c.signed:
        yield Finding("warning", c.effective_clause, "events.signed",
                      _("events say signed {recorded}, the signature page {signed}").format(
                          recorded=ev.signed, signed=c.signed))
    for later, earlier in implications(c).items():
        late_day = ev.get(later)
        for name in earlier:
            early_day = ev.get(name)
            if late_day is not None and early_day is not None and late_day < early_day:
                yield Finding("warning", None, f"events.{later}",
                              _("{later} ({late_day}) is dated before {earlier} "
                                "({early_day})").format(later=later, late_day=late_day,
                                                        earlier=name, early_day=early_day))


def _triggers(c: Contract) -> Iterator[Finding]:
    for n, inst in enumerate(c.installments):
        if inst.trigger.after == "period_end":
            yield Finding("error", inst.clause, f"installments.{n}.trigger.after",
                          _("period_end only applies to recurring deliverables"))
    for n, item in enumerate(c.deliverables):
        if item.due and item.due.after == "period_end" and item.every is None:
            yield Finding("error", item.clause, f"deliverables.{n}.due.after",
                          _("period_end needs 'every: month', 'every: quarter' or 'every: year'"))


def _calendar_years(c: Contract, official: frozenset[int]) -> Iterator[Finding]:
    """Deadlines fall from signing to a little after the service ends (reports and refunds due
    some working days later: 90 calendar days cover them); each year needs a schedule."""
    from contractcalc.core.service import service_period

    known = official | set(c.calendar)
    first = min(c.signed, c.term.start).year
    last = service_period(c, as_of=dt.date.max).last + dt.timedelta(days=90)
    for year in range(first, last.year + 1):
        if year not in known:
            yield Finding("warning", None, "calendar",
                          _("no official holiday schedule for {year}: working-day deadlines in "
                            "{year} cannot be computed until it is added under 'calendar:' "
                            "(or estimated with --assume-weekends)").format(year=year))


def _future_events(c: Contract, as_of: dt.date) -> Iterator[Finding]:
    from contractcalc.core.events import occurred

    for name, day in occurred(c, as_of).later:
        yield Finding("warning", None, f"events.{name}",
                      _("dated {date}, after {as_of}: an event cannot be recorded before it "
                        "happens").format(date=day, as_of=as_of))
