"""iCalendar export of the timeline, written whole or not at all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple


class Entry(NamedTuple):
    """One calendar event, already in words (cli/views/obligations.py makes them)."""

    uid: str
    first: dt.date
    last: dt.date
    """All-day events from first through last (a window spans days)."""
    summary: str
    description: str
    alarm: dt.datetime | None
    """When to remind (aware), or None."""


def to_ics(name: str, entries: Iterable[Entry]) -> bytes:
    """An iCalendar feed: all-day events, with a display alarm where one is set."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//contractcalc//contract obligations//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.first)
        event.add("dtend", entry.last + dt.timedelta(days=1))
        event.add("summary", entry.summary)
        event.add("description", entry.description)
        event.add("transp", "TRANSPARENT")
        if entry.alarm is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", entry.summary)
            alarm.add("trigger", entry.alarm.astimezone(dt.UTC))
            event.add_component(alarm)
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def write_ics(path: Path, name: str, entries: Iterable[Entry]) -> None:
    """Written whole or not at all, never over an input or a non-file (shell/writers/files.py)."""
    from contractcalc.shell.writers.files import write_atomic

    write_atomic(path, to_ics(name, entries), option="--ics")
