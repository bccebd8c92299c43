"""Reading an outage log (CSV) into merged downtime per system and SLA breaches.

Monitoring exports run to millions of rows, so rows are read in chunks and a regular chunk
(every row well-formed, canonical naive ISO times, no open outages) goes through C-level passes
only: transpose, parse (to validate), split by system, union. Any chunk
with something unusual is replayed row by row, which is where every problem gets its line.
Times are compared as canonical ISO strings on Beijing time: their order is their time order.
A large file is split at line boundaries and its parts scanned in parallel (logsplit.py).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import gc
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import compress, islice, repeat
from operator import eq, itemgetter, lt, sub
from typing import Any

from contractcalc.core.dates import beijing_tz
from contractcalc.core.errors import InputError, InputErrors
from contractcalc.core.uptime.availability import Downtime, Period
from contractcalc.core.uptime.intervals import CHUNK, Union
from contractcalc.core.uptime.sla import Breach, Incident, incident, sla_breaches
from contractcalc.shell.tables import Table

MAX_LISTED = 20
SEVERE = frozenset({"severe", "严重", "critical"})
SLA_COLUMNS = ("reported", "responded", "onsite")
REQUIRED = ("system", "start", "end")
OPTIONAL = ("severity", *SLA_COLUMNS)


@dataclasses.dataclass
class LogSummary:
    downtime: dict[str, Downtime]
    rows: int
    breaches: list[Breach]
    incidents: list[Incident]
    sla_checked: int
    skipped: list[InputError]
    skipped_count: int
    open_outages: int
    future_rows: int


@dataclasses.dataclass
class Part:
    """What one scan of (part of) a log found; parts add up."""

    blocks: dict[str, tuple[list[str], list[str]]] = dataclasses.field(default_factory=dict)
    """Per system code: starts and ends of its merged outage blocks."""
    rows: int = 0
    sla_checked: int = 0
    open_outages: int = 0
    future: int = 0
    bad_count: int = 0
    bad: list[tuple[int | None, str | None, str]] = dataclasses.field(default_factory=list)
    breaches: list[Breach] = dataclasses.field(default_factory=list)
    incidents: list[Incident] = dataclasses.field(default_factory=list)

    def checkpoint(self) -> tuple[int, ...]:
        return (self.sla_checked, self.bad_count, len(self.bad), len(self.breaches),
                len(self.incidents))

    def rollback(self, mark: tuple[int, ...]) -> None:
        """Undo the SLA results and rejections added since the checkpoint."""
        self.sla_checked, self.bad_count, bad, breaches, incidents = mark
        del self.bad[bad:], self.breaches[breaches:], self.incidents[incidents:]


@dataclasses.dataclass
class Layout:
    """Where the columns are, and the facts every row is judged against (picklable)."""

    name: str
    index: dict[str, int]
    width: int
    contract: Any
    period: Period
    as_of_end: dt.datetime


class _Scan:
    """One pass over rows: a Part being filled, with the lookups it needs."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.part = Part()
        systems = layout.contract.systems
        self.code = {s.id: chr(0x41 + n) for n, s in enumerate(systems)}
        self.unions = {code: Union() for code in self.code.values()}
        self.system_of = {c: sid for sid, c in self.code.items()}
        self.lookup = {key: self.code[s.id] for s in systems for key in (s.id, s.name)}
        self.open_end = min(layout.as_of_end, layout.period.end).isoformat()
        idx = layout.index
        self.i_sys, self.i_start, self.i_end = idx["system"], idx["start"], idx["end"]
        self.i_sev = idx.get("severity")
        self.sla = [(c, idx[c]) for c in SLA_COLUMNS if c in idx]
        self.restore_limit = dt.timedelta(hours=layout.contract.response.severe_restore_hours)

    def reject(self, line: int | None, column: str | None, message: str) -> None:
        self.part.bad_count += 1
        if len(self.part.bad) < MAX_LISTED:
            self.part.bad.append((line, column, message))

    def run(self, reader: Any, first_line: int) -> Part:
        """Scan the reader's rows; its line n is line first_line + n of the file."""
        collecting = gc.isenabled()
        gc.disable()  # millions of small acyclic objects: the cycle collector only costs time
        try:
            base = first_line + reader.line_num
            while chunk := list(islice(reader, CHUNK)):
                end = first_line + reader.line_num
                if not self._fast(chunk, end):
                    self._slow(chunk, base)
                base = end
        finally:
            if collecting:
                gc.enable()
        self.part.blocks = {code: u.blocks() for code, u in self.unions.items()}
        return self.part

    def _fast(self, chunk: list[list[str]], last_line: int) -> bool:
        """A regular chunk in C-level passes; False (nothing consumed) when irregular."""
        if set(map(len, chunk)) != {self.layout.width}:
            return False
        columns = list(zip(*chunk, strict=True))
        codes = list(map(self.lookup.get, columns[self.i_sys]))
        starts, ends = columns[self.i_start], columns[self.i_end]
        if None in codes or "" in ends:
            return False
        for times in (starts, ends):
            if set(map(len, times)) != {19} or set(map(itemgetter(10), times)) != {"T"}:
                return False
        try:
            parsed_starts = list(map(dt.datetime.fromisoformat, starts))
            parsed_ends = list(map(dt.datetime.fromisoformat, ends))
        except ValueError:
            return False
        if any(map(lt, parsed_ends, parsed_starts)):
            return False
        # Length 19, 'T' at 10 and a successful parse: no offset, so the strings are canonical.
        flagged = self._sla_rows(columns, len(chunk))
        checked_here = 0
        if not self.sla:  # severity alone: only a severe outage past the restore limit matters
            checked_here = len(flagged)
            flagged = [i for i in flagged
                       if parsed_ends[i] - parsed_starts[i] > self.restore_limit]
            checked_here -= len(flagged)  # _sla counts the rest itself
        first = last_line - len(chunk)
        before = self.part.checkpoint()
        for i in flagged:
            if self._sla(chunk[i], first + i + 1, codes[i] or "", parsed_starts[i],
                         parsed_ends[i]) is None:
                # An unreadable SLA time: forget this chunk's SLA results, so that the slow
                # path, which reports the problem with its line, counts each row once.
                self.part.rollback(before)
                return False
        self.part.sla_checked += checked_here
        self.part.rows += len(chunk)
        for code, union in self.unions.items():
            mine = list(map(eq, codes, repeat(code)))
            union.extend(list(compress(starts, mine)), list(compress(ends, mine)))
        return True

    def _sla_rows(self, columns: list[tuple[str, ...]], n: int) -> list[int]:
        """Rows that carry SLA facts: severe faults, or any of reported/responded/onsite."""
        marks = [False] * n
        if self.i_sev is not None:
            marks = [bool(v) and v.strip().lower() in SEVERE for v in columns[self.i_sev]]
        for _, i in self.sla:
            marks = list(map(bool.__or__, marks, map(bool, columns[i])))
        return list(compress(range(n), marks))

    def _slow(self, chunk: list[list[str]], base: int) -> None:
        """Row by row, with exact line numbers (quoted fields may span lines)."""
        width = self.layout.width
        line = base
        starts: dict[str, list[str]] = {code: [] for code in self.unions}
        ends: dict[str, list[str]] = {code: [] for code in self.unions}
        for record in chunk:
            line += 1
            this_line = line
            line += sum(cell.count("\n") for cell in record)
            if not any(cell.strip() for cell in record):
                continue
            if len(record) > width and any(c.strip() for c in record[width:]):
                self.reject(this_line, None, f"{len(record)} fields, the header has {width}")
                continue
            self.part.rows += 1
            row = self._row(record + [""] * (width - len(record)), this_line)
            if row is not None:
                code, start, end = row
                starts[code].append(start)
                ends[code].append(end)
        for code, union in self.unions.items():
            union.extend(starts[code], ends[code])

    def _row(self, record: list[str], line: int) -> tuple[str, str, str] | None:
        raw = record[self.i_sys]
        code = self.lookup.get(raw) or self.lookup.get(raw.strip())
        if code is None:
            names = ", ".join(s.id for s in self.layout.contract.systems)
            self.reject(line, "system", f"unknown system {raw!r}; expected one of {names} "
                                        f"or a full name")
            return None
        start = self._time(record[self.i_start], line, "start", required=True)
        if start is None:
            return None
        text = record[self.i_end].strip()
        if text:
            end = self._time(text, line, "end", required=True)
            if end is None:
                return None
            if end < start:
                self.reject(line, "end", f"{text} is before the start {record[self.i_start]}")
                return None
            end_key = end.isoformat()
        else:
            if start >= self.layout.as_of_end:
                self.part.future += 1
                return None
            end, end_key = None, self.open_end
            self.part.open_outages += 1
        if self._sla(record, line, code, start, end) is None:
            return None
        return code, start.isoformat(), end_key

    def _time(self, text: str, line: int, column: str, *,
              required: bool = False) -> dt.datetime | None:
        text = text.strip()
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            self.reject(line, column,
                        f"{text!r} is not an ISO 8601 time (e.g. 2025-10-01T08:30:00)"
                        if text or not required else "empty; expected an ISO 8601 time")
            return None
        if value.tzinfo is not None:
            value = value.astimezone(beijing_tz()).replace(tzinfo=None)
        return value

    def _sla(self, record: list[str], line: int, code: str, start: dt.datetime,
             end: dt.datetime | None) -> list[Breach] | None:
        """Check one row's SLA facts; None when one of its times is unreadable (rejected)."""
        severe = self.i_sev is not None and record[self.i_sev].strip().lower() in SEVERE
        if not severe and not any(record[i].strip() for _, i in self.sla):
            return []
        times: dict[str, dt.datetime | None] = {}
        for column, i in self.sla:
            text = record[i].strip()
            times[column] = self._time(text, line, column) if text else None
            if text and times[column] is None:
                return None
        reported, responded = times.get("reported"), times.get("responded")
        if reported and responded and responded < reported:
            self.reject(line, "responded", f"{responded} is before the report {reported}")
            return None
        system = self.system_of[code]
        self.part.sla_checked += 1
        if any(times.values()):  # a fault report with times: listed whatever its outcome
            checked = incident(line=line, system=system, severe=severe, start=start, end=end,
                               reported=reported, responded=responded,
                               onsite=times.get("onsite"), as_of_end=self.layout.as_of_end,
                               limits=self.layout.contract.response)
            self.part.incidents.append(checked)
            found = list(checked.breaches)
        else:  # severity alone: only a breach is worth a line
            found = sla_breaches(line=line, system=system, severe=severe, start=start, end=end,
                                 reported=None, responded=None, onsite=None,
                                 as_of_end=self.layout.as_of_end,
                                 limits=self.layout.contract.response)
        self.part.breaches.extend(found)
        return found


def scan_rows(layout: Layout, reader: Any, first_line: int) -> Part:
    return _Scan(layout).run(reader, first_line)


def read_log(source: str, *, contract: Any, period: Period, as_of: dt.date,
             encoding: str | None = None, skip_bad_rows: bool = False,
             jobs: int | None = None) -> LogSummary:
    from contractcalc.shell import logsplit

    table = Table(source, required=REQUIRED, optional=OPTIONAL, encoding=encoding)
    layout = Layout(table.name, table.index, table.width, contract, period,
                    dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time()))
    try:
        parts = logsplit.scan_in_parts(source, table, layout, jobs)
        if parts is None:
            parts = [scan_rows(layout, table.reader, 0)]
    except (UnicodeDecodeError, csv.Error) as exc:
        raise table.error(exc) from None
    finally:
        table.close()
    return _summarize(layout, parts, skip_bad_rows)


def _summarize(layout: Layout, parts: list[Part], skip_bad_rows: bool) -> LogSummary:
    bad = [InputError(message, source=layout.name, line=line, field=column)
           for p in parts for line, column, message in p.bad][:MAX_LISTED]
    bad_count = sum(p.bad_count for p in parts)
    if bad and not skip_bad_rows:
        if bad_count > len(bad):
            bad.append(InputError(f"... and {bad_count - len(bad)} more bad row(s)",
                                  source=layout.name))
        raise InputErrors(bad)
    downtime = {}
    for n, system in enumerate(layout.contract.systems):
        union = Union()
        for p in parts:
            union.extend(*p.blocks[chr(0x41 + n)])
        downtime[system.id] = _downtime(layout.period, *union.blocks())
    return LogSummary(
        downtime=downtime,
        rows=sum(p.rows for p in parts),
        breaches=[b for p in parts for b in p.breaches],
        incidents=[i for p in parts for i in p.incidents],
        sla_checked=sum(p.sla_checked for p in parts), skipped=bad, skipped_count=bad_count,
        open_outages=sum(p.open_outages for p in parts), future_rows=sum(p.future for p in parts))


def _downtime(period: Period, starts: list[str], ends: list[str]) -> Downtime:
    """Downtime of one system within the period, from its merged blocks (C-level passes)."""
    first = bisect_right(ends, period.start.isoformat())  # blocks ending after the start ...
    last = bisect_left(starts, period.end.isoformat())    # ... and starting before the end
    if first >= last:
        return Downtime(dt.timedelta(0), 0)
    begin = _parse_all(starts[first:last])
    finish = _parse_all(ends[first:last])
    begin[0] = max(begin[0], period.start)
    finish[-1] = min(finish[-1], period.end)
    return Downtime(sum(map(sub, finish, begin), dt.timedelta(0)), last - first)


def _parse_all(texts: Iterable[str]) -> list[dt.datetime]:
    return list(map(dt.datetime.fromisoformat, texts))
