"""Cutting a block of plain CSV text into columns in a few C-level passes.

A line without a double quote, CR or NUL is split by csv.reader (excel dialect) at its commas and
nowhere else (RFC 4180 section 2: only a quoted field may hold a comma, quote or line break), so
for a block whose every line is such a line with exactly the header's number of fields, cutting
the joined text at its commas IS the csv parse, done once for the block instead of once per line.
Any other block returns None and goes to csv.reader itself: one CSV rule, applied in bulk or line
by line.
"""

from __future__ import annotations

import csv


def columns(text: str, width: int) -> list[list[str]] | None:
    """The `width` columns of `text` (whole lines, the last newline optional), or None when some
    line is not a plain record of exactly `width` fields.

    Each line end becomes a cell of its own ("\n", a cached one-character string), so one split
    gives every line's fields followed by that cell: the text is a plain table exactly when the
    line-end cells sit at every (width + 1)-th place and nowhere else."""
    if '"' in text or "\x00" in text:
        return None
    if "\r" in text:  # CRLF line ends (Windows exports) are line ends; a lone CR is not plain
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    if not text.endswith("\n"):
        text += "\n"
    if width == 1 and (text.startswith("\n") or "\n\n" in text):
        return None  # a blank line: csv.reader gives it no fields; wider, the stride check sees
    cells = text.replace("\n", ",\n,").split(",")
    cells.pop()  # the empty cell after the last line end
    stride = width + 1
    lines = len(cells) // stride
    if not lines or len(cells) != lines * stride or text.count("\n") != lines \
            or cells[width::stride].count("\n") != lines:
        return None  # a blank line, or too few or too many fields: csv.reader says how
    limit = csv.field_size_limit()
    if _may_exceed(text, limit) and max(map(len, cells)) > limit:
        return None  # csv.reader refuses an over-long field with its own message
    return [cells[i::stride] for i in range(width)]


def _may_exceed(text: str, limit: int) -> bool:
    """Whether some field of `text` may be longer than `limit`, in a few dozen C searches
    instead of a length per cell.

    A field of limit + 1 characters or more contains a whole window [p, p + step) where p is a
    multiple of step = (limit + 1) // 2 (the first multiple at or after its start is less than
    step further on, and the window ends before the field does). So when every such window
    holds a separator, no field is that long; when one does not, the cells are measured."""
    step = (limit + 1) // 2
    if step < 1:
        return True
    return len(text) > limit and any(
        text.find(",", p, p + step) < 0 and text.find("\n", p, p + step) < 0
        for p in range(0, len(text), step))
