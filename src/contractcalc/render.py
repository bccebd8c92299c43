"""Output: one report shape, three formats. JSON and CSV never import rich."""

from __future__ import annotations

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

    def document(self) -> dict[str, Any]:
        return {"command": self.command, **self.meta, "finding": self.finding,
                "rows": self.rows, "notes": list(self.notes)}


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
        writer.writerow({k: _plain(v) for k, v in row.items()})


def _plain(value: Any) -> Any:
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


def plain_terminal(out: TextIO) -> bool:
    """Plain text (no colour, no box art) when NO_COLOR is set or output is not a terminal."""
    return "NO_COLOR" in os.environ or not out.isatty()


def _table(report: Report, out: TextIO) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    plain = plain_terminal(out)
    # A pipe or file has no width to respect: lay rows out on one line each rather than at 80.
    width = None if out.isatty() else int(os.environ.get("COLUMNS", 0)) or 200
    console = Console(file=out, no_color=plain, highlight=False, soft_wrap=False, width=width,
                      force_terminal=None if not plain else False)

    def table_of(columns: tuple[Column, ...], rows: list[dict[str, Any]]) -> Table:
        table = Table(box=box.SIMPLE if plain else box.ROUNDED, show_lines=False)
        for col in columns:
            numeric = col.kind in ("money", "number")
            table.add_column(col.header, justify="right" if numeric else "left",
                             no_wrap=numeric, overflow="fold")
        for row in rows:
            table.add_row(*(_cell(row.get(c.key), c.kind) for c in columns))
        return table

    with console.capture() as captured:
        console.print(report.title, style="bold", markup=False, highlight=False)
        console.print(table_of(report.columns, report.rows))
        for title, columns, rows in report.sections:
            console.print(title, style="bold", markup=False, highlight=False)
            console.print(table_of(columns, rows))
        for note in report.notes:
            console.print(f"• {note}", markup=False)
    text = captured.get()
    if plain:  # no padding to the console's width in files and pipes
        text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    out.write(text)
