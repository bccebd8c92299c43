"""iCalendar export of the timeline, written whole or not at all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from contractcalc.core.money import display


def to_ics(contract: Any, items: Iterable[Any]) -> bytes:
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//contractcalc//contract obligations//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"合同 {contract.number}")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for item in items:
        day = item.due or item.earliest
        if day is None:
            continue
        event = Event()
        event.add("uid", f"{contract.number}-{item.key}@contractcalc")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", f"[{contract.number}] {item.title}")
        lines = [f"Clause {item.clause}", f"Who: {item.party}", f"Rule: {item.trigger}",
                 f"Status: {item.state}"]
        if item.amount is not None:
            lines.insert(1, f"Amount: {display(item.amount)} CNY")
        if item.assumption:
            lines.append(f"Assumption: {item.assumption}")
        if item.estimate:
            lines.append("Estimate: computed with weekends only")
        event.add("description", "\n".join(lines))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def write_ics(path: Path, contract: Any, items: Iterable[Any]) -> None:
    """Written whole or not at all, never over an input or a non-file (shell/files.py)."""
    from contractcalc.shell.files import write_atomic

    write_atomic(path, to_ics(contract, items), option="--ics")
