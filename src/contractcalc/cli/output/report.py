"""A command's report, the value every format renders: its rows, the columns a table shows, and
what each format reads of a row (whether it alarms, its text made visible). Kept apart from the
renderers so that each format (render.py, junit.py, sheets.py) depends on it alone.
"""

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, Literal, NamedTuple

Kind = Literal["text", "money", "number", "flag", "date", "fixed", "code"]
Format = Literal["table", "json", "csv", "junit"]


class Column(NamedTuple):
    """One column of a table.

    `kind`: "text" is free text (titles, states, triggers, notes) and may wrap anywhere between
    words or CJK characters; every other kind wraps only at the spaces it holds, so a date,
    amount, clause number, id or 大写 is never split ("fixed" is such text that is not a date,
    number or flag). `keep` says how useful the column is when a narrow terminal cannot show
    them all: 0 is left out first, 1 next, 2 never (what identifies the row and its figure).
    """

    key: str
    header: str
    kind: Kind = "text"
    keep: int = 1


class Report(NamedTuple):
    """What a command found: rows of JSON-ready values plus what the table shows of them."""

    command: str
    title: str
    columns: tuple[Column, ...]
    rows: list[dict[str, Any]]
    meta: Mapping[str, Any] = MappingProxyType({})
    notes: Sequence[str] = ()
    finding: bool = False
    """True when the report shows a compliance finding (exit code 1)."""
    sections: Sequence[tuple[str, tuple[Column, ...], list[dict[str, Any]]]] = ()
    """Further tables shown after the main one (their rows are in `meta` for JSON)."""
    incomplete: Sequence[str] = ()
    """Why some figures could not be computed: printed after the report, exit code 2."""

    def document(self) -> dict[str, Any]:
        return {"command": self.command, **self.meta, "finding": self.finding,
                "missing_data": list(self.incomplete), "rows": self.rows,
                "notes": list(self.notes)}


# C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a terminal shows
# (CVE-2021-42574, "Trojan Source"): shown as escapes, never sent raw.
_ESCAPES = {**{c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0))},
            **{c: f"\\u{c:04x}" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
            0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
def visible(text: str) -> str:
    """Text with every control character shown as an escape (\\x1b, \\n): safe on a terminal,
    and one line."""
    return text.translate(_ESCAPES)


_RED = ("overdue", "failed", "uptime_missed", "may_terminate")
_YELLOW = ("due_soon", "done_late", "warning", "staff")


def alarm(row: Mapping[str, Any]) -> str | None:
    """"bad" for a row that is overdue, failing or breached, "warn" for one that needs looking
    at soon, from the row's status codes (never from its translated text)."""
    codes = {row.get("status"), row.get("urgency"), row.get("severity")}
    if codes & {*_RED, "error"} or row.get("passed") is False or row.get("breached") \
            or ("actual" in row and "limit" in row):  # a row of the SLA breaches
        return "bad"
    if codes & set(_YELLOW):
        return "warn"
    return None
