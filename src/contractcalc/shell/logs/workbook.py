"""Workbooks (.xlsx, .xls, .ods) read with python-calamine: one Rust reader for all three
formats, several times faster than openpyxl, keeping date-time cells as datetime values.

Rows are numbered as the spreadsheet numbers them, so FILE:ROW points at the row the user sees.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, BinaryIO

from contractcalc.core.errors import InputError
from contractcalc.i18n import _
from contractcalc.shell.logs.columns import MAX_COLUMNS, Table, locate


class WorkbookTable(Table):
    def __init__(self, data: BinaryIO, name: str, *, sheet: str | None,
                 required: tuple[str, ...], optional: tuple[str, ...],
                 columns: Mapping[str, str]) -> None:
        from python_calamine import CalamineError, CalamineWorkbook

        from contractcalc.shell.logs.sheetlimits import check

        self.name = name
        self._data = data
        check(data, name, sheet=sheet, max_columns=MAX_COLUMNS)  # before any native allocation
        try:
            book = CalamineWorkbook.from_filelike(data)
            names = book.sheet_names
            if sheet is not None and sheet not in names:
                raise InputError(_("no sheet {sheet!r}; the workbook has {names}").format(
                    sheet=sheet, names=", ".join(names)),
                                 field="--sheet")
            if not names:
                raise InputError(_("the workbook has no sheets"), source=name)
            chosen = book.get_sheet_by_name(sheet if sheet is not None else names[0])
            if chosen.width > MAX_COLUMNS:
                raise InputError(_("sheet {sheet} has {width} columns, more than {count}; expected "
                                   "a log").format(sheet=chosen.name, width=chosen.width,
                                                   count=MAX_COLUMNS), source=name)
            grid = chosen.to_python(skip_empty_area=False)
        except InputError:
            raise
        except (CalamineError, ValueError, OSError) as exc:
            raise InputError(_("not a workbook that can be read ({kind}: {problem}); expected "
                               ".xlsx, .xls or .ods, or a CSV text file").format(
                kind=type(exc).__name__, problem=exc),
                             source=name) from None
        first = 1
        while grid and not any(str(c).strip() for c in grid[0]):
            grid.pop(0)  # empty rows above the header
            first += 1
        if not grid:
            raise InputError(_("empty sheet; expected a header row"), source=name, line=1)
        header = [str(h) for h in grid[0]]
        self.index = locate(header, required=required, optional=optional, given=columns,
                            source=name, line=first)
        self.width = len(header)
        self._rows = grid[1:]
        self._first = first + 1

    def chunks(self, size: int) -> Iterator[tuple[list[list[Any]], Sequence[int]]]:
        for at in range(0, len(self._rows), size):
            part = self._rows[at:at + size]
            yield part, range(self._first + at, self._first + at + len(part))

    def close(self) -> None:
        self._data.close()
