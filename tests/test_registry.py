"""Checks driven by what the code registers, not by hand lists: every command's help, every
JSON key in the README's table, every report row against its columns, every module in the
README's layout."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def registered() -> list[list[str]]:
    """Every command and subcommand the app registers."""
    from contractcalc.cli.app import full_app

    app = full_app()
    found = [[c.name or c.callback.__name__] for c in app.registered_commands]  # type: ignore[union-attr]
    for group in app.registered_groups:
        found.append([group.name])  # type: ignore[list-item]
        found += [[group.name, c.name] for c in group.typer_instance.registered_commands]  # type: ignore[list-item, union-attr]
    return found


COMMANDS = registered()


def test_the_registry_holds_every_command() -> None:
    from contractcalc.cli.app import MODULES

    assert {c[0] for c in COMMANDS} == set(MODULES)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(run, command) -> None:
    out = run(*command, "--help").output
    assert "Usage" in out and "Example" in out, out


# One run per command that prints a report, on the example, to compare against the README.
RUNS = {
    "check": ["check", str(EXAMPLE)],
    "payments": ["payments", "-c", str(EXAMPLE), "--as-of", "2026-01-10"],
    "bond": ["bond", "-c", str(EXAMPLE), "--as-of", "2026-01-10"],
    "timeline": ["timeline", "-c", str(EXAMPLE), "--as-of", "2026-01-10"],
    "penalty": ["penalty", "-c", str(EXAMPLE), "--days-late", "12"],
    "uptime": ["uptime", str(ROOT / "tests" / "golden" / "outages.csv"), "-c", str(EXAMPLE),
               "--as-of", "2026-03-01"],
    "renewal": ["renewal", "-c", str(EXAMPLE), "--amount", "250000", "--as-of", "2026-09-01"],
    "status": ["status", str(EXAMPLE), "--as-of", "2026-01-10"],
    "letter": ["letter", "quarterly_report_1", "-c", str(EXAMPLE), "--as-of", "2026-03-01"],
    "disclosure": ["disclosure", "--year", "2025", str(ROOT / "examples"), "--as-of", "2026-01-15"],
    "workdays add": ["workdays", "add", "2025-09-17", "20"],
    "workdays count": ["workdays", "count", "2025-10-01", "2025-10-31"],
    "workdays is": ["workdays", "is", "2025-09-28"],
}


def documented(command: str) -> str:
    """The README's cell of row keys for a command (a row may name several commands)."""
    for line in README.splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) > 2 and command in [n.strip() for n in cells[1].split(",")]:
            return cells[2]
    raise AssertionError(f"README's JSON table has no row for {command}")


def keys_of(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_of(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_of(v)}
    return set()


STANDARD = {"command", "contract", "as_of", "finding", "missing_data", "rows", "notes"}


@pytest.mark.parametrize("name", sorted(RUNS))
def test_every_json_key_is_documented(run, name) -> None:
    doc = run.json(*RUNS[name], code=None)
    cell = documented(name)
    listed = set(re.findall(r"`([a-z_]+)`", cell))
    missing = keys_of(doc) - STANDARD - listed
    assert not missing, f"{name}: keys emitted but not in README's JSON table: {sorted(missing)}"


@pytest.mark.parametrize("name", sorted(RUNS))
def test_report_rows_hold_their_columns(run, name, monkeypatch) -> None:
    from contractcalc.cli import app

    seen = []
    real = app.finish
    monkeypatch.setattr(app, "finish", lambda report, fmt: (seen.append(report),
                                                              real(report, fmt)))
    run(*RUNS[name], code=None)
    for report in seen:
        for columns, rows in [(report.columns, report.rows),
                              *((c, r) for _, c, r in report.sections)]:
            for row in rows:
                assert {c.key for c in columns} <= set(row), (name, row)


def test_the_readme_layout_names_every_module() -> None:
    layout = README[README.index("## Development"):]
    package = ROOT / "src" / "contractcalc"
    for path in package.rglob("*.py"):
        if path.name in ("__init__.py", "__main__.py") or path.parent.name == "commands":
            continue
        assert path.name in layout, f"README's layout does not name {path.relative_to(package)}"
    for folder in ("core/", "shell/", "cli/", "uptime/", "commands/"):
        assert folder in layout


def test_every_shared_option_on_every_command(run) -> None:
    for command in COMMANDS:
        out = run(*command, "--help").output
        if "Commands:" in out:  # a group: its subcommands carry the options
            continue
        assert "--output" in out, command


def _unused(_: Path) -> None:  # keeps the Path import honest for type checkers
    return None
