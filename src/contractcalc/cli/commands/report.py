"""`contractcalc report`: one document to hand on, for one contract or a portfolio."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from contractcalc.cli.app import command, finish, shared
from contractcalc.cli.options import (
    TABLE,
    AsOfOpt,
    AssumeOpt,
    ContractsArg,
    ContractsOpt,
    FormatOpt,
    HolidaysOpt,
)
from contractcalc.i18n import _

if TYPE_CHECKING:
    from contractcalc.cli.output.document import Document


@command(help=_(
    "One document for one contract or a portfolio, to print or send: what needs attention "
    "and what is at stake first, then payments, bond, deliverables, damages, uptime per "
    "period with a chart per system against its target (where the contract names its "
    "outage_log), SLA breaches, the staff ladder, renewal and the drafting findings, every "
    "figure with its clause. The figures are those the commands themselves print.\n\n"
    "--output FILE.xlsx writes a workbook (one sheet per section), FILE.html one "
    "self-contained page (A4 print layout, inline SVG charts), FILE.pdf the same page "
    "printed to A4 by headless Chromium. Without --output, --format table|json|csv prints "
    "the same content. Exit 1 when anything needs attention as status says.\n\n"
    "Example: contractcalc report contracts/ --as-of 2026-03-01 --output report.pdf"))
def report(
    contracts: ContractsArg = None, contract: ContractsOpt = None,
    as_of: AsOfOpt = None, holidays: HolidaysOpt = None, assume_weekends: AssumeOpt = False,
    fmt: FormatOpt = TABLE,
) -> None:
    """The report (help text above, translated)."""
    from contractcalc.cli.inputs import contract_set
    from contractcalc.cli.options import resolve_as_of
    from contractcalc.cli.output.document import gather

    output = shared("output")
    suffix = output.suffix.lower() if output is not None else ""
    if suffix == ".pdf":
        from contractcalc.shell.writers.pdf import browser

        browser()  # refused before any work when there is nothing to print with
    day = resolve_as_of(as_of)
    paths = contract_set(contracts, contract)
    document = gather(paths, day, holidays=holidays, assume_weekends=assume_weekends)
    if suffix in (".html", ".htm", ".pdf"):
        write_page(document, output, suffix)
        from contractcalc.cli.app import say

        for line in document.warnings:  # once each, though several commands gave them
            say("warning", line)
        for reason in document.attention.incomplete:  # as finish() says them
            say("error", reason)
        if document.attention.incomplete:
            raise typer.Exit(2)
        if document.finding:
            raise typer.Exit(1)
        return
    finish(document.report(), fmt)


def write_page(document: Document, output: Path, suffix: str) -> None:
    """The HTML page, or the PDF printed from it, written whole to `output`."""
    from contractcalc.cli.output.page import report_html
    from contractcalc.shell.writers.files import write_atomic

    html = report_html(document)
    if suffix == ".pdf":
        from contractcalc.shell.writers.pdf import print_pdf

        write_atomic(output, print_pdf(html), option="--output")
    else:
        write_atomic(output, html.encode("utf-8"), option="--output")
