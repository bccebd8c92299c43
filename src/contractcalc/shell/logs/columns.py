"""What every table of the tool shares, CSV or workbook: the header located (English or
Chinese names, HEADERS; `--column` maps any other), and rows delivered as columns. Kept apart
from the readers (tables.py for CSV, workbook.py) so that each reader depends on it and not on
the other.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import repeat
from typing import Any, NamedTuple

from contractcalc.core.errors import InputError, brief
from contractcalc.i18n import _

MAX_COLUMNS = 1000


# Header synonyms per column, as WPS/Excel exports and monitoring tools write them.
HEADERS: Mapping[str, tuple[str, ...]] = {
    "system": ("system", "系统", "系统名称", "业务系统", "应用系统", "系统名"),
    "start": ("start", "开始时间", "故障开始时间", "故障时间", "发生时间", "故障发生时间"),
    "end": ("end", "结束时间", "恢复时间", "故障恢复时间", "故障结束时间"),
    "severity": ("severity", "级别", "等级", "故障等级", "故障级别", "严重程度"),
    "reported": ("reported", "报告时间", "报修时间", "报障时间"),
    "responded": ("responded", "响应时间"),
    "onsite": ("onsite", "到场时间", "到达现场时间"),
    "type": ("type", "类型", "故障类型", "事件类型"),
    "note": ("note", "备注", "说明"),
    "date": ("date", "日期", "评估日期", "考核日期"),
    "person": ("person", "人员", "姓名", "人员姓名"),
    "result": ("result", "结果", "评估结果", "考核结果"),
}


def locate(header: Sequence[str], *, required: tuple[str, ...], optional: tuple[str, ...],
           given: Mapping[str, str], source: str, line: int) -> dict[str, int]:
    """Column → position, from the header (synonyms, then the user's --column maps)."""
    seen = [str(h).strip().casefold() for h in header]
    index: dict[str, int] = {}
    for column in (*required, *optional):
        if column in given:
            wanted = given[column].casefold()
            if wanted not in seen:
                raise InputError(_("--column {column}={header}: no such header; the header "
                                   "has {names}").format(column=column, header=given[column],
                                            names=", ".join(map(str, header))),
                                 source=source, line=line)
            index[column] = seen.index(wanted)
            continue
        hits = [i for i, h in enumerate(seen) if h in HEADERS[column]]
        if len(hits) > 1:
            raise InputError(_("columns {names} all mean {column}; pick one with --column "
                               "{column}=HEADER").format(
                                 names=", ".join(str(header[i]) for i in hits), column=column),
                             source=source, line=line)
        if hits:
            index[column] = hits[0]
    missing = [c for c in required if c not in index]
    if missing:
        bom = _("; it starts with a byte order mark: leave --encoding out, or pass "
                "--encoding utf-8-sig") if any(str(h).startswith("\ufeff") for h in header) else ""
        raise InputError(_("missing column(s) {missing}; the header has {names} "
                           "(map one with --column {first}=HEADER)").format(
            missing=", ".join(missing),
            names=brief(", ".join(str(h) for h in header if str(h).strip())) or _("nothing"),
            first=missing[0]) + bom, source=source, line=line)
    for at in sorted(set(index.values())):
        sharing = [c for c, i in index.items() if i == at]
        if len(sharing) > 1:  # e.g. --column start=结束 beside an end column 结束: no outage
            raise InputError(_("{columns} would all be read from the column {name!r}; each "
                               "needs its own (--column COLUMN=HEADER)").format(
                columns=", ".join(sharing), name=str(header[at])), source=source, line=line)
    return index


class Chunk(NamedTuple):
    """Rows as columns, each exactly as wide as the header (short rows padded with '', extra
    blank cells dropped)."""

    columns: list[Sequence[Any]]
    lines: Sequence[int]
    """lines[i]: the line (sheet row) where row i starts."""
    wide: list[tuple[int, int]]
    """(row, its number of fields) for rows with non-blank cells beyond the header's width."""
    short: Sequence[tuple[int, int]] = ()
    """(row, its number of fields) for rows with some fields but fewer than the header: a
    reader may refuse one whose missing field is not one it may leave empty."""


def to_columns(records: list[list[Any]], lines: Sequence[int], width: int) -> Chunk:
    wide, short = [], []
    if set(map(len, records)) != {width}:
        records = list(records)
        for i, record in enumerate(records):
            if len(record) == width:
                continue
            if len(record) > width and any(str(c).strip() for c in record[width:]):
                wide.append((i, len(record)))
            elif 0 < len(record) < width:
                short.append((i, len(record)))
            records[i] = [*record[:width], *repeat("", width - len(record))]
    columns: list[Sequence[Any]] = list(zip(*records, strict=True)) if records else []
    return Chunk(columns or [()] * width, lines, wide, short)


class Table:
    """An open table: name for messages, column positions, and its records in chunks.

    `chunks` yields (records, lines) where lines[i] is the line (sheet row) of records[i];
    `column_chunks` yields the same rows as columns.
    """

    name: str
    index: dict[str, int]
    width: int
    unterminated = False
    """Whether the last line read had no line end (the file ends there): only a CSV's can."""

    def chunks(self, size: int) -> Iterator[tuple[list[list[Any]], Sequence[int]]]:
        raise NotImplementedError

    def column_chunks(self, size: int) -> Iterator[Chunk]:
        for records, lines in self.chunks(size):
            yield to_columns(records, lines, self.width)

    def close(self) -> None:
        """Release the file; raise if it changed under us."""
