"""Reading contract files: safe YAML with positions, pydantic validation, a validated snapshot.

Every problem becomes an InputError ``FILE:LINE:COLUMN: field.path: what was expected``.
A file that validated once is remembered with its full text, so later runs skip YAML and pydantic
(neither is imported then); any change to the text means a fresh validation.
"""

from __future__ import annotations

import datetime as dt
import marshal
import os
import sys
import zlib
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from contractcalc import __version__, terms
from contractcalc.errors import InputError, InputErrors
from contractcalc.terms import Contract, problems

MAX_BYTES = 1 << 20  # a contract file is a few KB; anything past 1 MiB is not one
BUILTIN = Path(__file__).with_name("data") / "contract-2025-036.yaml"
ENV_VAR = "CONTRACTCALC_CONTRACT"
Position = tuple[int, int]


def resolve_contract_path(given: Path | None, *, cwd: Path | None = None) -> tuple[Path, str]:
    """The contract to use and why: -c FILE, else $CONTRACTCALC_CONTRACT, else ./contract.yaml,
    else the built-in example (the caller says so on stderr)."""
    if given is not None:
        return given, "option"
    if env := os.environ.get(ENV_VAR):
        return Path(env), "env"
    local = (cwd or Path.cwd()) / "contract.yaml"
    if local.is_file():
        return local, "cwd"
    return BUILTIN, "builtin"


def open_input(path: Path, name: str) -> BinaryIO:
    """Open a user's file for reading, or say in one line why it cannot be."""
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise InputError("file not found", source=name) from None
    except IsADirectoryError:
        raise InputError("is a directory, expected a file", source=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=name) from None


def read_text(path: Path, *, label: str | None = None) -> str:
    """Bytes → text with the guards every input file gets: size, binary, UTF-8 (BOM allowed)."""
    name = label or str(path)
    with open_input(path, name) as fh:
        data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(f"larger than {MAX_BYTES // 1024} KiB; not a contract file", source=name)
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError("binary data (NUL byte); expected a UTF-8 text file",
                         source=name, line=line)
    try:
        return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")  # a BOM is allowed
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
                         source=name, line=line) from None


def load_contract(path: Path, *, label: str | None = None, use_cache: bool = True) -> Contract:
    """Read and validate a contract file, from the snapshot when its bytes are unchanged."""
    name = label or str(path)
    text = read_text(path, label=name)
    # The name only narrows the search; the snapshot holds the full text it was made from and is
    # used only when that text is identical, so no collision can return stale terms.
    stamp = f"{__version__}|{sys.version_info[:2]}|{text}"
    snapshot = _cache_dir() / f"{zlib.crc32(stamp.encode()):08x}-{len(stamp)}.snapshot"
    if use_cache and (cached := _read_snapshot(snapshot, stamp)) is not None:
        return cached
    contract = parse_contract(text, source=name)
    if use_cache:
        _write_snapshot(snapshot, stamp, contract)
    return contract


def parse_contract(text: str, *, source: str) -> Contract:
    data, positions = parse_yaml(text, source=source)
    if not isinstance(data, dict):
        raise InputError("expected a mapping of contract terms at the top level",
                         source=source, line=1, column=1)
    contract = validate(Contract, data, positions, source=source)
    locate = locator(positions)
    found = [located(path, message, locate, source) for path, message in problems(contract)]
    if found:
        raise InputErrors(found)
    return contract


def validate(kind: type, data: Any, positions: Mapping[tuple, Position], *, source: str) -> Any:
    from pydantic import TypeAdapter, ValidationError

    try:
        return TypeAdapter(kind).validate_python(data)
    except ValidationError as exc:
        locate = locator(positions)
        raise InputErrors([_error(e, positions, locate, source) for e in exc.errors()]) from None


def locator(positions: Mapping[tuple, Position]) -> Callable[[tuple], Position]:
    """Where a field path is written: its own position, else its nearest written parent's."""
    # pydantic reports keys as it validated them (2027 may come back as '2027'): match as text.
    keyed = {tuple(str(p) for p in path): pos for path, pos in positions.items()}

    def locate(loc: tuple) -> Position:
        parts = tuple(str(p) for p in loc)
        for n in range(len(parts), -1, -1):
            if parts[:n] in keyed:
                return keyed[parts[:n]]
        return (1, 1)

    return locate


def located(path: tuple, message: str, locate: Callable[[tuple], Position],
            source: str) -> InputError:
    line, column = locate(path)
    return InputError(message, source=source, line=line, column=column,
                      field=".".join(str(p) for p in path) or "(top level)")


def _error(err: Any, positions: Mapping[tuple, Position], locate: Callable[[tuple], Position],
           source: str) -> InputError:
    from contractcalc.yamlsafe import KEY

    loc = tuple(err["loc"])
    if err["type"] in ("unexpected_keyword_argument", "extra_forbidden"):
        message = "unknown field (check the spelling; see the example contract)"
        if (KEY, *loc) in positions:  # point at the misspelt key itself
            return located(loc, message, lambda _: positions[(KEY, *loc)], source)
        return located(loc, message, locate, source)
    message = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] in ("missing_argument", "missing"):
        message = "required field is missing"
    elif "input" in err and not isinstance(err["input"], dict | list):
        message += f", got {err['input']!r}"
    return located(loc, message, locate, source)


def parse_yaml(text: str, *, source: str) -> tuple[Any, dict[tuple, Position]]:
    """Safe YAML → plain data plus the (line, column) of every value, by path.

    Aliases are refused (no alias bombs, and contract files never need them); duplicate keys are
    refused; decimals stay exact (a float in YAML becomes a Decimal, never a binary float).
    """
    from contractcalc import yamlsafe

    return yamlsafe.load(text, source=source)


def _cache_dir() -> Path:
    base = os.environ.get("CONTRACTCALC_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "contractcalc" if base else Path.home() / ".cache" / "contractcalc"


def _read_snapshot(path: Path, stamp: str) -> Contract | None:
    """The validated terms, if a snapshot of exactly this text exists. Snapshots are marshal
    data of plain values, rebuilt into known types only: unlike pickle, reading one cannot run
    code, whoever wrote the file."""
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
        kind = getattr(terms, rest[0])
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
