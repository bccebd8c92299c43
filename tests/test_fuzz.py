"""Whatever users feed the tool, it answers 0, 1 or 2, and 2 comes with a message, never a
traceback or an 'internal error'. Hypothesis generates the broken files."""

import codecs
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLE

# Run in the README's test command, but not traced by coverage (conftest.py): thousands of CLI runs
# over junk would double their time under the tracer, and coverage should count what the
# known-answer tests reach, not what random input happens to touch (issue 25).
pytestmark = pytest.mark.untraced

EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")
LINES = EXAMPLE_TEXT.splitlines(keepends=True)
# CI runs 40 examples per test (well under a minute); CONTRACTCALC_FUZZ_EXAMPLES=1000 digs deeper.
FUZZ = settings(max_examples=int(os.environ.get("CONTRACTCALC_FUZZ_EXAMPLES", "40")), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
JUNK = st.sampled_from(["", "~", "null", "[]", "{}", "-1", "1e999", ".nan", ".inf", "abc",
                        "2025-13-45", "2025-02-29", "0x1F", "'", '"', "&a", "*a", "!!python/object:os.system",
                        "[1, [2, [3", "é", "人民币", "9" * 40, "yes", "-", "? x", "|", ">"])


def check_answer(result) -> None:
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    assert "internal error" not in result.output, result.output
    if result.exit_code == 2:
        assert result.stderr.strip(), "exit 2 must say why"


def run_contract(run, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(data)
    for command in (["check", str(path)], ["payments", "-c", str(path), "--as-of", "2026-01-01"],
                    ["penalty", "-c", str(path), "--days-late", "3"]):
        check_answer(run(*command, code=None))


@FUZZ
@given(st.integers(0, len(LINES) - 1), JUNK)
def test_a_value_replaced(run, tmp_path, line, junk) -> None:
    key, sep, _ = LINES[line].partition(":")
    mutated = [*LINES[:line], f"{key}{sep} {junk}\n" if sep else f"{junk}\n", *LINES[line + 1:]]
    run_contract(run, tmp_path, "".join(mutated).encode())


@FUZZ
@given(st.lists(st.integers(0, len(LINES) - 1), min_size=1, max_size=6))
def test_lines_removed_or_duplicated(run, tmp_path, picks) -> None:
    lines = list(LINES)
    for n, i in enumerate(picks):
        if n % 2:
            lines.insert(i, LINES[i])     # duplicate keys, repeated list items
        else:
            lines[i % len(lines)] = ""     # missing fields
    run_contract(run, tmp_path, "".join(lines).encode())


@FUZZ
@given(st.integers(0, len(EXAMPLE_TEXT.encode())))
def test_truncated(run, tmp_path, cut) -> None:
    run_contract(run, tmp_path, EXAMPLE_TEXT.encode()[:cut])


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes(run, tmp_path, data) -> None:
    run_contract(run, tmp_path, data)


@FUZZ
@given(st.text(max_size=300))
def test_random_text(run, tmp_path, text) -> None:
    run_contract(run, tmp_path, text.encode("utf-8", "surrogatepass"))


@pytest.mark.parametrize("data", [
    # alias bomb ("billion laughs")
    b"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
    b"[" * 5000 + b"]" * 5000,                       # nesting deeper than the recursion limit
    b"a:\n" + b"  " * 3000 + b"b: 1\n",
    b"x" * (2 << 20),                                  # 2 MiB
    EXAMPLE_TEXT.encode("gbk", "replace"),
    EXAMPLE_TEXT.encode("utf-16"),
    codecs.BOM_UTF8 + EXAMPLE_TEXT.encode(),
    b"!!python/object/apply:os.system ['echo pwned']\n",
    b"number: !!binary aGVsbG8=\n",
    b"--- a\n--- b\n",
], ids=["alias-bomb", "deep-flow", "deep-block", "huge", "gbk", "utf16", "bom", "python-tag",
        "binary-tag", "two-documents"])
def test_hostile_contract_files(run, tmp_path, data) -> None:
    run_contract(run, tmp_path, data)


CSV_HEADER = "system,start,end,severity,reported,responded,onsite\n"
CSV_ROW = ("platform,2025-10-01T08:00:00,2025-10-01T09:00:00,severe,2025-10-01T08:00:00,"
           "2025-10-01T08:10:00,2025-10-01T12:00:00\n")
CELL = st.one_of(JUNK, st.text(max_size=12), st.sampled_from(
    ["platform", "basics", "2025-10-01T08:00:00", "2025-10-01T08:00:00+08:00", "2024-02-30T00:00",
     "2025-10-01 08:00", "severe", "严重", "1970-01-01T00:00:00", "9999-12-31T23:59:59"]))


@FUZZ
@given(st.lists(st.lists(CELL, min_size=0, max_size=9), max_size=8),
       st.sampled_from(["utf-8", "utf-8-sig", "gbk"]), st.booleans())
def test_outage_logs(run, tmp_path, rows, encoding, skip) -> None:
    body = CSV_HEADER + CSV_ROW + "".join(",".join(r) + "\n" for r in rows)
    path = tmp_path / "log.csv"
    path.write_bytes(body.encode(encoding, "replace"))
    args = ["uptime", str(path), "--as-of", "2026-01-01", "--from", "2025-09-17", "--to",
            "2026-09-16"]
    check_answer(run(*args, *(["--skip-bad-rows"] if skip else []), code=None))


@FUZZ
@given(st.binary(max_size=400))
def test_outage_log_bytes(run, tmp_path, data) -> None:
    path = tmp_path / "log.csv"
    path.write_bytes(CSV_HEADER.encode() + data)
    check_answer(run("uptime", str(path), code=None))


@FUZZ
@given(st.lists(st.lists(CELL, max_size=5), max_size=8))
def test_evaluation_files(run, tmp_path, rows) -> None:
    path = tmp_path / "ev.csv"
    path.write_text("date,person,result,note\n" + "".join(",".join(r) + "\n" for r in rows),
                    encoding="utf-8")
    check_answer(run("staff", str(path), code=None))


@FUZZ
@given(st.lists(st.one_of(JUNK, st.text(max_size=15)), max_size=4),
       st.sampled_from(["penalty", "payments", "renewal", "workdays add", "workdays count",
                        "workdays list", "workdays is", "bond", "timeline", "uptime"]))
def test_random_arguments(run, tmp_path, words, command) -> None:
    args = [*command.split(), *words]
    if command == "timeline":
        args += ["--ics", str(tmp_path / "x.ics")]
    check_answer(run(*args, code=None))


# Whatever a name in an evaluation file holds, it is shown, never obeyed: no control character
# reaches the table, a warning or an error raw, and no CSV cell starts a formula (issue 15).
NAMES = st.text(st.sampled_from("=+-@\t\r\n\x1b\x07\x9b\u202e\x85[]/:;\"',.0123456789aé王"),
                min_size=1, max_size=12)
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\x85", "\r")


@FUZZ
@given(NAMES)
def test_names_are_shown_not_obeyed(run, tmp_path, name) -> None:
    import csv
    import io

    path = tmp_path / "e.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["date", "person", "result"], ["2025-10-01", name, "fail"],
                                  ["2099-01-01", name, "pass"]])
    for fmt in ("table", "csv"):
        result = run("staff", str(path), "--as-of", "2025-12-01", "-f", fmt, code=None)
        check_answer(result)
        assert not any(ch in result.output for ch in RAW), (fmt, result.output)
        if fmt == "csv" and result.exit_code != 2:
            for row in list(csv.reader(io.StringIO(result.stdout)))[1:]:
                assert row[0][:1] not in ("=", "+", "-", "@"), row
