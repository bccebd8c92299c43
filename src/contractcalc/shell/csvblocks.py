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
from itertools import repeat


def columns(text: str, width: int) -> list[list[str]] | None:
    """The `width` columns of `text` (whole lines, the last newline optional), or None when some
    line is not a plain record of exactly `width` fields."""
    if '"' in text or "\x00" in text:
        return None
    if "\r" in text:  # CRLF line ends (Windows exports) are line ends; a lone CR is not plain
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    if not lines or "" in lines or set(map(str.count, lines, repeat(","))) != {width - 1}:
        return None  # a blank line, or too few or too many fields: csv.reader says how
    if max(map(len, lines)) > csv.field_size_limit():
        return None  # csv.reader refuses an over-long field with its own message
    cells = ",".join(lines).split(",")
    return [cells[i::width] for i in range(width)]
