"""Logs as users have them (issue 16) and as attackers send them (issue 15): workbooks, Chinese
headers, --column, aliases; oversized headers, undecodable lines, truncation, signals.
Every export shape must give the figures the plain CSV gives."""

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from contractcalc.core.errors import InputError
from tests.conftest import EXAMPLE, wait_until_open

# 2025-10-01 08:00–10:00 and 09:00–11:00 overlap: platform 3 h; basics 1 h 30 min.
PLAIN = ("system,start,end\n"
         "platform,2025-10-01T08:00:00,2025-10-01T10:00:00\n"
         "platform,2025-10-01T09:00:00,2025-10-01T11:00:00\n"
         "basics,2025-10-01T12:00:00,2025-10-01T13:30:00\n")
EXPECTED = {"platform": "3.000", "standards": "0.000", "basics": "1.500"}
PERIOD = ["--from", "2025-10-01", "--to", "2025-10-31"]


def downtime(run, path, *extra):
    doc = run.json("uptime", str(path), *PERIOD, *extra)
    return {r["system"]: r["downtime_hours"] for r in doc["rows"]}


def xlsx(path: Path, rows: list[list[object]], sheet: str = "Sheet1") -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    first = book.active
    first.title = "封面"
    first.append(["运维月报"])  # a cover sheet first: --sheet picks the log
    ws = book.create_sheet(sheet)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def test_plain_csv(run, tmp_path: Path) -> None:
    (tmp_path / "log.csv").write_text(PLAIN, encoding="utf-8")
    assert downtime(run, tmp_path / "log.csv") == EXPECTED


def test_wps_export_with_chinese_headers_and_local_times(run, tmp_path: Path) -> None:
    log = tmp_path / "wps.csv"
    log.write_text("系统名称,故障开始时间,故障恢复时间,故障等级,报告时间,响应时间,到场时间,备注\n"
                   "海淀区互联网综合服务平台,2025/10/1 8:00,2025/10/1 10:00,一般,,,,\n"
                   "platform,2025-10-01 9:00,2025年10月1日 11:00,,,,,重复\n"
                   "basics,2025/10/1 12:00:00,2025/10/1 13:30:00,,,,,\n", encoding="gbk")
    assert downtime(run, log) == EXPECTED


def test_column_maps_and_aliases(run, tmp_path: Path) -> None:
    contract = tmp_path / "c.yaml"
    contract.write_text(EXAMPLE.read_text(encoding="utf-8").replace(
        '    clause: "1.1"\n', '    clause: "1.1"\n    aliases: [门户平台]\n'), encoding="utf-8")
    log = tmp_path / "tool.csv"
    log.write_text("监控对象,告警时间,恢复时间\n"
                   "门户平台,2025-10-01T08:00:00,2025-10-01T10:00:00\n"
                   "门户平台,2025-10-01T09:00:00,2025-10-01T11:00:00\n"
                   "basics,2025-10-01T12:00:00,2025-10-01T13:30:00\n", encoding="utf-8")
    assert downtime(run, log, "-c", str(contract), "--column", "system=监控对象",
                    "--column", "start=告警时间") == EXPECTED
    err = run("uptime", str(log), *PERIOD, code=2).stderr
    assert "missing column(s) system, start" in err and "--column system=HEADER" in err
    assert "--column" in run("uptime", str(log), "--column", "nonsense", code=2).stderr


def test_xlsx_with_real_time_cells_and_a_sheet(run, tmp_path: Path) -> None:
    t = dt.datetime
    book = xlsx(tmp_path / "log.xlsx", [
        ["系统", "开始时间", "结束时间", "级别"],
        ["platform", t(2025, 10, 1, 8), t(2025, 10, 1, 10), ""],
        ["platform", "2025/10/1 9:00", t(2025, 10, 1, 11), None],
        ["basics", t(2025, 10, 1, 12), t(2025, 10, 1, 13, 30), "一般"],
    ], sheet="故障")
    assert downtime(run, book, "--sheet", "故障") == EXPECTED
    # A workbook saved under a .csv name is still a workbook.
    renamed = tmp_path / "export.csv"
    renamed.write_bytes(book.read_bytes())
    assert downtime(run, renamed, "--sheet", "故障") == EXPECTED
    err = run("uptime", str(book), "--sheet", "nope", code=2).stderr
    assert "no sheet 'nope'; the workbook has 封面, 故障" in err
    # The first sheet (the cover) has no log header: said plainly, with its row.
    assert f"{book}:1: missing column(s)" in run("uptime", str(book), code=2).stderr


def test_xlsx_bad_cell_names_its_row(run, tmp_path: Path) -> None:
    book = xlsx(tmp_path / "log.xlsx", [["system", "start", "end"],
                                        ["platform", "2025-10-01T08:00", "someday"]])
    assert f"{book}:2: end: 'someday' is not a date-time" in run(
        "uptime", str(book), "--sheet", "Sheet1", code=2).stderr


def test_binary_that_is_not_a_workbook(run, tmp_path: Path) -> None:
    blob = tmp_path / "log.csv"
    blob.write_bytes(b"\x7fELF\x00\x01\x02")
    assert "binary data (NUL byte); expected a CSV text file or a workbook" in run(
        "uptime", str(blob), code=2).stderr
    fake = tmp_path / "log.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really a zip")
    assert "not a workbook that can be read" in run("uptime", str(fake), code=2).stderr


def test_staff_reads_chinese_headers_and_workbooks(run, tmp_path: Path) -> None:
    # Two 不合格 for 张三: one send-back (2 failed evaluations send a person back).
    ev = tmp_path / "ev.csv"
    ev.write_text("日期,人员,评估结果,备注\n2025/10/8,张三,不合格,\n2025年11月8日,张三,不合格,迟到\n"
                  "2025-12-08,李四,合格,\n", encoding="gbk")
    csv_doc = run.json("staff", str(ev), "--as-of", "2026-01-01")
    book = xlsx(tmp_path / "ev.xlsx", [["评估日期", "姓名", "结果", "备注"],
                                       [dt.datetime(2025, 10, 8), "张三", "不合格", None],
                                       [dt.datetime(2025, 11, 8), "张三", "不合格", "迟到"],
                                       [dt.datetime(2025, 12, 8), "李四", "合格", None]])
    book_doc = run.json("staff", str(book), "--sheet", "Sheet1", "--as-of", "2026-01-01")
    assert csv_doc["rows"] == book_doc["rows"]
    assert {r["person"]: r["sent_back"] for r in csv_doc["rows"]} == {
        "张三": ["2025-11-08"], "李四": []}


def test_huge_header_is_refused_early(run, tmp_path: Path) -> None:
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(100_000)) + "\n", encoding="utf-8")
    assert f"{wide}:1: header line longer than 64 KiB" in run("uptime", str(wide),
                                                              code=2).stderr
    many = tmp_path / "many.csv"
    many.write_text("," * 5000 + "\n", encoding="utf-8")
    assert "more than 1000 columns" in run("uptime", str(many), code=2).stderr


def test_decode_error_names_the_true_line(run, tmp_path: Path) -> None:
    # The decoder reads ahead by kilobytes; the bad byte is on line 3,002 of a UTF-8 file.
    rows = ["platform,2025-10-01T08:00:00,2025-10-01T08:10:00\n"] * 3000
    data = ("system,start,end\n" + "".join(rows)).encode() + \
        b"platform,2025-10-01T08:00:00,2025-10-01T08:10:00\xff\n" + b"".join(
            r.encode() for r in rows)
    log = tmp_path / "log.csv"
    log.write_bytes(data)
    err = run("uptime", str(log), "--encoding", "utf-8", code=2).stderr
    assert f"{log}:3002: cannot decode as utf-8" in err


def test_csv_error_names_its_line(run, tmp_path: Path) -> None:
    # A 200,000-character field (over the csv module's 131,072 limit) on line 502.
    log = tmp_path / "log.csv"
    log.write_text("system,start,end\n" + "platform,2025-10-01T08:00:00,2025-10-01T08:10:00\n"
                   * 500 + "platform," + "x" * 200_000 + ",2025-10-01T08:10:00\n",
                   encoding="utf-8")
    assert f"{log}:502: not valid CSV: field larger than field limit" in run(
        "uptime", str(log), *PERIOD, code=2).stderr


def test_truncated_while_read_is_an_error(tmp_path: Path) -> None:
    from contractcalc.shell.logs.tables import open_table

    log = tmp_path / "log.csv"
    log.write_text(PLAIN * 100, encoding="utf-8")
    table = open_table(str(log), required=("system", "start", "end"))
    os.truncate(log, 100)
    for _ in table.chunks(10):
        pass
    with pytest.raises(InputError, match=r"shrank from .* while being read"):
        table.close()


def test_sigterm_leaves_no_workers_and_no_temp_files(tmp_path: Path) -> None:
    log = tmp_path / "big.csv"
    with log.open("w", encoding="utf-8") as out:
        out.write("system,start,end\n")
        out.write("platform,2025-10-01T08:00:00,2025-10-01T08:10:00\n" * 400_000)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp)}
    for sig in (signal.SIGTERM, signal.SIGHUP):
        proc = subprocess.Popen([sys.executable, "-m", "contractcalc", "uptime", str(log)],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        assert wait_until_open(proc.pid, log)  # in the scan: the handlers are set
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
        kids = [int(k) for k in children.read_text().split()] if children.exists() else []
        proc.send_signal(sig)
        assert proc.wait(timeout=30) == 128 + sig
        # Workers (shell/runtime/workers.py) may scan parts of this 20 MB log; none outlives the run.
        assert not [k for k in kids if Path(f"/proc/{k}").exists()
                    and Path(f"/proc/{k}/stat").read_text().split(")")[-1].split()[0] != "Z"]
        assert list(tmp.iterdir()) == []


def test_xlsx_times_at_midnight(run, tmp_path: Path) -> None:
    # A date-time cell at 00:00 is read back by the workbook reader as a bare date; it is
    # midnight, not "a number": 2025-10-01 00:00..02:00 is two hours down.
    t = dt.datetime
    book = xlsx(tmp_path / "log.xlsx", [["system", "start", "end"],
                                        ["platform", t(2025, 10, 1, 0, 0), t(2025, 10, 1, 2)]])
    doc = run.json("uptime", str(book), "--sheet", "Sheet1", *PERIOD)
    assert {r["system"]: r["downtime_hours"] for r in doc["rows"]}["platform"] == "2.000"


def test_utf16_text_gets_a_plain_answer(run, tmp_path: Path) -> None:
    # Excel's "Unicode text" is UTF-16 with a BOM: not mojibake, not "binary": what to do.
    log = tmp_path / "log.txt"
    log.write_bytes("system\tstart\tend\n".encode("utf-16"))
    err = run("uptime", str(log), code=2).stderr
    assert "UTF-16 text" in err and "CSV UTF-8" in err


def test_a_log_that_grows_while_read_is_an_error(tmp_path: Path) -> None:
    # A row appended meanwhile may or may not be read, and a last line caught half-written
    # ("basics,2026-03-01T10:00" with its end still to come) would read as an open outage.
    from contractcalc.shell.logs.tables import open_table

    log = tmp_path / "log.csv"
    log.write_text(PLAIN * 100, encoding="utf-8")
    table = open_table(str(log), required=("system", "start", "end"))
    with log.open("a", encoding="utf-8") as out:
        out.write("basics,2026-03-01T10:00")
    for _ in table.chunks(10):
        pass
    with pytest.raises(InputError, match=r"grew from .* while being read \(still being"):
        table.close()


def test_an_undecodable_byte_from_a_pipe_is_placed_after_the_lines_read(run) -> None:
    body = (PLAIN + "platform,2025-10-02T08:00:00,2025-10-02T09:00:00\n" * 2000).encode()
    result = run("uptime", "-", *PERIOD, input=body + b"basics,\xff\xfe,x\n", code=2)
    assert "<stdin>: cannot decode as utf-8-sig" in result.stderr
    assert "after line 1; pass --encoding" in result.stderr  # not a line it cannot know


def test_an_encoding_that_does_not_fit_is_bad_input_not_a_crash(run, tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(PLAIN, encoding="utf-8")
    err = run("uptime", str(log), "--encoding", "utf-16", code=2).stderr
    assert "cannot decode as utf-16" in err and "internal error" not in err


def test_a_named_pipe_is_read_like_a_file(run, tmp_path: Path, monkeypatch) -> None:
    # A FIFO (or bash's <(...)) has no offsets: it is read by one process, whatever the
    # number of workers.
    import threading

    monkeypatch.setenv("CONTRACTCALC_WORKERS", "2")
    fifo = tmp_path / "log.fifo"
    os.mkfifo(fifo)

    def write() -> None:
        with fifo.open("w", encoding="utf-8") as out:
            out.write(PLAIN)

    writer = threading.Thread(target=write)
    writer.start()
    assert downtime(run, fifo) == EXPECTED
    writer.join()


def test_nohup_keeps_sighup_ignored(monkeypatch) -> None:
    from contractcalc.cli.app import _end_cleanly_on_signals

    for number in (signal.SIGHUP, signal.SIGTERM):
        monkeypatch.setattr(signal, "signal", signal.signal)  # restored after the test
        before = signal.signal(number, signal.SIG_IGN)
        try:
            _end_cleanly_on_signals()
            assert signal.getsignal(number) is signal.SIG_IGN
        finally:
            signal.signal(number, before)


def test_a_row_cut_before_its_end_field_is_bad_not_an_open_outage(run, tmp_path: Path) -> None:
    # "basics,2026-03-04T10:00:00" may be an outage still open or a line cut short: it would
    # count as down until --as-of (thousands of hours), so it is refused at its line. An open
    # outage says so with an empty end field; a missing severity is only an empty one.
    log = tmp_path / "log.csv"
    log.write_text("system,start,end,severity\n"
                   "platform,2025-10-01T08:00:00,2025-10-01T09:00:00\n"    # no severity: fine
                   "basics,2025-10-01T08:00:00\n"                          # line 3: no end
                   "standards,2025-10-01T10:00:00,\n", encoding="utf-8")   # open: fine
    err = run("uptime", str(log), *PERIOD, code=2).stderr
    assert f"{log}:3: end: 2 field(s), the header has 4: no end field" in err
    doc = run.json("uptime", str(log), *PERIOD, "--skip-bad-rows", code=1)  # standards fails
    hours = {r["system"]: r["downtime_hours"] for r in doc["rows"]}
    assert hours["platform"] == "1.000" and hours["basics"] == "0.000"
    # Open from Oct 1 10:00 to the period's end, Nov 1 00:00: 30 days and 14 hours.
    assert hours["standards"] == "734.000"


def test_a_line_of_spaces_is_blank_like_an_empty_one(run, tmp_path: Path) -> None:
    # A line of spaces and a line of empty fields between rows are blank lines, not rows
    # with missing fields: the figures are the plain CSV's and nothing is skipped or read.
    lines = PLAIN.splitlines(keepends=True)
    log = tmp_path / "log.csv"
    log.write_text("".join([*lines[:2], "   \n", lines[2], ",,\n", lines[3]]), encoding="utf-8")
    doc = run.json("uptime", str(log), *PERIOD)
    assert {r["system"]: r["downtime_hours"] for r in doc["rows"]} == EXPECTED
    assert (doc["rows_read"], doc["rows_skipped"]) == (3, 0)


def test_a_bom_read_as_data_is_explained(run, tmp_path: Path) -> None:
    # --encoding utf-8 keeps the byte order mark as a character of the first header name,
    # invisible in the message: the message says it is there and what to do.
    log = tmp_path / "log.csv"
    log.write_bytes(b"\xef\xbb\xbf" + PLAIN.encode())
    err = run("uptime", str(log), "--encoding", "utf-8", code=2).stderr
    assert "it starts with a byte order mark: leave --encoding out" in err
    assert downtime(run, log) == EXPECTED  # detected without --encoding


def test_a_gbk_file_that_looks_like_utf8_at_first_is_told_to_say_gbk(run,
                                                                     tmp_path: Path) -> None:
    # 100 KB of ASCII rows, then a GBK name: detection guessed UTF-8 from the start, so the
    # message names the way out for the usual case.
    log = tmp_path / "log.csv"
    body = PLAIN.encode() + PLAIN.splitlines(keepends=True)[1].encode() * 2000
    log.write_bytes(body + "海淀区互联网综合服务平台,2025-10-02T08:00:00,2025-10-02T09:00:00\n"
                    .encode("gbk"))
    err = run("uptime", str(log), *PERIOD, code=2).stderr
    assert "pass --encoding (GBK, as Chinese Windows and WPS save: --encoding gbk)" in err
    assert downtime(run, log, "--encoding", "gbk")["platform"] == "4.000"
