"""iCalendar export of the timeline, written whole or not at all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from contractcalc.core.money import display


def to_ics(contract: Any, rows: Iterable[dict[str, Any]]) -> bytes:
    """One all-day event per dated obligation row (as cli/views.py words it)."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//contractcalc//contract obligations//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"合同 {contract.number}")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for row in rows:
        when = row["due"] or row["earliest"]
        if when is None:
            continue
        day = dt.date.fromisoformat(when)
        event = Event()
        event.add("uid", f"{contract.number}-{row['key']}@contractcalc")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", f"[{contract.number}] {row['title']}")
        lines = [f"Clause {row['clause']}" if row["clause"] else "", f"Who: {row['party']}",
                 f"Rule: {row['trigger']}", f"Status: {row['state']}"]
        if row["amount"] is not None:
            lines.insert(1, f"Amount: {display(Decimal(row['amount']))} CNY")
        if row["assumption"]:
            lines.append(f"Assumption: {row['assumption']}")
        if row["estimate"]:
            lines.append("Estimate: computed with weekends only")
        event.add("description", "\n".join(line for line in lines if line))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def write_ics(path: Path, contract: Any, rows: Iterable[dict[str, Any]]) -> None:
    """Written whole or not at all, never over an input or a non-file (shell/files.py)."""
    from contractcalc.shell.files import write_atomic

    write_atomic(path, to_ics(contract, rows), option="--ics")
