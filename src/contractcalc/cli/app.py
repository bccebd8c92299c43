"""The CLI's frame: the typer apps, the error guard every command runs behind, and lazy dispatch.

A command's module (cli/commands/) is imported only when that command runs (or for --help), so
start-up does not pay for the other commands' options, imports and help text.
"""

from __future__ import annotations

import functools
import importlib
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from contractcalc import __version__

if TYPE_CHECKING:
    from contractcalc.cli.options import OutputFormat
    from contractcalc.cli.render import Report

F = TypeVar("F", bound=Callable[..., Any])


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

def guarded(fn: F) -> F:
    """Turn every failure into a message and an exit code: no traceback unless --debug."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from contractcalc.core.errors import ContractCalcError

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


def command(name: str | None = None, *, group: typer.Typer = app,
            **settings: Any) -> Callable[[F], F]:
    """Register a command, on the app or a group, behind the error guard every command needs."""

    def register(fn: F) -> F:
        group.command(name, **settings)(guarded(fn))
        return fn

    return register


def warn(message: str) -> None:
    sys.stderr.write(f"contractcalc: warning: {message}\n")


def finish(report: Report, fmt: OutputFormat) -> None:
    from contractcalc.cli.render import emit

    try:
        emit(report, fmt.value)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped early (| head): not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's final flush is quiet too
    for reason in report.incomplete:
        sys.stderr.write(f"contractcalc: error: {reason}\n")
    if report.incomplete:
        raise typer.Exit(2)
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


# Which module holds each command; cli/commands/<module>.py registers it on import.
MODULES = {
    "check": "check", "payments": "schedule", "bond": "schedule", "timeline": "schedule",
    "penalty": "penalty", "uptime": "uptime", "renewal": "renewal", "staff": "staff",
    "workdays": "workdays", "schema": "schema", "record": "record",
}


def full_app() -> typer.Typer:
    """The app with every command (help listings, tests)."""
    for module in dict.fromkeys(MODULES.values()):
        importlib.import_module(f"contractcalc.cli.commands.{module}")
    return app


def app_for(args: list[str]) -> typer.Typer:
    """The app holding just the command the arguments name; every command otherwise."""
    name = next((a for a in args if not a.startswith("-")), None)
    module = MODULES.get(name or "")
    if module is None:
        return full_app()
    importlib.import_module(f"contractcalc.cli.commands.{module}")
    return app


def main() -> None:
    app_for(sys.argv[1:])()
