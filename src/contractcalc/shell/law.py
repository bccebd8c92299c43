"""Reading the rule pack: the statutory rules and the LPR table shipped in data/law/*.yaml.

One file per instrument (and one for the LPR), read once per process and only by the commands
that need it (YAML costs start-up time). The files are the package's own; a malformed one is a
bug of the package, reported as such with the file's name.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from pathlib import Path
from typing import Any

from contractcalc.core.law.rules import LprTable, Rule, RulePack

LAW_DIR = Path(__file__).parents[1] / "data" / "law"
LPR_FILE = "lpr-1y.yaml"


@functools.cache
def rule_pack(directory: Path = LAW_DIR) -> RulePack:
    """Every instrument's rules and the LPR table, from the package data."""
    rules: list[Rule] = []
    lpr: LprTable | None = None
    for path in sorted(directory.glob("*.yaml")):
        data = _read(path)
        if path.name == LPR_FILE:
            lpr = _lpr(data, path)
        else:
            rules += _rules(data, path)
    if lpr is None:
        raise RuntimeError(f"rule pack {directory}: {LPR_FILE} is missing")
    return RulePack(tuple(rules), lpr)


def _read(path: Path) -> dict[str, Any]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    if not isinstance(data, dict):
        raise RuntimeError(f"rule pack {path.name}: expected a mapping")
    return data


def _day(value: Any, path: Path, what: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    raise RuntimeError(f"rule pack {path.name}: {what} is not a date: {value!r}")


def _rules(data: dict[str, Any], path: Path) -> list[Rule]:
    start = _day(data.get("in_force_from"), path, "in_force_from")
    end = data.get("in_force_to")
    out = []
    for item in data.get("rules") or []:
        try:
            out.append(Rule(
                code=str(item["code"]), instrument=str(data["instrument"]),
                article=str(item["article"]), paraphrase=str(item["paraphrase"]),
                in_force_from=start,
                in_force_to=None if end is None else _day(end, path, "in_force_to"),
                edition=data.get("edition"), applies_to=tuple(item.get("applies_to") or ()),
                params={k: Decimal(str(v)) for k, v in (item.get("params") or {}).items()},
                verified=bool(item.get("verified", False))))
        except (KeyError, TypeError) as exc:
            raise RuntimeError(f"rule pack {path.name}: rule {item!r}: {exc}") from None
    return out


def _lpr(data: dict[str, Any], path: Path) -> LprTable:
    changes = tuple(sorted((_day(row["from"], path, "from"), Decimal(str(row["percent"])))
                           for row in data.get("changes") or []))
    return LprTable(changes, _day(data.get("through"), path, "through"), str(data.get("name")))
