"""Files the tool writes (--ics, --output): never over an input or a non-file, atomic, usual
permissions; --output and --output-encoding on every command. Attacks from issue 15."""

import json
import os
import socket
import stat
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, wait_until_open

HOLIDAYS = "2027:\n  holidays: {2027-01-01: 元旦}\n  workdays: []\n"


def _contract(tmp_path: Path) -> Path:
    path = tmp_path / "c.yaml"
    path.write_bytes(EXAMPLE.read_bytes())
    return path


def test_ics_over_the_contract_is_refused(run, tmp_path) -> None:
    path = _contract(tmp_path)
    before = path.read_bytes()
    result = run("timeline", "-c", str(path), "--as-of", "2026-01-10", "--ics", str(path), code=2)
    assert "is an input of this run" in result.stderr and "--ics" in result.stderr
    assert path.read_bytes() == before


def test_ics_over_the_holidays_file_or_through_a_link_is_refused(run, tmp_path) -> None:
    path = _contract(tmp_path)
    holidays = tmp_path / "h.yaml"
    holidays.write_text(HOLIDAYS, encoding="utf-8")
    run("timeline", "-c", str(path), "--holidays", str(holidays), "--ics", str(holidays), code=2)
    assert holidays.read_text(encoding="utf-8") == HOLIDAYS
    (tmp_path / "link.ics").symlink_to(path)
    run("timeline", "-c", str(path), "--ics", str(tmp_path / "link.ics"), code=2)
    (tmp_path / "hard.ics").hardlink_to(path)
    run("timeline", "-c", str(path), "--ics", str(tmp_path / "hard.ics"), code=2)
    assert path.read_bytes() == EXAMPLE.read_bytes()


def test_output_over_an_input_or_this_runs_ics_is_refused(run, tmp_path) -> None:
    path = _contract(tmp_path)
    run("payments", "-c", str(path), "--output", str(path), code=2)
    log = tmp_path / "log.csv"
    log.write_text("system,start,end\n", encoding="utf-8")
    result = run("uptime", str(log), "-c", str(path), "--output", str(log), code=2)
    assert "log.csv" in result.stderr
    out = tmp_path / "t.ics"
    run("timeline", "-c", str(path), "--ics", str(out), "--output", str(out), code=2)
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize("kind", ["device", "fifo", "directory", "socket"])
def test_non_regular_targets_are_refused(run, tmp_path, kind) -> None:
    path = _contract(tmp_path)
    target = tmp_path / "target"
    if kind == "device":
        target = Path("/dev/null")
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "directory":
        target.mkdir()
    else:
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(target))
        sock.close()
    for option in ("--ics", "--output"):
        args = ["timeline", "-c", str(path), option, str(target)]
        result = run(*args, code=2)
        assert result.stderr.strip()
    mode = os.stat(target).st_mode
    assert not stat.S_ISREG(mode)                                      # still what it was
    if kind == "device":
        assert stat.S_ISCHR(mode)


def test_new_file_gets_the_umask_and_an_old_one_keeps_its_mode(run, tmp_path) -> None:
    path = _contract(tmp_path)
    old = os.umask(0o027)
    try:
        run("payments", "-c", str(path), "--as-of", "2025-10-01", "-o", "new.txt")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat("new.txt").st_mode) == 0o640
    Path("kept.txt").write_text("old")
    os.chmod("kept.txt", 0o604)
    run("payments", "-c", str(path), "--as-of", "2025-10-01", "-o", "kept.txt")
    assert stat.S_IMODE(os.stat("kept.txt").st_mode) == 0o604
    assert "Payments" in Path("kept.txt").read_text(encoding="utf-8")
    assert [p.name for p in Path().iterdir() if p.name.endswith(".tmp")] == []


def test_a_failed_write_leaves_the_old_file(run, tmp_path, monkeypatch) -> None:
    path = _contract(tmp_path)
    Path("out.json").write_text("old")

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    result = run("payments", "-c", str(path), "-f", "json", "-o", "out.json", "--no-cache",
                 code=2)
    assert "No space left on device" in result.stderr
    assert Path("out.json").read_text() == "old"
    assert sorted(p.name for p in Path().iterdir()) == ["c.yaml", "out.json"]


def test_output_into_a_missing_directory_is_an_error(run, tmp_path) -> None:
    path = _contract(tmp_path)
    result = run("payments", "-c", str(path), "-o", "no/such/dir.txt", code=2)
    assert "cannot write there" in result.stderr


def test_output_files_are_whole_documents(run, tmp_path) -> None:
    path = _contract(tmp_path)
    result = run("payments", "-c", str(path), "--as-of", "2026-06-01", "-f", "json",
                 "-o", "p.json", code=None)
    assert result.stdout == ""
    assert json.loads(Path("p.json").read_text(encoding="utf-8"))["command"] == "payments"
    run("payments", "-c", str(path), "--as-of", "2026-06-01", "-f", "csv", "-o", "p.csv", code=None)
    data = Path("p.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfkey,")                        # BOM: Excel reads UTF-8
    run("payments", "-c", str(path), "--as-of", "2026-06-01", "-f", "csv", "-o", "g.csv",
        "--output-encoding", "gbk", code=None)
    assert Path("g.csv").read_bytes().decode("gbk") == data.decode("utf-8-sig")
    piped = run("payments", "-c", str(path), "--as-of", "2026-06-01", "-f", "csv", "-o", "-",
                code=None)
    assert piped.stdout == data.decode("utf-8-sig")                     # no BOM on a pipe


def test_csv_the_encoding_cannot_hold_is_not_written(run, tmp_path) -> None:
    evaluations = tmp_path / "e.csv"
    evaluations.write_text("date,person,result\n2025-10-01,王😀,fail\n", encoding="utf-8")
    result = run("staff", str(evaluations), "-f", "csv", "-o", "s.csv", "--output-encoding", "gbk",
                 code=2)
    assert "U+1F600" in result.stderr and "nothing written" in result.stderr
    assert not Path("s.csv").exists()
    doc = run("staff", str(evaluations), "-f", "json", "-o", "s.json", "--output-encoding", "gbk")
    assert doc.exit_code == 0
    data = Path("s.json").read_bytes()
    assert data.isascii() and json.loads(data)["rows"][0]["person"] == "王😀"   # \u escapes


def test_every_command_takes_the_shared_options(run) -> None:
    for args in (["check"], ["payments"], ["bond"], ["timeline"], ["penalty"], ["uptime"],
                 ["renewal"], ["staff"], ["workdays", "add"], ["workdays", "count"],
                 ["workdays", "is"], ["workdays", "list"]):
        text = run(*args, "--help").stdout
        for option in ("--output", "--output-encoding", "--no-cache"):
            assert option in text, (args, option)


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path, monkeypatch) -> None:
    # A signal during the rename (cli/app.py turns SIGTERM/SIGHUP into SystemExit).
    import os

    from contractcalc.shell.writers import files

    def interrupted(*_args: object) -> None:
        raise SystemExit(143)

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(SystemExit):
        files.write_atomic(tmp_path / "out.json", b"{}", option="--output")
    assert list(tmp_path.iterdir()) == []


def test_sigterm_exits_with_128_plus_the_signal(tmp_path) -> None:
    import signal
    import subprocess
    import sys

    log = tmp_path / "big.csv"
    with log.open("w", encoding="utf-8") as out:
        out.write("system,start,end\n")
        out.write("platform,2025-10-01T08:00:00,2025-10-01T08:10:00\n" * 400_000)
    proc = subprocess.Popen([sys.executable, "-m", "contractcalc", "uptime", str(log)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert wait_until_open(proc.pid, log)  # reading: the handlers are set
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 128 + signal.SIGTERM
