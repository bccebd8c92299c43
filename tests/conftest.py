"""Test-wide setup: a fixed, colourless, wide terminal, and no stray contract or cache."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner

# Hypothesis is derandomized by default, so a run's result never depends on a seed and CI is
# reproducible; CONTRACTCALC_HYPOTHESIS=deep explores fresh random examples, many more of them.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("deep", derandomize=False, deadline=None, max_examples=2000)
settings.load_profile(os.environ.get("CONTRACTCALC_HYPOTHESIS", "ci"))

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "contract-2025-036.yaml"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Any:
    """A test marked `untraced` runs with coverage stopped (the fuzz runs: the tracer doubles
    their time, issue 25). Not pytest-cov's `no_cover` marker: that one fails under --no-cov."""
    import coverage

    cov = coverage.Coverage.current() if item.get_closest_marker("untraced") else None
    if cov is None:
        return (yield)
    cov.stop()
    try:
        return (yield)
    finally:
        cov.start()


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CONTRACTCALC_CONTRACT", raising=False)
    monkeypatch.delenv("CONTRACTCALC_DEBUG", raising=False)
    monkeypatch.setenv("CONTRACTCALC_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)
    # English unless a test asks for Chinese (--lang zh), whatever the machine's locale.
    for name in ("CONTRACTCALC_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    from contractcalc.i18n import set_language

    set_language("en")


@pytest.fixture(scope="session")
def contract():
    from contractcalc.shell.contracts.contract_file import load_contract

    return load_contract(EXAMPLE, use_cache=False)


@pytest.fixture(scope="session")
def calendar():
    from contractcalc.shell.holidays.layers import build_calendar

    return build_calendar()


def record(contract: Any, **events: Any) -> Any:
    """The contract with events recorded: single dates by name, or the lists by their field."""
    lists = {k: v for k, v in events.items()
             if k in ("failed_acceptances", "breaches", "evaluations")}
    dated = {**contract.events.dated,
             **{k: v for k, v in events.items() if k not in lists}}
    return contract._replace(events=contract.events._replace(dated=dated, **lists))


class Run:
    """Invoke the CLI as a user would and keep what came out."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, code: int | None = 0, **kwargs: Any):
        from contractcalc.cli.app import full_app

        result = self.runner.invoke(full_app(), list(args), **kwargs)
        if code is not None:
            assert result.exit_code == code, (result.exit_code, result.output, result.exception)
        assert "Traceback" not in result.output
        return result

    def json(self, *args: str, code: int | None = 0) -> dict[str, Any]:
        result = self(*args, "--format", "json", code=code)
        return json.loads(result.stdout)


@pytest.fixture()
def run() -> Run:
    return Run()


def wait_until_open(pid: int, path: Path, timeout: float = 30) -> bool:
    """Wait until process `pid` has `path` open (Linux /proc): by then it runs our code, its
    signal handlers set (cli/app.py). False if it ended or the time ran out first."""
    import time

    deadline = time.monotonic() + timeout
    fds = Path(f"/proc/{pid}/fd")
    while time.monotonic() < deadline:
        try:
            if any(os.readlink(fd) == str(path) for fd in fds.iterdir()):
                return True
        except OSError:  # it ended, or an fd closed while we looked
            if not fds.exists():
                return False
        time.sleep(0.02)
    return False


@pytest.fixture()
def project_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in the project's directory: a forked worker (shell/runtime/workers.py) restarts coverage
    (pyproject: patch = fork) with a data file relative to where it runs, so from here its
    data joins the rest. Eight CPUs, so that tests may ask for up to eight workers."""
    monkeypatch.chdir(ROOT)
    if hasattr(os, "sched_getaffinity"):
        monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(8)))
