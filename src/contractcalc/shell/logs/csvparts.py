"""Cutting a plain CSV file into byte ranges of whole lines, one per worker (runtime/workers.py).

A range may start at any line end only when no record spans a line end: that holds when the
file has no double quote (RFC 4180: only a quoted field may hold a line break) and no lone CR (a
line end of its own to csv.reader). Both are looked for in bytes, which is exact for the
encodings in SPLITTABLE: none of them uses the bytes of '"', CR or LF inside a multi-byte
character (GBK/GB18030 and Big5 trail bytes start at 0x30/0x40; UTF-8 continuation bytes at
0x80). Any other file is read whole, by one process. The same pass counts the lines before
each range, so every part reports the lines the user's editor shows.

Every read goes through the descriptor the table opened (os.pread: no shared file position, so
forked workers can use it at once), so a log replaced under the same name meanwhile cannot mix
into the parts of the one whose header was read.
"""

from __future__ import annotations

import codecs
import io
import os
import stat
from typing import TYPE_CHECKING, NamedTuple

from contractcalc.core.errors import InputError
from contractcalc.i18n import _

if TYPE_CHECKING:
    from contractcalc.shell.logs.tables import CsvTable

SPLITTABLE = frozenset({"utf-8", "utf-8-sig", "gb18030", "gbk", "gb2312", "big5", "ascii",
                        "latin-1", "iso8859-1", "cp1252"})
BLOCK = 1 << 18  # bytes looked at per step of the planning pass
LINE_STEP = 1 << 12  # bytes first read to finish a line
MAX_LINE = 4 << 20  # a line longer than this is no log line: the file is read by one process


class Part(NamedTuple):
    """Bytes [start, stop) of the file, beginning at line base + 1."""

    start: int
    stop: int
    base: int


def plan(fd: int, encoding: str, *, count: int, min_bytes: int) -> list[Part] | None:
    """At most `count` parts of at least about `min_bytes` each of the open file `fd`, or None
    when it should be read by one process (too small, quoted fields, lone CRs, or another
    encoding)."""
    if count < 2 or codecs.lookup(encoding).name not in SPLITTABLE \
            or not stat.S_ISREG(os.fstat(fd).st_mode):  # a pipe has no offsets to start at
        return None
    header = _line(fd, 0)  # tables.CsvTable read and checked it
    if header is None or header.count(b"\r") != header.count(b"\r\n"):
        return None
    first = len(header)
    size = os.fstat(fd).st_size - first
    count = min(count, size // max(min_bytes, 1))
    if count < 2:
        return None
    targets = [first + size * k // count for k in range(1, count)]
    cuts: list[tuple[int, int]] = []  # (offset, lines before it)
    at, lines = first, 1
    while True:
        block = _line(fd, at, BLOCK)  # whole lines: a CRLF is never cut in two
        if block is None:
            return None
        if not block:
            break
        if b'"' in block or (b"\r" in block and block.count(b"\r") != block.count(b"\r\n")):
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


def _line(fd: int, at: int, size: int = 0) -> bytes | None:
    """`size` bytes from offset `at`, and on to the end of the line they end in; None when that
    line runs past MAX_LINE (such a file is read by one process, which refuses the over-long
    field). Linear: the rest of the line is read in doubling steps and joined once (adding a
    step at a time to a bytes object copied a 16 MB line 4,000 times: 18 s of planning)."""
    data = os.pread(fd, size, at) if size else b""
    if data.endswith(b"\n"):
        return data
    pieces, length, step = [data], len(data), LINE_STEP
    while True:
        more = os.pread(fd, step, at + length)
        if not more:
            break
        cut = more.find(b"\n")
        pieces.append(more if cut < 0 else more[:cut + 1])
        length += len(pieces[-1])
        if cut >= 0:
            break
        if length - size > MAX_LINE:
            return None
        step = min(step * 2, 1 << 20)
    return b"".join(pieces)


class _Range(io.RawIOBase):
    """The bytes [start, stop) of an open file, read with pread (no mmap: a file truncated
    meanwhile gives fewer bytes, which `complete` reports, rather than SIGBUS)."""

    def __init__(self, fd: int, start: int, stop: int) -> None:
        super().__init__()
        self._fd, self._at, self.left = fd, start, stop - start

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        """The whole file's descriptor: a decode error's line is found in the whole file."""
        return self._fd

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        wanted = min(len(buffer), self.left)
        if wanted <= 0:
            return 0
        data = os.pread(self._fd, wanted, self._at)
        memoryview(buffer)[:len(data)] = data
        self._at += len(data)
        self.left -= len(data)
        return len(data)


def open_part(table: CsvTable, part: Part) -> tuple[CsvTable, _Range]:
    """A table over one part of `table`'s file, and its byte range (see `complete`)."""
    from contractcalc.shell.logs.tables import CsvTable

    raw = _Range(table.stream.fileno(), part.start, part.stop)
    # A part starts after the header, so a BOM there is a character of the data, not a mark
    # to drop: utf-8-sig would drop it, and the part would differ from one process's reading.
    encoding = "utf-8" if codecs.lookup(table.encoding).name == "utf-8-sig" else table.encoding
    stream = io.TextIOWrapper(io.BufferedReader(raw), encoding=encoding, errors="strict",
                              newline="")
    return CsvTable.part(stream, table.name, encoding=table.encoding, index=table.index,
                         width=table.width, base=part.base), raw


def complete(table: CsvTable, raw: _Range) -> None:
    """Raise when the part ended early: the file shrank while it was being read."""
    if raw.left:
        raise InputError(_("the file shrank while being read (truncated or rewritten); read it "
                           "again once it is complete"), source=table.name)
