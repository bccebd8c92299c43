"""The report's content: each command's own report, gathered by running the command itself.

Why run the commands rather than compute again: every figure of the document is then the
figure `status`, `payments`, `bond`, `timeline`, `penalty`, `uptime`, `staff`, `renewal` and
`check` print, from the same core functions, so a change to any of them shows in the report
too and the two can never disagree. The commands' `finish()` hands its Report to the
collector while one is open (cli/app.py) and their warnings become the document's notes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from contractcalc.cli.output.report import Report
from contractcalc.i18n import _

if TYPE_CHECKING:
    from contractcalc.core.model import Contract


class Section(NamedTuple):
    """One part of the document: a key (stable across languages), its heading, and the
    command's report it shows ("error" holds why it could not be computed instead)."""

    key: str
    heading: str
    report: Report | None
    error: str | None = None


class Part(NamedTuple):
    """One contract's sections."""

    contract: Contract
    path: Path
    sections: list[Section]


class Document(NamedTuple):
    as_of: dt.date
    attention: Report
    parts: list[Part]
    warnings: list[str]

    @property
    def finding(self) -> bool:
        return self.attention.finding

    def report(self) -> Report:
        """The document as one Report: the attention list first, every section after it
        (tables, JSON, CSV and the workbook's sheets)."""
        single = len(self.parts) == 1
        tables = []
        for part in self.parts:
            for s in part.sections:
                if s.report is None:
                    continue
                name = s.heading if single else f"{part.contract.number} {s.heading}"
                tables.append((name, s.report.columns, s.report.rows))
                tables += [(f"{name}: {title}", columns, rows)
                           for title, columns, rows in s.report.sections]
        contracts = [{"contract": p.contract.number, "title": p.contract.title,
                      "file": str(p.path),
                      "sections": [{"section": s.key, "heading": s.heading, "error": s.error,
                                    **(_section_doc(s.report) if s.report else {})}
                                   for s in p.sections]}
                     for p in self.parts]
        a = self.attention
        return Report("report", _("Contract report — as of {day}").format(day=self.as_of),
                      a.columns, a.rows,
                      meta={"as_of": self.as_of.isoformat(), "contracts": contracts},
                      notes=[*a.notes, *self.warnings], finding=a.finding,
                      sections=tables, incomplete=a.incomplete)


def _section_doc(report: Report) -> dict[str, Any]:
    doc = report.document()
    doc.pop("command")
    doc.pop("missing_data")
    doc["title"] = report.title
    return doc


def capture(fn: Callable[..., Any], warnings: list[str], **kwargs: Any) -> list[Report]:
    """The reports a command hands to finish() when called with these arguments; its
    warnings appended to `warnings`."""
    from contractcalc.cli.run import state as _state

    before = _state.get("capture"), _state.get("warnings")
    box: list[Report] = []
    _state["capture"], _state["warnings"] = box, warnings
    try:
        fn(**kwargs)
    finally:
        _state["capture"], _state["warnings"] = before
    return box


def gather(paths: list[Path], day: dt.date, *, holidays: Path | None,
           assume_weekends: bool) -> Document:
    from contractcalc.cli.commands.status import status

    warnings: list[str] = []
    common = {"as_of": day.isoformat(), "holidays": holidays}
    attention = capture(status, warnings, contracts=[str(p) for p in paths], contract=None,
                        within=10, party=None, everything=False,
                        assume_weekends=assume_weekends, **common)[0]
    parts = []
    for path in paths:
        if str(path) in attention.meta.get("unreadable", ()):
            continue  # status has named it (exit 2 once the others are written)
        parts.append(_part(path, day, common, assume_weekends, warnings))
    return Document(day, attention, parts, list(dict.fromkeys(warnings)))


def _part(path: Path, day: dt.date, common: dict[str, Any], assume_weekends: bool,
          warnings: list[str]) -> Part:
    from contractcalc.cli.commands import check, penalty, renewal, schedule, staff, uptime
    from contractcalc.core.errors import ContractCalcError
    from contractcalc.shell.contracts.contract_file import load_contract

    terms = load_contract(path)
    sections: list[Section] = []

    def add(key: str, heading: str, fn: Callable[..., Any], **kwargs: Any) -> list[Report]:
        try:
            found = capture(fn, warnings, **kwargs)
        except ContractCalcError as exc:
            sections.append(Section(key, heading, None, str(exc)))
            return []
        sections.extend(Section(key, heading, r) for r in found)
        return found

    dated = {**common, "contract": path, "event": None}
    add("payments", _("Payments"), schedule.payments, assume_weekends=assume_weekends,
        **dated)
    add("bond", _("Bond"), schedule.bond, assume_weekends=assume_weekends, **dated)
    timeline = add("timeline", _("Deliverables and other obligations"), schedule.timeline,
                   **{**dated, "contract": [path]}, assume_weekends=assume_weekends, ics=None,
                   remind=0)
    if timeline:  # what payments and bond show is not repeated
        shown = {r["key"] for s in sections[:-1] if s.report for r in s.report.rows}
        t = timeline[0]
        sections[-1] = sections[-1]._replace(report=t._replace(
            rows=[r for r in t.rows if r["key"] not in shown]))
        for row in t.rows:
            if row.get("party") == "vendor" and (row.get("days_late") or 0) > 0 and row["due"]:
                add("damages", _("Damages: {title}").format(title=row["title"]),
                    penalty.penalty, contract=path, event=None, holidays=common["holidays"],
                    as_of=common["as_of"], due=row["due"], delivered=row.get("done_on"),
                    days_late=None, excuse=None, failed_acceptances=None, total=None,
                    actual_loss=None)
    if terms.outage_log:
        log = str(path.parent / terms.outage_log)
        args = {"file": log, "first": None, "last": None, "as_of": common["as_of"],
                "encoding": None, "sheet": None, "column": None, "skip_bad_rows": False,
                "contract": path, "holidays": common["holidays"]}
        add("uptime", _("Uptime"), uptime.uptime, by=uptime.By.period, **args)
        add("uptime_months", _("Uptime by month"), uptime.uptime, by=uptime.By.month, **args)
    add("staff", _("Staff ladder"), staff.staff, file=None, encoding=None, sheet=None,
        column=None, contract=path, as_of=common["as_of"], holidays=common["holidays"])
    if terms.renewal is not None:
        # The first renewal at the same amount: whether it may be applied for on the day.
        add("renewal", _("Renewal: a first renewal at the same amount"), renewal.renewal,
            amount=str(terms.total), number=1, base=None, **dated)
    add("check", _("Drafting findings"), check.check, file=path, contract=None, strict=False,
        as_of=common["as_of"], holidays=common["holidays"])
    return Part(terms, path, sections)
