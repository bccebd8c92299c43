"""Reading CSV exported from spreadsheets: UTF-8 (with or without BOM) or GBK, streamed by row.

Problems are reported as ``FILE:LINE: column: what was wrong``; rows are never dropped silently.
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from contractcalc.errors import InputError

SNIFF_BYTES = 1 << 16


def detect_encoding(head: bytes) -> str:
    """utf-8-sig when the start decodes as UTF-8, else gb18030 (a superset of GBK)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8-sig"
    except UnicodeDecodeError:
        return "gb18030"


def open_text(source: str, encoding: str | None = None) -> tuple[IO[str], str]:
    """A text stream for a path or '-' (stdin), and the name to use in messages."""
    if source == "-":
        raw = sys.stdin.buffer
        name = "<stdin>"
    else:
        path = Path(source)
        name = source
        try:
            raw = path.open("rb")
        except FileNotFoundError:
            raise InputError("file not found", source=name) from None
        except IsADirectoryError:
            raise InputError("is a directory, expected a CSV file", source=name) from None
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", source=name) from None
    buffered = io.BufferedReader(raw) if not isinstance(raw, io.BufferedReader) else raw
    head = buffered.peek(SNIFF_BYTES)[:SNIFF_BYTES]
    if b"\x00" in head:
        raise InputError("binary data (NUL byte); expected a CSV text file", source=name)
    chosen = encoding or detect_encoding(head)
    try:
        codecs.lookup(chosen)
    except LookupError:
        raise InputError(f"unknown encoding {chosen!r}", field="--encoding") from None
    return io.TextIOWrapper(buffered, encoding=chosen, errors="strict", newline=""), name


def rows(source: str, *, required: tuple[str, ...], optional: tuple[str, ...] = (),
         encoding: str | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for every data row; the header must hold every required column."""
    stream, name = open_text(source, encoding)
    with stream:
        reader = csv.reader(stream)
        try:
            try:
                header = next(reader)
            except StopIteration:
                raise InputError("empty file; expected a header line", source=name,
                                 line=1) from None
            columns = [h.strip().lower() for h in header]
            missing = [c for c in required if c not in columns]
            if missing:
                raise InputError(f"missing column(s) {', '.join(missing)}; the header has "
                                 f"{', '.join(h for h in columns if h) or 'nothing'}",
                                 source=name, line=1)
            wanted = [(i, c) for i, c in enumerate(columns) if c in required or c in optional]
            width = len(columns)
            for record in reader:
                line = reader.line_num
                if not record or all(not cell.strip() for cell in record):
                    continue
                if len(record) > width and any(cell.strip() for cell in record[width:]):
                    raise InputError(f"{len(record)} fields, the header has {width}",
                                     source=name, line=line)
                yield line, {c: (record[i].strip() if i < len(record) else "")
                             for i, c in wanted}
        except UnicodeDecodeError as exc:
            raise InputError(f"cannot decode as {stream.encoding} ({exc.reason}); "
                             f"pass --encoding", source=name, line=reader.line_num + 1) from None
        except csv.Error as exc:
            raise InputError(f"not valid CSV: {exc}", source=name, line=reader.line_num) from None
