"""Closed, broken and legacy-encoded streams, and control characters from users' files: the
exit code stays meaningful (never the finding code 1 by accident), nothing raw reaches the
terminal. Attacks from issue 15, run as a user would run them (python -m, a shell)."""

import json
import os
import subprocess
import sys

import pytest

from contractcalc.core.errors import InputError
from contractcalc.shell.contracts.contract_file import parse_contract
from tests.conftest import EXAMPLE, ROOT

TEXT = EXAMPLE.read_text(encoding="utf-8")
CLI = f"{sys.executable} -m contractcalc"


def shell(script: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["bash", "-c", script], capture_output=True, cwd=ROOT, timeout=120,
                          env={**os.environ, **env})


def test_closed_stdout_is_a_clear_error() -> None:
    done = shell(f"{CLI} payments --as-of 2025-10-01 1>&-")
    assert done.returncode == 2
    assert b"standard output is closed" in done.stderr


def test_closed_stdout_with_output_file_is_fine(tmp_path) -> None:
    done = shell(f"{CLI} payments --as-of 2025-10-01 -f json -o {tmp_path}/p.json 1>&-")
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))["command"] == "payments"


def test_closed_stderr_keeps_the_exit_code() -> None:
    assert shell(f"{CLI} payments --as-of 2025-10-01 2>&-").returncode == 0   # warns, to nowhere
    assert shell(f"{CLI} payments --as-of nonsense 2>&-").returncode == 2
    assert shell(f"{CLI} payments --as-of 2026-06-01 -e installment_1_invoiced=2025-10-01 2>&-"
                 ).returncode == 1   # a true finding: invoiced, unpaid, past due


def test_closed_stdin_is_bad_input() -> None:
    done = shell(f"{CLI} staff - <&-")
    assert done.returncode == 2
    assert b"<stdin>" in done.stderr


def test_a_reader_that_stops_early_is_not_an_error() -> None:
    done = shell(f"{CLI} workdays list 2024-01-01 2026-12-31 | head -1; "
                 "exit ${PIPESTATUS[0]}")
    assert done.returncode == 0
    assert done.stderr.count(b"\n") <= 1                                  # the builtin warning at most
    assert b"Traceback" not in done.stderr and b"Exception ignored" not in done.stderr


def test_a_full_disk_on_stdout_is_an_error() -> None:
    done = shell(f"{CLI} workdays list 2025-01-01 2025-12-31 >/dev/full")
    assert done.returncode == 2
    assert b"No space left on device" in done.stderr
    assert b"Exception ignored" not in done.stderr


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_a_gbk_console_gets_whole_documents(fmt) -> None:
    done = shell(f"{CLI} payments --as-of 2025-10-01 -f {fmt}", PYTHONIOENCODING="gbk")
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("gbk")
    assert "internal error" not in done.stderr.decode("gbk")
    if fmt == "json":
        assert json.loads(text)["command"] == "payments"
    elif fmt == "table":
        assert "* before each payment" in text                           # "•" is not in GBK


def test_control_characters_in_a_csv_never_reach_the_terminal(run, tmp_path) -> None:
    evaluations = tmp_path / "e.csv"
    evaluations.write_text('date,person,result\n2099-01-01,"x\x1b]0;pwned\x07\ny",fail\n',
                           encoding="utf-8")
    result = run("staff", str(evaluations))
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "x\\x1b]0;pwned\\x07\\ny" in result.stderr                   # the warning shows it
    evaluations.write_text("date,person,result\n2025-10-01\x1b[2J,x,fail\n", encoding="utf-8")
    result = run("staff", str(evaluations), code=2)
    assert "\x1b" not in result.stderr and "\\x1b[2J" in result.stderr


@pytest.mark.parametrize("value", ['"2025\\e[2J036"', '"2025\\r036"', '"2025\\x9b036"',
                                   '"2025\\u202e036"', '"2025\\N036"'])
def test_contract_strings_with_control_characters_are_refused(value) -> None:
    text = TEXT.replace('number: "2025-036"', f"number: {value}", 1)
    assert text != TEXT
    line = text[: text.index(f"number: {value}")].count("\n") + 1
    with pytest.raises(InputError) as info:
        parse_contract(text, source="c.yaml")
    assert str(info.value).startswith(f"c.yaml:{line}:") and "control character" in str(info.value)


def test_ctrl_c_is_not_a_finding(run, monkeypatch) -> None:
    from contractcalc.shell.runtime import clock

    def interrupted():
        raise KeyboardInterrupt

    monkeypatch.setattr(clock, "today_in_beijing", interrupted)
    result = run("payments", code=130)
    assert "interrupted" in result.stderr
