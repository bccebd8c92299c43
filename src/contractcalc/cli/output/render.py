"""Output: one report shape, three formats. Rich draws tables for terminals only; pipes and
files get aligned plain text, and JSON and CSV never import rich.

Every report is rendered to a string and encoded whole before a byte is written, so output the
target encoding cannot hold never ends as half a document (issue: a GBK console). What came from
users' files is shown, never obeyed: control characters are made visible in tables and messages,
spreadsheet formulas are neutralised in CSV (OWASP, "CSV Injection"), rich markup is not parsed.

Tables fit a width (output/layout.py decides, both paths draw): the terminal's on a terminal, and
for plain text `plain_width()`: $COLUMNS when set, else none, so pipes and files keep one line
per row. Rows whose status codes say overdue, failing or breached are coloured on a terminal.
"""

import os
import re
import sys
from collections.abc import Sequence
from typing import Any, NamedTuple, TextIO

from contractcalc.cli.output.report import (
    _ESCAPES,
    Column,
    Format,
    Kind,
    Report,
    alarm,
    visible,
)

_CSV_ESCAPES = {c: e for c, e in _ESCAPES.items() if c != 0x0A}  # a quoted newline is valid CSV
_JSON_ESCAPES = {c: f"\\u{c:04x}" for c in _ESCAPES if c >= 0x7F}  # json escapes C0 itself
# Finding none is the common case: a regex search in C, before a per-character translate.
_JSON_RISKY = re.compile("[" + "".join(re.escape(chr(c)) for c in _JSON_ESCAPES) + "]")
# Fixed characters of the tables that legacy encodings (GBK, ASCII) lack, and what replaces them.
_FALLBACK = str.maketrans({"•": "*", "—": "-", "–": "-", "‰": "o/oo", "×": "x", "±": "+/-",
                           "…": "...", "✓": "v", "✗": "x"})


def emit(report: Report, fmt: Format, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    out.write(render(report, fmt, terminal=out))


def render(report: Report, fmt: Format, *, terminal: TextIO | None = None,
           ascii_json: bool = False) -> str:
    """The whole document as text; tables drawn by rich when `terminal` is a terminal."""
    if fmt == "json":
        import json

        text = json.dumps(report.document(), ensure_ascii=ascii_json, indent=2)
        return (text.translate(_JSON_ESCAPES) if _JSON_RISKY.search(text) else text) + "\n"
    if fmt == "csv":
        return _csv(report)
    if fmt == "junit":
        from contractcalc.cli.output.junit import render as junit

        return junit(report)
    if terminal is not None and terminal.isatty():
        return _rich(report, terminal)
    return _plain(report)


def encode(report: Report, fmt: Format, encoding: str, *,
           terminal: TextIO | None = None) -> bytes:
    """The document in `encoding`, complete: JSON falls back to \\u escapes (the same data),
    tables to plain stand-ins for the characters the encoding lacks; a CSV that cannot be
    written in it is refused (InputError), nothing written."""
    text = render(report, fmt, terminal=terminal)
    if fmt == "junit":  # the declaration names the encoding; what it lacks, as &#N;
        from contractcalc.cli.output.junit import declared

        return declared(text, encoding)
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as exc:
        if fmt == "json":
            return render(report, fmt, ascii_json=True).encode(encoding)
        if fmt == "table":
            return text.translate(_FALLBACK).encode(encoding, errors="backslashreplace")
        from contractcalc.core.errors import InputError

        char = exc.object[exc.start]
        line = exc.object.count("\n", 0, exc.start) + 1
        raise InputError(f"line {line} of the CSV holds {char!r} (U+{ord(char):04X}), which "
                         f"{encoding} cannot encode; nothing written. Use utf-8-sig",
                         field="--output-encoding") from None


def _csv(report: Report) -> str:
    import csv
    import io

    out = io.StringIO()
    keys: dict[str, None] = {}
    for row in report.rows:
        keys.update(dict.fromkeys(row))
    writer = csv.DictWriter(out, fieldnames=list(keys), lineterminator="\n")
    writer.writeheader()
    for row in report.rows:
        writer.writerow({k: _csv_value(v) for k, v in row.items()})
    return out.getvalue()


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):  # a list of dates: one cell, '; '-separated
        return _csv_value("; ".join(str(_csv_value(v)) for v in value))
    if isinstance(value, dict):  # nested records stay in JSON; CSV shows them compactly
        return _csv_value("; ".join(f"{k}={_csv_value(v)}" for k, v in value.items()))
    if isinstance(value, str):
        return neutralise(value.translate(_CSV_ESCAPES))
    return value


def neutralise(cell: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP, "CSV
    Injection": cells starting with = + - @ tab or CR); plain numbers such as -150.000 stay."""
    if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(cell):
        return "'" + cell
    return cell


def _is_number(cell: str) -> bool:
    body = cell[1:] if cell[:1] in "+-" else cell
    whole, _dot, fraction = body.partition(".")
    return (whole + fraction).isascii() and (whole + fraction).isdigit() and \
        (fraction.isdigit() or not fraction) and bool(whole or fraction)


EMPTY = "-"
"""An empty cell. Not an em dash: Chinese terminals (Xshell, SecureCRT, Windows consoles) draw
the East Asian Ambiguous characters (— • ‰ × ±) two columns wide, which breaks alignment."""
BULLET = "*"


def _cell(value: Any, kind: Kind) -> str:
    if value is None or value == "":
        return EMPTY
    if kind == "money":
        from decimal import Decimal

        return f"{Decimal(value):,.2f}"
    if kind == "flag":
        from contractcalc.i18n import _

        return _("yes") if value else _("no")
    if kind == "code":
        from contractcalc.i18n import code_label

        return code_label(str(value))
    return visible(str(value))


def _width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    from contractcalc.cli.output.layout import width

    return width(text)


def plain_width() -> int | None:
    """The width plain text is fitted to: $COLUMNS when it is set, else no limit.

    Shells keep COLUMNS to themselves unless told to export it, so what goes to a pipe or a
    file keeps one line per row (grep, sort and diff see whole records); a user who wants a
    file laid out for 80 columns says so with COLUMNS=80.
    """
    value = os.environ.get("COLUMNS", "")
    return int(value) if value.isdigit() and int(value) >= 20 else None


class _Drawn(NamedTuple):
    lines: list[list[list[str]]]
    """Per row (header first), per cell, its lines."""
    records: list[list[str]]
    """When drawn as blocks: per record, its lines."""
    columns: tuple[Column, ...]
    widths: tuple[int, ...]
    dropped: tuple[Column, ...]
    blocks: bool


def _draw(columns: tuple[Column, ...], rows: list[dict[str, Any]], limit: int | None,
          gap: int, edge: int) -> _Drawn:
    from contractcalc.cli.output.layout import block, fit, wrap

    cells = [[visible(c.header) for c in columns]]
    cells += [[_cell(row.get(c.key), c.kind) for c in columns] for row in rows]
    free = [c.kind == "text" for c in columns]
    chosen = fit(cells, free, [c.keep for c in columns], limit, gap, edge)
    if chosen.blocks:
        return _Drawn([], [block(cells[0], line, free, limit) for line in cells[1:]], columns,
                      (), (), True)
    shown = tuple(columns[i] for i in chosen.shown)
    drawn = [[wrap(line[i], w, free=free[i] or n == 0) if limit else [line[i]]
              for i, w in zip(chosen.shown, chosen.widths, strict=True)]
             for n, line in enumerate(cells)]
    return _Drawn(drawn, [], shown, chosen.widths,
                  tuple(columns[i] for i in chosen.dropped), False)


def _left_out(drawn: _Drawn, limit: int | None) -> list[str]:
    if not drawn.dropped:
        return []
    from contractcalc.i18n import _

    names = _(", ").join(visible(c.header) for c in drawn.dropped)
    return [_("left out to fit {limit} columns: {names}; see them with --format json or csv, "
              "or in a wider terminal").format(limit=limit, names=names)]


def _bullets(texts: Sequence[str], limit: int | None) -> list[str]:
    """Notes as "* text" (BULLET), continuation lines indented under the text."""
    from contractcalc.cli.output.layout import wrap

    lines = []
    for text in texts:
        wrapped = wrap(visible(text), limit - 2) if limit else [visible(text)]
        lines += [(f"{BULLET} " if k == 0 else "  ") + line for k, line in enumerate(wrapped)]
    return lines


def _plain(report: Report) -> str:
    """Text for pipes and files: columns aligned, no colour or box art, fitted to
    `plain_width()` (one line per row when there is no limit)."""
    from contractcalc.cli.output.layout import wrap

    limit = plain_width()

    def table(columns: tuple[Column, ...], rows: list[dict[str, Any]]) -> list[str]:
        drawn = _draw(columns, rows, limit, gap=2, edge=0)
        lines: list[str] = []
        if drawn.blocks:
            for n, record in enumerate(drawn.records):
                lines += [""] * (n > 0) + record
            return lines
        for n, row in enumerate(drawn.lines):
            for k in range(max(len(cell) for cell in row)):
                parts = []
                for col, cell, w in zip(drawn.columns, row, drawn.widths, strict=True):
                    text = cell[k] if k < len(cell) else ""
                    pad = " " * (w - _width(text))
                    parts.append(pad + text if col.kind in ("money", "number") else text + pad)
                lines.append("  ".join(parts).rstrip())
            if n == 0:
                lines.append("  ".join("-" * w for w in drawn.widths))
        return lines + _bullets(_left_out(drawn, limit), limit)

    def heading(title: str) -> list[str]:
        return wrap(visible(title), limit) if limit else [visible(title)]

    lines = [*heading(report.title), "", *table(report.columns, report.rows)]
    for title, columns, rows in report.sections:
        lines += ["", *heading(title), "", *table(columns, rows)]
    if report.notes:
        lines.append("")
    lines += _bullets(report.notes, limit)
    return "\n".join(lines) + "\n"


def _rich(report: Report, out: TextIO) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from contractcalc.cli.output.layout import wrap

    plain = bool(os.environ.get("NO_COLOR"))  # https://no-color.org: no ANSI styling at all
    console = Console(file=out, color_system=None if plain else "auto", highlight=False,
                      soft_wrap=False, emoji=False, no_color=plain)
    limit = console.width
    styles = {"bad": "bold red", "warn": "yellow", None: ""}

    def show(columns: tuple[Column, ...], rows: list[dict[str, Any]]) -> None:
        # The box: "│ " and " │" at the edges, " │ " between columns.
        drawn = _draw(columns, rows, limit, gap=3, edge=4)
        if drawn.blocks:
            for n, (record, row) in enumerate(zip(drawn.records, rows, strict=True)):
                if n:
                    console.print()
                for line in record:
                    console.print(Text(line, style=styles[alarm(row)]))
            return
        table = Table(box=box.SIMPLE if plain else box.ROUNDED, show_lines=False)
        for col, head, w in zip(drawn.columns, drawn.lines[0], drawn.widths, strict=True):
            table.add_column(Text("\n".join(head)), width=w, no_wrap=True, overflow="crop",
                             justify="right" if col.kind in ("money", "number") else "left")
        for row, cells in zip(rows, drawn.lines[1:], strict=True):
            table.add_row(*(Text("\n".join(cell)) for cell in cells),
                          style=styles[alarm(row)])
        console.print(table)
        for line in _bullets(_left_out(drawn, limit), limit):
            console.print(Text(line, style="dim"))

    def heading(title: str) -> None:
        for line in wrap(visible(title), limit):
            console.print(Text(line, style="bold"))

    with console.capture() as captured:
        heading(report.title)
        show(report.columns, report.rows)
        for title, columns, rows in report.sections:
            heading(title)
            show(columns, rows)
        for line in _bullets(report.notes, limit):
            console.print(Text(line))
    return captured.get()
