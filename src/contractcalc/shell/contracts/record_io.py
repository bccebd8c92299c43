"""How `record` reads and writes the contract file it edits: locked, compared before the rename,
backed up without following links, byte-exact.

Why each rule (issue 24):
- Ten `record` runs at once each read the file, added their event and renamed: nine events were
  lost. So the file is locked (flock on the contract itself; after the lock is held, the name must
  still lead to the locked inode, else the lock is taken again on the new one), read under the
  lock, and just before the rename its identity and bytes are compared with what was read: an
  editor that does not lock and wrote meanwhile makes the run refuse (exit 2), nothing lost.
- A symlink planted at FILE.bak made the backup overwrite whatever it pointed to, and `--undo`
  trusted a planted FILE.bak. The backup is written to a new file (mkstemp: O_EXCL, O_NOFOLLOW)
  in the contract's own folder with the contract's mode, owner and group, and renamed onto the
  name (a rename replaces a name, never follows it); a FILE.bak that is a link or not a regular
  file is refused. Its first line records the hash of its own content and of the file it leaves
  behind; `--undo` restores it only when it is a regular file (not a link, one link) of the user
  or the contract's owner, its content has the hash it records, and the contract is still what
  that run wrote.
- A read-only contract is refused unless --force; a hard-linked one is refused (a rename would
  split it: the other names would keep the old terms). Mode, owner and group are kept as far as
  the process may keep them.
- CRLF line ends and a BOM come back as they were: the text is edited with LF and without the
  BOM, and written with them again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from contractcalc.core.errors import InputError
from contractcalc.i18n import _

BOM = b"\xef\xbb\xbf"
LOCK_WAIT = 30.0
"""Seconds a record waits for another one on the same file before it gives up (exit 2)."""
HEADER = re.compile(rb"^# contractcalc record: [^\n]*\n")


class Held(NamedTuple):
    """The contract as read under its lock."""

    path: Path
    """The file itself (a symlink given by the user resolved)."""
    fd: int
    raw: bytes
    text: str
    """Without the BOM, with LF line ends: what the YAML edit works on."""
    bom: bool
    crlf: bool
    st: os.stat_result


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


@contextlib.contextmanager
def editing(given: Path, *, name: str, force: bool) -> Iterator[Held]:
    """The contract, locked for this run, read and checked for being safe to rewrite."""
    from contractcalc.shell.contracts.contract_file import MAX_BYTES, decode_text

    path = Path(os.path.realpath(given))
    fd = _lock(path, name)
    try:
        st = os.fstat(fd)
        if st.st_nlink > 1:
            raise InputError(_("has {count} hard links; writing it would leave the other names "
                               "with the old text: record into a copy with one name, or edit "
                               "it by hand").format(count=st.st_nlink), source=name,
                             field="--contract")
        if not force and (not st.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK)):
            raise InputError(_("is read-only; --force records into it all the same (it stays "
                               "read-only)"), source=name, field="--contract")
        raw = _read_all(fd, MAX_BYTES + 1)
        text = decode_text(raw, name)
        crlf = "\r\n" in text and text.count("\n") == text.count("\r\n")
        yield Held(path, fd, raw, text.replace("\r\n", "\n") if crlf else text,
                   raw.startswith(BOM), crlf, st)
    finally:
        os.close(fd)  # releases the lock


def _lock(path: Path, name: str) -> int:
    from contractcalc.shell.writers.files import open_regular_fd

    deadline = time.monotonic() + LOCK_WAIT
    while True:
        fd = open_regular_fd(path, name)
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: the comparison before the rename
            return fd
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(fd)
                    raise InputError(_("another 'record' has been writing this file for "
                                       "{seconds:.0f} s; nothing written, try again").format(
                                           seconds=LOCK_WAIT), source=name) from None
                time.sleep(0.02)
        held, now = os.fstat(fd), _stat(path)
        if now is not None and (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino):
            return fd
        os.close(fd)  # the run before ours renamed a new file onto the name: lock that one


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _read_all(fd: int, limit: int) -> bytes:
    chunks, size = [], 0
    while size < limit and (chunk := os.pread(fd, min(1 << 16, limit - size), size)):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def encoded(held: Held, text: str) -> bytes:
    """The edited text as the file writes it: its line ends and BOM kept."""
    if held.crlf:
        text = text.replace("\n", "\r\n")
    return (BOM if held.bom else b"") + text.encode("utf-8")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def commit(held: Held, after: bytes, *, name: str, backup: bool = True) -> None:
    """Write the backup of what was read (when asked), then replace the file by `after`,
    provided nobody changed it since it was read (looked at before each of the two writes, so a
    refused run leaves the earlier backup too)."""
    if _changed(held):
        raise _changed_error(name)
    if backup:
        header = (f"# contractcalc record: the file before the last change; 'contractcalc "
                  f"record --undo' restores it. before={_sha(held.raw)} after={_sha(after)}\n")
        target = backup_path(held.path)
        existing = _lstat(target)
        if existing is not None and not stat.S_ISREG(existing.st_mode):
            raise InputError(_("{backup} is not a regular file (a link or another kind); "
                               "nothing written: remove it first").format(backup=target.name),
                             source=name, field="--contract")
        _replace(target, header.encode("ascii") + held.raw, held.st, name)
    if _changed(held):
        raise _changed_error(name)
    _replace(held.path, after, held.st, name)


def _changed_error(name: str) -> InputError:
    return InputError(_("the file changed while it was being recorded into (another program "
                        "wrote it); nothing written, run the command again"), source=name)


def _changed(held: Held) -> bool:
    now = _stat(held.path)
    if now is None or (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns) != (
            held.st.st_dev, held.st.st_ino, held.st.st_size, held.st.st_mtime_ns):
        return True
    return _read_all(held.fd, len(held.raw) + 1) != held.raw


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except OSError:
        return None


def _replace(target: Path, data: bytes, like: os.stat_result, name: str) -> None:
    """`data` under the name `target` (its folder's entry, never followed), with the mode, owner
    and group of `like` where the process may set them."""
    import tempfile

    from contractcalc.shell.writers.files import sync_directory

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise InputError(_("cannot write there: {reason}").format(reason=exc.strerror),
                         source=name, field="--contract") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            _own_like(fh.fileno(), like)
            os.fchmod(fh.fileno(), stat.S_IMODE(like.st_mode))  # after chown, which may clear
            os.fsync(fh.fileno())                              # the set-id bits
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise InputError(_("cannot write {target}: {reason}").format(
            target=target.name, reason=exc.strerror), source=name, field="--contract") from None
    except BaseException:  # a signal or Ctrl-C: no temporary file left behind
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    sync_directory(target.parent)


def _own_like(fd: int, like: os.stat_result) -> None:
    """The owner and group of `like`: both where allowed (root), else the group alone (a member
    of it may), else whatever the process gets."""
    for uid, gid in ((like.st_uid, like.st_gid), (-1, like.st_gid)):
        try:
            os.fchown(fd, uid, gid)
            return
        except (PermissionError, AttributeError):
            continue
        except OSError:  # pragma: no cover - a file system without owners
            return


def undo_bytes(held: Held, *, name: str) -> bytes:
    """The bytes the last record replaced, if its backup is the one it wrote and the file is
    still what it wrote."""
    target = backup_path(held.path)
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise InputError(_("no backup {name} beside it: nothing to undo").format(
            name=target.name), source=name) from None
    except OSError as exc:
        raise InputError(_("{backup} cannot be used ({reason}): not a backup written by "
                           "'contractcalc record'").format(backup=target.name,
                                                           reason=exc.strerror),
                         source=name) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_nlink != 1 \
                or st.st_uid not in (os.getuid(), held.st.st_uid):
            raise InputError(_("not a backup written by 'contractcalc record' (not a regular "
                               "file of yours with one link); compare it by hand"),
                             source=str(target))
        data = _read_all(fd, 2 * (1 << 20) + 4096)
    finally:
        os.close(fd)
    match = HEADER.match(data)
    fields = dict(re.findall(rb"(before|after)=([0-9a-f]{64})", match.group(0))) if match else {}
    if match is None or b"after" not in fields:
        raise InputError(_("not a backup written by 'contractcalc record'"), source=str(target))
    before = data[match.end():]
    if b"before" in fields:
        if _sha(before) != fields[b"before"].decode():
            raise InputError(_("the backup was changed after 'record' wrote it; compare it "
                               "by hand"), source=str(target))
        current = _sha(held.raw)
    else:  # a backup of an earlier version: the hash of the text it left, as UTF-8
        current = _sha(held.raw.removeprefix(BOM))
    if current != fields[b"after"].decode():
        raise InputError(_("the file changed since the last record: compare it with the backup "
                           "by hand"), source=str(target))
    return before


def remove_backup(held: Held) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(backup_path(held.path))
