"""The validated-contract snapshot: a contract file that validated once is remembered, so later
runs skip YAML and pydantic (neither is imported then).

Whoever can write the cache can change the figures a user sees, so the cache trusts nothing it
did not make itself (issue: a planted snapshot printed daily damages 0.00):
- the directory must be the user's own and writable by nobody else (made 0700); otherwise one
  warning and the run goes on without a cache, as it does with no HOME or no passwd entry;
- a snapshot's name is a BLAKE2 hash of the contract text *and* of the whole installed package
  (every module and data file), so a new rule never meets an old snapshot;
- its content carries a BLAKE2 digest keyed by that hash, checked before use (random corruption
  and a snapshot copied under another name are both refused);
- files are opened without following symlinks, non-blocking (a FIFO cannot hang the run), used
  only when they are regular files under a size cap; written 0600 under an unpredictable name
  (O_EXCL) and renamed into place; at most MAX_SNAPSHOTS are kept.
Snapshots are marshal data of plain values rebuilt into known types only: unlike pickle, reading
one cannot run code. They hold the validated terms and nothing else (not the contract's text).
`--no-cache` or CONTRACTCALC_NO_CACHE=1 turns the cache off.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import marshal
import os
import stat
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from contractcalc import __version__

try:  # the BLAKE2 module alone: `hashlib` would also load OpenSSL, a cost on every start-up
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b
from contractcalc.core import model
from contractcalc.core.model import Contract
from contractcalc.i18n import _

MAGIC = b"ccsnap3\n"
MAX_BYTES = 4 << 20  # the terms of a 1 MiB contract file are far smaller
MAX_SNAPSHOTS = 4096  # a contract office runs `status` over hundreds of files: keep them all
DIGEST = 32
_PACKAGE = Path(__file__).resolve().parents[2]
_state: dict[str, Any] = {"off": False, "warned": False, "code": None, "evicted": False,
                          "directory": None}


def new_run() -> None:
    """A run warns about an unusable cache once and evicts once: a new run (the CLI in tests,
    many in one process) starts afresh; the process-wide package hash is kept."""
    _state["warned"] = _state["evicted"] = False


def switch_off(off: bool = True) -> None:
    """--no-cache: neither read nor write snapshots in this run."""
    _state["off"] = off


def recall(text: str) -> Contract | None:
    """The terms validated from exactly this text by this code, if a sound snapshot exists."""
    found = _locate(text)
    if found is None:
        return None
    directory, name, key = found
    try:
        data = _read(directory, name)
        value = _thaw(_open(data, key)) if data is not None else None
    except Exception:  # missing, damaged, or from another layout: validate again
        value = None
    return value if isinstance(value, Contract) else None


def prepare() -> None:
    """Open and check the cache directory now, before a run forks workers: its one warning,
    if any, is then said by this process (a worker's output goes nowhere) and the workers
    inherit the open directory."""
    if not _off():
        _open_directory()


def _off() -> bool:
    """--no-cache or CONTRACTCALC_NO_CACHE: neither read nor write snapshots."""
    return bool(_state["off"]) or os.environ.get("CONTRACTCALC_NO_CACHE", "") not in ("", "0")


def remember(text: str, contract: Contract) -> None:
    found = _locate(text)
    if found is None:
        return
    directory, name, key = found
    try:
        payload = marshal.dumps((key, _freeze(contract)))
        _write(directory, name, MAGIC + _digest(payload, key) + payload)
        if not _state["evicted"]:  # once per run: scanning per write is quadratic over an office
            _state["evicted"] = True
            _evict(directory)
    except (OSError, TypeError, ValueError):
        pass  # a full disk or a read-only cache only costs speed


def _locate(text: str) -> tuple[int, str, bytes] | None:
    """An open descriptor of the cache directory, the snapshot's name and its key; None when
    the cache is off or not safe to use."""
    if _off():
        return None
    directory = _open_directory()
    if directory is None:
        return None
    code = _code_hash(directory)
    if code is None:
        return None
    key = blake2b(code + text.encode("utf-8", "surrogatepass"), digest_size=DIGEST,
                          person=b"contractcalc-key").digest()
    return directory, f"{key.hex()[:40]}.snapshot", key


def _package_files() -> list[tuple[str, os.stat_result]]:
    """Every file of the installed package but compiled bytecode, by relative path, sorted."""
    found: list[tuple[str, os.stat_result]] = []

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            listed = sorted(entries, key=lambda e: e.name)
        for entry in listed:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    walk(entry.path, f"{prefix}{entry.name}/")
            elif not entry.name.endswith((".pyc", ".pyo")):
                found.append((prefix + entry.name, entry.stat()))

    walk(str(_PACKAGE), "")
    return found


def _code_hash(directory: int) -> bytes | None:
    """What shapes a validation besides the text: version, Python, and the whole package (every
    module and data file: a rule in any of them may change what a file validates to; a list of
    files missed ranges.py and events.py). Hashing 600 KB on every run would cost start-up, so
    the hash is kept in the cache under a name made of the files' sizes, times and inodes (any
    upgrade or edit changes them), and computed once per process otherwise."""
    if _state["code"] is None:
        try:
            files = _package_files()
        except OSError:  # sources not on disk (a zip app): no way to tell versions apart
            return None
        if not files:
            return None
        signature = blake2b("".join(
            [f"{__version__}|{sys.version_info[:2]}|{_PACKAGE}\n", *(
                f"{rel}|{st.st_size}|{st.st_mtime_ns}|{st.st_ino}\n" for rel, st in files)]
        ).encode("utf-8", "surrogateescape"), digest_size=20)
        name = f"{signature.hexdigest()}.code"
        known = _read(directory, name)
        if known is not None and len(known) == DIGEST:
            _state["code"] = known
        else:
            digest = blake2b(f"{__version__}|{sys.version_info[:2]}".encode(),
                             digest_size=DIGEST)
            try:
                for rel, _st in files:
                    digest.update(rel.encode("utf-8", "surrogateescape") + b"\0")
                    digest.update((_PACKAGE / rel).read_bytes())
            except OSError:
                return None
            computed = digest.digest()
            _state["code"] = computed
            with contextlib.suppress(OSError):
                _write(directory, name, computed)
    code: bytes = _state["code"]
    return code


def cache_dir() -> Path | None:
    """$CONTRACTCALC_CACHE_DIR, $XDG_CACHE_HOME or ~/.cache, then contractcalc/; None without a
    home (a container run with --user NNN has neither HOME nor a passwd entry)."""
    for variable in ("CONTRACTCALC_CACHE_DIR", "XDG_CACHE_HOME"):
        base = os.environ.get(variable)
        if not base:
            continue
        if os.path.isabs(base):
            return Path(base) / "contractcalc"
        # A relative one would put the cache in the current folder (a shared contracts folder):
        # ignored, as the XDG specification says, with a warning.
        _warn_once(_("{variable}={value!r} is not an absolute path; ignored").format(
            variable=variable, value=base[:200]))
    home = os.environ.get("HOME")
    if home is None:
        import pwd

        try:
            home = pwd.getpwuid(os.getuid()).pw_dir
        except KeyError:
            return None
    if not os.path.isabs(home) or home == "/":  # HOME="" or relative or / : none of the user's
        return None
    return Path(home) / ".cache" / "contractcalc"


def _open_directory() -> int | None:
    """The cache directory, opened and checked once per run and directory (`status` reads
    hundreds of snapshots from it); None when it cannot be used."""
    if os.name != "posix":  # pragma: no cover - the ownership checks below need POSIX
        return None
    path = cache_dir()
    if path is None:
        return None
    held = _state["directory"]
    if held is not None and held[0] == path:
        return cast("int | None", held[1])
    if held is not None and held[1] is not None:
        os.close(held[1])
    fd = _check_directory(path)
    _state["directory"] = (path, fd)
    return fd


def _check_directory(path: Path) -> int | None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.mkdir(path, 0o700)
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return None  # read-only home, a symlink or a file in the way: run without
    st = os.fstat(fd)
    if st.st_uid != os.getuid() or st.st_mode & 0o022:
        os.close(fd)
        whose = _("another user's") if st.st_uid != os.getuid() else _("writable by others")
        _warn_once(_("not using the snapshot cache {path}: it is {whose} (it must be yours, "
                     "mode 0700); running without it").format(path=path, whose=whose))
        return None
    if st.st_mode & 0o077:
        os.fchmod(fd, 0o700)  # ours but readable by others: close it
    return fd


def _warn_once(message: str) -> None:
    if not _state["warned"]:
        _state["warned"] = True
        with contextlib.suppress(OSError, ValueError, AttributeError):
            sys.stderr.write(_("contractcalc: warning: {message}").format(message=message) + "\n")


def _read(directory: int, name: str) -> bytes | None:
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=directory)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.getuid() or st.st_size > MAX_BYTES:
            return None
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
        return data if len(data) <= MAX_BYTES else None
    finally:
        os.close(fd)


def _digest(payload: bytes, key: bytes) -> bytes:
    return blake2b(payload, key=key, digest_size=DIGEST).digest()


def _open(data: bytes, key: bytes) -> Any:
    """The frozen terms, if the digest and the key inside match; else ValueError."""
    head, mac, payload = data[:len(MAGIC)], data[len(MAGIC):len(MAGIC) + DIGEST], \
        data[len(MAGIC) + DIGEST:]
    from _operator import _compare_digest  # what hmac.compare_digest is, without loading
    # OpenSSL through hmac's import of hashlib on every start-up

    if head != MAGIC or not _compare_digest(mac, _digest(payload, key)):
        raise ValueError("snapshot damaged or not ours")
    made_for, frozen = marshal.loads(payload)
    if made_for != key:
        raise ValueError("snapshot of another text")
    return frozen


def _write(directory: int, name: str, data: bytes) -> None:
    import secrets

    tmp = f".{secrets.token_hex(12)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600,
                 dir_fd=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, name, src_dir_fd=directory, dst_dir_fd=directory)
    except BaseException:  # also SIGTERM (SystemExit) mid-write: no temporary file is left
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=directory)
        raise


def _evict(directory: int) -> None:
    """Keep the newest MAX_SNAPSHOTS snapshots; drop temporary files older than an hour."""
    now = time.time()
    snapshots = []
    with os.scandir(directory) as entries:
        for entry in entries:
            st = entry.stat(follow_symlinks=False)
            if entry.name.endswith((".snapshot", ".code")):
                snapshots.append((st.st_mtime, entry.name))
            elif entry.name.endswith(".tmp") and now - st.st_mtime > 3600:
                os.unlink(entry.name, dir_fd=directory)
    for _stamp, name in sorted(snapshots, reverse=True)[MAX_SNAPSHOTS:]:
        os.unlink(name, dir_fd=directory)


def _freeze(value: Any) -> Any:
    """Terms → nested tuples: plain values (str, int, bool, None) as they are, every other value
    a tuple tagged with its type (so a plain value is never mistaken for one)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return ("T", type(value).__name__, tuple(_freeze(v) for v in value))
    if isinstance(value, tuple):
        return ("t", tuple(_freeze(v) for v in value))
    if isinstance(value, dict):
        return ("m", tuple((_freeze(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, Decimal):
        return ("D", str(value))
    if isinstance(value, dt.date):
        return ("d", value.toordinal())
    raise TypeError(f"cannot snapshot {type(value).__name__}")


def _thaw(frozen: Any) -> Any:
    """The inverse of _freeze, rebuilding only the model's own types (`status` thaws hundreds
    of contracts per run: written for speed)."""
    if type(frozen) is not tuple:
        if frozen is None or type(frozen) in (bool, int, str):
            return frozen
        raise ValueError(f"not a snapshot value: {type(frozen).__name__}")
    tag = frozen[0]
    if tag == "T":
        return _kind(frozen[1])._make([_thaw(v) for v in frozen[2]])
    if tag == "t":
        return tuple([_thaw(v) for v in frozen[1]])
    if tag == "D":
        return Decimal(frozen[1])
    if tag == "d":
        return dt.date.fromordinal(frozen[1])
    if tag == "m":
        return {_thaw(k): _thaw(v) for k, v in frozen[1]}
    raise ValueError(f"unknown snapshot tag {tag!r}")


_KINDS: dict[str, Any] = {}


def _kind(name: str) -> Any:
    kind = _KINDS.get(name)
    if kind is None:
        kind = getattr(model, name)
        if not (isinstance(kind, type) and issubclass(kind, tuple) and hasattr(kind, "_make")):
            raise ValueError(f"not a type of terms: {name!r}")
        _KINDS[name] = kind
    return kind
