"""A command's report as workbook sheets (--output FILE.xlsx): the main table and each further
table on a sheet of its own, headed in the interface language, typed by the columns' kinds."""

from __future__ import annotations

from typing import Any

from contractcalc.cli.output.report import Column, Report, alarm
from contractcalc.i18n import _

_TYPED = {"money": "money", "date": "date", "number": "number"}


def fields(columns: tuple[Column, ...]) -> list[Any]:
    from contractcalc.shell.writers.xlsx import Field

    return [Field(c.key, c.header, "percent" if c.kind == "number" and
                  c.key.endswith("_percent") else _TYPED.get(c.kind, "text"))
            for c in columns]


def shown(columns: tuple[Column, ...], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with the text columns as the table shows them (codes and flags in words)."""
    from contractcalc.cli.output.render import _cell

    out = []
    for row in rows:
        line = dict(row)
        for c in columns:
            if c.kind in ("code", "flag") and row.get(c.key) not in (None, ""):
                line[c.key] = _cell(row[c.key], c.kind)
        out.append(line)
    return out


def report_sheets(report: Report, name: str | None = None) -> list[Any]:
    from contractcalc.shell.writers.xlsx import Sheet

    sheets = [Sheet(name or sheet_label(report.command), report.title, fields(report.columns),
                    shown(report.columns, report.rows), [alarm(r) for r in report.rows],
                    list(report.notes))]
    for title, columns, rows in report.sections:
        sheets.append(Sheet(title, title, fields(columns), shown(columns, rows),
                            [alarm(r) for r in rows]))
    return sheets


def sheet_label(command: str) -> str:
    """A sheet's name for a command's table, in the interface language."""
    return {"status": _("Attention"), "payments": _("Payments"), "bond": _("Bond"),
            "timeline": _("Timeline"), "penalty": _("Damages"), "uptime": _("Uptime"),
            "renewal": _("Renewal"), "staff": _("Staff ladder"), "check": _("Drafting"),
            "report": _("Attention")}.get(command, command)


def workbook_bytes(report: Report) -> bytes:
    from contractcalc.i18n import language
    from contractcalc.shell.writers.xlsx import workbook

    return workbook(report_sheets(report), chinese=language() == "zh")
