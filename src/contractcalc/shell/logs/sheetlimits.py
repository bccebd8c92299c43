"""Limits checked on a workbook before the spreadsheet reader sees it (issue 24).

python-calamine allocates the whole rectangle from A1 to the farthest cell, in native code: a
1.7 KB .xlsx with one stray cell at XFD1048576 aborted the process (SIGABRT), and a 10 MB one
expanding to 3.6 GB of sheet XML took 7.8 GB of memory. And a formula cell saved without its
computed value (by a script, not by Excel or WPS) reads as empty: an end time read as "still
down" gave 12.392% uptime where the outage was one hour. So for .xlsx the chosen sheet's XML is
streamed once with zlib (bounded memory): its size, its declared <dimension>, the farthest cell
and every formula cell are checked first, and the reader runs only on a sheet that passed. An
.ods or .xls is bounded by its size. The limits are set by CONTRACTCALC_MAX_SHEET_MB (expanded
sheet XML, default 256) and CONTRACTCALC_MAX_SHEET_CELLS (rows × columns, default 10,000,000).
"""

from __future__ import annotations

import os
import re
import zipfile
from typing import BinaryIO

from contractcalc.core.errors import InputError
from contractcalc.i18n import _

DEFAULT_MB = 256
DEFAULT_CELLS = 10_000_000
CHUNK = 1 << 20
MAX_ROW_BYTES = 64 << 20
CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')
ROW = re.compile(rb'<row\b[^>]*?\br="([0-9]{1,7})"')
DIMENSION = re.compile(rb'<dimension\b[^>]*?\bref="([A-Z]{1,3})?([0-9]{1,7})?:?'
                       rb'([A-Z]{1,3})?([0-9]{1,7})?"')
VALUE = re.compile(rb"<v>[^<]+</v>|<is>")


def limit(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise InputError(_("{name} must be a whole number above 0, not {value!r}").format(
            name=name, value=raw[:40]))
    return value


def column_number(letters: bytes) -> int:
    number = 0
    for byte in letters:
        number = number * 26 + byte - 64
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def check(data: BinaryIO, name: str, *, sheet: str | None, max_columns: int) -> None:
    """Refuse a workbook that would exhaust memory or be read wrongly; leave `data` at 0."""
    max_bytes = limit("CONTRACTCALC_MAX_SHEET_MB", DEFAULT_MB) << 20
    max_cells = limit("CONTRACTCALC_MAX_SHEET_CELLS", DEFAULT_CELLS)
    try:
        if not zipfile.is_zipfile(data):  # .xls (OLE2): its size bounds what it holds
            size = data.seek(0, os.SEEK_END)
            if size > max_bytes:
                raise _too_big(name, size, max_bytes)
            return
        with zipfile.ZipFile(data) as book:
            names = set(book.namelist())
            if "content.xml" in names:  # .ods
                _stream(book, book.getinfo("content.xml"), name, max_bytes, None)
                return
            entry = _sheet_entry(book, names, sheet)
            if entry is None:
                return  # no such sheet: the reader says which sheets there are
            _stream(book, book.getinfo(entry), name, max_bytes,
                    _Scan(name, max_columns, max_cells))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError,
            NotImplementedError, RuntimeError, ValueError) as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(_("not a workbook that can be read ({kind}: {problem}); expected "
                           ".xlsx, .xls or .ods, or a CSV text file").format(
            kind=type(exc).__name__, problem=str(exc)[:200]), source=name) from None
    finally:
        data.seek(0)


def _too_big(name: str, size: int, cap: int) -> InputError:
    return InputError(_("the sheet expands to more than {mb} MiB ({size} bytes); not an outage "
                        "log (CONTRACTCALC_MAX_SHEET_MB raises the limit)").format(
        mb=cap >> 20, size=size), source=name)


def _sheet_entry(book: zipfile.ZipFile, names: set[str], sheet: str | None) -> str | None:
    """The zip entry of the sheet the reader will read: the one named, else the first."""
    import xml.etree.ElementTree as ET

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    for part in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
        if part not in names or book.getinfo(part).file_size > 1 << 20:
            raise InputError(_("the workbook has no readable sheet list ({part})").format(
                part=part))
    sheets = ET.fromstring(book.read("xl/workbook.xml")).iter(f"{main}sheet")
    chosen = next((s for s in sheets if sheet is None or s.get("name") == sheet), None)
    if chosen is None:
        return None
    rels = ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    target = next((r.get("Target", "") for r in rels if r.get("Id") == chosen.get(rel)), "")
    path = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return path if path in names else None


class _Scan:
    """The farthest cell, the declared dimension and formula cells of a sheet's XML."""

    def __init__(self, name: str, max_columns: int, max_cells: int) -> None:
        self.name, self.max_columns, self.max_cells = name, max_columns, max_cells
        self.rows = self.columns = self.row_elements = 0
        self.dimension_seen = False

    def feed(self, xml: bytes) -> None:
        if not self.dimension_seen and (dim := DIMENSION.search(xml)):
            self.dimension_seen = True
            column, row = dim.group(3) or dim.group(1), dim.group(4) or dim.group(2)
            self._bound(int(row) if row else 1, column_number(column) if column else 1,
                        declared=True)
        self.row_elements += xml.count(b"<row")
        for match in ROW.finditer(xml):
            self.rows = max(self.rows, int(match.group(1)))
        for match in CELL.finditer(xml):
            self.columns = max(self.columns, column_number(match.group(1)))
            self.rows = max(self.rows, int(match.group(2)))
        self._bound(max(self.rows, self.row_elements), self.columns, declared=False)
        at = xml.find(b"<f")
        while at >= 0:
            if xml[at + 2:at + 3] in (b">", b" ", b"/"):
                self._formula(xml, at)
            at = xml.find(b"<f", at + 2)

    def _formula(self, xml: bytes, at: int) -> None:
        start = xml.rfind(b"<c ", 0, at)
        end = xml.find(b"</c>", at)
        cell = xml[start:end] if start >= 0 and end >= 0 else b""
        if VALUE.search(cell):
            return
        ref = CELL.match(cell)
        where = (ref.group(1) + ref.group(2)).decode() if ref else "?"
        raise InputError(_("cell {cell} holds a formula without a computed value (the file "
                           "was not saved by Excel or WPS); open and save it there, or write "
                           "the value").format(cell=where), source=self.name)

    def _bound(self, rows: int, columns: int, *, declared: bool) -> None:
        if columns > self.max_columns:
            raise InputError(_("the sheet reaches column {column} ({count} columns), more than "
                               "{limit}; expected a log (a stray far cell?)").format(
                column=column_letters(columns), count=columns, limit=self.max_columns),
                source=self.name)
        if rows * columns > self.max_cells:
            what = _("declares") if declared else _("reaches")
            raise InputError(_("the sheet {what} {rows} rows × {columns} columns, more than "
                               "{limit} cells (a stray far cell?; CONTRACTCALC_MAX_SHEET_CELLS "
                               "raises the limit)").format(what=what, rows=rows,
                                                           columns=columns,
                                                           limit=self.max_cells),
                             source=self.name)

def _stream(book: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, cap: int,
            scan: _Scan | None) -> None:
    """Decompress the entry a chunk at a time, counting real bytes (a zip may understate)."""
    if info.file_size > cap:
        raise _too_big(name, info.file_size, cap)
    total, pending = 0, b""
    with book.open(info) as fh:
        while chunk := fh.read(CHUNK):
            total += len(chunk)
            if total > cap:
                raise _too_big(name, total, cap)
            if scan is None:
                continue
            pending += chunk
            cut = pending.rfind(b"<row")
            if cut <= 0:
                if len(pending) > MAX_ROW_BYTES:
                    raise _too_big(name, total, cap)
                continue
            scan.feed(pending[:cut])
            pending = pending[cut:]
    if scan is not None and pending:
        scan.feed(pending)
