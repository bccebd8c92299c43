"""Output: one report shape, three formats. Rich draws tables for terminals only; pipes and
files get aligned plain text, and JSON and CSV never import rich.

Every report is rendered to a string and encoded whole before a byte is written, so output the
target encoding cannot hold never ends as half a document (issue: a GBK console). What came from
users' files is shown, never obeyed: control characters are made visible in tables and messages,
spreadsheet formulas are neutralised in CSV (OWASP, "CSV Injection"), rich markup is not parsed.
"""

import os
import sys
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, Literal, NamedTuple, TextIO

Kind = Literal["text", "money", "number", "flag", "code"]
Format = Literal["table", "json", "csv"]


class Column(NamedTuple):
    key: str
    header: str
    kind: Kind = "text"


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
_CSV_ESCAPES = {c: e for c, e in _ESCAPES.items() if c != 0x0A}  # a quoted newline is valid CSV
_JSON_ESCAPES = {c: f"\\u{c:04x}" for c in _ESCAPES if c >= 0x7F}  # json escapes C0 itself
# Fixed characters of the tables that legacy encodings (GBK, ASCII) lack, and what replaces them.
_FALLBACK = str.maketrans({"•": "*", "—": "-", "–": "-", "‰": "o/oo", "×": "x", "±": "+/-",
                           "…": "...", "✓": "v", "✗": "x"})


def visible(text: str) -> str:
    """Text with every control character shown as an escape (\\x1b, \\n): safe on a terminal,
    and one line."""
    return text.translate(_ESCAPES)


def emit(report: Report, fmt: Format, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    out.write(render(report, fmt, terminal=out))


def render(report: Report, fmt: Format, *, terminal: TextIO | None = None,
           ascii_json: bool = False) -> str:
    """The whole document as text; tables drawn by rich when `terminal` is a terminal."""
    if fmt == "json":
        import json

        text = json.dumps(report.document(), ensure_ascii=ascii_json, indent=2)
        return text.translate(_JSON_ESCAPES) + "\n"
    if fmt == "csv":
        return _csv(report)
    if terminal is not None and terminal.isatty():
        return _rich(report, terminal)
    return _plain(report)


def encode(report: Report, fmt: Format, encoding: str, *,
           terminal: TextIO | None = None) -> bytes:
    """The document in `encoding`, complete: JSON falls back to \\u escapes (the same data),
    tables to plain stand-ins for the characters the encoding lacks; a CSV that cannot be
    written in it is refused (InputError), nothing written."""
    text = render(report, fmt, terminal=terminal)
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
    whole, _, fraction = body.partition(".")
    return (whole + fraction).isascii() and (whole + fraction).isdigit() and \
        (fraction.isdigit() or not fraction) and bool(whole or fraction)
EMPTY = "-"
"""An empty cell. Not an em dash: Chinese terminals (Xshell, SecureCRT, Windows consoles) draw
the East Asian Ambiguous characters (— • ‰ × ±) two columns wide, which breaks alignment."""
BULLET = "*"


def _cell(value: Any, kind: Kind) -> str:
    from contractcalc.i18n import _, code_label

    if value is None or value == "":
        return EMPTY
    if kind == "money":
        from decimal import Decimal

        return f"{Decimal(value):,.2f}"
    if kind == "flag":
        return _("yes") if value else _("no")
    if kind == "code":
        return code_label(str(value))
    return visible(str(value))


def _width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def _plain(report: Report) -> str:
    """Text for pipes and files: one line per row, columns aligned, no colour or box art."""

    def table(columns: Sequence[Column], rows: list[dict[str, Any]]) -> list[str]:
        cells = [[visible(c.header) for c in columns]]
        cells += [[_cell(row.get(c.key), c.kind) for c in columns] for row in rows]
        widths = [max(_width(line[i]) for line in cells) for i in range(len(columns))]
        lines = []
        for n, line in enumerate(cells):
            parts = []
            for col, text, width in zip(columns, line, widths, strict=True):
                pad = " " * (width - _width(text))
                parts.append(pad + text if col.kind in ("money", "number") else text + pad)
            lines.append("  ".join(parts).rstrip())
            if n == 0:
                lines.append("  ".join("-" * w for w in widths))
        return lines

    lines = [visible(report.title), "", *table(report.columns, report.rows)]
    for title, columns, rows in report.sections:
        lines += ["", visible(title), "", *table(columns, rows)]
    if report.notes:
        lines.append("")
    lines += [f"{BULLET} {visible(note)}" for note in report.notes]
    return "\n".join(lines) + "\n"


def _rich(report: Report, out: TextIO) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    plain = bool(os.environ.get("NO_COLOR"))  # https://no-color.org: no ANSI styling at all
    console = Console(file=out, color_system=None if plain else "auto", highlight=False,
                      soft_wrap=False, emoji=False)

    def table_of(columns: tuple[Column, ...], rows: list[dict[str, Any]]) -> Table:
        table = Table(box=box.SIMPLE if plain else box.ROUNDED, show_lines=False)
        for col in columns:
            numeric = col.kind in ("money", "number")
            table.add_column(Text(visible(col.header)), justify="right" if numeric else "left",
                             no_wrap=numeric, overflow="fold")
        for row in rows:
            table.add_row(*(Text(_cell(row.get(c.key), c.kind)) for c in columns))
        return table

    with console.capture() as captured:
        console.print(Text(visible(report.title), style="bold"))
        console.print(table_of(report.columns, report.rows))
        for title, columns, rows in report.sections:
            console.print(Text(visible(title), style="bold"))
            console.print(table_of(columns, rows))
        for note in report.notes:
            console.print(Text(f"{BULLET} {visible(note)}"))
    return captured.get()
