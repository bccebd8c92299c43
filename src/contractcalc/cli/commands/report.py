"""`contractcalc report`: one document to hand on, for one contract or a portfolio."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from contractcalc.cli.app import command, finish, shared, warn
from contractcalc.cli.options import TABLE, AsOfOpt, AssumeOpt, FormatOpt, HolidaysOpt
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
    contracts: Annotated[list[str] | None, typer.Argument(
        metavar="[CONTRACT|DIR|GLOB]...", show_default=False,
        help=_("Contract files, directories of them, or globs (default: as for --contract)."))]
    = None,
    contract: Annotated[list[Path] | None, typer.Option(
        "--contract", "-c", dir_okay=True, show_default=False,
        help=_("A contract file or directory (repeatable), as the arguments."))] = None,
    as_of: AsOfOpt = None, holidays: HolidaysOpt = None, assume_weekends: AssumeOpt = False,
    fmt: FormatOpt = TABLE,
) -> None:
    """The report (help text above, translated)."""
    from contractcalc.cli.options import resolve_as_of
    from contractcalc.cli.output.document import gather
    from contractcalc.shell.contracts.contract_file import resolve_contract_path
    from contractcalc.shell.contracts.contract_set import expand

    output = shared("output")
    suffix = output.suffix.lower() if output is not None else ""
    if suffix == ".pdf":
        from contractcalc.shell.writers.pdf import browser

        browser()  # refused before any work when there is nothing to print with
    day = resolve_as_of(as_of)
    named = [*(contracts or []), *(str(p) for p in contract or [])]
    if named:
        paths = expand(named)
    else:
        path, source = resolve_contract_path(None)
        if source == "builtin":
            warn(_("no contract given (-c, $CONTRACTCALC_CONTRACT or ./contract.yaml); "
                   "using the built-in example contract No. 2025-036"))
        paths = [path]
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
