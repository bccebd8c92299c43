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
from contractcalc.i18n import _

if TYPE_CHECKING:
    from contractcalc.cli.options import OutputFormat
    from contractcalc.cli.output.report import Report

F = TypeVar("F", bound=Callable[..., Any])


app = typer.Typer(
    name="contractcalc", no_args_is_help=True, add_completion=False, rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
workdays_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)
app.add_typer(workdays_app, name="workdays")


from contractcalc.cli.run import state as _state  # noqa: E402  (after the app it serves)


def say(kind: str, message: object) -> None:
    """`contractcalc: KIND: …` on stderr, one line, control characters made visible (a file's
    ESC, CR or newline must not reach the terminal or fake a line); a closed or broken stderr
    is not an error of the run (the exit code still tells)."""
    from contractcalc.cli.output.report import visible

    try:
        label = {"error": _("error"), "warning": _("warning"),
                 "internal error": _("internal error")}.get(kind, kind)
        sys.stderr.write(f"contractcalc: {label}: {visible(str(message))}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        _silence(2)


def _silence(fd: int) -> None:
    """Point a broken standard stream at /dev/null, so the interpreter's last flush is quiet
    (a failed final flush would turn the exit code into 120)."""
    try:
        devnull = os.open(os.devnull, os.O_RDWR)
        if devnull != fd:  # when fd was closed, open() has just taken its number
            os.dup2(devnull, fd)
            os.close(devnull)
    except OSError:  # pragma: no cover - no /dev/null
        pass


def guarded(fn: F) -> F:
    """Turn every failure into a message and an exit code: no traceback unless --debug."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from contractcalc.core.errors import ContractCalcError, InputErrors

        try:
            return fn(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except KeyboardInterrupt:  # click would say "Aborted!" with exit 1, a finding's code
            say("error", _("interrupted"))
            raise typer.Exit(130) from None
        except ContractCalcError as exc:
            for problem in exc.errors if isinstance(exc, InputErrors) else [exc]:
                say("error", problem)
            raise typer.Exit(2) from None
        except Exception as exc:
            if _state["debug"]:
                raise
            say("internal error", f"{type(exc).__name__}: {exc}")
            say("internal error", _("this is a bug; please report it with the command you ran "
                                    "(for the traceback: contractcalc --debug COMMAND ..., or "
                                    "CONTRACTCALC_DEBUG=1)"))
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def with_shared(fn: F) -> F:
    """Give a command the options every command takes (cli/options.SHARED: --output,
    --output-encoding, --no-cache, …) without its module declaring them: typer reads the
    parameters from __signature__, so they are appended there and taken off before the call."""
    import inspect

    from contractcalc.cli.options import SHARED

    signature = inspect.signature(fn, eval_str=True)  # annotations as types, not strings
    own = set(signature.parameters)
    shared = [s for s in SHARED if s.name not in own
              and (s.commands is None or fn.__name__ in s.commands)]
    params = [*signature.parameters.values(),
              *(inspect.Parameter(s.name, inspect.Parameter.KEYWORD_ONLY, default=s.default,
                                  annotation=s.annotation) for s in shared)]

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from contractcalc.shell.writers.files import forget_inputs

        forget_inputs()
        values = {s.name: kwargs.pop(s.name, s.default) for s in shared}
        _state["shared"] = values
        for s in shared:
            if s.apply is not None:
                s.apply(values[s.name])
        return fn(*args, **kwargs)

    wrapper.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {**getattr(fn, "__annotations__", {}),
                               **{s.name: s.annotation for s in shared}}
    return wrapper  # type: ignore[return-value]


def shared(name: str) -> Any:
    """The value of a shared option (cli/options.SHARED) in the running command."""
    return _state["shared"].get(name)


def command(name: str | None = None, *, group: typer.Typer = app,
            **settings: Any) -> Callable[[F], F]:
    """Register a command, on the app or a group, with the shared options and behind the error
    guard every command needs."""

    def register(fn: F) -> F:
        group.command(name, **settings)(guarded(with_shared(fn)))
        return fn

    return register


def warn(message: str) -> None:
    if _state.get("warnings") is not None:  # `report` shows its commands' warnings as notes
        _state["warnings"].append(message)
        return
    say("warning", message)


def finish(report: Report, fmt: OutputFormat) -> None:
    """Render the report whole, encode it, then write it: to --output FILE (atomically, never
    over an input or a non-file) or to standard output. Exit 1 when it shows a finding."""
    from contractcalc.cli.output.render import encode
    from contractcalc.core.errors import InputError

    if _state.get("capture") is not None:  # `report` gathers the commands' reports (its own)
        _state["capture"].append(report)
        return
    output, chosen = shared("output"), shared("output_encoding")
    encoding = chosen.value if chosen is not None else None
    if output is not None and str(output).lower().endswith(".xlsx"):  # typed cells for finance
        from contractcalc.cli.output.sheets import workbook_bytes
        from contractcalc.shell.writers.files import write_atomic

        write_atomic(output, workbook_bytes(report), option="--output")
    elif output is not None and str(output) != "-":
        from contractcalc.shell.writers.files import write_atomic

        # A CSV is opened by double-clicking it in Excel, which reads UTF-8 only after a BOM
        # (on Chinese Windows it assumes GBK otherwise): utf-8-sig by default for CSV files.
        default = "utf-8-sig" if fmt.value == "csv" else "utf-8"
        write_atomic(output, encode(report, fmt.value, encoding or default), option="--output")
    else:
        stream = sys.stdout
        if "stdout" in _state["closed"] or stream is None:
            raise InputError(_("standard output is closed; nothing written (use --output FILE)"))
        data = encode(report, fmt.value, encoding or getattr(stream, "encoding", None) or "utf-8",
                      terminal=stream)
        try:
            stream.flush()
            stream.buffer.write(data)
            stream.buffer.flush()
        except BrokenPipeError:  # the reader stopped early (| head): not an error of ours
            _silence(1)
        except OSError as exc:
            _silence(1)
            raise InputError(_("cannot write to standard output: {reason}").format(
                reason=exc.strerror)) from None
    for reason in report.incomplete:
        say("error", reason)
    if report.incomplete:
        raise typer.Exit(2)
    if report.finding:
        raise typer.Exit(1)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"contractcalc {__version__}")
        raise typer.Exit()


def _check_lang(value: str | None) -> str | None:
    from contractcalc.i18n import LANGUAGES

    if value is not None and value not in LANGUAGES:
        raise typer.BadParameter(_("choose zh or en, not {value!r}").format(value=value))
    return value


_RootLang: Any = None


def install_texts() -> None:
    """The app's own help texts and options in the current language (commands carry theirs in
    their modules, which are imported after the language is settled)."""
    app.info.help = _("Compliance figures for PRC government IT service contracts: "
                      "working-day deadlines, payments and bond, damages, uptime, renewal, "
                      "staff.\n\nExample: contractcalc payments --as-of 2025-12-01")
    app.info.epilog = _("Exit codes: 0 ok, 1 a compliance finding, 2 bad input or usage.")
    workdays_app.info.help = _("PRC working days (工作日) with statutory holidays and 调休."
                               "\n\nExample: contractcalc workdays add 2025-09-17 20")

    global _RootLang
    # Not cli/options.LangOpt: importing options here would build every shared option's help
    # before main() has chosen the language.
    _RootLang = Annotated[str | None, typer.Option(
        "--lang", metavar="[zh|en]", show_default=False, callback=_check_lang,
        help=_("Language of tables, notes and messages: zh or en. Default: $CONTRACTCALC_LANG, "
               "then the locale (LC_ALL, LC_MESSAGES, LANG: zh_* is Chinese), else English. "
               "JSON and CSV keys and status codes are the same in both."))]

    @app.callback()
    def root(
        lang: _RootLang = None,
        version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                              help=_("Show the version and exit."))] = False,
        debug: Annotated[bool, typer.Option("--debug",
                                            help=_("Show tracebacks of internal errors."))]
        = False,
    ) -> None:
        _state["debug"] = debug or bool(os.environ.get("CONTRACTCALC_DEBUG"))
        # `contractcalc --lang zh payments`: the command's own --lang, when given, wins.
        _state["lang"] = lang
        if lang is not None:
            from contractcalc.i18n import set_language

            set_language(lang)


install_texts()


# Which module holds each command; cli/commands/<module>.py registers it on import.
MODULES = {  # in the order `--help` lists them: the weekly question first
    "status": "status", "record": "record", "payments": "schedule", "bond": "schedule",
    "timeline": "schedule", "penalty": "penalty", "uptime": "uptime", "renewal": "renewal",
    "staff": "staff", "check": "check", "report": "report", "letter": "letter",
    "disclosure": "disclosure", "workdays": "workdays", "schema": "schema",
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
    _reopen_closed_streams()
    _end_cleanly_on_signals()
    settle_language(sys.argv[1:])
    app_for(sys.argv[1:])()


def _end_cleanly_on_signals() -> None:
    """SIGTERM and SIGHUP (a killed job, a closed terminal) unwind like an exception, so the
    writers' cleanup runs and no temporary file is left; the exit code is 128 + the signal."""
    import signal

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is not signal.SIG_IGN:
            signal.signal(number, stop)  # an ignored one stays ignored (nohup, a daemon)


def settle_language(args: list[str]) -> None:
    """Choose the language before any command module is imported (their help texts are
    translated then): --lang, then $CONTRACTCALC_LANG, then the locale. A --lang value that is
    not a language is left for the option itself to refuse."""
    from contractcalc.i18n import LANGUAGES, detect, from_argv, set_language

    chosen = from_argv(args)
    set_language(chosen if chosen in LANGUAGES else detect(os.environ))
    install_texts()


def _reopen_closed_streams() -> None:
    """A stream closed by the caller (`1>&-`, `2>&-`, `<&-`) becomes /dev/null, so no file the
    run opens takes its descriptor and nothing fails on a None stream; a report for a closed
    stdout is then refused (exit 2), not lost."""
    for fd, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        if getattr(sys, name) is None:
            _silence(fd)
            setattr(sys, name, open(fd, mode, encoding="utf-8", closefd=False))  # noqa: SIM115
            _state["closed"].add(name)
