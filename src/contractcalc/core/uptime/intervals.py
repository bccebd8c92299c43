"""Union of many possibly overlapping intervals, at C speed and in memory that follows the number
of distinct blocks rather than the number of input rows.

The trick: sort the starts and the ends separately. Pairing the i-th smallest start with the i-th
smallest end gives intervals with the same coverage count at every instant (the same multisets
of starts and ends), hence the same union; and as both lists are sorted, a block ends exactly
where the next start lies beyond the current end. Two list sorts and two C-level passes, no
per-row Python. Endpoints may be any ordered values; uptime uses canonical ISO strings.
"""

from __future__ import annotations

from itertools import compress, islice
from operator import gt
from typing import Any

CHUNK = 100_000


def union(starts: list[Any], ends: list[Any]) -> tuple[list[Any], list[Any]]:
    """Sorted disjoint blocks (their starts and ends) covering the union of [start, end) items.

    Touching intervals (one ends where the next starts) join into one block. Sorts its
    arguments in place.
    """
    if len(starts) != len(ends):
        raise ValueError("as many starts as ends are needed")
    if not starts:
        return [], []
    starts.sort()
    ends.sort()
    gaps = list(map(gt, islice(starts, 1, None), ends))  # map and compress stop at the shorter
    return [starts[0], *compress(islice(starts, 1, None), gaps)], [*compress(ends, gaps), ends[-1]]


class Union:
    """Accumulates batches; folds them into blocks whenever the pending batches grow as large
    as the blocks already held, so total work stays O(n log n)."""

    def __init__(self) -> None:
        self._starts: list[Any] = []
        self._ends: list[Any] = []
        self._pending = 0
        self._blocks = 0

    def extend(self, starts: list[Any], ends: list[Any]) -> None:
        self._starts.extend(starts)
        self._ends.extend(ends)
        self._pending += len(starts)
        if self._pending >= max(CHUNK, self._blocks):
            self._fold()

    def _fold(self) -> None:
        self._starts, self._ends = union(self._starts, self._ends)
        self._blocks, self._pending = len(self._starts), 0

    def blocks(self) -> tuple[list[Any], list[Any]]:
        """Starts and ends of the merged blocks, both ascending."""
        if self._pending:
            self._fold()
        return self._starts, self._ends


def subtract(starts: list[Any], ends: list[Any], cut_starts: list[Any],
             cut_ends: list[Any]) -> tuple[list[Any], list[Any]]:
    """The blocks minus the cuts, both sorted and disjoint (planned-maintenance windows taken
    out of merged downtime): one pass over both, so a cut that covers part of a block leaves
    the rest of it (an outage 03:00–06:00 against a window to 04:00 keeps 04:00–06:00)."""
    out_s: list[Any] = []
    out_e: list[Any] = []
    k = 0
    for s, e in zip(starts, ends, strict=True):
        while k < len(cut_ends) and cut_ends[k] <= s:
            k += 1
        at, j = s, k
        while j < len(cut_starts) and cut_starts[j] < e:
            if cut_starts[j] > at:
                out_s.append(at)
                out_e.append(cut_starts[j])
            at = max(at, cut_ends[j])
            j += 1
        if at < e:
            out_s.append(at)
            out_e.append(e)
    return out_s, out_e


def intersect(starts: list[Any], ends: list[Any], cut_starts: list[Any],
              cut_ends: list[Any]) -> tuple[list[Any], list[Any]]:
    """The parts of the blocks inside the cuts (both sorted and disjoint)."""
    out_s: list[Any] = []
    out_e: list[Any] = []
    k = 0
    for s, e in zip(starts, ends, strict=True):
        while k < len(cut_ends) and cut_ends[k] <= s:
            k += 1
        j = k
        while j < len(cut_starts) and cut_starts[j] < e:
            lo, hi = max(s, cut_starts[j]), min(e, cut_ends[j])
            if lo < hi:
                out_s.append(lo)
                out_e.append(hi)
            j += 1
    return out_s, out_e
