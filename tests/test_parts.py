"""A big log or office in parts (shell/logs/csvparts.py, shell/runtime/workers.py): the parts cover the file
exactly with the right line numbers, and every figure, line and message is what one process
gives."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contractcalc.core.uptime.availability import Period
from contractcalc.shell.logs import csvparts, outagelog
from contractcalc.shell.logs.outagelog import read_log
from contractcalc.shell.runtime import workers

ROOT = Path(__file__).resolve().parents[1]
linux = pytest.mark.skipif(sys.platform != "linux", reason="workers fork on Linux only")
pytestmark = pytest.mark.usefixtures("project_dir")
HEADER = b"system,start,end,severity\n"


def plan_of(path: Path, encoding: str, *, count: int, min_bytes: int):
    with path.open("rb") as fh:
        return csvparts.plan(fh.fileno(), encoding, count=count, min_bytes=min_bytes)


def lines_of(count: int) -> list[bytes]:
    return [f"platform,2025-10-{1 + i % 28:02d}T08:00:00,2025-10-{1 + i % 28:02d}T08:{i % 60:02d}"
            f":00,\n".encode() for i in range(count)]


@given(count=st.integers(1, 300), parts=st.integers(2, 6), min_bytes=st.integers(1, 4000),
       crlf=st.booleans(), last_newline=st.booleans())
@settings(max_examples=60)
def test_parts_cover_the_file_exactly_with_their_first_lines(
        tmp_path_factory, count, parts, min_bytes, crlf, last_newline) -> None:
    body = lines_of(count)
    if crlf:
        body = [b.replace(b"\n", b"\r\n") for b in body]
    if not last_newline:
        body[-1] = body[-1].rstrip(b"\r\n")
    data = HEADER + b"".join(body)
    path = tmp_path_factory.mktemp("p") / "log.csv"
    path.write_bytes(data)
    cut = plan_of(path, "utf-8", count=parts, min_bytes=min_bytes)
    if cut is None:  # too small for two parts of min_bytes
        assert (len(data) - len(HEADER)) // min_bytes < 2 or count < 2
        return
    assert 2 <= len(cut) <= parts
    assert cut[0].start == len(HEADER) and cut[-1].stop == len(data)
    for before, after in itertools.pairwise(cut):
        assert before.stop == after.start and data[after.start - 1:after.start] == b"\n"
    for part in cut:  # base: the lines before the part, the header's included
        assert part.base == data[:part.start].count(b"\n")


@pytest.mark.parametrize(("body", "encoding"), [
    (b'platform,2025-10-01T08:00:00,2025-10-01T09:00:00,"a, b"\n', "utf-8"),  # a quote
    (b"platform,2025-10-01T08:00:00,2025-10-01T09:00:00,\r", "utf-8"),  # a lone CR
    (b"platform,2025-10-01T08:00:00,2025-10-01T09:00:00,\n", "utf-16"),  # not splittable
    (b"platform,2025-10-01T08:00:00,2025-10-01T09:00:00,\n", "shift_jis")])
def test_files_that_one_process_must_read(tmp_path: Path, body: bytes, encoding: str) -> None:
    path = tmp_path / "log.csv"
    path.write_bytes(HEADER + b"".join(lines_of(200)) + body + b"".join(lines_of(200)))
    assert plan_of(path, encoding, count=4, min_bytes=100) is None


def test_a_small_file_or_one_worker_is_one_part(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_bytes(HEADER + b"".join(lines_of(10)))
    assert plan_of(path, "utf-8", count=4, min_bytes=1 << 20) is None
    assert plan_of(path, "utf-8", count=1, min_bytes=1) is None


def test_a_part_cut_short_says_the_file_shrank(tmp_path: Path) -> None:
    from contractcalc.core.errors import InputError
    from contractcalc.shell.logs.tables import open_table

    path = tmp_path / "log.csv"
    path.write_bytes(HEADER + b"".join(lines_of(100)))
    table = open_table(str(path), required=("system", "start", "end"))
    part = plan_of(path, "utf-8", count=2, min_bytes=10)[1]  # type: ignore[index]
    mine, raw = csvparts.open_part(table, part)
    with path.open("r+b") as fh:
        fh.truncate(part.start + 10)
    list(mine.column_chunks(1000))
    with pytest.raises(InputError, match="shrank"):
        csvparts.complete(mine, raw)
    mine.stream.close()
    with pytest.raises(InputError, match="shrank"):
        table.close()


def test_parts_read_the_file_whose_header_was_read_even_if_replaced(tmp_path: Path) -> None:
    from contractcalc.shell.logs.tables import open_table

    path = tmp_path / "log.csv"
    original = HEADER + b"".join(lines_of(100))
    path.write_bytes(original)
    table = open_table(str(path), required=("system", "start", "end"))
    other = tmp_path / "new.csv"
    other.write_bytes(HEADER + b"".join(lines_of(3)))
    other.replace(path)  # a monitoring tool rotating its export under the same name
    parts = csvparts.plan(table.stream.fileno(), "utf-8", count=2, min_bytes=10)
    assert parts is not None and parts[-1].stop == len(original)
    read = []
    for part in parts:
        mine, raw = csvparts.open_part(table, part)
        read += [line for chunk in mine.column_chunks(1000) for line in chunk.lines]
        csvparts.complete(mine, raw)
    assert read == list(range(2, 102))
    table.close()


SYSTEMS = ["platform", "standards", "basics", "统一平台", "nobody", "", "\ufeffplatform"]
TIMES = ["2025-09-16T23:00:00", "2025-09-17T00:00:00", "2025-10-01T08:00:00",
         "2025-10-01T08:30:00", "2025-10-01 09:00", "2026-09-16T22:00:00", "2026-09-18T00:00:00",
         "2026-11-30T00:00:00", "", "bad", "2025-02-30T00:00:00"]
row = st.tuples(st.sampled_from(SYSTEMS), st.sampled_from(TIMES), st.sampled_from(TIMES),
                st.sampled_from(["", "severe", "minor", "紧急", "odd"]),
                st.sampled_from(["", "2025-10-01T08:00:00", "2025-10-01T07:00:00", "x"]))


def summary_facts(summary) -> dict:
    return {
        "downtime": summary.downtime, "blocks": summary.block_keys, "rows": summary.rows,
        "breaches": summary.breaches, "incidents": summary.incidents,
        "sla_checked": summary.sla_checked, "skipped": [str(e) for e in summary.skipped],
        "skipped_count": summary.skipped_count, "open": summary.open_outages,
        "future": summary.future_rows, "future_lines": summary.future_lines, "outside": summary.outside,
        "outside_lines": summary.outside_lines, "zero": summary.zero_length,
        "before": summary.sla_before_period, "cut_open": summary.cut_open_line}


@linux
@given(rows=st.lists(row, min_size=1, max_size=80), parts=st.integers(2, 4),
       min_bytes=st.integers(1, 600), last_newline=st.booleans())
@settings(max_examples=40)
def test_a_log_in_parts_gives_what_one_process_gives(tmp_path_factory, contract, rows, parts,
                                                     min_bytes, last_newline) -> None:
    text = "system,start,end,severity,reported\n" + "".join(",".join(r) + "\n" for r in rows)
    if not last_newline:
        text = text[:-1]
    path = tmp_path_factory.mktemp("log") / "log.csv"
    path.write_text(text, encoding="utf-8")

    def scan(count: int, size: int):
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv(workers.ENV, str(count))
            mp.setattr(outagelog, "MIN_PART_BYTES", size)
            mp.setattr(outagelog, "MAX_LISTED", 3)  # so that lists are cut, and cut alike
            return read_log(str(path), contract=contract,
                            period=Period(dt.date(2025, 9, 17), dt.date(2026, 9, 16)),
                            measured_to=dt.datetime(2026, 11, 1, 12), skip_bad_rows=True)

    if len(rows) > 1 and len(text) - len(text.splitlines()[0]) > 3 * min_bytes:
        assert plan_of(path, "utf-8", count=parts, min_bytes=min_bytes)
    assert summary_facts(scan(parts, min_bytes)) == summary_facts(scan(1, 1 << 30))


@linux
@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_an_undecodable_byte_in_a_later_part_is_reported_as_one_process_reports_it(
        run, tmp_path: Path, monkeypatch, encoding: str) -> None:
    body = b"".join(lines_of(400))
    cut = body.index(b"\n", len(body) * 3 // 4) + 1  # in the last of three parts
    log = tmp_path / "log.csv"
    log.write_bytes((b"\xef\xbb\xbf" if encoding == "utf-8-sig" else b"") + HEADER
                    + body[:cut] + b"platform\xff,bad\n" + body[cut:])
    line = 2 + body[:cut].count(b"\n")
    monkeypatch.setattr(outagelog, "MIN_PART_BYTES", 1000)
    said = {}
    for count in ("1", "3"):
        monkeypatch.setenv(workers.ENV, count)
        said[count] = run("uptime", str(log), "--encoding", encoding, code=2).stderr
    assert said["3"] == said["1"]
    assert f"{log}:{line}: cannot decode as {encoding}" in said["3"]


def office_of(tmp_path: Path, names: list[str]) -> Path:
    """A directory of copies of test contracts, c0.yaml, c1.yaml, …"""
    office = tmp_path / "office"
    office.mkdir()
    for n, name in enumerate(names):
        shutil.copy(ROOT / "tests" / "data" / name, office / f"c{n}.yaml")
    return office


@linux
def test_the_cache_warning_is_said_once_by_the_run_itself(run, tmp_path: Path,
                                                          monkeypatch) -> None:
    # Workers print nothing: the run opens the cache before it forks, so a cache it must not
    # use is still named, even when only workers would have touched it.
    office = office_of(tmp_path, ["contract-four.yaml"] * 4)
    missing = [str(tmp_path / f"missing{n}.yaml") for n in range(4)]
    cache = tmp_path / "cache" / "contractcalc"
    cache.mkdir(parents=True)
    cache.chmod(0o777)
    from contractcalc.cli.commands import status

    monkeypatch.setenv(workers.ENV, "2")
    monkeypatch.setattr(status, "MIN_PER_WORKER", 4)
    err = run("status", *missing, str(office), "--as-of", "2026-01-10", code=None).stderr
    assert err.count("not using the snapshot cache") == 1


@linux
def test_status_over_an_office_in_parts_says_what_one_process_says(run, tmp_path: Path,
                                                                   monkeypatch) -> None:
    office = office_of(tmp_path, ["contract-second.yaml", "contract-four.yaml"] * 4)
    shutil.copy(ROOT / "examples" / "contract-2025-036.yaml", office / "c7.yaml")
    (office / "c3.yaml").write_text("number: [unclosed\n", encoding="utf-8")
    from contractcalc.cli.commands import status

    args = ("status", str(office), "--as-of", "2026-01-10", "--all", "--format", "json")
    monkeypatch.setenv(workers.ENV, "1")
    one = run(*args, code=2)
    monkeypatch.setenv(workers.ENV, "3")
    monkeypatch.setattr(status, "MIN_PER_WORKER", 2)
    many = run(*args, code=2)
    assert json.loads(many.stdout) == json.loads(one.stdout)
    assert many.stderr == one.stderr and "c3.yaml:2:1" in many.stderr
