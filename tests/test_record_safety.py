"""`record` under attack and under a busy office (issue 24): nothing lost, nothing overwritten.

Each test is one of the attacks the issue reports, kept so it cannot come back.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, ROOT

ASOF = ["--as-of", "2026-02-01"]


@pytest.fixture()
def mine(tmp_path: Path) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_bytes(EXAMPLE.read_bytes())
    return path


def cli(*args: str, **kwargs: object) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "CONTRACTCALC_NO_CACHE": "1"}
    return subprocess.Popen([sys.executable, "-m", "contractcalc", *args], env=env,
                            stdout=kwargs.get("stdout", subprocess.PIPE),  # type: ignore[arg-type]
                            stderr=subprocess.PIPE)


def test_ten_records_at_once_leave_all_ten(mine: Path) -> None:
    # Before: each read the file, added its breach and renamed; one of ten survived.
    days = [f"2026-01-{n:02d}" for n in range(10, 20)]
    runs = [cli("record", "breach", day, "-c", str(mine), *ASOF) for day in days]
    results = [(p.communicate(timeout=120)[1], p.returncode) for p in runs]
    results = [(code, err) for err, code in results]
    assert all(code == 0 for code, _ in results), results
    from contractcalc.shell.contracts.contract_file import load_contract

    breaches = load_contract(mine, use_cache=False).events.breaches
    assert sorted(d.isoformat() for d in breaches) == days


def test_a_record_that_cannot_get_the_lock_says_so(run, mine: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from contractcalc.shell.contracts import record_io

    monkeypatch.setattr(record_io, "LOCK_WAIT", 0.1)
    before = mine.read_bytes()
    with mine.open("rb") as other:  # another record holding the file
        fcntl.flock(other.fileno(), fcntl.LOCK_EX)
        result = run("record", "bond_confirmed", "2026-01-05", "-c", str(mine), *ASOF, code=2)
    assert "another 'record' has been writing this file" in result.stderr
    assert mine.read_bytes() == before


def test_a_write_by_another_program_meanwhile_is_not_overwritten(
        run, mine: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from contractcalc.shell.contracts import record

    edit = record.record_event

    def meanwhile(*args: object, **kwargs: object) -> object:
        with mine.open("a", encoding="utf-8") as fh:  # an editor that takes no lock
            fh.write("# saved by hand meanwhile\n")
        return edit(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(record, "record_event", meanwhile)
    result = run("record", "bond_confirmed", "2026-01-05", "-c", str(mine), *ASOF, code=2)
    assert "changed while it was being recorded into" in result.stderr
    text = mine.read_text(encoding="utf-8")
    assert text.endswith("# saved by hand meanwhile\n") and "bond_confirmed: 2026" not in text
    assert not (mine.parent / "mine.yaml.bak").exists()  # no backup of a state never written


def test_a_symlink_planted_at_the_backup_is_not_followed(run, mine: Path,
                                                         tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    (tmp_path / "mine.yaml.bak").symlink_to(victim)
    before = mine.read_bytes()
    result = run("record", "bond_confirmed", "2026-01-05", "-c", str(mine), *ASOF, code=2)
    assert "mine.yaml.bak is not a regular file" in result.stderr
    assert victim.read_text(encoding="utf-8") == "precious\n" and mine.read_bytes() == before


def test_undo_trusts_only_the_backup_it_wrote(run, mine: Path, tmp_path: Path) -> None:
    backup = tmp_path / "mine.yaml.bak"
    run("record", "bond_confirmed", "2026-01-05", "-c", str(mine), *ASOF)
    recorded, written = mine.read_bytes(), backup.read_bytes()
    # 1. The backup's content changed after record wrote it (its own hash no longer matches).
    backup.write_bytes(written.replace(b"total:", b"total: 1 #", 1))
    assert "was changed after 'record' wrote it" in run(
        "record", "--undo", "-c", str(mine), code=2).stderr
    # 2. A symlink in its place, even to a good copy.
    good = tmp_path / "elsewhere.bak"
    good.write_bytes(written)
    backup.unlink()
    backup.symlink_to(good)
    assert "not a backup written by 'contractcalc record'" in run(
        "record", "--undo", "-c", str(mine), code=2).stderr
    backup.unlink()
    # 3. A file of another user (planted in a shared folder), even with the right content.
    backup.write_bytes(written)
    if os.getuid() == 0:
        os.chown(backup, 54321, 54321)
        assert "not a regular file of yours" in run(
            "record", "--undo", "-c", str(mine), code=2).stderr
        os.chown(backup, 0, 0)
    assert mine.read_bytes() == recorded
    run("record", "--undo", "-c", str(mine))
    assert mine.read_bytes() == EXAMPLE.read_bytes() and not backup.exists()


def test_backup_and_file_keep_mode_owner_and_group(run, mine: Path, tmp_path: Path) -> None:
    mine.chmod(0o600)
    if os.getuid() == 0:
        os.chown(mine, 4321, 4322)
    run("record", "bond_confirmed", "2026-01-05", "-c", str(mine), *ASOF)
    for path in (mine, tmp_path / "mine.yaml.bak"):
        st = path.stat()
        assert st.st_mode & 0o777 == 0o600, path  # the backup was world-readable
        if os.getuid() == 0:
            assert (st.st_uid, st.st_gid) == (4321, 4322), path
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_read_only_contract_needs_force(run, mine: Path) -> None:
    mine.chmod(0o444)
    before = mine.read_bytes()
    result = run("record", "bond_confirmed", "2026-01-05", "-c", str(mine), *ASOF, code=2)
    assert "is read-only; --force records into it" in result.stderr
    assert mine.read_bytes() == before
    run("record", "bond_confirmed", "2026-01-05", "--force", "-c", str(mine), *ASOF)
    assert b"bond_confirmed: 2026-01-05" in mine.read_bytes()
    assert mine.stat().st_mode & 0o777 == 0o444


def test_a_hard_linked_contract_is_refused_not_split(run, mine: Path, tmp_path: Path) -> None:
    other = tmp_path / "office-copy.yaml"
    os.link(mine, other)
    result = run("record", "bond_confirmed", "2026-01-05", "-c", str(mine), *ASOF, code=2)
    assert "has 2 hard links" in result.stderr
    assert os.path.samefile(mine, other) and mine.read_bytes() == EXAMPLE.read_bytes()


def test_crlf_and_bom_round_trip_byte_exact(run, mine: Path) -> None:
    original = b"\xef\xbb\xbf" + EXAMPLE.read_bytes().replace(b"\n", b"\r\n")
    mine.write_bytes(original)
    run("record", "bond_confirmed", "2026-01-05", "-c", str(mine), *ASOF)
    after = mine.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and b"bond_confirmed: 2026-01-05\r\n" in after
    assert after.count(b"\n") == after.count(b"\r\n")  # no mixed line ends
    run("record", "--undo", "-c", str(mine))
    assert mine.read_bytes() == original


def test_output_file_is_honoured_and_never_the_contract(run, mine: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    result = run("record", "bond_confirmed", "2026-01-05", "-c", str(mine), "-o", str(report),
                 *ASOF)
    assert result.stdout == ""
    assert "recorded bond_confirmed = 2026-01-05" in report.read_text(encoding="utf-8")
    before = mine.read_bytes()
    result = run("record", "bond_submitted", "2025-12-01", "-c", str(mine), "-o", str(mine),
                 *ASOF, code=2)
    assert "is the contract file or its backup" in result.stderr and mine.read_bytes() == before


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_on_stdout_after_the_write_is_no_internal_error(mine: Path) -> None:
    with open("/dev/full", "wb") as full:
        proc = cli("record", "bond_confirmed", "2026-01-05", "-c", str(mine), *ASOF,
                   stdout=full)
        err = proc.communicate(timeout=60)[1].decode()
    code = proc.returncode
    assert code == 2 and "internal error" not in err, err
    assert "was written, but the report could not be" in err
    assert b"bond_confirmed: 2026-01-05" in mine.read_bytes()


def test_undo_of_a_backup_from_the_earlier_version(run, mine: Path, tmp_path: Path) -> None:
    # 0.2's backup: a header with the hash of the text it left (as UTF-8), then the old text.
    import hashlib

    before = mine.read_text(encoding="utf-8")
    run("record", "bond_confirmed", "2026-01-05", "-c", str(mine), *ASOF)
    after = mine.read_text(encoding="utf-8")
    digest = hashlib.sha256(after.encode("utf-8")).hexdigest()
    (tmp_path / "mine.yaml.bak").write_text(
        f"# contractcalc record: the file before the last change. 'contractcalc record --undo' "
        f"restores it. after={digest}\n" + before, encoding="utf-8")
    run("record", "--undo", "-c", str(mine))
    assert mine.read_text(encoding="utf-8") == before
    (tmp_path / "mine.yaml.bak").write_text("# something else\n", encoding="utf-8")
    assert "not a backup written by 'contractcalc record'" in run(
        "record", "--undo", "-c", str(mine), code=2).stderr


def test_a_backup_name_taken_by_a_directory_is_refused(run, mine: Path, tmp_path: Path) -> None:
    (tmp_path / "mine.yaml.bak").mkdir()
    result = run("record", "bond_confirmed", "2026-01-05", "-c", str(mine), *ASOF, code=2)
    assert "mine.yaml.bak is not a regular file" in result.stderr
    assert "not a backup written by" in run("record", "--undo", "-c", str(mine), code=2).stderr
    assert mine.read_bytes() == EXAMPLE.read_bytes()


def test_a_contract_given_through_a_symlink_is_written_where_it_is(run, mine: Path,
                                                                    tmp_path: Path) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to(mine)
    run("record", "bond_confirmed", "2026-01-05", "-c", str(link), *ASOF)
    assert link.is_symlink() and b"bond_confirmed: 2026-01-05" in mine.read_bytes()
    assert (tmp_path / "mine.yaml.bak").is_file()
