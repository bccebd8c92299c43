"""Shared plumbing of the CLI: the typer apps, common options, the error guard, loading."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from contractcalc import __version__

F = TypeVar("F", bound=Callable[..., Any])


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


app = typer.Typer(
    name="contractcalc", no_args_is_help=True, add_completion=False, rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Compliance figures for PRC government IT service contracts: working-day deadlines, "
         "payments and bond, damages, uptime, renewal, staff.\n\n"
         "Example: contractcalc payments --as-of 2025-12-01",
    epilog="Exit codes: 0 ok, 1 a compliance finding, 2 bad input or usage.",
)
workdays_app = typer.Typer(
    no_args_is_help=True, rich_markup_mode=None,
    help="PRC working days (工作日) with statutory holidays and 调休.\n\n"
         "Example: contractcalc workdays add 2025-09-17 20",
)
app.add_typer(workdays_app, name="workdays")

_state = {"debug": bool(os.environ.get("CONTRACTCALC_DEBUG"))}

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


def guarded(fn: F) -> F:
    """Turn every failure into a message and an exit code: no traceback unless --debug."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from contractcalc.errors import ContractCalcError

        try:
            return fn(*args, **kwargs)
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except ContractCalcError as exc:
            for line in str(exc).splitlines():
                sys.stderr.write(f"contractcalc: error: {line}\n")
            raise typer.Exit(2) from None
        except Exception as exc:
            if _state["debug"]:
                raise
            sys.stderr.write(
                f"contractcalc: internal error: {type(exc).__name__}: {exc}\n"
                "contractcalc: this is a bug; please report it with the command you ran "
                "(add --debug for the traceback)\n")
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


TABLE = OutputFormat.table


def command(name: str | None = None, *, group: typer.Typer = app,
            **settings: Any) -> Callable[[F], F]:
    """Register a command, on the app or a group, behind the error guard every command needs."""

    def register(fn: F) -> F:
        group.command(name, **settings)(guarded(fn))
        return fn

    return register


def warn(message: str) -> None:
    sys.stderr.write(f"contractcalc: warning: {message}\n")


def finish(report: Any, fmt: OutputFormat) -> None:
    from contractcalc.render import emit

    try:
        emit(report, fmt.value)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped early (| head): not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's final flush is quiet too
    if report.finding:
        raise typer.Exit(1)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"contractcalc {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")]
    = False,
) -> None:
    _state["debug"] = debug or bool(os.environ.get("CONTRACTCALC_DEBUG"))


def resolve_as_of(text: str | None) -> Any:
    from contractcalc.dates import today_in_beijing

    return today_in_beijing() if text is None else parse_date_arg(text, "--as-of")


def parse_date_arg(text: str, option: str) -> Any:
    from contractcalc.dates import parse_date
    from contractcalc.errors import InputError

    try:
        return parse_date(text)
    except ValueError as exc:
        raise InputError(str(exc), field=option) from None


def parse_amount_arg(text: str, option: str) -> Any:
    from contractcalc.errors import InputError
    from contractcalc.money import parse_amount

    try:
        return parse_amount(text)
    except ValueError as exc:
        raise InputError(str(exc), field=option) from None


def load(contract_path: Path | None, *, events: list[str] | None = None) -> Any:
    """The contract to work on, with --event overrides applied."""
    from contractcalc.load import load_contract, resolve_contract_path

    path, source = resolve_contract_path(contract_path)
    if source == "builtin":
        warn("no contract given (-c, $CONTRACTCALC_CONTRACT or ./contract.yaml); "
             "using the built-in example contract No. 2025-036")
    label = "<built-in example>" if source == "builtin" else str(path)
    contract = load_contract(path, label=label)
    return with_events(contract, events or [])


def with_events(contract: Any, assignments: list[str]) -> Any:
    from contractcalc.errors import InputError
    from contractcalc.terms import EVENT_NAMES

    changes: dict[str, Any] = {}
    lists = {"failed_acceptance": "failed_acceptances", "breach": "breaches"}
    for item in assignments:
        name, sep, value = item.partition("=")
        name = name.strip()
        deliverable = any(name == d.id or name.startswith(f"{d.id}_")
                          for d in contract.deliverables)
        if sep and deliverable:
            delivered = dict(changes.get("delivered", contract.events.delivered))
            delivered[name] = parse_date_arg(value, f"--event {name}")
            changes["delivered"] = delivered
            continue
        if not sep or (name not in EVENT_NAMES and name not in lists):
            raise InputError(f"expected NAME=DATE with NAME one of {', '.join(EVENT_NAMES)}, "
                             f"failed_acceptance, breach, or a deliverable's timeline key; "
                             f"got {item!r}",
                             field="--event")
        day = parse_date_arg(value, f"--event {name}")
        if name in lists:
            key = lists[name]
            changes[key] = (*changes.get(key, getattr(contract.events, key)), day)
        else:
            changes[name] = day
    if not changes:
        return contract
    return contract._replace(events=contract.events._replace(**changes))


def calendar_for(contract: Any, holidays: Path | None, assume_weekends: bool) -> Any:
    """Official schedules, then the contract's calendar: section, then --holidays FILE."""
    from contractcalc.workdays import YearData, build_calendar

    supplied = dict(contract.calendar) if contract is not None else {}
    if holidays is not None:
        supplied.update(load_holidays(holidays))
    years = {y: YearData(dict(s.holidays), dict.fromkeys(s.workdays, ""), "supplied")
             for y, s in supplied.items()}
    return build_calendar(years, assume_weekends=assume_weekends)


def load_holidays(path: Path) -> Any:
    from contractcalc.errors import InputErrors
    from contractcalc.load import located, locator, read_text, validate
    from contractcalc.terms import YearSchedule, schedule_problems
    from contractcalc.yamlsafe import load as load_yaml

    source = str(path)
    data, positions = load_yaml(read_text(path), source=source)
    schedules = validate(dict[int, YearSchedule], data, positions, source=source)
    locate = locator(positions)
    found = [located(field, message, locate, source) for year, sched in schedules.items()
             for field, message in schedule_problems((year,), year, sched)]
    if found:
        raise InputErrors(found)
    return schedules
