"""The report and letters as HTML pages: the view-model the templates (contractcalc/templates)
fill in, in the interface language. Dates in Chinese read 2026年1月5日, amounts carry their
大写, charts are inline SVG (shell/writers/charts.py), so one file holds everything: no network."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from contractcalc.cli.output.report import Column, Report, alarm
from contractcalc.i18n import _, language

if TYPE_CHECKING:
    from contractcalc.cli.output.document import Document

_ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")


def day_text(day: dt.date | str | None) -> str:
    """A date as the page shows it: 2026年1月5日 in Chinese, ISO in English."""
    if day is None:
        return ""
    text = day.isoformat() if isinstance(day, dt.date) else day
    return dates_in(text)


def dates_in(text: str) -> str:
    """Every ISO date in a text, in Chinese the Chinese way."""
    if language() != "zh":
        return text
    return _ISO.sub(lambda m: f"{int(m[1])}年{int(m[2])}月{int(m[3])}日", text)


def _cell(value: Any, column: Column, spelled: bool) -> dict[str, Any]:
    from contractcalc.cli.output.render import _cell as plain
    from contractcalc.cli.views.obligations import words

    if value is None or value == "":
        return {"text": "", "words": None, "kind": column.kind}
    if column.kind == "money":
        amount = Decimal(str(value))
        shown = words(amount) if amount >= 0 and not spelled else None
        return {"text": f"{amount:,.2f}", "words": shown, "kind": "money"}
    text = dates_in(plain(value, column.kind))
    # A short clause, id or date is never broken (2025-036 at its hyphen): class "short".
    short = column.kind != "text" and len(text) <= 12 and " " not in text
    return {"text": text, "words": None, "kind": column.kind + (" short" if short else "")}


def table(columns: tuple[Column, ...], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Headers and cells; an amount carries its 大写 unless the table has a column for it."""
    spelled = any(c.key.endswith("words") for c in columns)
    return {"headers": [(c.header, c.kind) for c in columns],
            "rows": [{"alarm": alarm(r) or "", "cells": [_cell(r.get(c.key), c, spelled)
                                                         for c in columns]}
                     for r in rows]}


def _tables(report: Report) -> list[dict[str, Any]]:
    out = [{"title": None, **table(report.columns, report.rows)}]
    out += [{"title": title, **table(columns, rows)} for title, columns, rows in report.sections]
    return out


def _uptime_charts(report: Report) -> list[str]:
    """One chart per system: its uptime per month against the target (report: uptime by
    month, whose meta holds the per-period rows with the target)."""
    from contractcalc.shell.writers import charts

    if not charts.available():
        return []
    systems = {r["system"]: r for r in report.meta.get("systems", [])}
    found = []
    for system, info in systems.items():
        rows = [r for r in report.rows if r["system"] == system]
        if not rows or info.get("target_percent") is None:
            continue
        found.append(charts.uptime_chart(
            _("Uptime of {name} per month").format(name=info.get("name") or system),
            [r["month"] for r in rows],
            [float(r["uptime_percent"]) if r["uptime_percent"] is not None else None
             for r in rows],
            float(info["target_percent"]), _("target")))
    return found


def _timeline_chart(sections: list[Any], as_of: dt.date) -> str | None:
    from contractcalc.shell.writers import charts

    if not charts.available():
        return None
    points = []
    for s in sections:
        if s.report is None or s.key not in ("payments", "bond", "timeline"):
            continue
        for r in s.report.rows:
            day = r.get("done_on") or r.get("due") or r.get("earliest")
            if not day:
                continue
            state = {"bad": "bad", "warn": "warn"}.get(alarm(r) or "",
                                                       "done" if r.get("status") == "done"
                                                       else "open")
            points.append(charts.Point(r["title"], dt.date.fromisoformat(day), state))
    if not points:
        return None
    return charts.timeline_chart(_("Payments and deliverables"), points, as_of, _("as of"))


def report_context(document: Document) -> dict[str, Any]:
    from contractcalc.cli.views.obligations import cite
    from contractcalc.i18n import code_label

    parts = []
    for part in document.parts:
        c = part.contract
        sections = []
        for s in part.sections:
            entry: dict[str, Any] = {"key": s.key, "heading": s.heading, "error": s.error,
                                     "title": None, "tables": [], "notes": [], "charts": []}
            if s.report is not None:
                entry.update(title=dates_in(s.report.title), tables=_tables(s.report),
                             notes=[dates_in(n) for n in s.report.notes])
                if s.key == "uptime_months":
                    entry["charts"] = _uptime_charts(s.report)
            sections.append(entry)
        parts.append({"heading": _("Contract {number}: {title}").format(number=c.number,
                                                                       title=c.title),
                      "parties": _("; ").join(
                          _("{role}: {name}").format(role=code_label(role), name=who.name)
                          for role, who in (("buyer", c.parties.buyer),
                                            ("vendor", c.parties.vendor))),
                      "price": _("Contract price: {amount} ({words}){cite}").format(
                          amount=f"{c.total:,.2f}", words=_words(c.total),
                          cite=cite(getattr(c, "total_clause", None))),
                      "timeline_chart": _timeline_chart(part.sections, document.as_of),
                      "sections": sections})
    attention = document.attention
    from contractcalc.shell.writers import charts

    missing = [] if charts.available() else [
        _("charts left out: matplotlib is not installed (pip install 'contractcalc[docs]')")]
    return {"lang": "zh-CN" if language() == "zh" else "en",
            "title": _("Contract report — as of {day}").format(day=day_text(document.as_of)),
            "as_of": day_text(document.as_of),
            "attention": table(attention.columns, attention.rows),
            "attention_notes": [dates_in(n) for n in attention.notes],
            "warnings": [dates_in(w) for w in [*document.warnings, *missing]],
            "parts": parts, "labels": labels()}


def _words(amount: Decimal) -> str:
    from contractcalc.cli.views.obligations import words

    return words(amount) or ""


def labels() -> dict[str, str]:
    return {"attention": _("What needs attention"), "nothing": _("Nothing needs attention."),
            "unavailable": _("Could not be computed: {reason}"),
            "generated": _("Figures as printed by contractcalc; each with its clause.")}


def render(template: str, context: dict[str, Any]) -> str:
    """A template of contractcalc/templates filled in (HTML-escaped throughout)."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("contractcalc", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    return env.get_template(template).render(**context)


def report_html(document: Document) -> str:
    return render("report.html.j2", report_context(document))
