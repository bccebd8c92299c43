"""The snapshot cache trusts nothing it did not make: attacks from issue 15, one test each.

A second user is simulated by chown as root (when the tests run as root) or by making os.getuid
report another user.
"""

import marshal
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from contractcalc.shell.contracts.contract_file import load_contract
from contractcalc.shell.runtime import snapshot
from tests.conftest import EXAMPLE, ROOT

TEXT = EXAMPLE.read_text(encoding="utf-8")


def _setup(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "c.yaml"
    path.write_text(TEXT, encoding="utf-8")
    return path, tmp_path / "cache" / "contractcalc"


def _name(text: str = TEXT) -> tuple[str, bytes]:
    found = snapshot._locate(text)
    assert found is not None
    snapshot._state["directory"] = None  # the attack happens between runs: check it afresh
    os.close(found[0])
    return found[1], found[2]


def _plant(directory: Path, contract, text: str = TEXT) -> None:
    """What an attacker who can write the directory would plant: a well-formed snapshot of
    other terms under the right name (the key and digest are computable from public data)."""
    name, key = _name(text)
    payload = marshal.dumps((key, snapshot._freeze(contract)))
    (directory / name).write_bytes(snapshot.MAGIC + snapshot._digest(payload, key) + payload)


@pytest.fixture(autouse=True)
def _fresh_state():
    snapshot._state.update(off=False, warned=False, directory=None)
    yield
    snapshot._state.update(off=False, warned=False, directory=None)


def test_cache_is_private(tmp_path) -> None:
    path, cache = _setup(tmp_path)
    load_contract(path)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    files = [p for p in cache.iterdir() if p.suffix != ".code"]        # (the package's hash)
    assert len(files) == 1 and files[0].suffix == ".snapshot"          # no temp file left
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert TEXT[:200].encode() not in files[0].read_bytes()             # terms only, not the text


def test_a_directory_writable_by_others_is_not_used(tmp_path, contract, capsys) -> None:
    path, cache = _setup(tmp_path)
    cache.mkdir(parents=True)
    _plant(cache, contract._replace(total=1))
    cache.chmod(0o777)
    assert load_contract(path).total == 240000                          # validated afresh
    load_contract(path)
    assert capsys.readouterr().err.count("not using the snapshot cache") == 1   # one warning


def test_another_users_directory_is_not_used(tmp_path, contract, monkeypatch, capsys) -> None:
    path, cache = _setup(tmp_path)
    cache.mkdir(parents=True, mode=0o700)
    _plant(cache, contract._replace(total=1))
    if os.getuid() == 0:
        os.chown(cache, 65534, 65534)
    else:  # pragma: no cover - CI runs as root
        monkeypatch.setattr(os, "getuid", lambda: 12345)
    assert load_contract(path).total == 240000
    assert "another user's" in capsys.readouterr().err


def test_own_directory_readable_by_others_is_closed(tmp_path) -> None:
    path, cache = _setup(tmp_path)
    cache.mkdir(parents=True, mode=0o755)
    cache.chmod(0o755)
    load_contract(path)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700


def test_snapshot_through_a_symlink_is_neither_read_nor_followed(tmp_path, contract) -> None:
    path, cache = _setup(tmp_path)
    cache.mkdir(parents=True, mode=0o700)
    elsewhere = tmp_path / "other"
    elsewhere.mkdir()
    _plant(elsewhere, contract._replace(total=1))
    name, _ = _name()
    (cache / name).symlink_to(elsewhere / name)
    victim = (elsewhere / name).read_bytes()
    assert load_contract(path).total == 240000
    assert (elsewhere / name).read_bytes() == victim                  # the link's target untouched
    assert not (cache / name).is_symlink()                             # the link was replaced


def test_cache_directory_as_a_symlink_is_not_used(tmp_path) -> None:
    path, cache = _setup(tmp_path)
    (tmp_path / "real").mkdir(mode=0o700)
    cache.parent.mkdir()
    cache.symlink_to(tmp_path / "real")
    load_contract(path)
    assert list((tmp_path / "real").iterdir()) == []


def test_a_fifo_at_the_snapshot_name_does_not_hang(tmp_path) -> None:
    path, cache = _setup(tmp_path)
    cache.mkdir(parents=True, mode=0o700)
    os.mkfifo(cache / _name()[0])
    env = {**os.environ, "CONTRACTCALC_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "contractcalc", "penalty", "-c", str(path),
                           "--days-late", "12", "--format", "json"],
                          capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)
    assert done.returncode in (0, 1), done.stderr
    assert '"per_day": "240.00"' in done.stdout or "240.00" in done.stdout


def test_every_corrupted_byte_is_refused(tmp_path) -> None:
    path, cache = _setup(tmp_path)
    load_contract(path)
    [file] = cache.iterdir()
    good = file.read_bytes()
    for i in range(0, len(good), max(1, len(good) // 400)):
        for flip in (0x01, 0x80):
            data = bytearray(good)
            data[i] ^= flip
            file.write_bytes(bytes(data))
            assert snapshot.recall(TEXT) is None, i
    file.write_bytes(good)
    assert snapshot.recall(TEXT) is not None


def test_a_snapshot_under_another_name_is_refused(tmp_path) -> None:
    path, cache = _setup(tmp_path)
    load_contract(path)
    [file] = cache.iterdir()
    other = TEXT.replace("total: 240000.00", "total: 1")
    file.rename(cache / _name(other)[0])
    assert snapshot.recall(other) is None


def test_the_key_covers_the_whole_package(tmp_path, monkeypatch) -> None:
    # The key was made of a list of five files: a changed rule in core/ranges.py (outside it)
    # left the old validation in force. Now every file of the package counts.
    import shutil

    before = _name()[0]
    package = tmp_path / "pkg"
    shutil.copytree(snapshot._PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(snapshot, "_PACKAGE", package)
    monkeypatch.setitem(snapshot._state, "code", None)
    assert _name()[0] == before                                       # same code, same key
    for rel in ("core/ranges.py", "core/events.py", "data/contract-2025-036.yaml"):
        monkeypatch.setitem(snapshot._state, "code", None)
        with (package / rel).open("a", encoding="utf-8") as fh:
            fh.write("# a changed rule\n")
        assert _name()[0] != before, rel                              # an older build's misses
        before = _name()[0]
    monkeypatch.setitem(snapshot._state, "code", None)
    shutil.rmtree(package)
    package.mkdir()
    assert snapshot._locate(TEXT) is None                             # sources unknown: no cache


def test_the_package_hash_is_kept_and_trusted_only_for_the_same_files(tmp_path,
                                                                     monkeypatch) -> None:
    path, cache = _setup(tmp_path)
    monkeypatch.setitem(snapshot._state, "code", None)
    load_contract(path)
    [code] = [p for p in cache.iterdir() if p.suffix == ".code"]
    assert len(code.read_bytes()) == snapshot.DIGEST and code.stat().st_mode & 0o777 == 0o600
    reads = []
    monkeypatch.setitem(snapshot._state, "code", None)
    monkeypatch.setattr(snapshot.Path, "read_bytes", lambda self: reads.append(self) or b"")
    assert snapshot.recall(TEXT) is not None and reads == []          # no source read again


@pytest.mark.parametrize("variable", ["CONTRACTCALC_CACHE_DIR", "XDG_CACHE_HOME"])
def test_a_relative_cache_directory_is_ignored_with_a_warning(run, tmp_path, monkeypatch,
                                                              variable) -> None:
    # XDG_CACHE_HOME=cache dropped the cache into the current folder (a shared contracts one).
    monkeypatch.delenv("CONTRACTCALC_CACHE_DIR")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv(variable, "relative-cache")
    monkeypatch.setitem(snapshot._state, "warned", False)
    monkeypatch.setitem(snapshot._state, "directory", None)
    assert snapshot.cache_dir() == tmp_path / "home" / ".cache" / "contractcalc"
    monkeypatch.setitem(snapshot._state, "warned", False)
    result = run("payments", "-c", str(EXAMPLE), "--as-of", "2026-01-10")
    assert f"{variable}='relative-cache' is not an absolute path; ignored" in result.stderr
    assert not (tmp_path / "relative-cache").exists()


def test_oversized_snapshot_is_ignored(tmp_path) -> None:
    path, cache = _setup(tmp_path)
    cache.mkdir(parents=True, mode=0o700)
    (cache / _name()[0]).write_bytes(b"x" * (snapshot.MAX_BYTES + 1))
    assert snapshot.recall(TEXT) is None
    assert load_contract(path).total == 240000


def test_snapshots_are_evicted(tmp_path, contract, monkeypatch) -> None:
    # A run evicts once, at its first write (scanning at every write is quadratic over an
    # office of contracts): a run keeps the newest MAX_SNAPSHOTS and drops old temporaries.
    _, cache = _setup(tmp_path)
    monkeypatch.setattr(snapshot, "MAX_SNAPSHOTS", 12)
    monkeypatch.setitem(snapshot._state, "evicted", True)
    for n in range(snapshot.MAX_SNAPSHOTS + 8):
        snapshot.remember(f"{TEXT}\n# {n}\n", contract)
    (cache / ".old.tmp").write_bytes(b"")
    os.utime(cache / ".old.tmp", (0, 0))
    monkeypatch.setitem(snapshot._state, "evicted", False)   # the next run
    snapshot.remember(TEXT, contract)
    assert len(list(cache.glob("*.snapshot"))) == snapshot.MAX_SNAPSHOTS
    assert not (cache / ".old.tmp").exists()


@pytest.mark.parametrize("how", ["option", "env"])
def test_cache_can_be_turned_off(tmp_path, run, monkeypatch, how) -> None:
    path, cache = _setup(tmp_path)
    if how == "env":
        monkeypatch.setenv("CONTRACTCALC_NO_CACHE", "1")
        run("penalty", "-c", str(path), "--days-late", "3")
    else:
        run("penalty", "-c", str(path), "--days-late", "3", "--no-cache")
    assert not cache.exists() or not list(cache.iterdir())
    monkeypatch.delenv("CONTRACTCALC_NO_CACHE", raising=False)
    run("penalty", "-c", str(path), "--days-late", "3")              # the next run caches again
    assert len(list(cache.iterdir())) == 1


def test_no_home_and_no_passwd_entry_runs_without_cache(tmp_path, monkeypatch) -> None:
    import pwd

    path, _ = _setup(tmp_path)
    for var in ("CONTRACTCALC_CACHE_DIR", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(var, raising=False)

    def no_entry(uid: int):
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    assert snapshot.cache_dir() is None
    assert load_contract(path).total == 240000
    monkeypatch.setenv("HOME", "")
    assert snapshot.cache_dir() is None


def test_unwritable_cache_costs_only_speed(tmp_path) -> None:
    path, _ = _setup(tmp_path)
    (tmp_path / "cache").write_text("a file where the directory should be")
    assert load_contract(path).total == 240000


def test_the_directory_is_opened_and_checked_once_per_run(tmp_path, monkeypatch) -> None:
    # `status` reads hundreds of snapshots: one open and one ownership check for them all,
    # again when the cache directory changes.
    path, _cache = _setup(tmp_path)
    load_contract(path)
    opened = []
    real = snapshot._check_directory
    monkeypatch.setattr(snapshot, "_check_directory", lambda p: opened.append(p) or real(p))
    for _ in range(3):
        assert load_contract(path).total == 240000
    assert opened == []
    monkeypatch.setenv("CONTRACTCALC_CACHE_DIR", str(tmp_path / "elsewhere"))
    load_contract(path)
    load_contract(path)
    assert opened == [tmp_path / "elsewhere" / "contractcalc"]


def test_a_run_stopped_while_writing_a_snapshot_leaves_no_temporary_file(tmp_path,
                                                                         monkeypatch) -> None:
    path, cache = _setup(tmp_path)

    def stopped(*_args, **_kwargs):
        raise SystemExit(143)  # SIGTERM, as cli/app turns it

    monkeypatch.setattr(snapshot.os, "replace", stopped)
    with pytest.raises(SystemExit):
        load_contract(path)
    assert [p.name for p in cache.iterdir()] == []
