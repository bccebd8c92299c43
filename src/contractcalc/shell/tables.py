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
from typing import Any

from contractcalc.core.errors import InputError

SNIFF_BYTES = 1 << 16


def detect_encoding(head: bytes) -> str:
    """utf-8-sig when the start decodes as UTF-8, else gb18030 (a superset of GBK)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8-sig"
    except UnicodeDecodeError:
        return "gb18030"


def open_text(source: str, encoding: str | None = None) -> tuple[io.TextIOWrapper, str]:
    """A text stream for a path or '-' (stdin), and the name to use in messages."""
    raw: Any
    if source == "-":
        raw = sys.stdin.buffer
        name = "<stdin>"
    else:
        from contractcalc.shell.contract_file import open_input

        name = source
        raw = open_input(Path(source), name)
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)
    try:
        head = buffered.peek(SNIFF_BYTES)[:SNIFF_BYTES]
        if b"\x00" in head:
            raise InputError("binary data (NUL byte); expected a CSV text file", source=name)
        chosen = encoding or detect_encoding(head)
        try:
            codecs.lookup(chosen)
        except LookupError:
            raise InputError(f"unknown encoding {chosen!r}", field="--encoding") from None
    except InputError:
        if source != "-":
            buffered.close()
        raise
    return io.TextIOWrapper(buffered, encoding=chosen, errors="strict", newline=""), name


class Table:
    """An open CSV: its name for messages, column positions, and the row reader."""

    def __init__(self, source: str, *, required: tuple[str, ...], optional: tuple[str, ...] = (),
                 encoding: str | None = None) -> None:
        self.stream, self.name = open_text(source, encoding)
        self.reader = csv.reader(self.stream)
        try:
            header = next(self.reader)
        except StopIteration:
            self.close()
            raise InputError("empty file; expected a header line", source=self.name,
                             line=1) from None
        except (UnicodeDecodeError, csv.Error) as exc:
            self.close()
            raise self.error(exc) from None
        columns = [h.strip().lower() for h in header]
        missing = [c for c in required if c not in columns]
        if missing:
            self.close()
            raise InputError(f"missing column(s) {', '.join(missing)}; the header has "
                             f"{', '.join(h for h in columns if h) or 'nothing'}",
                             source=self.name, line=1)
        self.width = len(columns)
        self.index = {c: columns.index(c) for c in (*required, *optional) if c in columns}

    def error(self, exc: Exception) -> InputError:
        if isinstance(exc, UnicodeDecodeError):
            return InputError(f"cannot decode as {self.stream.encoding} ({exc.reason}); "
                              f"pass --encoding", source=self.name, line=self.reader.line_num + 1)
        return InputError(f"not valid CSV: {exc}", source=self.name, line=self.reader.line_num)

    def ragged(self, record: list[str]) -> InputError | None:
        if len(record) > self.width and any(cell.strip() for cell in record[self.width:]):
            return InputError(f"{len(record)} fields, the header has {self.width}",
                              source=self.name, line=self.reader.line_num)
        return None

    def close(self) -> None:
        if self.name == "<stdin>":
            self.stream.detach()  # leave the process's stdin open
        else:
            self.stream.close()


def rows(source: str, *, required: tuple[str, ...], optional: tuple[str, ...] = (),
         encoding: str | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for every non-blank data row, as a dict of the wanted columns."""
    table = Table(source, required=required, optional=optional, encoding=encoding)
    try:
        for record in table.reader:
            if not any(cell.strip() for cell in record):
                continue
            if (problem := table.ragged(record)) is not None:
                raise problem
            yield table.reader.line_num, {
                c: (record[i].strip() if i < len(record) else "") for c, i in table.index.items()}
    except (UnicodeDecodeError, csv.Error) as exc:
        raise table.error(exc) from None
    finally:
        table.close()
