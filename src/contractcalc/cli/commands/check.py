"""`contractcalc check`: drafting inconsistencies of a contract file."""

from pathlib import Path
from typing import Annotated, Any

import typer

from contractcalc.cli.app import command, finish
from contractcalc.cli.inputs import load
from contractcalc.cli.options import (
    TABLE,
    AsOfOpt,
    ContractOpt,
    FormatOpt,
    HolidaysOpt,
    resolve_as_of,
)
from contractcalc.cli.output.report import Column, Report
from contractcalc.cli.views.obligations import base_meta
from contractcalc.i18n import _


@command(help=_(
    "Validate a contract file and report drafting inconsistencies.\n\n"
    "Checks installment percents and amounts, every amount in words (大写) against its figure, "
    "the term against the signing date, the dates of signatures and annexes, and the holiday "
    "schedules it supplies (every day that overrides an official one is named). Against the law "
    "too: the bond and renewal caps, the term, and for an SME vendor the statutory payment term, "
    "the late-payment interest, funding and acceptance conditions, each with its article.\n\n"
    "Example: contractcalc check examples/contract-2025-036.yaml"))
def check(
    file: Annotated[Path | None, typer.Argument(
        show_default=False,
        help=_("Contract YAML to check (default as for --contract)."))] = None,
    contract: ContractOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help=_("Exit 1 on warnings too."))] = False,
    as_of: AsOfOpt = None, holidays: HolidaysOpt = None, fmt: FormatOpt = TABLE,
) -> None:
    """Drafting findings of a contract file (help text above, translated)."""
    from contractcalc.cli.inputs import calendar_for
    from contractcalc.core.findings.drafting import check_contract

    terms = load(file or contract)
    cal = calendar_for(terms, holidays, False, show_overrides=False)  # findings name them
    findings = check_contract(terms, as_of=resolve_as_of(as_of), known_years=cal.known_years(),
                              overrides=cal.overrides)
    findings, law_notes = with_law(terms, findings)
    finish(check_report(terms, findings, strict=strict, law_notes=law_notes), fmt)


def with_law(terms: Any, findings: list[Any]) -> tuple[list[Any], list[str]]:
    """The drafting findings and the law's (cli/views/law.py), errors first, and what the
    statutory rules would need where they cannot be checked."""
    from contractcalc.cli.views.law import as_findings, reach_note
    from contractcalc.core.law.check import law_findings
    from contractcalc.shell.law import rule_pack

    pack = rule_pack()
    rank = {"error": 0, "warning": 1, "info": 2}
    merged = sorted([*findings, *as_findings(law_findings(terms, pack))],
                    key=lambda f: rank[f.severity])
    note = reach_note(terms, pack)
    return merged, [note] if note else []


def check_report(contract: Any, findings: list[Any], *, strict: bool,
                 law_notes: list[str] | None = None) -> Report:
    rows = [{"severity": f.severity, "clause": f.clause, "field": f.field, "message": f.message}
            for f in findings]
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    infos = len(findings) - errors - warnings
    summary = _("{errors} error(s), {warnings} warning(s), {notes} note(s)").format(
        errors=errors, warnings=warnings, notes=infos)
    labels = {"error": _("error"), "warning": _("warning"), "info": _("note")}
    for row in rows:
        row["severity_text"] = labels[row["severity"]]
    columns = (Column("severity_text", _("Severity"), "fixed", keep=2),
               Column("clause", _("Clause"), "fixed", keep=2),
               Column("field", _("Field"), "fixed"), Column("message", _("Finding"), keep=2))
    return Report("check", _("Check of contract {number}: {summary}").format(
                      number=contract.number, summary=summary), columns, rows,
                  meta={**base_meta(contract), "errors": errors, "warnings": warnings},
                  notes=([] if findings else [_("no inconsistencies found")]) + (law_notes or []),
                  finding=errors > 0 or (strict and warnings > 0))
