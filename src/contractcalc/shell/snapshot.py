"""The validated-contract snapshot: a contract file that validated once is remembered with its
full text, so later runs skip YAML and pydantic (neither is imported then).

Snapshots are marshal data of plain values, rebuilt into known types only: unlike pickle,
reading one cannot run code, whoever wrote the file.
"""

from __future__ import annotations

import datetime as dt
import marshal
import os
import sys
import zlib
from decimal import Decimal
from pathlib import Path
from typing import Any

from contractcalc import __version__
from contractcalc.core import model
from contractcalc.core.model import Contract


def recall(text: str) -> Contract | None:
    """The terms validated from exactly this text, if a snapshot of it exists."""
    stamp = _stamp(text)
    return _read_snapshot(_path(stamp), stamp)


def remember(text: str, contract: Contract) -> None:
    stamp = _stamp(text)
    _write_snapshot(_path(stamp), stamp, contract)


def _stamp(text: str) -> str:
    return f"{__version__}|{sys.version_info[:2]}|{text}"


def _path(stamp: str) -> Path:
    # The name only narrows the search; the snapshot holds the full text it was made from and is
    # used only when that text is identical, so no collision can return stale terms.
    return _cache_dir() / f"{zlib.crc32(stamp.encode()):08x}-{len(stamp)}.snapshot"


def _cache_dir() -> Path:
    base = os.environ.get("CONTRACTCALC_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "contractcalc" if base else Path.home() / ".cache" / "contractcalc"


def _read_snapshot(path: Path, stamp: str) -> Contract | None:
    """The validated terms, if a snapshot of exactly this text exists."""
    try:
        made_from, frozen = marshal.loads(path.read_bytes())
        if made_from != stamp:
            return None
        value = _thaw(frozen)
    except Exception:  # missing, unreadable, or from another layout: validate again
        return None
    return value if isinstance(value, Contract) else None


def _write_snapshot(path: Path, stamp: str, contract: Contract) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps((stamp, _freeze(contract))))
        tmp.replace(path)
    except OSError:
        pass  # a read-only home only costs speed


def _freeze(value: Any) -> Any:
    """Terms → nested tuples of str/int/bool/None, each non-plain value tagged with its type."""
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
    if value is None or isinstance(value, bool | int | str):
        return ("v", value)
    raise TypeError(f"cannot snapshot {type(value).__name__}")


def _thaw(frozen: Any) -> Any:
    tag, *rest = frozen
    if tag == "v":
        return rest[0]
    if tag == "T":
        kind = getattr(model, rest[0])
        return kind._make(_thaw(v) for v in rest[1])
    if tag == "t":
        return tuple(_thaw(v) for v in rest[0])
    if tag == "m":
        return {_thaw(k): _thaw(v) for k, v in rest[0]}
    if tag == "D":
        return Decimal(rest[0])
    if tag == "d":
        return dt.date.fromordinal(rest[0])
    raise ValueError(f"unknown snapshot tag {tag!r}")
