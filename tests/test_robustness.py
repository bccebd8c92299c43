"""Inputs that took the tool down (issue 24), each kept as a test: huge counts, hostile
workbooks, FIFOs and far-away files named by a contract, one bad file among many."""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLE, ROOT

TEXT = EXAMPLE.read_text(encoding="utf-8")
ASOF = ["--as-of", "2026-01-10"]


def contracts(tmp_path: Path, count: int, bad: dict[str, str]) -> Path:
    folder = tmp_path / "office"
    folder.mkdir()
    for n in range(count):
        (folder / f"c{n:03d}.yaml").write_text(TEXT, encoding="utf-8")
    for name, text in bad.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_months_100000_is_refused_at_its_line_and_status_shows_the_rest(run,
                                                                        tmp_path: Path) -> None:
    # `check` accepted months: 100000 and `status` over the office ended in "internal error".
    huge = TEXT.replace("months: 2}", "months: 100000}")
    folder = contracts(tmp_path, 3, {"huge.yaml": huge})
    err = run("check", str(folder / "huge.yaml"), code=2).stderr
    assert re.search(r"huge\.yaml:\d+:\d+: installments\.1\.trigger: 100000 is beyond the "
                     r"supported range \(at most 3,600", err), err
    result = run("status", str(folder), *ASOF, "--format", "json", code=2)
    assert "internal error" not in result.output
    import json

    doc = json.loads(result.stdout)
    assert doc["contracts"] == 3 and doc["unreadable"] == [str(folder / "huge.yaml")]
    assert "huge.yaml: could not be read" in result.stderr
    # 3,600 months (the span of the supported dates) is still a contract.
    (folder / "huge.yaml").write_text(TEXT.replace("months: 2}", "months: 3600}"),
                                      encoding="utf-8")
    assert "beyond the supported range" not in run("check", str(folder / "huge.yaml"),
                                                   code=1).output


def test_an_unforeseen_failure_in_one_contract_does_not_hide_the_others(
        run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = contracts(tmp_path, 2, {})
    from contractcalc.core import timeline

    real = timeline.timeline

    def breaks_on_one(ctx, *args, **kwargs):  # type: ignore[no-untyped-def]
        if ctx.contract.number == "broken":
            raise OverflowError("date value out of range")
        return real(ctx, *args, **kwargs)

    monkeypatch.setattr(timeline, "timeline", breaks_on_one)
    (folder / "zz.yaml").write_text(TEXT.replace('number: "2025-036"', 'number: "broken"'),
                                    encoding="utf-8")
    assert 'number: "broken"' in (folder / "zz.yaml").read_text(encoding="utf-8")
    for args in (["status", str(folder), *ASOF, "--no-cache"],
                 ["timeline", "-c", str(folder), *ASOF, "--ics", str(tmp_path / "o.ics")]):
        result = run(*args, code=2)
        assert "zz.yaml: internal error on this file (OverflowError" in result.stderr, args
        assert "2025-036" in result.stdout  # the other contracts are shown


def test_timeline_ics_over_many_contracts_reports_each_bad_one(run, tmp_path: Path) -> None:
    folder = contracts(tmp_path, 2, {"typo.yaml": TEXT.replace("total:", "totl:", 1),
                                     "huge.yaml": TEXT.replace("months: 2}", "months: 99999}")})
    ics = tmp_path / "all.ics"
    result = run("timeline", "-c", str(folder), *ASOF, "--ics", str(ics), code=2)
    assert "typo.yaml" in result.stderr and "huge.yaml" in result.stderr
    assert re.search(r"typo\.yaml:\d+:\d+: totl: unknown field", result.stderr), result.stderr
    assert ics.read_text(encoding="utf-8").count("BEGIN:VEVENT") > 0
    assert "2025-036" in result.stdout


# --- workbooks ---------------------------------------------------------------------------

def log_book(path: Path, rows: list[list[object]]) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    ws = book.active
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


PERIOD = ["--as-of", "2025-11-01"]


def test_a_formula_without_a_cached_value_is_refused_with_its_cell(run, tmp_path: Path) -> None:
    # openpyxl writes the formula and no value: the end time read as empty, i.e. "still down"
    # (12.392% uptime, FAIL, for a one-hour outage).
    t = dt.datetime
    book = log_book(tmp_path / "log.xlsx", [["system", "start", "end"],
                                            ["platform", t(2025, 10, 1, 8), "=B2+1/24"]])
    err = run("uptime", str(book), *PERIOD, code=2).stderr
    assert f"{book}: cell C2 holds a formula without a computed value" in err
    assert "uptime" not in run("uptime", str(book), *PERIOD, code=2).stdout.lower()


def rewrite_sheet(book: Path, change) -> Path:  # type: ignore[no-untyped-def]
    out = book.with_name("hostile.xlsx")
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            dst.writestr(item, data)
    return out


def test_a_far_stray_cell_is_refused_not_an_abort(run, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # One cell at XFD1048576 made calamine allocate 17 billion cells: SIGABRT, no message.
    book = log_book(tmp_path / "log.xlsx", [["system", "start", "end"],
                                            ["platform", "2025-10-01T08:00", "2025-10-01T09:00"]])
    far = rewrite_sheet(book, lambda xml: xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is>'
                         b"</c></row></sheetData>"))
    assert far.stat().st_size < 10_000
    err = run("uptime", str(far), *PERIOD, code=2).stderr
    assert "the sheet reaches column XFD (16384 columns), more than 1000" in err
    tall = rewrite_sheet(book, lambda xml: xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="C1048576"><v>1</v></c></row></sheetData>'))
    monkeypatch.setenv("CONTRACTCALC_MAX_SHEET_CELLS", "1000000")
    assert "reaches 1048576 rows × 3 columns, more than 1000000 cells" in run(
        "uptime", str(tall), *PERIOD, code=2).stderr
    monkeypatch.delenv("CONTRACTCALC_MAX_SHEET_CELLS")
    declared = rewrite_sheet(book, lambda xml: re.sub(rb'<dimension ref="[^"]*" ?/>',
                                                      b'<dimension ref="A1:ZZ900000"/>', xml))
    assert "declares 900000 rows × 702 columns" in run("uptime", str(declared), *PERIOD,
                                                      code=2).stderr
    run("uptime", str(book), *PERIOD)  # the workbook itself is fine


def test_a_sheet_expanding_past_the_cap_is_refused_before_reading(
        run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 10 MB of zip expanding to 3.6 GB of sheet XML ran to 7.8 GB of memory. Here the cap is
    # lowered to 1 MiB and 2 MiB of padding (compressing to a few KB) goes into the sheet.
    book = log_book(tmp_path / "log.xlsx", [["system", "start", "end"]])
    bomb = rewrite_sheet(book, lambda xml: xml.replace(b"<sheetData>",
                                                       b"<sheetData>" + b" " * (2 << 20)))
    assert bomb.stat().st_size < 20_000
    monkeypatch.setenv("CONTRACTCALC_MAX_SHEET_MB", "1")
    err = run("uptime", str(bomb), *PERIOD, code=2).stderr
    assert "the sheet expands to more than 1 MiB" in err
    monkeypatch.setenv("CONTRACTCALC_MAX_SHEET_MB", "lots")
    assert "CONTRACTCALC_MAX_SHEET_MB must be a whole number above 0" in run(
        "uptime", str(bomb), *PERIOD, code=2).stderr


def test_the_stray_cell_workbook_named_by_a_contract_in_a_subprocess(tmp_path: Path) -> None:
    """The process itself survives (a SIGABRT cannot be caught in-process)."""
    book = log_book(tmp_path / "log.xlsx", [["system", "start", "end"]])
    rewrite_sheet(book, lambda xml: xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'))
    (tmp_path / "c.yaml").write_text(TEXT + "outage_log: hostile.xlsx\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-m", "contractcalc", "status", str(tmp_path / "c.yaml"),
                           *ASOF], capture_output=True, env=env, timeout=120, check=False)
    assert proc.returncode == 2 and proc.returncode != -signal.SIGABRT
    assert b"more than 1000" in proc.stderr and len(proc.stderr) < 2000


# --- what a contract names --------------------------------------------------------------

def test_an_outage_log_outside_the_contracts_folder_is_refused(run, tmp_path: Path,
                                                               monkeypatch) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:the first line of someone's file\n", encoding="utf-8")
    folder = tmp_path / "theirs"
    folder.mkdir()
    for name in ("../secret.txt", str(secret)):
        (folder / "c.yaml").write_text(TEXT + f"outage_log: {name!r}\n", encoding="utf-8")
        result = run("status", str(folder / "c.yaml"), *ASOF, code=2)
        assert "is outside the contract's folder" in result.stderr
        assert "root:x" not in result.output
    monkeypatch.setenv("CONTRACTCALC_ALLOW_OUTSIDE_LOG", "1")
    result = run("status", str(folder / "c.yaml"), *ASOF, code=2)
    assert "outside the contract's folder" not in result.stderr  # read, and refused as a log


def test_a_fifo_named_by_a_contract_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "log.csv")
    (tmp_path / "c.yaml").write_text(TEXT + "outage_log: log.csv\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-m", "contractcalc", "status", str(tmp_path),
                           *ASOF], capture_output=True, env=env, timeout=60, check=False)
    assert proc.returncode == 2, proc.stderr
    assert b"log.csv: is a FIFO (named pipe), not a regular file" in proc.stderr


def test_a_fifo_as_contract_file_does_not_hang(run, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "c.yaml")
    result = run("check", str(tmp_path / "c.yaml"), code=2)
    assert "is a FIFO (named pipe), not a regular file" in result.stderr


# --- the property: every command answers or refuses ---------------------------------------

DEEP = os.environ.get("CONTRACTCALC_HYPOTHESIS") == "deep"
NUMBERS = list(re.finditer(r"(?<=[ \[:])\d+(?:\.\d+)?(?=[,}\]\s])", TEXT))
VALUES = st.one_of(st.integers(-10, 10**7).map(str),
                   st.sampled_from(["0", "-1", "100000", "4000", "99999999999999999999",
                                    "1e400", "0.0000001", "3601", "109573", "2199", "3.5"]))
COMMANDS = (["check"], ["status", *ASOF], ["timeline", *ASOF], ["payments", *ASOF],
            ["bond", *ASOF], ["penalty", "--days-late", "3"],
            ["renewal", "--amount", "250000", *ASOF],
            ["staff", *ASOF])


@settings(max_examples=300 if DEEP else 12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(NUMBERS) - 1), VALUES), min_size=1, max_size=3),
       st.sampled_from(COMMANDS))
def test_every_command_answers_or_refuses_in_one_line(run, tmp_path: Path, changes,
                                                      command) -> None:
    text = TEXT
    for index, value in sorted(set(dict(changes).items()), reverse=True):
        match = NUMBERS[index]
        text = text[:match.start()] + value + text[match.end():]
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    flag = [] if command[0] in ("check", "status") else ["-c"]
    result = run(command[0], *flag, str(path), *command[1:], "--no-cache", code=None)
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert "internal error" not in result.output, (command, changes, result.output)
    if result.exit_code == 2:
        lines = result.stderr.strip().splitlines()
        assert lines and all(line.startswith("contractcalc: ") for line in lines), lines
        assert all(len(line) < 1000 for line in lines)


def test_a_100000_digit_value_is_refused_in_one_short_line(run, tmp_path: Path) -> None:
    # The error quoted the value whole: 100 KB of stderr (and Python's int-to-text limit).
    for old, field in (("total: ", "total"), ("months: 2", "installments.1.trigger.months")):
        path = tmp_path / "c.yaml"
        path.write_text(TEXT.replace(old, old.split()[0] + " " + "9" * 100_000, 1),
                        encoding="utf-8")
        err = run("check", str(path), code=2).stderr
        assert f"{field}: a number of 1000" in err and len(err) < 300, err


def test_one_16_mb_line_is_planned_in_linear_time(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # The planning of worker parts added 4 KB at a time to the line read so far: 16 MB copied
    # 4,000 times (18 s; 64 MB: over 300 s). Now the reads double and the line is joined once;
    # a line past MAX_LINE sends the file to one process, which refuses the field.
    from contractcalc.shell.logs import csvparts

    row = b"platform,2025-10-01T08:00,2025-10-01T09:00\n"
    log = tmp_path / "log.csv"
    log.write_bytes(b"system,start,end\n" + row * 30_000 + b"platform,x," + b"y" * (16 << 20)
                    + b"\n" + row * 30_000)
    reads = []
    real = os.pread

    def counted(fd: int, size: int, at: int) -> bytes:
        reads.append(size)
        return real(fd, size, at)

    monkeypatch.setattr(csvparts.os, "pread", counted)
    with log.open("rb") as fh:
        assert csvparts.plan(fh.fileno(), "utf-8", count=4, min_bytes=1 << 10) is None
    assert len(reads) < 100 and sum(reads) < 3 * (16 << 20), (len(reads), sum(reads))
    short = tmp_path / "short.csv"  # lines under the bound still split
    short.write_bytes(b"system,start,end\n" + row * 60_000)
    with short.open("rb") as fh:
        parts = csvparts.plan(fh.fileno(), "utf-8", count=4, min_bytes=1 << 10)
    assert parts is not None and len(parts) == 4


# --- holiday data ---------------------------------------------------------------------------

def test_a_stray_date_of_another_year_in_holiday_cn_json_is_refused(run, tmp_path: Path) -> None:
    # One stray 2028 date in a 2027 file made 2028 "known" with weekends only: 2028-05-01
    # (劳动节 by law) a working day, no warning. The YAML form refused the same thing.
    import json

    from contractcalc.shell.holidays.statutory import law_holidays

    days = [{"name": "法定", "date": str(day), "isOffDay": True} for day in law_holidays(2027)]
    path = tmp_path / "2027.json"
    path.write_text(json.dumps({"year": 2027, "days": [
        *days, {"name": "劳动节", "date": "2028-04-29", "isOffDay": False}]}), encoding="utf-8")
    err = run("workdays", "is", "2028-05-01", "--holidays", str(path), code=2).stderr
    assert "2028-04-29 is a date of 2028, not 2027 (the file's \"year\")" in err
    path.write_text(json.dumps({"year": "2027", "days": days}), encoding="utf-8")
    assert "year: expected the year the file is for" in run(
        "workdays", "is", "2027-05-06", "--holidays", str(path), code=2).stderr
    # A 2028 given explicitly but without the days off the law fixes is no schedule either.
    yaml = tmp_path / "2028.yaml"
    yaml.write_text("2028:\n  workdays: [2028-04-29]\n", encoding="utf-8")
    assert "2028 is not a complete schedule: 12 day(s) off fixed by law are missing" in run(
        "workdays", "is", "2028-05-01", "--holidays", str(yaml), code=2).stderr
    path.write_text(json.dumps({"year": 2027, "days": days}), encoding="utf-8")
    assert run.json("workdays", "is", "2027-05-01", "--holidays", str(path))["rows"][0][
        "working"] is False


def test_ods_and_xls_are_bounded_by_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from contractcalc.core.errors import InputError
    from contractcalc.shell.logs.sheetlimits import check

    monkeypatch.setenv("CONTRACTCALC_MAX_SHEET_MB", "1")
    ods = io.BytesIO()
    with zipfile.ZipFile(ods, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("content.xml", b" " * (2 << 20))
    with pytest.raises(InputError, match="expands to more than 1 MiB"):
        check(ods, "log.ods", sheet=None, max_columns=1000)
    assert ods.tell() == 0
    xls = io.BytesIO(b"\xd0\xcf\x11\xe0" + b"\0" * (2 << 20))
    with pytest.raises(InputError, match="expands to more than 1 MiB"):
        check(xls, "log.xls", sheet=None, max_columns=1000)
    check(io.BytesIO(b"\xd0\xcf\x11\xe0" + b"\0" * 100), "small.xls", sheet=None,
          max_columns=1000)
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as book:
        book.writestr("xl/worksheets/sheet1.xml", b"<worksheet/>")
    with pytest.raises(InputError, match="no readable sheet list"):
        check(broken, "log.xlsx", sheet=None, max_columns=1000)


def test_the_named_sheet_is_the_one_checked(run, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["cover"])
    log = book.create_sheet("log")
    log.append(["system", "start", "end"])
    log.append(["platform", "2025-10-01T08:00", "=NOW()"])
    path = tmp_path / "two.xlsx"
    book.save(path)
    assert "cell C2 holds a formula" in run("uptime", str(path), *PERIOD, "--sheet", "log",
                                            code=2).stderr
    assert "no sheet 'nope'" in run("uptime", str(path), *PERIOD, "--sheet", "nope",
                                    code=2).stderr
    assert "missing column(s)" in run("uptime", str(path), *PERIOD, code=2).stderr
