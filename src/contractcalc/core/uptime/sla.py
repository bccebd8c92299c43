"""Fault-response SLAs: a fault report answered in time; a severe fault restored in time, or else
an engineer on site in time. The limits come from the contract's `response` terms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import repeat
from operator import gt, sub
from typing import Literal, NamedTuple

from contractcalc.core.model import Response, SeverityLevel
from contractcalc.i18n import _

Kind = Literal["response", "restore", "onsite"]


class Breach(NamedTuple):
    line: int
    system: str
    kind: Kind
    clause: str | None
    """From the contract file; None when it cites none."""
    limit: str
    actual: str
    detail: str
    level: str | None = None
    """The severity level whose limit it breaches (contracts with `response.levels`)."""
    deduction: Decimal | None = None
    """The level's deduction, on the first breach of an incident (taken once per incident)."""
    start: dt.datetime | None = None
    """The outage's start: the month whose fee the deduction comes from."""


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
    level: str | None = None
    """The severity level it was judged by (contracts with `response.levels`)."""


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
    answer_limit = dt.timedelta(minutes=limits.fault_response_minutes or 0)
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
        if took > dt.timedelta(hours=limits.severe_restore_hours or 0):
            since = reported or start
            onsite_limit = since + dt.timedelta(hours=limits.severe_onsite_hours or 0)
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


def level_incident(*, line: int, system: str, level: SeverityLevel, clause: str | None,
                   start: dt.datetime, end: dt.datetime | None, reported: dt.datetime | None,
                   responded: dt.datetime | None, onsite: dt.datetime | None,
                   as_of_end: dt.datetime) -> Incident:
    """An incident judged by its own level's limits, each on its own: answered within its
    minutes of the report, an engineer on site within its hours of the report (or the start),
    restored within its hours of the start. A 一级 fault restored after 10 h breaches a 4 h
    restore limit even with an engineer on site in 2 h. No answer or on-site time recorded once
    the limit has passed is a breach; an outage restored within the on-site limit needed no
    one on site. The level's deduction is taken once, on the incident's first breach."""
    found: list[Breach] = []
    since = reported or start
    restored_by = end if end is not None else as_of_end

    def add(kind: Kind, limit: str, actual: str, detail: str) -> None:
        found.append(Breach(line, system, kind, clause, limit, actual, detail, level.level,
                            None if found else level.deduction, start))

    if level.respond_minutes is not None and reported is not None:
        limit = dt.timedelta(minutes=level.respond_minutes)
        took = (responded or as_of_end) - reported
        if took > limit:
            add("response", _("{minutes} min").format(minutes=level.respond_minutes),
                _span(took) if responded else NO_RESPONSE(),
                _("reported {reported}").format(reported=f"{reported:%Y-%m-%d %H:%M}"))
    if level.onsite_hours is not None:
        limit = dt.timedelta(hours=level.onsite_hours)
        late = (onsite - since > limit) if onsite is not None else (restored_by - since > limit)
        if late:
            add("onsite", _("{hours} h").format(hours=level.onsite_hours),
                _span(onsite - since) if onsite else _("no on-site time recorded"),
                _("reported {reported}").format(reported=f"{since:%Y-%m-%d %H:%M}"))
    if level.restore_hours is not None:
        took = restored_by - start
        if took > dt.timedelta(hours=level.restore_hours):
            add("restore", _("{hours} h").format(hours=level.restore_hours),
                (_("restored after {span}") if end else _("still down after {span}")).format(
                    span=_span(took)),
                _("outage from {start}").format(start=f"{start:%Y-%m-%d %H:%M}"))
    return Incident(line, system, True,
                    responded - reported if reported and responded else None,
                    end - start if end else None, onsite - since if onsite else None,
                    tuple(found), level.level)


def first_limit_hours(level: SeverityLevel) -> int | None:
    """The shortest of a level's hour limits (on site, restore): a row with no report or
    on-site time can breach only once its outage runs past it."""
    given = [h for h in (level.onsite_hours, level.restore_hours) if h is not None]
    return min(given) if given else None


def restore_overruns(starts: list[dt.datetime], ends: list[dt.datetime],
                     limits: Response) -> list[bool]:
    """For severe outages with no report, response or on-site time: whether each ran past the
    restore limit, the first condition of the restore rule in sla_breaches (without it such a
    row breaches nothing). Over whole columns, so a log's many short severe outages need no
    Python step each; `ends` holds the as-of instant for outages still open."""
    limit = dt.timedelta(hours=limits.severe_restore_hours or 0)
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
