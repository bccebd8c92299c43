"""Reading the time of an outage as logs and spreadsheets write it, one rule for every cell.

A time must say its day and its time of day; naive times are Beijing time, times with an offset
are converted to it. Accepted: ISO 8601 as Python reads it (extended or basic format, week
dates, `Z` or `+08`/`+08:00` offsets, fractions), and the local forms spreadsheets export
(`2026/4/3 9:10`, `2026-04-03 9:10`, `2026年4月3日 9:10`, with or without seconds). Anything
else, including a date without a time, a 12-hour clock or day-first/month-first forms such as
`4/3/2026`, is refused: a guessed time would move downtime between days.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import NamedTuple

from contractcalc.core.calendar.dates import beijing_tz
from contractcalc.core.errors import brief
from contractcalc.i18n import _

_LOCAL = re.compile(
    r"(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日)\s*[T ]?\s*"
    r"(\d{1,2})[:：](\d{2})(?:[:：](\d{2})(?:\.(\d{1,6}))?)?")


def _examples() -> str:
    """The forms of a date-time the reader takes, for error messages."""
    return _("e.g. 2025-10-01T08:30:00, 2025-10-01 8:30, 2025/10/1 8:30 or 2025年10月1日 8:30")


class Bad(NamedTuple):
    """A cell that is not a time, with what to tell the user."""

    message: str


class Open(NamedTuple):
    """An empty cell where an empty one is allowed (an outage not yet over)."""


OPEN = Open()


def parse_instant(value: object) -> dt.datetime:
    """The naive Beijing time a cell holds; ValueError with the reason otherwise."""
    if isinstance(value, dt.datetime):  # a spreadsheet date-time cell: already a time
        return _beijing(value, str(value))
    if isinstance(value, dt.date):  # a workbook date-time at 00:00 comes back as a date: an
        return dt.datetime.combine(value, dt.time())  # Excel serial with no fraction is midnight
    if not isinstance(value, str):
        raise ValueError(_("{value} is a number, not a date-time ({examples})").format(
            value=value, examples=_examples()))
    text = value.strip()
    if not text:
        raise ValueError(_("empty; expected a date-time ({examples})").format(examples=_examples()))
    if m := _LOCAL.fullmatch(text):
        year, month, day = int(m[1]), int(m[2] or m[4]), int(m[3] or m[5])
        micro = int((m[9] or "0").ljust(6, "0"))
        try:
            return dt.datetime(year, month, day, int(m[6]), int(m[7]), int(m[8] or 0), micro)
        except ValueError as exc:
            raise ValueError(_("{text!r} is not a date-time: {problem}").format(
                text=brief(text), problem=exc)) from None
    try:
        stamp = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(_("{text!r} is not a date-time ({examples})").format(
            text=brief(text), examples=_examples())) from None
    if "T" not in text.upper() and " " not in text:
        raise ValueError(_("{text!r} has no time of day ({examples})").format(
            text=brief(text), examples=_examples()))
    return _beijing(stamp, text)


def _beijing(stamp: dt.datetime, text: str) -> dt.datetime:
    if stamp.tzinfo is None:
        return stamp
    try:
        return stamp.astimezone(beijing_tz()).replace(tzinfo=None)
    except OverflowError:  # 9999-12-31T20:00Z is past the last day a date can have in Beijing
        raise ValueError(_("{text!r} is out of range: in Beijing time it falls outside the "
                           "years 1 to 9999").format(text=brief(text))) from None


def cell(value: object, *, allow_empty: bool = False) -> dt.datetime | Bad | Open:
    if allow_empty and (value is None or (isinstance(value, str) and not value.strip())):
        return OPEN
    try:
        return parse_instant(value)
    except ValueError as exc:
        return Bad(str(exc))


def column(values: Sequence[object], *,
           allow_empty: bool = False) -> tuple[list[dt.datetime | Bad | Open], bool]:
    """parse_instant over a column, and whether every cell was canonical.

    When every cell has the canonical shape YYYY-MM-DDTHH:MM:SS (what monitoring tools
    export), the C-level fromisoformat reads them all at once; for those cells it is exactly
    what parse_instant returns (the local pattern reads the same six numbers), so this is a
    batch of the one rule, not a second rule. Canonical texts are also their own sort keys:
    their order is their time order."""
    if _canonical(values):
        try:
            read = list(map(dt.datetime.fromisoformat, values))  # type: ignore[arg-type]
        except ValueError:
            read = []  # one bad cell: read each on its own to say which
        if read:  # canonical shape has no offset: naive, Beijing time
            return read, True  # type: ignore[return-value]
    return [cell(v, allow_empty=allow_empty) for v in values], False


def _canonical(values: Sequence[object]) -> bool:
    """Every cell a 19-character str with '-' at 4 and 7, 'T' at 10, ':' at 13 and 16 (checked on
    one joined string: each cell's n-th character is every 19th character from n)."""
    try:
        if set(map(len, values)) != {19}:  # type: ignore[arg-type]
            return False
        joined = "".join(values)  # type: ignore[arg-type]
    except TypeError:  # workbook cells that are not text
        return False
    dashes, colons = "-" * len(values), ":" * len(values)
    return joined[4::19] == dashes and joined[7::19] == dashes and \
        joined[10::19] == "T" * len(values) and joined[13::19] == colons and \
        joined[16::19] == colons
