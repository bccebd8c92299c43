"""What a log's severity label means under the contract: severe (the restore/on-site rule
applies) or minor. Labels the contract file does not map and the built-in list does not know
are refused with their line: an unknown label silently read as "not severe" would pass a
50-hour outage.

The built-in list holds only labels whose meaning is not in doubt. Graded labels that sit
between (二级, P2, S2, major, high, 较大) differ from contract to contract and must be mapped in
the file (`response: {severity_labels: {二级: severe}}`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from contractcalc.core.model import SeverityLevel

DEFAULT: Mapping[str, str] = {
    **dict.fromkeys(("severe", "critical", "严重", "重大", "紧急", "特别重大", "一级", "p1", "s1",
                     "严重故障", "重大故障", "紧急故障", "一级故障"), "severe"),
    **dict.fromkeys(("minor", "low", "normal", "一般", "轻微", "普通", "低", "较低", "三级", "四级",
                     "p3", "p4", "s3", "s4", "一般故障", "轻微故障"), "minor"),
}


def normal(label: str) -> str:
    return label.strip().casefold()


def labels(contract_map: Mapping[str, str]) -> dict[str, bool]:
    """Normalised label -> severe?, the file's labels over the built-in ones; '' is not severe."""
    merged = {normal(k): v == "severe" for k, v in DEFAULT.items()}
    merged.update({normal(k): v == "severe" for k, v in contract_map.items()})
    merged[""] = False
    return merged


def level_labels(levels: Sequence[SeverityLevel]) -> dict[str, int]:
    """Normalised level name or label -> the level's index; '' -> -1 (no level given)."""
    found = {"": -1}
    for n, level in enumerate(levels):
        for name in (level.level, *level.labels):
            found[normal(name)] = n
            found[name] = n
    return found
