"""`contractcalc letter`: the one-page letter for an overdue payment or a late item."""

from __future__ import annotations

from typing import Annotated

import typer

from contractcalc.cli.app import command, shared
from contractcalc.cli.options import TABLE, AsOfOpt, ContractOpt, EventOpt, FormatOpt, HolidaysOpt
from contractcalc.i18n import _


@command(help=_(
    "A one-page A4 letter for one overdue or late item, laid out as official letters are "
    "(GB/T 9704: title, addressee, body, sender, date): to the buyer for an overdue payment "
    "(催告函: installment, due date, days overdue, amount in figures and 大写, clause), to "
    "the vendor for a late deliverable or step (违约通知: item, days late, damages to date "
    "with the working, clause). Parties, figures and clauses come from the contract file.\n\n"
    "ITEM is the key `timeline --format json` shows (installment_1, quarterly_report_1, ...). "
    "--output FILE.html, FILE.pdf (headless Chromium) or FILE.docx (editable before "
    "sealing); without --output, the letter's text, or its facts with --format json.\n\n"
    "Example: contractcalc letter quarterly_report_1 --as-of 2026-03-01 --output 违约通知.docx"))
def letter(
    item: Annotated[str, typer.Argument(metavar="ITEM", help=_(
        "The overdue or late item, by its key (see timeline --format json)."))],
    contract: ContractOpt = None, as_of: AsOfOpt = None, event: EventOpt = None,
    holidays: HolidaysOpt = None, fmt: FormatOpt = TABLE,
) -> None:
    """One letter (help text above, translated)."""
    from contractcalc.cli.output.letter import build
    from contractcalc.core.errors import InputError

    output = shared("output")
    if output is not None and str(output) == "-":  # standard output, as for every command
        output = None
    suffix = output.suffix.lower() if output is not None else ""
    if output is not None and suffix not in (".html", ".htm", ".pdf", ".docx"):
        raise InputError(_("a letter is written as .html, .pdf or .docx, not {name}").format(
            name=output.name), field="--output")
    if suffix == ".pdf":
        from contractcalc.shell.writers.pdf import browser

        browser()
    found = build(item, contract, as_of, event, holidays)
    if output is None:
        _print(found, fmt.value)
        return
    from contractcalc.shell.writers.files import write_atomic

    if suffix == ".docx":
        from contractcalc.cli.output.letter import letter_docx

        data = letter_docx(found)
    else:
        from contractcalc.cli.output.letter import letter_html

        html = letter_html(found)
        if suffix == ".pdf":
            from contractcalc.shell.writers.pdf import print_pdf

            data = print_pdf(html)
        else:
            data = html.encode("utf-8")
    write_atomic(output, data, option="--output")


def _print(found: object, fmt: str) -> None:
    import json

    from contractcalc.cli.output.letter import Letter

    assert isinstance(found, Letter)
    if fmt == "json":
        typer.echo(json.dumps({"command": "letter", "kind": found.kind, "title": found.title,
                               "addressee": found.addressee, "sender": found.sender,
                               "date": found.date.isoformat(), **found.facts,
                               "paragraphs": found.paragraphs}, ensure_ascii=False, indent=2))
        return
    typer.echo("\n".join([found.title, "", _("{name}:").format(name=found.addressee),
                          *found.paragraphs, found.closing, "", found.sender,
                          found.date.isoformat()]))
