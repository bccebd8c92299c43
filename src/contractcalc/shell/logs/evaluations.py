"""Reading a staff evaluation file (CSV or workbook; English or Chinese headers) into
Evaluation records, every problem named with its line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from contractcalc.i18n import _

if TYPE_CHECKING:
    from contractcalc.core.model import Evaluation

RESULTS = {"pass": "pass", "fail": "fail", "合格": "pass", "不合格": "fail",
           "通过": "pass", "不通过": "fail"}


def read_evaluations(source: str, *, encoding: str | None = None, sheet: str | None = None,
                     columns: Mapping[str, str] | None = None) -> list[Evaluation]:
    from contractcalc.core.errors import InputError
    from contractcalc.core.model import Evaluation
    from contractcalc.shell.logs.tables import rows

    out = []
    name = "<stdin>" if source == "-" else source
    for line, row in rows(source, required=("date", "person", "result"), optional=("note",),
                          encoding=encoding, sheet=sheet, columns=columns):
        try:
            day = _date(row["date"])
        except ValueError as exc:
            raise InputError(str(exc), source=name, line=line, field="date") from None
        person = str(row["person"]).strip()
        if not person:
            raise InputError(_("empty; expected the person's name"), source=name, line=line,
                             field="person")
        result = RESULTS.get(str(row["result"]).strip().lower())
        if result is None:
            raise InputError(_("{result!r}; expected pass or fail (合格/不合格)").format(
                result=row["result"]),
                             source=name, line=line, field="result")
        note = str(row.get("note") or "").strip() or None
        out.append(Evaluation(date=day, person=person, result=result,  # type: ignore[arg-type]
                              note=note))
    return out


def _date(value: Any) -> dt.date:
    from contractcalc.core.calendar.dates import parse_date

    if isinstance(value, dt.datetime):  # a workbook date cell
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_date(str(value))
