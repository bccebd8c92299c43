"""`contractcalc record`: write what happened into the contract file, keeping everything else."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from contractcalc.cli.app import command, warn
from contractcalc.cli.options import TABLE, AsOfOpt, FormatOpt, parse_date_arg, resolve_as_of
from contractcalc.i18n import _

if TYPE_CHECKING:
    from contractcalc.core.model import Contract
    from contractcalc.shell.contracts.record_io import Held

EVALUATION = "evaluation"


@command(help=_(
    "Record that something happened, in the contract file itself, keeping its comments.\n\n"
    "The file is edited in place, minimally (one value or one line), validated before it is "
    "written, and written atomically; the change is printed as a diff and the previous file is "
    "kept as FILE.bak, so 'record --undo' restores it.\n\n"
    "Example: contractcalc record bond_confirmed 2026-01-05 -c contract.yaml"))
def record(
    event: Annotated[str | None, typer.Argument(
        metavar="EVENT", show_default=False,
        help=_("An event the contract defines (e.g. bond_confirmed, installment_2_invoiced, "
               "quarterly_report_1), or failed_acceptance, breach, evaluation."))] = None,
    day: Annotated[str | None, typer.Argument(metavar="DATE", show_default=False,
                                              help=_("When it happened (YYYY-MM-DD)."))] = None,
    contract: Annotated[Path | None, typer.Option(
        "--contract", "-c", show_default=False,
        help=_("The contract file to write (default: $CONTRACTCALC_CONTRACT, then "
               "./contract.yaml)."))] = None,
    replace: Annotated[bool, typer.Option(
        "--replace", help=_("Change an event already recorded with another date."))] = False,
    force: Annotated[bool, typer.Option(
        "--force", help=_("Record a date after --as-of (a planned date), or into a read-only "
                          "file."))] = False,
    person: Annotated[str | None, typer.Option(
        "--person", show_default=False, help=_("For an evaluation: who was evaluated."))] = None,
    result: Annotated[str | None, typer.Option(
        "--result", show_default=False, help=_("For an evaluation: pass or fail."))] = None,
    score: Annotated[str | None, typer.Option(
        "--score", metavar="S", show_default=False,
        help=_("For a fee period's evaluation (fee_N_evaluated): its score (考核得分)."))] = None,
    undo: Annotated[bool, typer.Option(
        "--undo", help=_("Restore the file as it was before the last record."))] = False,
    as_of: AsOfOpt = None, fmt: FormatOpt = TABLE,
) -> None:
    """Record an event in the contract file (help text above, translated)."""
    from contractcalc.core.errors import InputError
    from contractcalc.shell.contracts.record_io import editing

    path = _own_file(contract)
    output = _output(path)
    if not undo and (event is None or day is None):
        raise InputError(_("give the event and its date, e.g. record bond_confirmed "
                           "2026-01-05"), field="EVENT DATE")
    when = None if undo else parse_date_arg(day or "", "DATE")
    if when is not None and when > resolve_as_of(as_of) and not force:
        raise InputError(_("{date} is after {as_of}: an event is recorded once it has happened "
                           "(--force records a planned date)").format(
                               date=when, as_of=resolve_as_of(as_of)), field="DATE")
    points = None if undo else _score(score, event or "")
    # Locked from the read to the rename: a record running at the same time waits (shell/record_io)
    with editing(path, name=str(path), force=force) as held:
        if undo:
            report = _undo(held, path, fmt)
        else:
            assert event is not None and when is not None
            report = _write(held, path, event, when, replace=replace, person=person,
                            result=result, fmt=fmt, score=points)
    _emit(report, output, path)


def _output(contract: Path) -> Path | None:
    """--output FILE: the report goes there (never onto the contract or its backup)."""
    import os

    from contractcalc.cli.app import shared
    from contractcalc.core.errors import InputError
    from contractcalc.shell.contracts.record_io import backup_path

    output = shared("output")
    if output is None or str(output) == "-":
        return None
    real = os.path.realpath(contract)
    if os.path.realpath(output) in (real, str(backup_path(Path(real)))):
        raise InputError(_("is the contract file or its backup; the report goes elsewhere"),
                         source=str(output), field="--output")
    return Path(output)


def _score(text: str | None, event: str) -> Decimal | None:
    """The score of an evaluation event, read exactly; only fee_N_evaluated takes one."""
    from contractcalc.core.errors import InputError

    if text is None:
        return None
    if not event.strip().endswith("_evaluated"):
        raise InputError(_("--score goes with a fee period's evaluation, fee_N_evaluated"),
                         field="--score")
    try:
        value = Decimal(text.strip())
    except ArithmeticError:
        value = Decimal("NaN")
    if not value.is_finite() or value < 0:
        raise InputError(_("{text!r}: expected a score, a number of 0 or more").format(
            text=text), field="--score")
    return value


def _own_file(given: Path | None) -> Path:
    from contractcalc.core.errors import InputError
    from contractcalc.shell.contracts.contract_file import resolve_contract_path

    path, source = resolve_contract_path(given)
    if source == "builtin":
        raise InputError(_("record writes into your own contract file: give -c FILE"),
                         field="--contract")
    return path


def _write(held: Held, path: Path, event: str, when: dt.date, *, replace: bool,
           person: str | None, result: str | None, fmt: FormatOpt,
           score: Decimal | None = None) -> str:
    from contractcalc.core.errors import InputError
    from contractcalc.core.events import LISTS, defined_events, unknown_event_message
    from contractcalc.shell.contracts.contract_file import parse_contract
    from contractcalc.shell.contracts.record import record_event
    from contractcalc.shell.contracts.record_io import commit, encoded

    source, text = str(path), held.text
    terms = parse_contract(text, source=source)
    name, previous = event.strip(), None
    if name == EVALUATION:
        from contractcalc.shell.logs.evaluations import RESULTS

        result = RESULTS.get((result or "").strip().lower())  # 合格/不合格 as in the CSVs
        if not person or result is None:
            raise InputError(_("an evaluation needs --person NAME and --result pass|fail "
                               "(合格/不合格)"), field="--person/--result")
        value = "{" + f"date: {when}, person: {_quoted(person)}, result: {result}" + "}"
        edit = record_event(text, name=name, value=value, list_field="evaluations",
                            source=source)
    elif name in LISTS:
        edit = record_event(text, name=name, value=when.isoformat(), list_field=LISTS[name],
                            source=source)
    else:
        if name not in defined_events(terms):
            raise InputError(unknown_event_message(name, terms), field="EVENT")
        previous = terms.events.get(name)
        if score is not None:
            if previous is not None:
                raise InputError(_("{event} is recorded already, on {date}; change it and its "
                                   "score by hand under 'events:'").format(event=name,
                                                                          date=previous),
                                 field="EVENT")
            edit = record_event(text, name=name, value=f"{{date: {when}, score: {score}}}",
                                source=source)
            changed = parse_contract(edit.text, source=source)
            expected = _expected(terms, name, when, person, result)
            expected = expected._replace(events=expected.events._replace(
                scores={**terms.events.scores, name: score}))
            if changed != expected:
                raise InputError(_("could not edit the file safely; add it under 'events:' by "
                                   "hand ({event}: {{date: {date}, score: {score}}})").format(
                    event=name, date=when, score=score), source=source)
            commit(held, encoded(held, edit.text), name=source)
            return _report(path, name, when, None, _diff(path, text, edit.text), fmt)
        if name.startswith("fee_") and name.endswith("_evaluated") and terms.fees is not None \
                and any(p.score_bands for p in terms.fees.parts):
            warn(_("{event} recorded without --score: the parts paid by score wait for "
                   "it").format(event=name))
        if previous == when:
            return _report(path, name, when, None, "", fmt, unchanged=True)
        if previous is not None and not replace:
            raise InputError(_("{event} is recorded already, on {date}; --replace changes "
                               "it").format(event=name, date=previous), field="EVENT")
        edit = record_event(text, name=name, value=when.isoformat(), source=source)
    changed = parse_contract(edit.text, source=source)
    if changed != _expected(terms, name, when, person, result):
        raise InputError(_("could not edit the file safely; add it under 'events:' by hand "
                           "({event}: {date})").format(event=name, date=when), source=source)
    commit(held, encoded(held, edit.text), name=source)
    return _report(path, name, when, previous, _diff(path, text, edit.text), fmt)


def _quoted(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def _expected(terms: Contract, name: str, when: dt.date, person: str | None,
              result: str | None) -> Contract:
    """The terms as they must read back: the old ones plus exactly this event."""
    from contractcalc.core.events import LISTS
    from contractcalc.core.model import Evaluation

    ev = terms.events
    if name == EVALUATION:
        evaluation = Evaluation(when, person or "", "fail" if result == "fail" else "pass")
        ev = ev._replace(evaluations=(*ev.evaluations, evaluation))
    elif name == "breach":
        ev = ev._replace(breaches=(*ev.breaches, when))
    elif name in LISTS:
        ev = ev._replace(failed_acceptances=(*ev.failed_acceptances, when))
    else:
        ev = ev._replace(dated={**ev.dated, name: when})
    return terms._replace(events=ev)


def _undo(held: Held, path: Path, fmt: FormatOpt) -> str:
    from contractcalc.shell.contracts.contract_file import decode_text
    from contractcalc.shell.contracts.record_io import commit, remove_backup, undo_bytes

    before = undo_bytes(held, name=str(path))
    commit(held, before, name=str(path), backup=False)
    remove_backup(held)
    after = decode_text(before, str(path)).replace("\r\n", "\n") if held.crlf \
        else decode_text(before, str(path))
    return _report(path, "undo", None, None, _diff(path, held.text, after), fmt)


def _diff(path: Path, before: str, after: str) -> str:
    import difflib

    return "".join(difflib.unified_diff(before.splitlines(keepends=True),
                                        after.splitlines(keepends=True),
                                        _("{path} (before)").format(path=path),
                                        _("{path} (after)").format(path=path)))


def _report(path: Path, name: str, when: dt.date | None, previous: dt.date | None, diff: str,
            fmt: FormatOpt, *, unchanged: bool = False) -> str:
    import json

    if unchanged:
        warn(_("{event} is recorded already on {date}: the file is unchanged").format(
            event=name, date=when))
    if fmt.value == "json":
        doc = {"command": "record", "file": str(path), "event": name,
               "date": when.isoformat() if when else None,
               "previous": previous.isoformat() if previous else None,
               "changed": not unchanged, "diff": diff}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if unchanged:
        return diff
    what = _("restored the file as it was before the last record") if name == "undo" \
        else _("recorded {event} = {date}").format(event=name, date=when) + (
            _(" (was {date})").format(date=previous) if previous else "")
    return diff + _("{what} in {path}").format(what=what, path=path) + "\n"


def _emit(report: str, output: Path | None, path: Path) -> None:
    """The report, once the contract is written: to --output FILE or standard output. A report
    that cannot be written does not undo the record; the message says the file was written."""
    import sys

    from contractcalc.cli.app import shared
    from contractcalc.core.errors import InputError

    chosen = shared("output_encoding")
    if output is not None:
        from contractcalc.shell.writers.files import write_atomic

        data = report.encode(chosen.value if chosen is not None else "utf-8", "replace")
        try:
            write_atomic(output, data, option="--output")
        except InputError as exc:
            raise InputError(_("{path} was written, but not the report: {problem}").format(
                path=path, problem=exc)) from None
        return
    try:
        sys.stdout.write(report)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped early (| head): not an error of ours
        from contractcalc.cli.app import _silence

        _silence(1)
    except OSError as exc:
        from contractcalc.cli.app import _silence

        _silence(1)
        raise InputError(_("{path} was written, but the report could not be: standard output: "
                           "{reason}").format(path=path, reason=exc.strerror)) from None
