"""Output: one report shape, three formats. Rich draws tables for terminals only; pipes and
files get aligned plain text, and JSON and CSV never import rich."""

import os
import sys
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, Literal, NamedTuple, TextIO

Kind = Literal["text", "money", "number", "flag"]
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
                "complete": not self.incomplete, "rows": self.rows, "notes": list(self.notes)}


def emit(report: Report, fmt: Format, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    if fmt == "json":
        import json

        json.dump(report.document(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        _csv(report, out)
    else:
        _table(report, out)


def _csv(report: Report, out: TextIO) -> None:
    import csv

    keys: dict[str, None] = {}
    for row in report.rows:
        keys.update(dict.fromkeys(row))
    writer = csv.DictWriter(out, fieldnames=list(keys), lineterminator="\n")
    writer.writeheader()
    for row in report.rows:
        writer.writerow({k: _csv_value(v) for k, v in row.items()})


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _cell(value: Any, kind: Kind) -> str:
    if value is None or value == "":
        return "—"
    if kind == "money":
        from decimal import Decimal

        return f"{Decimal(value):,.2f}"
    if kind == "flag":
        return "yes" if value else "no"
    return str(value)


def _width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def _plain(report: Report, out: TextIO) -> None:
    """Text for pipes and files: one line per row, columns aligned, no colour or box art."""

    def table(columns: Sequence[Column], rows: list[dict[str, Any]]) -> list[str]:
        cells = [[c.header for c in columns]]
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

    lines = [report.title, "", *table(report.columns, report.rows)]
    for title, columns, rows in report.sections:
        lines += ["", title, "", *table(columns, rows)]
    if report.notes:
        lines.append("")
    lines += [f"• {note}" for note in report.notes]
    out.write("\n".join(lines) + "\n")


def _table(report: Report, out: TextIO) -> None:
    if not out.isatty():
        _plain(report, out)
        return
    from rich import box
    from rich.console import Console
    from rich.table import Table

    plain = bool(os.environ.get("NO_COLOR"))  # https://no-color.org: no ANSI styling at all
    console = Console(file=out, color_system=None if plain else "auto", highlight=False,
                      soft_wrap=False, emoji=False)

    def table_of(columns: tuple[Column, ...], rows: list[dict[str, Any]]) -> Table:
        table = Table(box=box.SIMPLE if plain else box.ROUNDED, show_lines=False)
        for col in columns:
            numeric = col.kind in ("money", "number")
            table.add_column(col.header, justify="right" if numeric else "left",
                             no_wrap=numeric, overflow="fold")
        for row in rows:
            table.add_row(*(_cell(row.get(c.key), c.kind) for c in columns))
        return table

    console.print(report.title, style="bold", markup=False, highlight=False)
    console.print(table_of(report.columns, report.rows))
    for title, columns, rows in report.sections:
        console.print(title, style="bold", markup=False, highlight=False)
        console.print(table_of(columns, rows))
    for note in report.notes:
        console.print(f"• {note}", markup=False)
