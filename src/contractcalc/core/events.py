"""What has happened as of a given day: the one place that decides it.

An event dated after `as_of` has not happened yet on that day (and is named in a warning); a
later event proves an earlier one happened even when the earlier one's date was not recorded.
"""

import datetime as dt
from typing import NamedTuple

from contractcalc.core.calendar import WorkCalendar
from contractcalc.core.model import Contract


class ServicePeriod(NamedTuple):
    """The days the vendor serves: what uptime is measured over and reports count from."""

    first: dt.date
    last: dt.date
    assumed_end: bool
    """True when the written term ends before service could start, so the end is the start
    plus the written term's length: our reading, to be shown as such."""


def service_period(contract: Contract, *, as_of: dt.date) -> ServicePeriod:
    """Service starts on the recorded service_started (if on or before as_of), else on the later
    of the term's start and signing. It ends on the term's last day; when the written term ends
    before that start (the reference contract's term was written a year too early), it lasts as
    long as the written term does in calendar years, months and days, counted from the start
    (2023-09-17..2024-09-16 is one year, so service from 2025-09-17 ends 2026-09-16)."""
    from dateutil.relativedelta import relativedelta

    ev = contract.events
    signed = ev.signed if ev.signed is not None and ev.signed <= as_of else contract.signed
    recorded = ev.service_started
    first = (recorded if recorded is not None and recorded <= as_of
             else max(contract.term.start, signed))
    if contract.term.end >= first:
        return ServicePeriod(first, contract.term.end, False)
    length = relativedelta(contract.term.end + dt.timedelta(days=1), contract.term.start)
    return ServicePeriod(first, first + length - dt.timedelta(days=1), True)


class Context(NamedTuple):
    """Everything a schedule needs: the terms, what has happened by as_of, and the calendar."""

    contract: Contract
    as_of: dt.date
    calendar: WorkCalendar
    happened: dict[str, dt.date]
    warnings: tuple[str, ...]

    @property
    def effective(self) -> dt.date:
        """The contract takes effect on signing (clause 12)."""
        return self.happened.get("signed", self.contract.signed)

    @property
    def service_start(self) -> dt.date:
        """Recorded start, else the later of the term's start and signing (service cannot
        precede the contract)."""
        return self.happened.get("service_started", max(self.contract.term.start, self.effective))

    @property
    def service_period(self) -> "ServicePeriod":
        return service_period(self.contract, as_of=self.as_of)

    def anchor(self, name: str) -> dt.date | None:
        if name == "term_start":
            return self.contract.term.start
        if name == "term_end":
            return self.contract.term.end
        if name == "service_started":
            return self.service_start
        if name == "signed":
            return self.effective
        return self.happened.get(name)


# A later event proves an earlier one happened, even when its own date was not recorded.
IMPLIED_BY = {"first_payment_received": "second_payment_received",
              "second_payment_received": "final_payment_received",
              "bond_submitted": "bond_confirmed", "completion_requested": "completion_certified",
              "completion_certified": "bond_returned"}


def make_context(contract: Contract, *, as_of: dt.date, calendar: WorkCalendar) -> Context:
    """Events dated after as_of have not happened yet as of that day; say so rather than drop."""
    happened: dict[str, dt.date] = {}
    warnings: list[str] = []
    for name, value in zip(contract.events._fields, contract.events, strict=True):
        if not isinstance(value, dt.date):
            continue
        if value > as_of:
            warnings.append(f"event {name} is dated {value}, after --as-of {as_of}: "
                            f"treated as not yet happened")
        else:
            happened[name] = value
    return Context(contract, as_of, calendar, happened, tuple(warnings))


def happened_on(ctx: Context, event: str) -> tuple[dt.date | None, str | None]:
    """When the event happened, or the date of a later event that implies it (and its name)."""
    if event in ctx.happened:
        return ctx.happened[event], None
    later = IMPLIED_BY.get(event)
    if later is None:
        return None, None
    day, _ = happened_on(ctx, later)
    return (day, later) if day is not None else (None, None)
