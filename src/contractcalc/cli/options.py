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
    help="YAML with official schedules for years the built-in data lacks "
         "(2027: {holidays: {2027-01-01: 元旦}, workdays: [2027-01-04]}).")]
AssumeOpt = Annotated[bool, typer.Option(
    "--assume-weekends",
    help="For years without an official schedule, count weekends only; results are marked "
         "as estimates.")]


def resolve_as_of(text: str | None) -> dt.date:
    from contractcalc.shell.clock import today_in_beijing

    return today_in_beijing() if text is None else parse_date_arg(text, "--as-of")


def parse_date_arg(text: str, option: str) -> dt.date:
    from contractcalc.core.dates import parse_date
    from contractcalc.core.errors import InputError
    from contractcalc.core.ranges import date_problem

    try:
        day = parse_date(text)
    except ValueError as exc:
        raise InputError(str(exc), field=option) from None
    if problem := date_problem(day):
        raise InputError(problem, field=option)
    return day


def parse_amount_arg(text: str, option: str, *, minimum: Decimal | None = None) -> Decimal:
    """An amount within the supported range (at least `minimum`, default 0.01)."""
    from contractcalc.core.errors import InputError
    from contractcalc.core.money import parse_amount
    from contractcalc.core.ranges import AMOUNT_MIN, amount_problem

    try:
        value = parse_amount(text)
    except ValueError as exc:
        raise InputError(str(exc), field=option) from None
    if problem := amount_problem(value, minimum=AMOUNT_MIN if minimum is None else minimum):
        raise InputError(problem, field=option)
    return value
