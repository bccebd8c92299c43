"""Drafting checks: what a careful contract officer would catch reading the terms side by side."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Literal, NamedTuple

from contractcalc.core.amount_words import from_words, style_problems, to_words
from contractcalc.core.calendar import Override
from contractcalc.core.model import Contract
from contractcalc.core.money import display, percent_of, to_fen

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
                  f"holiday schedule override: {o.message()}") for o in overrides),
        *(_future_events(contract, as_of) if as_of else ()),
    ]
    rank = {"error": 0, "warning": 1, "info": 2}
    return sorted(found, key=lambda f: rank[f.severity])


def _words(words: str | None, figure: Decimal, clause: str | None, field: str) -> Iterator[Finding]:
    if words is None:
        return
    try:
        value = from_words(words)
    except ValueError as exc:
        yield Finding("error", clause, field, f"amount in words is not well-formed: {exc}")
        return
    if value != to_fen(figure):
        yield Finding("error", clause, field,
                      f"{words} reads {display(value)}, but the figure is {display(figure)} "
                      f"(should be {to_words(figure, prefix=True)})")
    for problem in style_problems(words):
        yield Finding("warning", clause, field, f"{words}: {problem}")


def _amounts(c: Contract) -> Iterator[Finding]:
    """Errors only for what the contract writes; an unwritten amount is the tool's allocation
    (the last one takes the remainder, so the installments add up to the total)."""
    from contractcalc.core.payments import installment_amounts

    yield from _words(c.total_words, c.total, c.total_clause, "total_words")
    percents = sum((i.percent for i in c.installments), Decimal(0))
    if percents != 100:
        yield Finding("error", c.installments_clause, "installments",
                      f"installment percents add up to {percents}%, not 100%")
    amounts = installment_amounts(c)
    for n, (inst, amount) in enumerate(zip(c.installments, amounts, strict=True)):
        field = f"installments.{n}"
        expected = to_fen(percent_of(c.total, inst.percent))
        if inst.amount is None:
            share = (f"{inst.percent}% of {display(c.total)} is {display(amount)}"
                     if amount == expected else
                     f"the remainder {display(amount)}, so that the installments add up to the "
                     f"total ({inst.percent}% would be {display(expected)})")
            yield Finding("info", inst.clause, f"{field}.amount",
                          f"no amount written; {share} ({to_words(amount)})")
            continue
        if to_fen(inst.amount) != expected:
            yield Finding("error", inst.clause, f"{field}.amount",
                          f"{display(inst.amount)} is not {inst.percent}% of {display(c.total)} "
                          f"(that is {display(expected)})")
        yield from _words(inst.amount_words, inst.amount, inst.clause, f"{field}.amount_words")
    stated = sum(amounts, Decimal(0))
    if percents == 100 and to_fen(stated) != to_fen(c.total):
        yield Finding("error", c.installments_clause, "installments",
                      f"installments add up to {display(stated)}, not the total {display(c.total)}")


def _term(c: Contract) -> Iterator[Finding]:
    t = c.term
    if t.start > t.end:
        yield Finding("error", t.clause, "term", f"term starts {t.start} after it ends {t.end}")
    if t.years is not None:
        from dateutil.relativedelta import relativedelta

        expected_end = t.start + relativedelta(years=t.years) - dt.timedelta(days=1)
        if expected_end != t.end:
            yield Finding("warning", t.clause, "term.end",
                          f"a term of {t.years} year(s) from {t.start} ends {expected_end}, "
                          f"but {t.end} is written")
    if c.signed > t.end:
        effective = f"clause {c.effective_clause}: " if c.effective_clause else ""
        yield Finding("error", t.clause, "term",
                      f"the term {t.start} to {t.end} ends before the contract is signed on "
                      f"{c.signed} ({effective}effective on signing); deadlines counted from "
                      f"the term's end are counted from the end of a service period of the "
                      f"same length instead, and marked assumed")
    elif c.signed > t.start:
        yield Finding("warning", t.clause, "term.start",
                      f"the term starts {t.start}, before signing on {c.signed}: "
                      f"service before the contract took effect")
    if c.signing_month and c.signing_month != c.signed.strftime("%Y-%m"):
        yield Finding("warning", None, "signing_month",
                      f"the cover says {c.signing_month}, the signature page {c.signed}")


def _signatures(c: Contract) -> Iterator[Finding]:
    for n, sig in enumerate(c.signatures):
        if sig.date != c.signed:
            yield Finding("warning", None, f"signatures.{n}.date",
                          f"the {sig.party} signed on {sig.date}, not on {c.signed}")
    parties = {s.party for s in c.signatures}
    if c.signatures and parties != {"buyer", "vendor"}:
        missing = {"buyer", "vendor"} - parties
        yield Finding("error", None, "signatures",
                      f"no signature date for the {', '.join(sorted(missing))}")


def _annexes(c: Contract) -> Iterator[Finding]:
    for n, annex in enumerate(c.annexes):
        label = f"annex {annex.number} ({annex.title})"
        for date in dict.fromkeys(annex.dates):  # a date written twice is reported once
            if date == c.signed:
                continue
            if annex.precedes_contract and date < c.signed:
                yield Finding("info", c.annexes_clause, f"annexes.{n}.dates",
                              f"{label} is dated {date}, {(c.signed - date).days} days before "
                              f"signing, as a document of its kind may be")
                continue
            years = abs(c.signed.year - date.year)
            gap = f"{years} year(s)" if years else f"{abs((c.signed - date).days)} days"
            when = "before" if date < c.signed else "after"
            yield Finding("warning", c.annexes_clause, f"annexes.{n}.dates",
                          f"{label} is dated {date}, {gap} {when} signing on {c.signed}")
        if annex.amount is not None and to_fen(annex.amount) != to_fen(c.total):
            yield Finding("error", c.annexes_clause, f"annexes.{n}.amount",
                          f"{label} states {display(annex.amount)}, "
                          f"the contract total is {display(c.total)}")


def _events(c: Contract) -> Iterator[Finding]:
    """A recorded event dated before an event it proves (the bond confirmed before it was
    lodged, a payment before its invoice) is out of order: one of the two dates is wrong."""
    from contractcalc.core.events import implications

    ev = c.events
    if ev.signed is not None and ev.signed != c.signed:
        yield Finding("warning", c.effective_clause, "events.signed",
                      f"events say signed {ev.signed}, the signature page {c.signed}")
    for later, earlier in implications(c).items():
        late_day = ev.get(later)
        for name in earlier:
            early_day = ev.get(name)
            if late_day is not None and early_day is not None and late_day < early_day:
                yield Finding("warning", None, f"events.{later}",
                              f"{later} ({late_day}) is dated before {name} ({early_day})")


def _triggers(c: Contract) -> Iterator[Finding]:
    for n, inst in enumerate(c.installments):
        if inst.trigger.after == "period_end":
            yield Finding("error", inst.clause, f"installments.{n}.trigger.after",
                          "period_end only applies to recurring deliverables")
    for n, item in enumerate(c.deliverables):
        if item.due and item.due.after == "period_end" and item.every is None:
            yield Finding("error", item.clause, f"deliverables.{n}.due.after",
                          "period_end needs 'every: month', 'every: quarter' or 'every: year'")


def _calendar_years(c: Contract, official: frozenset[int]) -> Iterator[Finding]:
    """Deadlines fall from signing to a little after the service ends (reports and refunds due
    some working days later: 90 calendar days cover them); each year needs a schedule."""
    from contractcalc.core.events import service_period

    known = official | set(c.calendar)
    first = min(c.signed, c.term.start).year
    last = service_period(c, as_of=dt.date.max).last + dt.timedelta(days=90)
    for year in range(first, last.year + 1):
        if year not in known:
            yield Finding("warning", None, "calendar",
                          f"no official holiday schedule for {year}: working-day deadlines in "
                          f"{year} cannot be computed until it is added under 'calendar:' "
                          f"(or estimated with --assume-weekends)")


def _future_events(c: Contract, as_of: dt.date) -> Iterator[Finding]:
    from contractcalc.core.events import occurred

    for name, day in occurred(c, as_of).later:
        yield Finding("warning", None, f"events.{name}",
                      f"dated {day}, after {as_of}: an event cannot be recorded "
                      f"before it happens")
