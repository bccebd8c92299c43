"""The contract's staff ladder: failed evaluations send a person back; send-backs add up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal, NamedTuple

from contractcalc.core.model import Evaluation, StaffLadder

Standing = Literal["fine", "warning", "may_terminate"]


class Person(NamedTuple):
    name: str
    evaluations: int
    failures: int
    sent_back: tuple[dt.date, ...]
    """A send-back on every fails_per_send_back-th cumulative failure."""


class Ladder(NamedTuple):
    people: tuple[Person, ...]
    send_backs: tuple[tuple[dt.date, str], ...]
    """Every send-back in order: the running count is the position (1-based)."""
    standing: Standing
    warning_on: dt.date | None
    terminable_on: dt.date | None


def climb(evaluations: Iterable[Evaluation], ladder: StaffLadder) -> Ladder:
    """Replay the evaluations in date order (stable for same-day entries)."""
    ordered = sorted(evaluations, key=lambda e: e.date)
    counts: dict[str, list[int]] = {}
    backs: dict[str, list[dt.date]] = {}
    timeline: list[tuple[dt.date, str]] = []
    for ev in ordered:
        seen = counts.setdefault(ev.person, [0, 0])
        seen[0] += 1
        if ev.result == "fail":
            seen[1] += 1
            if seen[1] % ladder.fails_per_send_back == 0:
                backs.setdefault(ev.person, []).append(ev.date)
                timeline.append((ev.date, ev.person))
    warning_on = timeline[ladder.warning_at - 1][0] if len(timeline) >= ladder.warning_at else None
    terminable_on = (timeline[ladder.terminate_above][0]
                     if len(timeline) > ladder.terminate_above else None)
    standing: Standing = ("may_terminate" if terminable_on else
                          "warning" if warning_on else "fine")
    people = tuple(Person(name, n, fails, tuple(backs.get(name, ())))
                   for name, (n, fails) in counts.items())
    return Ladder(people, tuple(timeline), standing, warning_on, terminable_on)
