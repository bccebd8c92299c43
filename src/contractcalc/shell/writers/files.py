"""The one way the tool writes a file (--ics, --output): whole or not at all, and never over
something it must not replace.

Why each rule: `--ics contract.yaml` used to replace the contract with a calendar, and as root
`--ics /dev/null` would replace the device. So a target that is an input of the same run, or is
not a regular file, is refused (exit 2) before anything is written; a new file gets the usual
permissions (0666 less the umask, as `open()` would give it), an existing one keeps its mode; the
bytes go to an unpredictably named temporary file beside the target (mkstemp: O_EXCL, 0600),
are fsynced and renamed over it, so a crash leaves the old file or the new one, never half.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import BinaryIO

from contractcalc.core.errors import InputError
from contractcalc.i18n import _

_inputs: dict[tuple[int, int], str] = {}
"""(device, inode) of every file this run read, so no output can replace one of them."""


def note_input(fd: int, name: str) -> None:
    """Remember an open input file (by its identity, so links and other spellings match)."""
    try:
        st = os.fstat(fd)
    except OSError:
        return
    if stat.S_ISREG(st.st_mode):
        _inputs[(st.st_dev, st.st_ino)] = name


def forget_inputs() -> None:
    """A new run starts with no inputs (the CLI calls this per command; tests run many), and
    with the snapshot cache's once-per-run state reset (its warning was said by the first
    run of a process only: the suite failed under repetition)."""
    _inputs.clear()
    import sys

    cache = sys.modules.get("contractcalc.shell.runtime.snapshot")
    if cache is not None:
        cache.new_run()


def open_regular(path: Path, name: str, *, pipes: bool = False) -> BinaryIO:
    """open_regular_fd as a binary file object."""
    return os.fdopen(open_regular_fd(path, name, pipes=pipes), "rb")


def open_regular_fd(path: Path, name: str, *, pipes: bool = False) -> int:
    """Open an input for reading only if it is a regular file: O_NONBLOCK, so a FIFO named as a
    contract or an outage log (by someone else's contract) cannot hang the run, and the type is
    checked on the descriptor opened (no race between a check and the open). `pipes`: a FIFO
    the user named on the command line (`uptime <(zcat log.gz)`) is read, blocking."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) \
        | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError(_("file not found"), source=name) from None
    except IsADirectoryError:
        raise InputError(_("is a directory, expected a file"), source=name) from None
    except OSError as exc:
        raise InputError(_("cannot read: {reason}").format(reason=exc.strerror),
                         source=name) from None
    st = os.fstat(fd)
    if pipes and stat.S_ISFIFO(st.st_mode):
        os.set_blocking(fd, True)
        return fd
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(_("is a directory, expected a file"), source=name)
        raise InputError(_("is {kind}, not a regular file; expected a file").format(
            kind=_kind(st.st_mode)), source=name)
    if flags & getattr(os, "O_NONBLOCK", 0):
        os.set_blocking(fd, True)  # a regular file never blocks; plain reads from here on
    return fd


def write_atomic(path: Path, data: bytes, *, option: str, edits_input: bool = False) -> None:
    """Replace `path` with `data`, or raise InputError (exit 2) naming `option` and saying why.

    edits_input: the run exists to change this input (`record` writing the contract file)."""
    name = str(path)
    target = Path(os.path.realpath(path))  # a symlink's target is what would be replaced
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InputError(_("cannot write there: {reason}").format(reason=exc.strerror),
                         source=name, field=option) from None
    if st is not None:
        if not stat.S_ISREG(st.st_mode):
            kind = _kind(st.st_mode)
            raise InputError(_("is {kind}, not a regular file; refusing to replace it").format(
                kind=kind),
                             source=name, field=option)
        if (st.st_dev, st.st_ino) in _inputs and not edits_input:
            raise InputError(_("is an input of this run ({given}); refusing to overwrite it")
                             .format(given=_inputs[(st.st_dev, st.st_ino)]),
                             source=name, field=option)
        mode = stat.S_IMODE(st.st_mode)
    else:
        mode = 0o666 & ~_umask()
    import tempfile  # here: its import pulls in `random` and `hashlib`, a cost for every run

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise InputError(_("cannot write there: {reason}").format(reason=exc.strerror),
                         source=name, field=option) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        os.unlink(tmp)
        raise InputError(_("cannot write: {reason}").format(reason=exc.strerror), source=name,
                         field=option) from None
    except BaseException:  # SIGTERM/SIGHUP (cli/app.py makes them SystemExit) or Ctrl-C:
        with contextlib.suppress(OSError):  # no temporary file is left behind
            os.unlink(tmp)
        raise
    sync_directory(target.parent)
    _inputs[_identity(target)] = f"{option} {name}"  # no later output of this run may replace it


def _identity(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_dev, st.st_ino


def _kind(mode: int) -> str:
    for test, kind in ((stat.S_ISDIR, _("a directory")), (stat.S_ISCHR, _("a device")),
                       (stat.S_ISBLK, _("a device")), (stat.S_ISFIFO, _("a FIFO (named pipe)")),
                       (stat.S_ISSOCK, _("a socket"))):
        if test(mode):
            return kind
    return _("not a regular file")  # pragma: no cover - every POSIX file type is listed above


def _umask() -> int:
    mask = os.umask(0o022)  # the only portable way to read it is to set it and set it back
    os.umask(mask)
    return mask


def sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); skipped where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on directories
        pass
    finally:
        os.close(fd)
