"""Scanning a large outage log on every core: split at line boundaries, scan parts in processes.

Only for a regular file of at least PARALLEL_BYTES with no quote character (a quoted field could
hold a newline, so a byte split might cut a row) and where processes can fork. Splitting at a
newline byte is safe in UTF-8 and GBK alike: neither uses 0x0A inside a multi-byte character.
"""

from __future__ import annotations

import csv
import io
import mmap
import os
from itertools import pairwise
from pathlib import Path
from typing import Any

PARALLEL_BYTES = 16 << 20


class _Range(io.RawIOBase):
    """The bytes [start, end) of a file, as a readable stream."""

    def __init__(self, path: str, start: int, end: int) -> None:
        self._file = open(path, "rb")  # noqa: SIM115 - closed in close()
        self._file.seek(start)
        self._left = end - start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._left <= 0:
            return 0
        view = memoryview(buffer)[: self._left]
        n = self._file.readinto(view)
        self._left -= n
        return n

    def close(self) -> None:
        self._file.close()
        super().close()


def _worker(args: tuple[Any, ...]) -> Any:
    from contractcalc.shell.outagelog import scan_rows

    path, encoding, layout, start, end, line_before = args
    with io.TextIOWrapper(io.BufferedReader(_Range(path, start, end)), encoding=encoding,
                          newline="") as text:
        return scan_rows(layout, csv.reader(text), line_before)


def plan(path: str, jobs: int) -> list[tuple[int, int, int]] | None:
    """(start, end, lines before start) per part, or None when the file should not be split."""
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        size = len(mm)
        if size < PARALLEL_BYTES or mm.find(b'"') != -1:
            return None
        body = mm.find(b"\n") + 1
        cuts = [body]
        for k in range(1, jobs):
            cut = mm.find(b"\n", body + (size - body) * k // jobs) + 1
            if cut <= cuts[-1]:
                return None
            cuts.append(cut)
        cuts.append(size)
        parts, lines = [], 0
        for a, b in pairwise(cuts):
            parts.append((a, b, lines + 1))  # + 1: the header line
            lines += mm[a:b].count(b"\n")
        return parts


def scan_in_parts(source: str, table: Any, layout: Any, jobs: int | None) -> list[Any] | None:
    """Parts scanned in parallel, or None to let the caller scan sequentially."""
    import multiprocessing

    jobs = jobs or os.cpu_count() or 1
    if jobs < 2 or source == "-" or not Path(source).is_file():
        return None
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    parts = plan(source, jobs)
    if parts is None:
        return None
    encoding = table.stream.encoding.replace("utf-8-sig", "utf-8")
    work = [(source, encoding, layout, a, b, before) for a, b, before in parts]
    with multiprocessing.get_context("fork").Pool(len(work)) as pool:
        return pool.map(_worker, work)
