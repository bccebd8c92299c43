"""Recording an event in a contract file by editing its text, not by re-dumping it.

A YAML round-trip dump re-indents and re-aligns what it did not touch; a contract file is the
user's own document, commented line by line. So the edit is textual and minimal: one value
replaced, one line (or one flow item) inserted, at positions the safe YAML reader reports.
The result is then read back and validated, and must equal the old terms plus exactly the new
event; otherwise nothing is written and the user is told which line to add by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, NamedTuple

from contractcalc.core.errors import InputError
from contractcalc.i18n import _

SCALAR = re.compile(r"'[^']*'|\"[^\"]*\"|[^\s,}\]#]+")


class Edit(NamedTuple):
    text: str
    """The whole new text of the file."""
    before: str | None
    """The value it replaced, where one was recorded already."""


def record_event(text: str, *, name: str, value: str, list_field: str | None = None,
                 source: str) -> Edit:
    """The file's text with `name: value` under `events:` (or `value` appended to the list
    `list_field`). `value` is YAML text (a date, or a flow mapping for an evaluation)."""
    from contractcalc.shell.contracts.yamlsafe import KEY, load

    data, positions = load(text, source=source)
    lines = (text if text.endswith("\n") else text + "\n").splitlines(keepends=True)
    events = data.get("events") if isinstance(data, dict) else None
    if not isinstance(events, dict):
        if "events" in data:
            raise InputError(_("'events:' is not a mapping; fix it by hand first"), source=source,
                             line=positions[("events",)][0], field="events")
        entry = f"[{value}]" if list_field else value
        return Edit("".join(lines) + f"events:\n  {list_field or name}: {entry}\n", None)
    if list_field is not None:
        return Edit(_append(lines, positions, events, list_field, value), None)
    path: tuple[Any, ...] = ("events", name)
    if name not in events and isinstance(events.get("delivered"), dict) \
            and name in events["delivered"]:
        path = ("events", "delivered", name)  # the 0.1 form: keep the date where it is
    if path in positions:
        line, column = positions[path]
        return _replace(lines, line, column, value)
    key_line, key_column = positions[(KEY, "events", next(iter(events)))] if events else (0, 0)
    events_line = positions[(KEY, "events")][0]
    if not events or key_line == events_line:  # a flow mapping, {...} or {}
        return Edit(_flow_insert(lines, positions[("events",)], f"{name}: {value}"), None)
    return Edit(_insert_after_block(lines, key_line, key_column, f"{name}: {value}",
                                    items=False), None)


def _replace(lines: list[str], line: int, column: int, value: str) -> Edit:
    row = lines[line - 1]
    match = SCALAR.match(row, column - 1)
    if match is None:  # a value on another line, or a nested structure: not a date
        raise InputError(_("the recorded value is not a plain date on its line; edit it by hand"),
                         line=line)
    lines[line - 1] = row[:match.start()] + value + row[match.end():]
    return Edit("".join(lines), match.group(0))


def _append(lines: list[str], positions: dict[Any, Any], events: dict[Any, Any], field: str,
            value: str) -> str:
    from contractcalc.shell.contracts.yamlsafe import KEY

    items = events.get(field)
    if field not in events:
        key_line, key_column = positions[(KEY, "events", next(iter(events)))]
        if key_line == positions[(KEY, "events")][0]:
            return _flow_insert(lines, positions[("events",)], f"{field}: [{value}]")
        return _insert_after_block(lines, key_line, key_column, f"{field}: [{value}]",
                                   items=False)
    start_line, start_column = positions[("events", field)]
    if lines[start_line - 1][start_column - 1] == "[":
        return _flow_insert(lines, (start_line, start_column), value, close="]")
    if not isinstance(items, list) or not items:
        raise InputError(_("events.{field} is not a list; fix it by hand first").format(
            field=field), line=start_line)
    first_line, first_column = positions[("events", field, 0)]
    dash_column = lines[first_line - 1].rfind("-", 0, first_column - 1) + 1
    return _insert_after_block(lines, first_line, dash_column, f"- {value}", items=True)


def _flow_insert(lines: list[str], at: tuple[int, int], item: str, close: str = "}") -> str:
    """Insert an item before the closing bracket of a flow collection on one line."""
    line, column = at
    row = lines[line - 1]
    end = row.find(close, column - 1)
    if end < 0:
        raise InputError(_("a flow collection that spans lines; edit it by hand"), line=line)
    inner = row[column:end].strip()
    lines[line - 1] = row[:end].rstrip() + (", " if inner else "") + item + row[end:]
    return "".join(lines)


def _insert_after_block(lines: list[str], first_line: int, column: int, entry: str, *,
                        items: bool) -> str:
    """Insert `entry` at `column` after the last line of the block whose first entry starts at
    (first_line, column). A mapping's block holds the lines indented at least as far as its
    keys; a list's, its '- ' items and what is indented further (YAML lets the dashes stand in
    the parent key's column, so a sibling key there ends the list)."""
    last = first_line
    for n in range(first_line, len(lines)):
        row = lines[n]
        stripped = row.strip()
        if not stripped:
            continue
        indent = len(row) - len(row.lstrip(" "))
        if indent < column - 1 or (items and indent == column - 1
                                   and not stripped.startswith(("-", "#"))):
            break
        last = n + 1
    lines.insert(last, " " * (column - 1) + entry + "\n")
    return "".join(lines)


def date_text(day: dt.date) -> str:
    return day.isoformat()

