"""Options every command shares, declared once, and the parsers that turn their text into values.

Errors here name the option the user typed (``--as-of``); the core never sees option names.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


TABLE = OutputFormat.table

ContractOpt = Annotated[Path | None, typer.Option(
    "--contract", "-c", show_default=False, dir_okay=False,
    help="Contract YAML. Default: $CONTRACTCALC_CONTRACT, then ./contract.yaml, "
         "then the built-in example (No. 2025-036).")]
AsOfOpt = Annotated[str | None, typer.Option(
    "--as-of", metavar="DATE", show_default=False,
    help="Evaluate as of this day (YYYY-MM-DD). Default: today in Beijing.")]
FormatOpt = Annotated[OutputFormat, typer.Option(
    "--format", "-f", help="table for people; json or csv for scripts.")]
EventOpt = Annotated[list[str] | None, typer.Option(
    "--event", "-e", metavar="NAME=DATE", show_default=False,
    help="Record an event (repeatable; overrides the file), e.g. bond_confirmed=2026-01-05.")]
HolidaysOpt = Annotated[Path | None, typer.Option(
    "--holidays", metavar="FILE", show_default=False, dir_okay=False,
    help="Holiday schedule merged over the official data, day by day (overrides are warned "
         "about): YAML (2027: {holidays: {2027-02-06..2027-02-14: 春节}, workdays: "
         "[2027-02-20]}) or holiday-cn JSON. Default: $CONTRACTCALC_HOLIDAYS.")]
AssumeOpt = Annotated[bool, typer.Option(
    "--assume-weekends",
    help="For years without a schedule, estimate: weekends and the holidays fixed by law "
         "(元旦, 春节 from 除夕, 清明, 劳动节, 端午, 中秋, 国庆), no 调休; results are marked "
         "as estimates.")]


def resolve_as_of(text: str | None) -> dt.date:
    from contractcalc.shell.clock import today_in_beijing

    return today_in_beijing() if text is None else parse_date_arg(text, "--as-of")


def parse_date_arg(text: str, option: str) -> dt.date:
    from contractcalc.core.dates import parse_date
    from contractcalc.core.errors import InputError

    try:
        return parse_date(text)
    except ValueError as exc:
        raise InputError(str(exc), field=option) from None


def parse_amount_arg(text: str, option: str) -> Decimal:
    from contractcalc.core.errors import InputError
    from contractcalc.core.money import parse_amount

    try:
        return parse_amount(text)
    except ValueError as exc:
        raise InputError(str(exc), field=option) from None
