"""Reading contract files: safe YAML with positions, pydantic validation, a validated snapshot.

Every problem becomes an InputError ``FILE:LINE:COLUMN: field.path: what was expected``.
A file that validated once is remembered by a hash of its text and of the validating code, so
later runs skip YAML and pydantic (neither is imported then); any change means a fresh validation.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from contractcalc.core.errors import InputError, InputErrors, brief
from contractcalc.core.model import Contract, problems
from contractcalc.i18n import _
from contractcalc.shell.runtime import snapshot

MAX_BYTES = 1 << 20  # a contract file is a few KB; anything past 1 MiB is not one
BUILTIN = Path(__file__).parents[2] / "data" / "contract-2025-036.yaml"
ENV_VAR = "CONTRACTCALC_CONTRACT"
Position = tuple[int, int]
Path_ = tuple[Any, ...]  # a field's path: keys and list indexes


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


def open_input(path: Path, name: str, *, pipes: bool = False) -> BinaryIO:
    """Open a user's file for reading, or say in one line why it cannot be: never blocking on a
    FIFO (unless `pipes`: named on the command line) or reading a device (shell/files)."""
    from contractcalc.shell.writers.files import note_input, open_regular

    fh = open_regular(path, name, pipes=pipes)
    note_input(fh.fileno(), name)  # so no output of this run can replace it
    return fh


def read_text(path: Path, *, label: str | None = None) -> str:
    """Bytes → text with the guards every input file gets: size, binary, UTF-8 (BOM allowed)."""
    name = label or str(path)
    with open_input(path, name) as fh:
        data = fh.read(MAX_BYTES + 1)
    return decode_text(data, name)


def decode_text(data: bytes, name: str) -> str:
    """The guards of read_text on bytes read already (record reads under its lock)."""
    if len(data) > MAX_BYTES:
        raise InputError(_("larger than {kib} KiB; not a contract file").format(
            kib=MAX_BYTES // 1024), source=name)
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(_("binary data (NUL byte); expected a UTF-8 text file"),
                         source=name, line=line)
    try:
        return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")  # a BOM is allowed
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(_("not UTF-8 (byte 0x{byte:02x}); save the file as UTF-8").format(
            byte=data[exc.start]),
                         source=name, line=line) from None


def load_contract(path: Path, *, label: str | None = None, use_cache: bool = True) -> Contract:
    """Read and validate a contract file, from the snapshot when its bytes are unchanged."""
    name = label or str(path)
    text = read_text(path, label=name)
    # The snapshot is found by a hash of the text and of the validating code (runtime/snapshot.py).
    if use_cache and (cached := snapshot.recall(text)) is not None:
        return cached
    contract = parse_contract(text, source=name)
    if use_cache:
        snapshot.remember(text, contract)
    return contract


def parse_contract(text: str, *, source: str) -> Contract:
    data, positions = parse_yaml(text, source=source)
    if not isinstance(data, dict):
        raise InputError(_("expected a mapping of contract terms at the top level"),
                         source=source, line=1, column=1)
    fold_events(data, positions)
    rename_from(data, positions)
    contract: Contract = validate(Contract, data, positions, source=source)
    locate = locator(positions)
    found = [located(path, message, locate, source) for path, message in problems(contract)]
    if not found:  # event names are checked against installments etc. that validated
        from contractcalc.core.events import event_problems

        found = [located(path, message, locate, source)
                 for path, message in event_problems(contract)]
    if found:
        raise InputErrors(found)
    return contract


EVENT_LISTS = ("failed_acceptances", "breaches", "evaluations")


def fold_events(data: dict[Any, Any], positions: dict[Path_, Position]) -> None:
    """`events:` is one flat mapping in the file (each event by name, plus three lists); the model
    keeps the single dates under `dated`. The 0.1 form `delivered: {key: date}` folds in too.
    Positions move with the values, so errors still point at the line written."""
    from contractcalc.shell.contracts.yamlsafe import KEY

    events = data.get("events")
    if not isinstance(events, dict):
        return
    dated: dict[Any, Any] = {}
    folded: dict[Any, Any] = {"dated": dated}

    def move(old: Path_, name: Any) -> None:
        for prefix in ((), (KEY,)):
            if (*prefix, *old) in positions:
                positions[(*prefix, "events", "dated", name)] = positions[(*prefix, *old)]

    for key, value in events.items():
        if key in EVENT_LISTS:
            folded[key] = value
        elif key == "delivered" and isinstance(value, dict):
            for name, day in value.items():
                dated[name] = day
                move(("events", "delivered", name), name)
        elif isinstance(value, dict) and set(value) == {"date", "score"}:
            # an event with its score (fee_3_evaluated: {date: 2026-04-08, score: 85})
            dated[key] = value["date"]
            folded.setdefault("scores", {})[key] = value["score"]
            move(("events", key, "date"), key)
            for prefix in ((), (KEY,)):
                if (*prefix, "events", key, "score") in positions:
                    positions[(*prefix, "events", "scores", key)] = \
                        positions[(*prefix, "events", key, "score")]
        else:
            dated[key] = value
            move(("events", key), key)
    data["events"] = folded


def rename_from(data: dict[Any, Any], positions: dict[Path_, Position]) -> None:
    """`from:` as the file writes it (fees, maintenance windows) is read into the model's
    field (a Python keyword cannot name one); positions move with it, so errors point at the
    line written."""
    from contractcalc.shell.contracts.yamlsafe import KEY

    def rename(mapping: Any, path: Path_, field: str) -> None:
        if isinstance(mapping, dict) and "from" in mapping and field not in mapping:
            mapping[field] = mapping.pop("from")
            for prefix in ((), (KEY,)):
                if (*prefix, *path, "from") in positions:
                    positions[(*prefix, *path, field)] = positions[(*prefix, *path, "from")]

    rename(data.get("fees"), ("fees",), "first")
    uptime = data.get("uptime")
    maintenance = uptime.get("maintenance") if isinstance(uptime, dict) else None
    windows = maintenance.get("windows") if isinstance(maintenance, dict) else None
    for n, window in enumerate(windows if isinstance(windows, list) else ()):
        rename(window, ("uptime", "maintenance", "windows", n), "start")


def validate(kind: Any, data: Any, positions: Mapping[Path_, Position], *, source: str) -> Any:
    from pydantic import ValidationError

    try:
        return _adapter(kind).validate_python(data)
    except ValidationError as exc:
        locate = locator(positions)
        raise InputErrors([_error(e, positions, locate, source) for e in exc.errors()]) from None


@functools.cache
def _adapter(kind: Any) -> Any:
    """One validator per type and process: building it costs more than validating a file."""
    from pydantic import TypeAdapter

    return TypeAdapter(kind)


def locator(positions: Mapping[tuple[Any, ...], Position]) -> Callable[[tuple[Any, ...]], Position]:
    """Where a field path is written: its own position, else its nearest written parent's."""
    # pydantic reports keys as it validated them (2027 may come back as '2027'): match as text.
    keyed = {tuple(str(p) for p in path): pos for path, pos in positions.items()}

    def locate(loc: tuple[Any, ...]) -> Position:
        parts = tuple(str(p) for p in loc)
        for n in range(len(parts), -1, -1):
            if parts[:n] in keyed:
                return keyed[parts[:n]]
        return (1, 1)

    return locate


def located(path: tuple[Any, ...], message: str, locate: Callable[[tuple[Any, ...]], Position],
            source: str) -> InputError:
    line, column = locate(path)
    if path[:2] == ("events", "dated"):  # the file has no 'dated' level: name the field as written
        path = ("events", *path[2:])
    if path[:1] == ("events",) and path[1:2] == ("scores",):
        path = ("events", *path[2:], "score")
    path = tuple("from" if (p == "first" and path[:1] == ("fees",)) or
                 (p == "start" and "windows" in path[:4]) else p for p in path)
    return InputError(message, source=source, line=line, column=column,
                      field=".".join(str(p) for p in path) or _("(top level)"))


def _error(err: Any, positions: Mapping[Path_, Position], locate: Callable[[Path_], Position],
           source: str) -> InputError:
    from contractcalc.shell.contracts.yamlsafe import KEY

    loc = tuple(err["loc"])
    if err["type"] in ("unexpected_keyword_argument", "extra_forbidden"):
        message = _("unknown field (check the spelling; see the example contract)")
        if (KEY, *loc) in positions:  # point at the misspelt key itself
            return located(loc, message, lambda _: positions[(KEY, *loc)], source)
        return located(loc, message, locate, source)
    # pydantic's own wording stays English; the frame around it follows the language
    message = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] in ("missing_argument", "missing"):
        message = _("required field is missing")
    elif "input" in err and not isinstance(err["input"], dict | list):
        message += _(", got {value}").format(value=brief(repr(err["input"])))
    return located(loc, message, locate, source)


def parse_yaml(text: str, *, source: str) -> tuple[Any, dict[tuple[Any, ...], Position]]:
    """Safe YAML → plain data plus the (line, column) of every value, by path.

    Aliases are refused (no alias bombs, and contract files never need them); duplicate keys are
    refused; decimals stay exact (a float in YAML becomes a Decimal, never a binary float).
    """
    from contractcalc.shell.contracts import yamlsafe

    return yamlsafe.load(text, source=source)
