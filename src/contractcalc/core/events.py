"""What has happened as of a given day: the one place that decides it.

Three rules live here and nowhere else:
- which event names a contract defines (generic ones, each installment's payment and invoice,
  each deliverable by key and period), so a misspelt name is refused, never silently ignored;
- an event dated after `as_of` has not happened yet on that day (it is reported, not dropped);
- a later event proves an earlier one happened even when the earlier one's date was not recorded:
  an obligation that counts from event A and was fulfilled proves A (the bond was lodged after
  the payment it counts from), a payment proves its invoice (where invoices come before payment)
  and the installment before it (installments are paid in the contract's order).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from contractcalc.core.model import (
    BOND_EVENTS,
    DATES,
    GENERIC_EVENTS,
    Contract,
    Evaluation,
    Installment,
)
from contractcalc.core.service import (
    PERIOD_MONTHS,
    ServicePeriod,
    periods,
    service_period,
)
from contractcalc.i18n import _

if TYPE_CHECKING:
    from contractcalc.core.calendar.workdays import WorkCalendar

# Lists in `events:` (several dates each), and the singular names `--event` adds to them with.
LISTS = {"failed_acceptance": "failed_acceptances", "breach": "breaches"}


def paid_event(inst: Installment, number: int) -> str:
    """The event recording receipt of installment `number` (1-based)."""
    return inst.paid_event or f"installment_{number}_paid"


def invoice_event(inst: Installment, number: int) -> str:
    """The event recording the vendor's invoice for installment `number` (1-based)."""
    return inst.invoice_event or f"installment_{number}_invoiced"


def defined_events(contract: Contract) -> dict[str, str]:
    """Every single-date event name this contract defines, with what records it (a hint)."""
    names = {name: "generic" for name in GENERIC_EVENTS}
    if contract.bond is not None:
        names.update({name: "bond" for name in BOND_EVENTS})
    names.update({m.id: m.name for m in contract.milestones})
    for n, inst in enumerate(contract.installments, 1):
        names[paid_event(inst, n)] = f"installment {n} received"
        names[invoice_event(inst, n)] = f"invoice for installment {n} issued"
    span = service_period(contract, as_of=dt.date.max)
    for item in contract.deliverables:
        if item.every is None:
            names[item.id] = f"deliverable {item.id} handed over"
            continue
        count = sum(1 for _ in periods(span.first, span.last, PERIOD_MONTHS[item.every]))
        for k in range(1, count + 1):
            names[f"{item.id}_{k}"] = f"deliverable {item.id}, period {k}, handed over"
    if contract.fees is not None:
        from contractcalc.core.payments.fee_periods import fee_events

        names.update(fee_events(contract))
    return names


def anchors(contract: Contract) -> set[str]:
    """What a trigger may count from: a defined event or one of the fixed dates."""
    return set(defined_events(contract)) | set(DATES)


def closest(name: str, choices: set[str] | dict[str, str]) -> list[str]:
    from difflib import get_close_matches

    return get_close_matches(name, sorted(choices), n=3, cutoff=0.6)


def unknown_event_message(name: str, contract: Contract) -> str:
    near = closest(name, defined_events(contract))
    hint = (_("did you mean {names}?").format(names=", ".join(near)) if near else
            _("see the names the contract defines"))
    return _("{name!r} is not an event this contract defines; {hint}").format(name=name,
                                                                               hint=hint)


def event_problems(contract: Contract) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(field path, message) for event names the contract does not define, in `events:` and in
    the triggers."""
    known = defined_events(contract)
    for name in contract.events.dated:
        if name not in known:
            yield ("events", "dated", name), unknown_event_message(name, contract)
    allowed = set(known) | set(DATES)
    triggers: list[tuple[tuple[str | int, ...], str]] = [
        (("installments", n, "trigger", "after"), i.trigger.after)
        for n, i in enumerate(contract.installments)]
    if contract.bond is not None:
        triggers += [(("bond", "submit", "after"), contract.bond.submit.after),
                     (("bond", "refund", "after"), contract.bond.refund.after)]
    if contract.completion_request is not None:
        triggers += [(("completion_request", "before"), contract.completion_request.before)]
    triggers += [(("deliverables", n, "due", "after"), d.due.after)
                 for n, d in enumerate(contract.deliverables) if d.due is not None]
    triggers += [(("milestones", n, "period", "after"), m.period.after)
                 for n, m in enumerate(contract.milestones) if m.period is not None]
    for path, name in triggers:
        if name not in allowed:
            near = closest(name, allowed)
            hint = _("; did you mean {names}?").format(names=", ".join(near)) if near else ""
            yield path, _("{name!r} is neither an event the contract defines nor a "
                          "date{hint}").format(name=name, hint=hint)


def implications(contract: Contract) -> dict[str, tuple[str, ...]]:
    """Event -> the events its happening proves (see the module docstring)."""
    proves: dict[str, list[str]] = {}

    def add(later: str, earlier: str) -> None:
        if earlier not in DATES and earlier != later:
            proves.setdefault(later, []).append(earlier)

    previous: str | None = None
    for n, inst in enumerate(contract.installments, 1):
        paid = paid_event(inst, n)
        add(paid, inst.trigger.after)
        if contract.invoice_before_payment:
            add(paid, invoice_event(inst, n))
        if previous is not None:
            add(paid, previous)
        previous = paid
    if contract.bond is not None:
        add("bond_submitted", contract.bond.submit.after)
        add("bond_confirmed", "bond_submitted")
        add("bond_returned", contract.bond.refund.after)
    add("completion_certified", "completion_requested")
    return {k: tuple(v) for k, v in proves.items()}


class Occurred(NamedTuple):
    """What had happened by a day, and what is recorded for later (a typo, or a plan)."""

    dated: dict[str, dt.date]
    failed_acceptances: tuple[dt.date, ...]
    breaches: tuple[dt.date, ...]
    evaluations: tuple[Evaluation, ...]
    later: tuple[tuple[str, dt.date], ...]
    """Events recorded with a date after the day asked (by field: name, or list[index]):
    not happened yet on that day."""


T = TypeVar("T")


def split_by_day(items: Iterable[T], day: dt.date,
                 date_of: Callable[[T], dt.date]) -> tuple[list[T], list[T]]:
    """(happened by `day`, dated after it): the single rule, for records read from files too
    (an evaluations CSV)."""
    happened: list[T] = []
    later: list[T] = []
    for item in items:
        (later if date_of(item) > day else happened).append(item)
    return happened, later


def occurred(contract: Contract, day: dt.date) -> Occurred:
    """The single rule: an event has happened on `day` when it is dated on or before it."""
    ev = contract.events
    later = [(name, d) for name, d in ev.dated.items() if d > day]
    later += [(f"{key}[{n}]", d) for key in LISTS.values()
              for n, d in enumerate(getattr(ev, key)) if d > day]
    later += [(f"evaluations[{n}]", e.date) for n, e in enumerate(ev.evaluations) if e.date > day]
    return Occurred(
        {name: d for name, d in ev.dated.items() if d <= day},
        tuple(d for d in ev.failed_acceptances if d <= day),
        tuple(d for d in ev.breaches if d <= day),
        tuple(e for e in ev.evaluations if e.date <= day),
        tuple(sorted(later, key=lambda item: item[1])))


class Context(NamedTuple):
    """Everything a schedule needs: the terms, what has happened by as_of, and the calendar."""

    contract: Contract
    as_of: dt.date
    calendar: WorkCalendar
    happened: dict[str, dt.date]
    later: tuple[tuple[str, dt.date], ...]
    proves: dict[str, tuple[str, ...]]
    service: ServicePeriod
    """The service period as of the day asked (computed once: every deadline asks for it)."""
    proved_by: dict[str, list[str]]
    """Event -> the events whose happening proves it (`proves` turned round, once)."""

    @property
    def effective(self) -> dt.date:
        """The contract takes effect on signing."""
        return self.happened.get("signed", self.contract.signed)

    def anchor(self, name: str) -> dt.date | None:
        """The date a trigger counts from, if it is known as of the day asked. The term's end is
        the service period's end (the same day unless the written term ends before service
        could start)."""
        if name == "term_start":
            return self.contract.term.start
        if name == "term_end":
            return self.service.last
        if name == "service_started":
            return self.service.first
        if name == "signed":
            return self.effective
        return self.happened.get(name)


def make_context(contract: Contract, *, as_of: dt.date, calendar: WorkCalendar) -> Context:
    happened = occurred(contract, as_of)
    proves = implications(contract)
    return Context(contract, as_of, calendar, happened.dated, happened.later, proves,
                   service_period(contract, as_of=as_of), _proved_by(proves))


def happened_on(ctx: Context, event: str) -> tuple[dt.date | None, str | None]:
    """When the event happened: its own date (and None), or the date of a recorded later event
    that proves it (and that event's name); (None, None) when nothing says it happened."""
    if event in ctx.happened:
        return ctx.happened[event], None
    if not ctx.happened.keys() - {"signed"}:
        return None, None  # nothing recorded could prove it (the common case early on)
    proved_by = ctx.proved_by
    seen = {event}
    frontier = [event]
    while frontier:  # breadth first: the nearest proof wins
        for later in proved_by.get(frontier.pop(0), ()):
            if later not in seen:
                if later in ctx.happened:
                    return ctx.happened[later], later
                seen.add(later)
                frontier.append(later)
    return None, None


def _proved_by(proves: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
    """Event -> the events whose happening proves it, in the order `proves` lists them."""
    found: dict[str, list[str]] = {}
    for later, earlier in proves.items():
        for name in earlier:
            found.setdefault(name, []).append(later)
    return found
