"""Cutting a plain CSV file into byte ranges of whole lines, one per worker (shell/workers.py).

A range may start at any line end only when no record spans a line end: that holds when the
file has no double quote (RFC 4180: only a quoted field may hold a line break) and no lone CR (a
line end of its own to csv.reader). Both are looked for in bytes, which is exact for the
encodings in SPLITTABLE: none of them uses the bytes of '"', CR or LF inside a multi-byte
character (GBK/GB18030 and Big5 trail bytes start at 0x30/0x40; UTF-8 continuation bytes at
0x80). Any other file is read whole, by one process. The same pass counts the lines before
each range, so every part reports the lines the user's editor shows.
"""

from __future__ import annotations

import codecs
import io
from typing import TYPE_CHECKING, NamedTuple

from contractcalc.core.errors import InputError
from contractcalc.i18n import _

if TYPE_CHECKING:
    from contractcalc.shell.tables import CsvTable

SPLITTABLE = frozenset({"utf-8", "utf-8-sig", "gb18030", "gbk", "gb2312", "big5", "ascii",
                        "latin-1", "iso8859-1", "cp1252"})
BLOCK = 1 << 18  # bytes looked at per step of the planning pass


class Part(NamedTuple):
    """Bytes [start, stop) of the file, beginning at line base + 1."""

    start: int
    stop: int
    base: int


def plan(path: str, encoding: str, *, count: int, min_bytes: int) -> list[Part] | None:
    """At most `count` parts of at least about `min_bytes` each, or None when the file should
    be read by one process (too small, quoted fields, lone CRs, or another encoding)."""
    if count < 2 or codecs.lookup(encoding).name not in SPLITTABLE:
        return None
    with open(path, "rb") as fh:
        header = fh.readline()  # tables.CsvTable read and checked it
        if header.count(b"\r") != header.count(b"\r\n"):
            return None
        first = fh.tell()
        size = fh.seek(0, io.SEEK_END) - first
        count = min(count, size // max(min_bytes, 1))
        if count < 2:
            return None
        fh.seek(first)
        targets = [first + size * k // count for k in range(1, count)]
        cuts: list[tuple[int, int]] = []  # (offset, lines before it)
        at, lines = first, 1
        while block := fh.read(BLOCK):
            block += fh.readline()  # end on a line end, so a CRLF is never cut in two
            if b'"' in block or (b"\r" in block and
                                 block.count(b"\r") != block.count(b"\r\n")):
                return None
            while targets and targets[0] < at + len(block):
                if targets[0] == at:  # on a line start already
                    cuts.append((at, lines))
                else:  # after the line end at or after the target's byte
                    end = block.find(b"\n", targets[0] - at - 1)
                    if end < 0:
                        break  # the file's last line, without a line end
                    cuts.append((at + end + 1, lines + block.count(b"\n", 0, end + 1)))
                targets = [t for t in targets if t > cuts[-1][0]]
            if targets:  # lines are counted only up to the last cut
                lines += block.count(b"\n")
            at += len(block)
        ends = [*(c[0] for c in cuts), at]
        starts = [(first, 1), *cuts]
    parts = [Part(start, stop, base) for (start, base), stop in zip(starts, ends, strict=True)
             if stop > start]
    return parts if len(parts) > 1 else None


class _Range(io.RawIOBase):
    """The bytes [start, stop) of a file, read with plain reads (no mmap: a file truncated
    meanwhile gives fewer bytes, which `complete` reports, rather than SIGBUS)."""

    def __init__(self, path: str, start: int, stop: int) -> None:
        super().__init__()
        self._file = open(path, "rb", buffering=0)  # noqa: SIM115 - closed by close()
        self._file.seek(start)
        self.left = stop - start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        wanted = min(len(buffer), self.left)
        if wanted <= 0:
            return 0
        got = self._file.readinto(memoryview(buffer)[:wanted]) or 0
        self.left -= got
        return got

    def close(self) -> None:
        self._file.close()
        super().close()


def open_part(table: CsvTable, part: Part) -> tuple[CsvTable, _Range]:
    """A table over one part of `table`'s file, and its byte range (see `complete`)."""
    from contractcalc.shell.tables import CsvTable

    assert table.path is not None
    raw = _Range(table.path, part.start, part.stop)
    stream = io.TextIOWrapper(io.BufferedReader(raw), encoding=table.encoding,
                              errors="strict", newline="")
    return CsvTable.part(stream, table.name, path=table.path, index=table.index,
                         width=table.width, base=part.base), raw


def complete(table: CsvTable, raw: _Range) -> None:
    """Raise when the part ended early: the file shrank while it was being read."""
    if raw.left:
        raise InputError(_("the file shrank while being read (truncated or rewritten); read it "
                           "again once it is complete"), source=table.name)
