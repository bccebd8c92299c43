"""`contractcalc staff`: the resident-staff ladder of the contract."""

from typing import Annotated, Any

import typer

from contractcalc.cli.app import command, finish, warn
from contractcalc.cli.inputs import check_holidays, load
from contractcalc.cli.options import (
    TABLE,
    AsOfOpt,
    ContractOpt,
    EncodingOpt,
    FormatOpt,
    HolidaysOpt,
    SheetOpt,
    resolve_as_of,
)
from contractcalc.cli.output.report import Column, Report
from contractcalc.cli.views.obligations import base_meta, cite, iso, standing_text
from contractcalc.i18n import _


@command(help=_(
    "The contract's resident-staff ladder: failed evaluations, send-backs, termination "
    "rights.\n\n"
    "The contract sets how many failed evaluations send a person back and how many send-backs "
    "bring a termination warning or the right to terminate (in the built-in example: 2, 3, "
    "more than 3). Exit 1 at a warning or beyond.\n\n"
    "Example: contractcalc staff evaluations.csv"))
def staff(
    file: Annotated[str | None, typer.Argument(
        metavar="[FILE]", show_default=False,
        help=_("CSV or workbook with date, person, result (pass/fail, 合格/不合格), optional "
               "note (or 日期, 人员, 评估结果, 备注); - for stdin. "
               "Default: the contract's events.evaluations."))] = None,
    encoding: EncodingOpt = None, sheet: SheetOpt = None,
    column: Annotated[list[str] | None, typer.Option(
        "--column", metavar="COLUMN=HEADER", show_default=False,
        help=_("Read COLUMN from the header HEADER (repeatable), e.g. person=考核对象."))] = None,
    contract: ContractOpt = None, as_of: AsOfOpt = None, holidays: HolidaysOpt = None,
    fmt: FormatOpt = TABLE,
) -> None:
    """The resident-staff ladder (help text above, translated)."""
    from contractcalc.core.staff import climb

    terms = load(contract)
    check_holidays(terms, holidays)
    if terms.staff_ladder is None:
        from contractcalc.cli.inputs import lacks

        lacks(terms, _("resident staff ladder"), "staff_ladder",
              _("contractcalc status and timeline show what it has"))
    day = resolve_as_of(as_of)
    if file is None:
        evaluations, source = terms.events.evaluations, EVENTS_SOURCE
    else:
        from contractcalc.shell.logs.evaluations import read_evaluations
        from contractcalc.shell.logs.tables import parse_column_maps

        evaluations = tuple(read_evaluations(file, encoding=encoding, sheet=sheet,
                                             columns=parse_column_maps(column)))
        source = file
    from contractcalc.core.events import split_by_day

    counted, later = split_by_day(evaluations, day, lambda e: e.date)
    if later:
        warn(_("{count} evaluation(s) dated after --as-of {day} not counted (first: {date}, "
               "{person})").format(count=len(later), day=day, date=later[0].date,
                                   person=later[0].person))
    finish(staff_report(terms, climb(counted, terms.staff_ladder), source), fmt)


# -- workdays ---------------------------------------------------------------------------------


EVENTS_SOURCE = "contract events"  # JSON's `source` when no file is given (a code: untranslated)


def staff_report(contract: Any, ladder: Any, source: str) -> Report:
    rows = [{"person": p.name, "evaluations": p.evaluations, "failures": p.failures,
             "sent_back": [iso(d) for d in p.sent_back],
             "sent_back_text": _(", ").join(iso(d) or "" for d in p.sent_back) or "-",
             "clause": contract.staff_ladder.clause} for p in ladder.people]
    sl = contract.staff_ladder
    notes = [_("send-backs so far: {count}").format(count=len(ladder.send_backs))
             + "".join(_("; no. {n} on {date} ({person})").format(n=n, date=d, person=who)
                       for n, (d, who) in enumerate(ladder.send_backs, 1)),
             _("standing: {standing}{cite}: every {fails} failed evaluations of a person send "
               "that person back; {warning} send-backs bring a warning; more than {terminate} "
               "give the right to terminate").format(
                 standing=standing_text(ladder.standing, sl), cite=cite(sl.clause),
                 fails=sl.fails_per_send_back, warning=sl.warning_at,
                 terminate=sl.terminate_above)]
    if not ladder.people:
        shown = _("contract events") if source == EVENTS_SOURCE else source
        notes.insert(0, _("no evaluations recorded in {source}").format(source=shown))
    if ladder.warning_on:
        notes.append(_("warning threshold reached on {date}").format(date=ladder.warning_on))
    if ladder.terminable_on:
        notes.append(_("termination right arose on {date}").format(date=ladder.terminable_on))
    meta = {**base_meta(contract), "source": source, "standing": ladder.standing,
            "send_backs": [{"number": n, "date": iso(d), "person": who}
                           for n, (d, who) in enumerate(ladder.send_backs, 1)],
            "warning_on": iso(ladder.warning_on), "terminable_on": iso(ladder.terminable_on),
            "clause": sl.clause}
    columns = (Column("person", _("Person"), "fixed", keep=2),
               Column("evaluations", _("Evaluations"), "number"),
               Column("failures", _("Failed"), "number", keep=2),
               Column("sent_back_text", _("Sent back on"), keep=2))
    return Report("staff", _("Resident staff evaluations{cite} — contract {number}").format(
                      cite=cite(sl.clause), number=contract.number),
                  columns, rows, meta=meta, notes=notes, finding=ladder.standing != "fine")
