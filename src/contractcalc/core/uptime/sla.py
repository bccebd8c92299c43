"""Fault-response SLAs: a fault report answered in time; a severe fault restored in time, or else
an engineer on site in time. The limits come from the contract's `response` terms."""

from __future__ import annotations

import datetime as dt
from itertools import repeat
from operator import gt, sub
from typing import Literal, NamedTuple

from contractcalc.core.model import Response
from contractcalc.i18n import _

Kind = Literal["response", "restore"]


class Breach(NamedTuple):
    line: int
    system: str
    kind: Kind
    clause: str | None
    """From the contract file; None when it cites none."""
    limit: str
    actual: str
    detail: str


class Incident(NamedTuple):
    """One fault report with SLA times (reported, responded or onsite given)."""

    line: int
    system: str
    severe: bool
    response: dt.timedelta | None
    """From report to answer."""
    restore: dt.timedelta | None
    """From the outage's start to its end; None while still down."""
    onsite: dt.timedelta | None
    """From report (or start) to an engineer on site."""
    breaches: tuple[Breach, ...]


def incident(*, line: int, system: str, severe: bool, start: dt.datetime,
             end: dt.datetime | None, reported: dt.datetime | None,
             responded: dt.datetime | None, onsite: dt.datetime | None,
             as_of_end: dt.datetime, limits: Response) -> Incident:
    found = sla_breaches(line=line, system=system, severe=severe, start=start, end=end,
                         reported=reported, responded=responded, onsite=onsite,
                         as_of_end=as_of_end, limits=limits)
    since = reported or start
    return Incident(line, system, severe,
                    responded - reported if reported and responded else None,
                    end - start if end else None, onsite - since if onsite else None,
                    tuple(found))


def span(delta: dt.timedelta | None) -> str | None:
    """'2 h 05 min' or '12 min'; None stays None."""
    return None if delta is None else _span(delta)


def sla_breaches(*, line: int, system: str, severe: bool, start: dt.datetime,
                 end: dt.datetime | None, reported: dt.datetime | None,
                 responded: dt.datetime | None, onsite: dt.datetime | None,
                 as_of_end: dt.datetime, limits: Response) -> list[Breach]:
    """A fault report answered within N minutes (no answer recorded once N minutes have passed
    is a breach); a severe fault restored within N hours, else an engineer on site within M
    hours of the report. Limits and the clauses cited come from the contract's `response`."""
    found: list[Breach] = []
    answer_limit = dt.timedelta(minutes=limits.fault_response_minutes)
    if reported is not None and responded is not None:
        took = responded - reported
        if took > answer_limit:
            found.append(Breach(line, system, "response", limits.fault_response_clause,
                                _("{minutes} min").format(minutes=limits.fault_response_minutes),
                                _span(took),
                                _("reported {reported}, answered {answered}").format(
                                    reported=f"{reported:%Y-%m-%d %H:%M}",
                                    answered=f"{responded:%Y-%m-%d %H:%M}")))
    elif reported is not None and as_of_end - reported > answer_limit:
        found.append(Breach(line, system, "response", limits.fault_response_clause,
                            _("{minutes} min").format(minutes=limits.fault_response_minutes),
                            NO_RESPONSE(),
                            _("reported {reported}").format(reported=f"{reported:%Y-%m-%d %H:%M}")))
    if severe:
        restored_by = end if end is not None else as_of_end
        took = restored_by - start
        if took > dt.timedelta(hours=limits.severe_restore_hours):
            since = reported or start
            onsite_limit = since + dt.timedelta(hours=limits.severe_onsite_hours)
            late = (onsite is None and as_of_end > onsite_limit) or (
                onsite is not None and onsite > onsite_limit)
            if late:
                actual = _span(onsite - since) if onsite else _("no on-site time recorded")
                found.append(Breach(
                    line, system, "restore", limits.severe_clause,
                    _("restored in {restore} h or on site in {onsite} h").format(
                        restore=limits.severe_restore_hours, onsite=limits.severe_onsite_hours),
                    (_("restored after {span}; on site: {onsite}") if end else
                     _("still down after {span}; on site: {onsite}")).format(
                        span=_span(took), onsite=actual),
                    _("outage from {start}").format(start=f"{start:%Y-%m-%d %H:%M}")))
    return found


def restore_overruns(starts: list[dt.datetime], ends: list[dt.datetime],
                     limits: Response) -> list[bool]:
    """For severe outages with no report, response or on-site time: whether each ran past the
    restore limit, the first condition of the restore rule in sla_breaches (without it such a
    row breaches nothing). Over whole columns, so a log's many short severe outages need no
    Python step each; `ends` holds the as-of instant for outages still open."""
    limit = dt.timedelta(hours=limits.severe_restore_hours)
    return list(map(gt, map(sub, ends, starts), repeat(limit)))


def label(breach: Breach) -> str:
    """The clause a breach cites, else the rule's name."""
    return breach.clause or breach.kind


def _span(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    return (_("{hours} h {minutes} min").format(hours=hours, minutes=f"{minutes:02d}") if hours
            else _("{minutes} min").format(minutes=minutes))


def NO_RESPONSE() -> str:
    return _("no response recorded")
