"""Reading tables as users have them: CSV exported from spreadsheets (UTF-8 with or without BOM,
or GBK), or the workbook itself (.xlsx/.xls/.ods, shell/logs/workbook.py), streamed in chunks.

Headers may be English or Chinese (HEADERS below; `--column system=系统名称` maps any other).
Problems are reported as ``FILE:LINE: column: what was wrong``, with the line the user's editor
shows; rows are never dropped silently. Bounded memory: a header line longer than
MAX_HEADER_CHARS or wider than MAX_COLUMNS is refused before anything else is read.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import stat
import sys
from collections.abc import Iterator, Mapping, Sequence
from itertools import chain, islice
from pathlib import Path
from typing import Any

from contractcalc.core.errors import InputError
from contractcalc.i18n import _
from contractcalc.shell.logs.columns import HEADERS, MAX_COLUMNS, Chunk, Table, locate, to_columns

SNIFF_BYTES = 1 << 16
MAX_HEADER_CHARS = 1 << 16
WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # zip (xlsx, ods), OLE2 (xls)
CHARS_PER_ROW = 40  # CSV text read per wanted row: a block of about the asked number of rows

def detect_encoding(head: bytes) -> str:
    """utf-8-sig when the start decodes as UTF-8, else gb18030 (a superset of GBK)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8-sig"
    except UnicodeDecodeError:
        return "gb18030"


def parse_column_maps(items: Sequence[str] | None) -> dict[str, str]:
    """`--column system=系统名称` options → {column: header}."""
    out: dict[str, str] = {}
    for item in items or ():
        key, sep, header = item.partition("=")
        if not sep or key.strip() not in HEADERS or not header.strip():
            raise InputError(_("{item!r}; expected COLUMN=HEADER with COLUMN one of {columns}")
                             .format(item=item, columns=", ".join(HEADERS)), field="--column")
        out[key.strip()] = header.strip()
    return out


def open_table(source: str, *, required: tuple[str, ...], optional: tuple[str, ...] = (),
               encoding: str | None = None, sheet: str | None = None,
               columns: Mapping[str, str] | None = None, pipes: bool = True) -> Table:
    """A CSV or workbook table for a path or '-' (stdin), recognised by its bytes. `pipes`:
    a FIFO is read (the user named it); False for a file a contract names."""
    name = "<stdin>" if source == "-" else source
    raw: Any
    if source == "-":
        raw = sys.stdin.buffer
    else:
        from contractcalc.shell.contracts.contract_file import open_input

        raw = open_input(Path(source), name, pipes=pipes)
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)
    try:
        head = buffered.peek(SNIFF_BYTES)[:SNIFF_BYTES]
        if head.startswith(WORKBOOK_MAGIC):
            from contractcalc.shell.logs.workbook import WorkbookTable

            data = buffered if source != "-" else io.BytesIO(buffered.read())
            return WorkbookTable(data, name, sheet=sheet, required=required,
                                 optional=optional, columns=columns or {})
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" export
            raise InputError(_("UTF-16 text (Excel's 'Unicode text', tab-separated); save it as "
                               "'CSV UTF-8' or give the workbook (.xlsx) itself"), source=name)
        if b"\x00" in head:
            raise InputError(_("binary data (NUL byte); expected a CSV text file or a workbook "
                               "(.xlsx, .xls, .ods)"), source=name)
        if sheet is not None:
            raise InputError(_("--sheet is for workbooks; this is a CSV text file"), source=name)
        chosen = encoding or detect_encoding(head)
        try:
            codecs.lookup(chosen)
        except LookupError:
            raise InputError(_("unknown encoding {chosen!r}").format(chosen=chosen),
                             field="--encoding") from None
        return CsvTable(buffered, name, chosen, required=required, optional=optional,
                        columns=columns or {}, path=None if source == "-" else source)
    except BaseException:
        if source != "-":
            buffered.close()
        raise


class CsvTable(Table):
    stream: io.TextIOWrapper[Any]
    path: str | None
    """The file's name, None for stdin (and a worker's part): only a named file is cut into
    parts (shell/csvparts)."""
    def __init__(self, buffered: io.BufferedReader, name: str, encoding: str, *,
                 required: tuple[str, ...], optional: tuple[str, ...],
                 columns: Mapping[str, str], path: str | None) -> None:
        self.name, self.path = name, path
        self._size = _size(buffered)
        self.stream = io.TextIOWrapper(buffered, encoding=encoding, errors="strict", newline="")
        self.encoding = encoding
        try:
            line = self.stream.readline(MAX_HEADER_CHARS + 1)
            lines = 1
            # A quoted header cell may hold a line break (备<LF>注): an odd count of quotes
            # means one is still open, so the header goes on to the next line.
            while line.count('"') % 2 and len(line) <= MAX_HEADER_CHARS:
                more = self.stream.readline(MAX_HEADER_CHARS + 1 - len(line))
                if not more:
                    break
                line, lines = line + more, lines + 1
        except UnicodeError as exc:
            raise self._decode_error(exc, 0) from None
        if len(line) > MAX_HEADER_CHARS:
            raise InputError(_("header line longer than {kib} KiB; expected a CSV log with a short "
                               "header").format(kib=MAX_HEADER_CHARS // 1024), source=name, line=1)
        if line.count(",") >= MAX_COLUMNS:
            raise InputError(_("header has more than {count} columns; expected a CSV log").format(
                count=MAX_COLUMNS),
                             source=name, line=1)
        if not line.strip():
            raise InputError(_("empty file; expected a header line"), source=name, line=1)
        try:
            header = next(csv.reader(io.StringIO(line, newline="")))
        except csv.Error as exc:
            raise InputError(_("not valid CSV: {problem}").format(problem=exc), source=name,
                             line=1) from None
        self.index = locate(header, required=required, optional=optional, given=columns,
                            source=name, line=1)
        self.width = len(header)
        self.base = lines  # lines before the first record: the header's
        self.reader = csv.reader(self.stream)

    @classmethod
    def part(cls, stream: io.TextIOWrapper[Any], name: str, *, encoding: str,
             index: dict[str, int], width: int, base: int) -> CsvTable:
        """The records of a stream that starts at line `base` + 1 of a CSV file whose header
        (giving `index` and `width`) was read elsewhere: one worker's part (shell/csvparts).
        `encoding` is the file's, as messages name it (the stream may decode a part of it
        differently: utf-8-sig's mark is only at the file's start)."""
        self = cls.__new__(cls)
        self.name, self.path, self._size = name, None, None  # its file is the whole table's
        self.stream, self.index, self.width, self.base = stream, index, width, base
        self.encoding = encoding
        self.reader = csv.reader(stream)
        return self

    def chunks(self, size: int) -> Iterator[tuple[list[list[Any]], Sequence[int]]]:
        return self._records(self.reader, self.base, size)

    def column_chunks(self, size: int) -> Iterator[Chunk]:
        """Blocks of whole lines; a plain block is cut into columns at once (csvblocks), any
        other is read by csv.reader. After a block with a quote, whose quoted field may run
        past the block, csv.reader reads the rest of the file."""
        from contractcalc.shell.logs.csvblocks import columns

        done = self.base  # lines consumed so far (the header, and earlier parts)
        while True:
            try:
                text = self.stream.read(max(size, 1) * CHARS_PER_ROW)
                while text.endswith("\r") and (more := self.stream.read(1)):
                    text += more  # a CR read last may be half of a CRLF
                if text and text[-1] not in "\r\n":
                    text += self.stream.readline()
                    self.unterminated = text[-1] not in "\r\n"  # the end, with no line end
            except UnicodeError as exc:
                raise self._decode_error(exc, done) from None
            if not text:
                return
            cut = columns(text, self.width)
            if cut is not None:
                count = len(cut[0])
                yield Chunk(list(cut), range(done + 1, done + count + 1), [])
                done += count
                continue
            block = io.StringIO(text, newline="")
            if '"' in text:
                for records, lines in self._records(csv.reader(chain(block, self.stream)),
                                                    done, size):
                    yield to_columns(records, lines, self.width)
                return
            reader = csv.reader(block)
            for records, lines in self._records(reader, done, size):
                yield to_columns(records, lines, self.width)
            done += reader.line_num

    def _records(self, reader: Any, base: int,
                 size: int) -> Iterator[tuple[list[list[Any]], Sequence[int]]]:
        """Chunks from `reader`, whose first line is the one after line `base`."""
        done = base  # lines consumed so far
        while True:
            try:
                records = list(islice(reader, size))
            except UnicodeError as exc:
                raise self._decode_error(exc, done) from None
            except csv.Error as exc:
                raise InputError(_("not valid CSV: {problem}").format(problem=exc),
                                 source=self.name,
                                 line=base + reader.line_num) from None
            if not records:
                return
            end = base + reader.line_num
            if end - done == len(records):  # one line per record: no quoted newlines
                yield records, range(done + 1, end + 1)
            else:
                lines, at = [], done
                for record in records:
                    at += 1
                    lines.append(at)
                    at += sum(str(c).count("\n") for c in record)
                yield records, lines
            done = end

    def _decode_error(self, exc: UnicodeError, done: int) -> InputError:
        """The decoder reads ahead, so find the true line by decoding the file line by line,
        through the descriptor already open (the file that was read, even if renamed since);
        from a pipe, only that it lies after the lines already read."""
        encoding = self.encoding
        reason = getattr(exc, "reason", None) or str(exc)
        try:
            fd = self.stream.fileno()
            regular = stat.S_ISREG(os.fstat(fd).st_mode)
        except (OSError, ValueError, io.UnsupportedOperation):
            regular = False
        if not regular and done:
            return InputError(_("cannot decode as {encoding} ({reason}) after line {line}; pass "
                                "--encoding (GBK, as Chinese Windows and WPS save: --encoding "
                                "gbk)").format(encoding=encoding, reason=reason,
                                                     line=done), source=self.name)
        if not regular:
            return InputError(_(
                "cannot decode as {encoding} ({reason}); pass --encoding (GBK, as Chinese "
                "Windows and WPS save: --encoding gbk)").format(
                encoding=encoding, reason=reason), source=self.name)
        line = done + 1
        for n, raw in enumerate(_lines_of(fd), 1):
            try:
                raw.decode(encoding.replace("utf-8-sig", "utf-8") if n > 1 else encoding)
            except UnicodeError:
                line = n
                break
        return InputError(_(
            "cannot decode as {encoding} ({reason}); pass --encoding (GBK, as Chinese "
            "Windows and WPS save: --encoding gbk)").format(
            encoding=encoding, reason=reason), source=self.name, line=line)

    def close(self) -> None:
        size = self._size
        try:
            now = _size(self.stream.buffer)
        finally:
            if self.name == "<stdin>":
                self.stream.detach()  # leave the process's stdin open
            else:
                self.stream.close()
        if size is not None and now is not None and now < size:
            raise InputError(_("the file shrank from {size:,} to {now:,} bytes while being read "
                               "(truncated or rewritten); read it again once it is complete"
                               ).format(size=size, now=now),
                             source=self.name)
        if size is not None and now is not None and now > size:
            # Rows appended meanwhile may or may not have been read, and a last line caught
            # half-written would read as an outage still open: no figure is sure.
            raise InputError(_("the file grew from {size:,} to {now:,} bytes while being read "
                               "(still being written); read it again once it is complete"
                               ).format(size=size, now=now),
                             source=self.name)


def _lines_of(fd: int) -> Iterator[bytes]:
    """The lines of an open file from its start, read with pread (the file position is shared
    with whoever else reads it; Windows has no pread, and no workers to share it with)."""
    if not hasattr(os, "pread"):  # pragma: no cover - Windows
        with open(fd, "rb", closefd=False) as fh:
            fh.seek(0)
            yield from fh
        return
    at, rest = 0, b""
    while block := os.pread(fd, 1 << 16, at):
        at += len(block)
        lines = (rest + block).split(b"\n")
        rest = lines.pop()
        yield from lines
    if rest:
        yield rest


def _size(stream: Any) -> int | None:
    """A regular file's size now; None for pipes and terminals (they cannot shrink)."""
    try:
        info = os.fstat(stream.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def rows(source: str, *, required: tuple[str, ...], optional: tuple[str, ...] = (),
         encoding: str | None = None, sheet: str | None = None,
         columns: Mapping[str, str] | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line, row) for every non-blank data row, as a dict of the wanted columns (text cells
    stripped; workbook cells keep their type)."""
    table = open_table(source, required=required, optional=optional, encoding=encoding,
                       sheet=sheet, columns=columns)
    try:
        for records, lines in table.chunks(10_000):
            for record, line in zip(records, lines, strict=True):
                if not any(str(c).strip() for c in record):
                    continue
                if len(record) > table.width and any(str(c).strip()
                                                     for c in record[table.width:]):
                    raise InputError(_("{fields} fields, the header has {width}").format(
                        fields=len(record), width=table.width),
                                     source=table.name, line=line)
                yield line, {c: _clean(record[i]) if i < len(record) else ""
                             for c, i in table.index.items()}
    finally:
        table.close()


def _clean(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value
