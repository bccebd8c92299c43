"""Drafting checks: what a careful contract officer would catch reading the terms side by side."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise
from typing import Literal, NamedTuple

from contractcalc.core.amount_words import from_words, style_problems, to_words
from contractcalc.core.model import Contract
from contractcalc.core.money import display, percent_of, to_fen

Severity = Literal["error", "warning", "info"]
# Events in the order execution produces them; a later one dated before an earlier one is suspect.
EVENT_ORDER = ("signed", "first_payment_received", "second_payment_received", "bond_submitted",
               "bond_confirmed", "final_payment_received", "completion_requested",
               "completion_certified", "bond_returned")


class Finding(NamedTuple):
    severity: Severity
    clause: str
    field: str
    message: str


def check_contract(contract: Contract, *, as_of: dt.date | None = None,
                   known_years: frozenset[int] = frozenset()) -> list[Finding]:
    """Every inconsistency found, errors first, in clause order within a severity.

    With as_of, events dated after it are flagged too: a record of the future is a typo.
    known_years: the years with an official schedule (the shell knows which data is installed).
    """
    found = [
        *_amounts(contract), *_term(contract), *_signatures(contract), *_annexes(contract),
        *_events(contract), *_triggers(contract), *_calendar_years(contract, known_years),
        *(_future_events(contract, as_of) if as_of else ()),
    ]
    rank = {"error": 0, "warning": 1, "info": 2}
    return sorted(found, key=lambda f: rank[f.severity])


def _words(words: str | None, figure: Decimal, clause: str, field: str) -> Iterator[Finding]:
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
    yield from _words(c.total_words, c.total, "2", "total_words")
    percents = sum((i.percent for i in c.installments), Decimal(0))
    if percents != 100:
        yield Finding("error", "3.3", "installments",
                      f"installment percents add up to {percents}%, not 100%")
    stated = Decimal(0)
    for n, inst in enumerate(c.installments):
        field = f"installments.{n}"
        expected = to_fen(percent_of(c.total, inst.percent))
        if inst.amount is None:
            yield Finding("info", inst.clause, f"{field}.amount",
                          f"no amount written; {inst.percent}% of {display(c.total)} "
                          f"is {display(expected)} ({to_words(expected)})")
            stated += expected
            continue
        stated += inst.amount
        if to_fen(inst.amount) != expected:
            yield Finding("error", inst.clause, f"{field}.amount",
                          f"{display(inst.amount)} is not {inst.percent}% of {display(c.total)} "
                          f"(that is {display(expected)})")
        yield from _words(inst.amount_words, inst.amount, inst.clause, f"{field}.amount_words")
    if percents == 100 and to_fen(stated) != to_fen(c.total):
        yield Finding("error", "3.3", "installments",
                      f"installments add up to {display(stated)}, not the total {display(c.total)}")


def _term(c: Contract) -> Iterator[Finding]:
    t = c.term
    if t.start > t.end:
        yield Finding("error", "4", "term", f"term starts {t.start} after it ends {t.end}")
    if t.years is not None:
        from dateutil.relativedelta import relativedelta

        expected_end = t.start + relativedelta(years=t.years) - dt.timedelta(days=1)
        if expected_end != t.end:
            yield Finding("warning", "4", "term.end",
                          f"a term of {t.years} year(s) from {t.start} ends {expected_end}, "
                          f"but {t.end} is written")
    if c.signed > t.end:
        yield Finding("error", "4", "term",
                      f"the term {t.start} to {t.end} ends before the contract is signed on "
                      f"{c.signed} (clause 12: effective on signing); every deadline counted "
                      f"from the term's end falls before the contract exists")
    elif c.signed > t.start:
        yield Finding("warning", "4", "term.start",
                      f"the term starts {t.start}, before signing on {c.signed}: "
                      f"service before the contract took effect")
    if c.signing_month and c.signing_month != c.signed.strftime("%Y-%m"):
        yield Finding("warning", "cover", "signing_month",
                      f"the cover says {c.signing_month}, the signature page {c.signed}")


def _signatures(c: Contract) -> Iterator[Finding]:
    for n, sig in enumerate(c.signatures):
        if sig.date != c.signed:
            yield Finding("warning", "signature page", f"signatures.{n}.date",
                          f"the {sig.party} signed on {sig.date}, not on {c.signed}")
    parties = {s.party for s in c.signatures}
    if c.signatures and parties != {"buyer", "vendor"}:
        missing = {"buyer", "vendor"} - parties
        yield Finding("error", "signature page", "signatures",
                      f"no signature date for the {', '.join(sorted(missing))}")


def _annexes(c: Contract) -> Iterator[Finding]:
    for n, annex in enumerate(c.annexes):
        label = f"annex {annex.number} ({annex.title})"
        for date in dict.fromkeys(annex.dates):  # a date written twice is reported once
            if date == c.signed:
                continue
            if annex.precedes_contract and date < c.signed:
                yield Finding("info", "12", f"annexes.{n}.dates",
                              f"{label} is dated {date}, {(c.signed - date).days} days before "
                              f"signing, as a document of its kind may be")
                continue
            years = abs(c.signed.year - date.year)
            gap = f"{years} year(s)" if years else f"{abs((c.signed - date).days)} days"
            when = "before" if date < c.signed else "after"
            yield Finding("warning", "12", f"annexes.{n}.dates",
                          f"{label} is dated {date}, {gap} {when} signing on {c.signed}")
        if annex.amount is not None and to_fen(annex.amount) != to_fen(c.total):
            yield Finding("error", "12", f"annexes.{n}.amount",
                          f"{label} states {display(annex.amount)}, "
                          f"the contract total is {display(c.total)}")


def _events(c: Contract) -> Iterator[Finding]:
    ev = c.events
    if ev.signed is not None and ev.signed != c.signed:
        yield Finding("warning", "12", "events.signed",
                      f"events say signed {ev.signed}, the signature page {c.signed}")
    dated = [(name, ev.get(name)) for name in EVENT_ORDER]
    seen: list[tuple[str, dt.date]] = [(n, d) for n, d in dated if d is not None]
    for (a, da), (b, db) in pairwise(seen):
        if db < da:
            yield Finding("warning", "3", f"events.{b}", f"{b} ({db}) is dated before {a} ({da})")


def _triggers(c: Contract) -> Iterator[Finding]:
    for n, inst in enumerate(c.installments):
        if inst.trigger.after == "period_end":
            yield Finding("error", inst.clause, f"installments.{n}.trigger.after",
                          "period_end only applies to recurring deliverables")
    for n, item in enumerate(c.deliverables):
        if item.due and item.due.after == "period_end" and item.every is None:
            yield Finding("error", item.clause, f"deliverables.{n}.due.after",
                          "period_end needs 'every: quarter' or 'every: year'")


def _calendar_years(c: Contract, official: frozenset[int]) -> Iterator[Finding]:
    """Deadlines fall from signing to a little after the term ends; each year needs a schedule."""
    known = official | set(c.calendar)
    first = min(c.signed, c.term.start).year
    for year in range(first, max(c.signed, c.term.end).year + 2):
        if year not in known:
            yield Finding("warning", "calendar", "calendar",
                          f"no official holiday schedule for {year}: working-day deadlines in "
                          f"{year} cannot be computed until it is added under 'calendar:' "
                          f"(or estimated with --assume-weekends)")


def _future_events(c: Contract, as_of: dt.date) -> Iterator[Finding]:
    ev = c.events
    dated = [(name, value) for name, value in zip(ev._fields, ev, strict=True)
             if isinstance(value, dt.date)]
    dated += [(f"{name}[{n}]", day) for name in ("failed_acceptances", "breaches")
              for n, day in enumerate(getattr(ev, name))]
    dated += [(f"evaluations[{n}]", e.date) for n, e in enumerate(ev.evaluations)]
    dated += [(f"delivered.{key}", day) for key, day in ev.delivered.items()]
    for name, day in dated:
        if day > as_of:
            yield Finding("warning", "events", f"events.{name}",
                          f"dated {day}, after {as_of}: an event cannot be recorded "
                          f"before it happens")
