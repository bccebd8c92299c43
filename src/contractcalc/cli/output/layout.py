"""Fitting a table into a width, shared by the terminal (rich) and the plain-text path.

A table that is too wide for its terminal used to be squeezed by rich until dates split as
`2025-1`/`0-21` and 大写 broke over five lines. Here the layout is decided once, in terminal
columns (CJK characters take two), and both paths draw exactly what it decides:

1. Every column gets its natural width (its widest cell). If that fits, nothing wraps.
2. Otherwise free-text columns (kind "text": titles, states, triggers, notes) may wrap, at spaces
   or between CJK characters, down to a readable minimum; every other kind (dates, amounts,
   clause numbers, ids, 大写, durations) wraps only at the spaces it holds, never inside a word,
   and not at all when it is short.
3. When even that is too wide, the least useful columns are left out (lowest `keep` first, the
   rightmost of equals first) and the caller says which; columns with `keep` 2 never go.
4. When the columns that are never left out still do not fit, each record becomes a block of
   `Header: value` lines.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Sequence

# A free-text column is not narrowed below this (unless its text is narrower): at 80 columns a
# table of five short columns and one status still reads as sentences.
TEXT_MIN = 12
# A value of a fixed kind up to this wide is never broken, even at its spaces.
SHORT = 16
# A header word (between spaces) up to this wide is not broken between CJK characters.
HEADER_WORD = 8


def width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def _is_wide(ch: str) -> bool:
    from unicodedata import east_asian_width

    return east_asian_width(ch) in "WF"


CLOSING = "，。、；：）」』》！？)]}%"
OPENING = "（「『《([{"
# Breakable units: a run of non-space, non-CJK characters; one CJK character; a run of spaces.
_TOKEN = re.compile(r"\s+|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+|.")


def _tokens(text: str, cjk_breaks: bool) -> list[str]:
    if not cjk_breaks:
        return re.findall(r"\s+|\S+", text)
    tokens = _TOKEN.findall(text)
    # Closing punctuation stays with what comes before it (no line starts with ，。）：or a
    # bracket closing 统计期(时)); an opening bracket with what follows it (no line ends with
    # one). ASCII brackets count too: headers such as 中断(时) mix them with CJK.
    merged: list[str] = []
    opened = False
    for tok in tokens:
        if merged and (opened or (tok[0] in CLOSING and not merged[-1].isspace())):
            merged[-1] += tok
        else:
            merged.append(tok)
        opened = tok[-1] in OPENING
    return merged


def _fold(word: str, limit: int) -> list[str]:
    """A word longer than the line, cut between characters (only free text gets here)."""
    parts, part = [], ""
    for ch in word:
        if part and width(part) + (2 if _is_wide(ch) else 1) > limit:
            parts.append(part)
            part = ""
        part += ch
    return [*parts, part] if part else parts


def wrap(text: str, limit: int, *, free: bool = True) -> list[str]:
    """`text` in lines of at most `limit` columns, broken at spaces (and, for free text, between
    CJK characters); a word is cut only when it is free text longer than a whole line."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for tok in _tokens(paragraph, free):
            if tok.isspace():
                if line:
                    line += " "
                continue
            if width(line) + width(tok) <= limit:
                line += tok
                continue
            if line.rstrip():
                lines.append(line.rstrip())
            line = ""
            if width(tok) > limit and free:
                *full, tok = _fold(tok, limit)
                lines += full
            line = tok
        lines.append(line.rstrip())
    return lines


def longest_word(text: str, free: bool) -> int:
    return max((width(t) for t in _tokens(text, free) if not t.isspace()), default=0)


def _unit(cell: str, free: bool) -> int:
    """The narrowest a cell may be drawn: a short value of a fixed kind ("26 h 55 min",
    "on track") stays whole; a longer one breaks only at its spaces."""
    if not free and width(cell) <= SHORT:
        return width(cell)
    return longest_word(cell, free)


class Fit(NamedTuple):
    """The layout chosen: which columns (by index), how wide each is, or blocks (no columns)."""

    shown: tuple[int, ...]
    widths: tuple[int, ...]
    dropped: tuple[int, ...]
    blocks: bool = False


def fit(cells: Sequence[Sequence[str]], free: Sequence[bool], keep: Sequence[int],
        limit: int | None, gap: int, edge: int) -> Fit:
    """Choose columns and widths for `cells` (header first) to fit in `limit` columns.

    `gap` is what separates two columns and `edge` what surrounds the table (rich's box and
    padding; two spaces and nothing in plain text). `limit` None means no limit.
    """
    n = len(free)
    natural = [max((width(line) for row in cells for line in row[i].split("\n")), default=0)
               for i in range(n)]
    everything = tuple(range(n))
    if limit is None:
        return Fit(everything, tuple(natural), ())
    least = []
    for i in range(n):
        # Headers wrap like free text (a translated header must not widen a date column), but
        # a short word of a header stays whole: 目标 %, never 目/标/%.
        head = max(longest_word(cells[0][i], True),
                   min(longest_word(cells[0][i], False), HEADER_WORD))
        word = max([head, *(_unit(row[i], free[i]) for row in cells[1:])])
        least.append(min(natural[i], max(TEXT_MIN, word if word <= TEXT_MIN * 2 else 0))
                     if free[i] else word)
    order = sorted(range(n), key=lambda i: (keep[i], -i))
    dropped: list[int] = []
    for candidate in [None, *order]:
        if candidate is not None:
            if keep[candidate] >= 2:
                break
            dropped.append(candidate)
        shown = [i for i in range(n) if i not in dropped]
        room = limit - edge - gap * (len(shown) - 1)
        if sum(natural[i] for i in shown) <= room:
            return Fit(tuple(shown), tuple(natural[i] for i in shown), tuple(sorted(dropped)))
        if sum(least[i] for i in shown) <= room:
            return Fit(tuple(shown), _share(shown, natural, least, room), tuple(sorted(dropped)))
    return Fit((), (), (), blocks=True)


def _share(shown: list[int], natural: list[int], least: list[int], room: int) -> tuple[int, ...]:
    """Widths from the minimum up, shared out fairly (max-min): a column that wants little more
    gets all of it ("overdue by 255 days" stays one line), the rest split what remains evenly,
    so one long status cannot starve a title."""
    widths = {i: least[i] for i in shown}
    spare = room - sum(widths.values())
    pending = sorted((i for i in shown if natural[i] > least[i]),
                     key=lambda i: natural[i] - least[i])
    while pending:
        fair = spare // len(pending)
        i = pending[0]
        if natural[i] - widths[i] > fair:
            break
        spare -= natural[i] - widths[i]
        widths[i] = natural[i]
        pending.pop(0)
    for n, i in enumerate(reversed(pending)):  # the biggest wants get the rounding leftovers
        more = spare // len(pending) + (1 if n < spare % len(pending) else 0)
        widths[i] += more
    return tuple(widths[i] for i in shown)


def block(labels: Sequence[str], values: Sequence[str], free: Sequence[bool],
          limit: int | None) -> list[str]:
    """One record as `Label: value` lines, labels aligned, values wrapped under themselves."""
    pad = max(width(label) for label in labels) + 2
    room = max(TEXT_MIN, (limit or 10**6) - pad)
    lines = []
    for label, value, is_free in zip(labels, values, free, strict=True):
        head = label + ":" + " " * (pad - width(label) - 1)
        for k, line in enumerate(wrap(value, room, free=is_free)):
            lines.append((head if k == 0 else " " * pad) + line)
    return lines
