"""Options every command shares, declared once, and the parsers that turn their text into values.

Errors here name the option the user typed (``--as-of``); the core never sees option names.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NamedTuple

import typer

from contractcalc.i18n import _


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    junit = "junit"  # JUnit XML for CI test views (cli/output/junit.py)


TABLE = OutputFormat.table

ContractOpt = Annotated[Path | None, typer.Option(
    "--contract", "-c", show_default=False,
    help=_("Contract YAML. Default: $CONTRACTCALC_CONTRACT, then ./contract.yaml, "
         "then the built-in example (No. 2025-036)."))]
ContractsArg = Annotated[list[str] | None, typer.Argument(
    metavar="[CONTRACT|DIR|GLOB]...", show_default=False,
    help=_("Contract files, directories of them, or globs (default: as for --contract)."))]
"""The contracts of a command over several (status, report, disclosure)."""
ContractsOpt = Annotated[list[Path] | None, typer.Option(
    "--contract", "-c", dir_okay=True, show_default=False,
    help=_("A contract file or directory (repeatable), as the arguments."))]
AsOfOpt = Annotated[str | None, typer.Option(
    "--as-of", metavar="DATE", show_default=False,
    help=_("Evaluate as of this day (YYYY-MM-DD). Default: today in Beijing."))]
FormatOpt = Annotated[OutputFormat, typer.Option(
    "--format", "-f",
    help=_("table for people; json or csv for scripts; junit (XML) for CI test views."))]
EventOpt = Annotated[list[str] | None, typer.Option(
    "--event", "-e", metavar="NAME=DATE", show_default=False,
    help=_("Record an event (repeatable; overrides the file), e.g. bond_confirmed=2026-01-05."))]
HolidaysOpt = Annotated[Path | None, typer.Option(
    "--holidays", metavar="FILE", show_default=False,
    help=_("Holiday schedule merged over the official data, day by day (overrides are warned "
         "about): YAML (2027: {holidays: {2027-02-06..2027-02-14: 春节}, workdays: "
         "[2027-02-20]}) or holiday-cn JSON. Default: $CONTRACTCALC_HOLIDAYS."))]
# The input-file options of the commands that read a log or an evaluations sheet.
EncodingOpt = Annotated[str | None, typer.Option(
    "--encoding", show_default=False,
    help=_("CSV encoding (default: UTF-8 or GBK, detected)."))]
SheetOpt = Annotated[str | None, typer.Option(
    "--sheet", metavar="NAME", show_default=False,
    help=_("Workbook sheet to read (default: the first)."))]
AssumeOpt = Annotated[bool, typer.Option(
    "--assume-weekends",
    help=_("For years without a schedule, estimate: weekends and the holidays fixed by law "
         "(元旦, 春节 from 除夕, 清明, 劳动节, 端午, 中秋, 国庆), no 调休; results are marked "
         "as estimates."))]


class Encoding(str, Enum):
    utf8 = "utf-8"
    utf8_sig = "utf-8-sig"
    gbk = "gbk"


OutputOpt = Annotated[Path | None, typer.Option(
    "--output", "-o", metavar="FILE", show_default=False,
    help=_("Write the report to FILE instead of standard output: whole or not at all, never over "
         "an input of the run or a non-file."))]
OutputEncodingOpt = Annotated[Encoding | None, typer.Option(
    "--output-encoding", show_default=False,
    help=_("Encoding of the report. Default: the terminal's; for --output files UTF-8, and "
         "utf-8-sig (with BOM, so Excel on Chinese Windows opens it right) for CSV."))]
NoCacheOpt = Annotated[bool, typer.Option(
    "--no-cache", help=_("Validate the contract afresh and keep no snapshot "
                       "(also CONTRACTCALC_NO_CACHE=1)."))]
ExplainOpt = Annotated[bool, typer.Option(
    "--explain", help=_("Under each figure, how it was reached: the anchor event and its date, "
                        "the working days counted with the rest days skipped and the 调休 days "
                        "named, the calendar-day rule, the damages per tier and the cap. In "
                        "JSON, each row's `explain` steps."))]


class Language(str, Enum):
    zh = "zh"
    en = "en"


LangOpt = Annotated[Language | None, typer.Option(
    "--lang", show_default=False,
    help=_("Language of tables, notes and messages: zh or en. Default: $CONTRACTCALC_LANG, "
           "then the locale (LC_ALL, LC_MESSAGES, LANG: zh_* is Chinese), else English. "
           "JSON and CSV keys and status codes are the same in both."))]


def _language(chosen: Language | None) -> None:
    """The language of this run: main() already chose it before the help texts were built
    (from the same sources), so this only matters when the app is driven directly (tests).
    A --lang given before the command (`contractcalc --lang zh payments`) counts when the
    command has none of its own."""
    import os

    from contractcalc.cli.run import state as _state
    from contractcalc.i18n import detect, set_language

    before = _state.get("lang")
    set_language(chosen.value if chosen is not None else before or detect(os.environ))


def _no_cache(off: bool) -> None:
    from contractcalc.shell.runtime import snapshot

    snapshot.switch_off(off)


class Shared(NamedTuple):
    """An option every command takes, added by app.command(): the parameter's name, its typer
    annotation and default, and what to do with its value before the command runs (if anything;
    others are read back with app.shared(name))."""

    name: str
    annotation: Any
    default: Any
    apply: Any = None
    commands: frozenset[str] | None = None
    """The commands (their functions' names) that take it; None: every command."""


SHARED: list[Shared] = [
    Shared("output", OutputOpt, None),
    Shared("output_encoding", OutputEncodingOpt, None),
    Shared("no_cache", NoCacheOpt, False, _no_cache),
    Shared("lang", LangOpt, None, _language),
    Shared("explain", ExplainOpt, False,  # read back by cli/explain.wanted()
           commands=frozenset({"payments", "bond", "timeline", "penalty", "uptime", "renewal"})),
]


def resolve_as_of(text: str | None) -> dt.date:
    from contractcalc.shell.runtime.clock import today_in_beijing

    return today_in_beijing() if text is None else parse_date_arg(text, "--as-of")


def parse_date_arg(text: str, option: str) -> dt.date:
    from contractcalc.core.calendar.dates import parse_date
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
    from contractcalc.core.money.amounts import parse_amount
    from contractcalc.core.ranges import AMOUNT_MIN, amount_problem

    try:
        value = parse_amount(text)
    except ValueError as exc:
        raise InputError(str(exc), field=option) from None
    if problem := amount_problem(value, minimum=AMOUNT_MIN if minimum is None else minimum):
        raise InputError(problem, field=option)
    return value
