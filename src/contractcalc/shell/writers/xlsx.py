"""Excel workbooks (--output FILE.xlsx, `report --output FILE.xlsx`): what finance works from.

Why a real workbook rather than CSV: typed cells. An amount is a number formatted #,##0.00, a
date a date (shown 2026年1月5日 in Chinese), a percentage a percentage, so sums, filters and
sorting work without retyping, which is where errors come back. Every sheet has its header row
frozen and repeated on each printed A4 page, an autofilter, columns fitted to what they hold
(a CJK character counts as two), and the overdue or failing rows filled in red, the rows to
look at soon in yellow (from the rows' status codes, as the terminal colours them).

xlsxwriter is imported here only, when a workbook is written (start-up time is measured).
The bytes are built in memory and written by shell/files.write_atomic: whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

MAX_WIDTH = 60  # columns wider than this wrap their text instead
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
ZH_DATE = 'yyyy"年"m"月"d"日"'
ISO_DATE = "yyyy-mm-dd"
MONEY = "#,##0.00"
EXACT_DIGITS = 15
"""Significant digits a spreadsheet cell (an IEEE double, shown to 15 digits) holds exactly: an
amount, rate or percentage with more (a 17-digit total to the fen) is written as its exact text,
never rounded by the cell."""


class Field(NamedTuple):
    """A column: its key in the rows, its header, and how its values are typed: "money",
    "date", "number", "percent" (a figure in per cent, stored as a fraction), or text."""

    key: str
    header: str
    kind: str = "text"


class Sheet(NamedTuple):
    name: str
    title: str
    fields: Sequence[Field]
    rows: Sequence[dict[str, Any]]
    alarms: Sequence[str | None] = ()
    """Per row: "bad" (red), "warn" (yellow) or None."""
    notes: Sequence[str] = ()


def sheet_name(text: str, taken: set[str]) -> str:
    """A name Excel accepts (at most 31 characters, none of []:*?/\\, unique in the book)."""
    base = _BAD_SHEET_CHARS.sub(" ", text).strip().strip("'")[:31] or "Sheet"
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name


def typed(value: Any, kind: str) -> tuple[Any, str | None]:
    """The cell value and the number format it needs; text that is not the kind's shape (a due
    date that says what it waits for, say) stays text, as written."""
    if value is None or value == "":
        return None, None
    if isinstance(value, bool):
        return value, None
    if kind == "date":
        if isinstance(value, dt.date):
            return value, "date"
        text = str(value)
        if _ISO_DAY.fullmatch(text):
            return dt.date.fromisoformat(text), "date"
        return text, None
    if kind in ("money", "number", "percent"):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return str(value), None
        if not number.is_finite():
            return str(value), None
        if len(number.as_tuple().digits) > EXACT_DIGITS:
            return str(value), None  # a double would change it: kept exact, as text
        places = max(0, -int(number.as_tuple().exponent))
        if kind == "money":
            return float(number), MONEY
        if kind == "percent":
            return float(number / 100), "0." + "0" * max(places, 2) + "%"
        return (int(number) if places == 0 else float(number)), \
            ("0" if places == 0 else "0." + "0" * places)
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value), None
    if isinstance(value, dict):
        return "; ".join(f"{k}={v}" for k, v in value.items()), None
    return str(value), None


def _width(value: Any, kind: str | None) -> int:
    from unicodedata import east_asian_width

    if isinstance(value, dt.date):
        return 12 if kind == ISO_DATE else 16
    if isinstance(value, float | int) and not isinstance(value, bool):
        return len(f"{value:,.2f}") + 1
    text = "" if value is None else str(value)
    return max((sum(2 if east_asian_width(ch) in "WF" else 1 for ch in line)
                for line in text.splitlines() or [""]), default=0)


def workbook(sheets: Sequence[Sheet], *, chinese: bool) -> bytes:
    """The workbook's bytes, one sheet per Sheet, in order."""
    import io

    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False,
                                     "strings_to_urls": False, "strings_to_numbers": False})
    date_format = ZH_DATE if chinese else ISO_DATE
    header = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1,
                              "text_wrap": True, "valign": "top"})
    fills = {None: {}, "bad": {"bg_color": "#F8CBAD"}, "warn": {"bg_color": "#FFE699"}}
    cache: dict[tuple[str | None, str | None, bool], Any] = {}

    def fmt(number: str | None, alarm: str | None, wrap: bool) -> Any:
        key = (number, alarm, wrap)
        if key not in cache:
            props: dict[str, Any] = {"valign": "top", **fills[alarm]}
            if number:
                props["num_format"] = date_format if number == "date" else number
            if wrap:
                props["text_wrap"] = True
            cache[key] = book.add_format(props)
        return cache[key]

    taken: set[str] = set()
    for sheet in sheets:
        ws = book.add_worksheet(sheet_name(sheet.name, taken))
        widths = [max(_width(f.header, None) // 1, 6) for f in sheet.fields]
        cells = []
        for row in sheet.rows:
            line = []
            for n, f in enumerate(sheet.fields):
                value, number = typed(row.get(f.key), f.kind)
                widths[n] = max(widths[n], _width(value, date_format if number == "date"
                                                  else number))
                line.append((value, number))
            cells.append(line)
        wrap = [w > MAX_WIDTH for w in widths]
        for n, f in enumerate(sheet.fields):
            ws.write_string(0, n, f.header, header)
            ws.set_column(n, n, min(widths[n], MAX_WIDTH) + 2)
        for r, line in enumerate(cells, start=1):
            alarm = sheet.alarms[r - 1] if r - 1 < len(sheet.alarms) else None
            for n, (value, number) in enumerate(line):
                style = fmt(number, alarm, wrap[n])
                if value is None:
                    ws.write_blank(r, n, None, style)
                elif isinstance(value, dt.date):
                    ws.write_datetime(r, n, dt.datetime.combine(value, dt.time()), style)
                elif isinstance(value, bool):
                    ws.write_boolean(r, n, value, style)
                elif isinstance(value, int | float):
                    ws.write_number(r, n, value, style)
                else:
                    ws.write_string(r, n, value, style)
        last = max(len(sheet.fields) - 1, 0)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(cells), 1), last)
        for k, note in enumerate(sheet.notes):
            ws.write_string(len(cells) + 2 + k, 0, note)
        ws.set_paper(9)  # A4
        ws.set_landscape() if sum(min(w, MAX_WIDTH) for w in widths) > 110 else ws.set_portrait()
        ws.fit_to_pages(1, 0)  # the width of one page, as many pages down as needed
        ws.repeat_rows(0)
        ws.set_header(f"&L{_escape(sheet.title)}")
        ws.set_footer("&C&P / &N")
    book.set_properties({"title": sheets[0].title if sheets else ""})
    book.close()
    return out.getvalue()


def _escape(text: str) -> str:
    """Header text with its & codes doubled, cut to what Excel allows (255 characters)."""
    return text.replace("&", "&&")[:200]
