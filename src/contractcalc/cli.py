"""The entry point: which module holds each command, and the app built from them.

A command's module is imported only when that command runs (or for --help), so start-up does
not pay for the other commands' options, imports and help text.
"""

from __future__ import annotations

import importlib
import sys

import typer

from contractcalc.shell import app

MODULES = {
    "check": "check", "payments": "schedule", "bond": "schedule", "timeline": "schedule",
    "penalty": "penalty", "uptime": "uptime", "renewal": "renewal", "staff": "staff",
    "workdays": "workdays",
}


def full_app() -> typer.Typer:
    """The app with every command (help listings, tests)."""
    for module in dict.fromkeys(MODULES.values()):
        importlib.import_module(f"contractcalc.commands.{module}")
    return app


def app_for(args: list[str]) -> typer.Typer:
    """The app holding just the command the arguments name; every command otherwise."""
    name = next((a for a in args if not a.startswith("-")), None)
    module = MODULES.get(name or "")
    if module is None:
        return full_app()
    importlib.import_module(f"contractcalc.commands.{module}")
    return app


def main() -> None:
    app_for(sys.argv[1:])()
