"""Reading an outage log (CSV or workbook) into merged downtime per system and SLA incidents.

One validating path: every row is judged by the same rules, a chunk of rows at a time, and
every problem is reported with its line. Speed comes from doing each rule over a whole column
at once (C-level map, compress and sort over a chunk's cells) rather than from a second, faster
path that would have to agree with the first; rows carrying SLA facts are few and are judged
one by one. Memory follows the chunk size and the number of merged outage blocks, not the
number of rows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
from collections.abc import Mapping, Sequence
from itertools import compress, repeat
from operator import eq, ge, is_, itemgetter, le, lt, not_
from typing import TYPE_CHECKING, Any

from contractcalc.core.errors import InputError, InputErrors
from contractcalc.core.uptime import severity, times
from contractcalc.core.uptime.availability import Downtime, Period
from contractcalc.core.uptime.intervals import CHUNK, Union
from contractcalc.core.uptime.sla import Breach, Incident, incident, sla_breaches
from contractcalc.shell.tables import open_table

if TYPE_CHECKING:
    from contractcalc.core.model import Contract

MAX_LISTED = 20
SLA_COLUMNS = ("reported", "responded", "onsite")
REQUIRED = ("system", "start", "end")
OPTIONAL = ("severity", *SLA_COLUMNS)
PLACEHOLDER = "0001-01-01T00:00:00"  # stands in for a rejected row's times in column passes

Blocks = tuple[list[dt.datetime], list[dt.datetime]]


@dataclasses.dataclass
class LogSummary:
    blocks: dict[str, Blocks]
    """Per system id: merged outage blocks clipped to the measured part of the period."""
    downtime: dict[str, Downtime]
    rows: int
    breaches: list[Breach]
    incidents: list[Incident]
    sla_checked: int
    skipped: list[InputError]
    skipped_count: int
    open_outages: int
    future_rows: int
    """Rows starting after the as-of instant: not counted."""
    outside: int
    """Rows wholly outside the measured part of the period: not counted."""
    outside_lines: list[int]
    zero_length: int
    """Rows whose end equals their start: not outages."""


class _Scan:
    def __init__(self, table: Any, contract: Contract, period: Period,
                 measured_to: dt.datetime) -> None:
        self.name = table.name
        self.width = table.width
        self.contract = contract
        self.start, self.stop = period.start, min(period.end, measured_to)
        self.measured_to = measured_to
        # Canonical ISO texts of naive times sort in time order: the keys of every pass.
        self.start_key, self.stop_key = self.start.isoformat(), self.stop.isoformat()
        self.measured_key = measured_to.isoformat()
        idx = table.index
        self.i_sys, self.i_start, self.i_end = idx["system"], idx["start"], idx["end"]
        self.i_sev = idx.get("severity")
        self.sla = [(c, idx[c]) for c in SLA_COLUMNS if c in idx]
        self.ids = [s.id for s in contract.systems]
        self.lookup: dict[object, str] = {}
        for s in contract.systems:
            for key in (s.id, s.name, *s.aliases):
                self.lookup[key] = s.id
                self.lookup[key.strip().casefold()] = s.id
        self.labels = severity.labels(contract.response.severity_labels)
        self.unions = {sid: Union() for sid in self.ids}
        self.bad: list[InputError] = []
        self.bad_count = self.rows = self.open = self.future = self.outside = self.zero = 0
        self.outside_lines: list[int] = []
        self.sla_checked = 0
        self.breaches: list[Breach] = []
        self.incidents: list[Incident] = []

    def reject(self, line: int, column: str | None, message: str) -> None:
        self.bad_count += 1
        if len(self.bad) < MAX_LISTED:
            self.bad.append(InputError(message, source=self.name, line=line, field=column))

    def chunk(self, records: list[list[Any]], lines: Sequence[int]) -> None:
        n, width = len(records), self.width
        ok = [True] * n
        if set(map(len, records)) != {width}:
            records = list(records)
            for i, record in enumerate(records):
                if len(record) == width:
                    continue
                if len(record) > width and any(str(c).strip() for c in record[width:]):
                    self.reject(lines[i], None, f"{len(record)} fields, the header has {width}")
                    ok[i] = False
                records[i] = [*record[:width], *repeat("", width - len(record))]
        blank = [i for i, r in enumerate(records) if not any(str(c).strip() for c in r)] \
            if "" in map(itemgetter(self.i_sys), records) else []
        for i in blank:
            ok[i] = False
        columns: list[Sequence[Any]] = list(zip(*records, strict=True)) if records else []
        self.rows += n - len(blank)
        codes = self._systems(columns[self.i_sys], ok, lines)
        starts, start_keys = self._times(columns[self.i_start], "start", ok, lines, False)
        ends, end_keys = self._times(columns[self.i_end], "end", ok, lines, True)
        severe = self._severity(columns, ok, lines)
        opened = []
        for i in compress(range(n), map(is_, ends, repeat(times.OPEN))):
            if ok[i]:  # an outage not over yet: down until the as-of instant
                if start_keys[i] >= self.measured_key:
                    self.future += 1
                    ok[i] = False
                else:
                    opened.append(i)
                    end_keys[i] = self.measured_key
        self.open += len(opened)
        for i in compress(range(n), map(not_, ok)):  # so that column passes can compare
            start_keys[i] = end_keys[i] = PLACEHOLDER
        for i in compress(range(n), map(lt, end_keys, start_keys)):
            self.reject(lines[i], "end", f"{_text(columns[self.i_end][i])} is before the "
                                         f"start {_text(columns[self.i_start][i])}")
            ok[i] = False
        zero = [i for i in compress(range(n), map(eq, end_keys, start_keys)) if ok[i]]
        for i in zero:
            ok[i] = False
        self.zero += len(zero)
        # Rows wholly outside [start, stop): counted and named, never dropped silently.
        out = sorted({*compress(range(n), map(le, end_keys, repeat(self.start_key))),
                      *compress(range(n), map(ge, start_keys, repeat(self.stop_key)))})
        out = [i for i in out if ok[i]]
        for i in out:
            ok[i] = False
            if len(self.outside_lines) < MAX_LISTED:
                self.outside_lines.append(lines[i])
        self.outside += len(out)
        self._check_sla(columns, ok, lines, codes, starts, ends, severe, set(opened))
        for sid, union in self.unions.items():
            mine = list(map(bool.__and__, ok, map(eq, codes, repeat(sid))))
            union.extend(list(compress(start_keys, mine)), list(compress(end_keys, mine)))

    def _systems(self, cells: Sequence[Any], ok: list[bool], lines: Sequence[int]) -> list[Any]:
        codes = list(map(self.lookup.get, cells))
        if None in codes:
            for i in compress(range(len(codes)), map(eq, codes, repeat(None))):
                raw = cells[i]
                codes[i] = self.lookup.get(str(raw).strip().casefold())
                if codes[i] is None and ok[i]:
                    self.reject(lines[i], "system",
                                f"unknown system {raw!r}; expected one of "
                                f"{', '.join(self.ids)}, a full name or an alias "
                                f"(systems: aliases: in the contract)")
                    ok[i] = False
        return codes

    def _times(self, cells: Sequence[Any], column: str, ok: list[bool], lines: Sequence[int],
               allow_empty: bool) -> tuple[list[Any], list[str]]:
        """Values (datetime, Bad or OPEN) and sort keys (canonical ISO text) of a column."""
        values, canonical = times.column(cells, allow_empty=allow_empty)
        if canonical:
            return values, list(cells)
        keys = [PLACEHOLDER] * len(values)
        for i, v in enumerate(values):
            if type(v) is dt.datetime:
                keys[i] = v.isoformat()
            elif isinstance(v, times.Bad) and ok[i]:
                self.reject(lines[i], column, v.message)
                ok[i] = False
        return values, keys

    def _severity(self, columns: list[Sequence[Any]], ok: list[bool],
                  lines: Sequence[int]) -> list[Any]:
        if self.i_sev is None:
            return [False] * len(ok)
        cells = columns[self.i_sev]
        marks = list(map(self.labels.get, cells))
        if None in marks:
            for i in compress(range(len(marks)), map(eq, marks, repeat(None))):
                marks[i] = self.labels.get(severity.normal(str(cells[i])))
                if marks[i] is None and ok[i]:
                    self.reject(lines[i], "severity",
                                f"unknown label {cells[i]!r}; map it in the contract "
                                f"(response: severity_labels: {{{cells[i]}: severe}} or minor)")
                    ok[i] = False
        return marks

    def _check_sla(self, columns: list[Sequence[Any]], ok: list[bool], lines: Sequence[int],
                   codes: list[Any], starts: list[Any], ends: list[Any], severe: list[Any],
                   opened: set[int]) -> None:
        marks = list(severe)
        for _, i in self.sla:
            marks = list(map(bool.__or__, map(bool, marks),
                             map(bool, map(str.strip, map(str, columns[i])))))
        limits = self.contract.response
        for i in compress(range(len(ok)), marks):
            if not ok[i]:
                continue
            found: dict[str, dt.datetime | None] = {}
            for column, c in self.sla:
                value = columns[c][i]
                parsed = times.cell(value, allow_empty=True)
                if isinstance(parsed, times.Bad):
                    self.reject(lines[i], column, parsed.message)
                    ok[i] = False
                    break
                found[column] = parsed if isinstance(parsed, dt.datetime) else None
            if not ok[i]:
                continue
            reported, responded = found.get("reported"), found.get("responded")
            if reported and responded and responded < reported:
                self.reject(lines[i], "responded", f"{responded} is before the report {reported}")
                ok[i] = False
                continue
            self.sla_checked += 1
            end = None if i in opened else ends[i]
            facts = dict(line=lines[i], system=codes[i], severe=bool(severe[i]), start=starts[i],
                         end=end, reported=reported, responded=responded,
                         onsite=found.get("onsite"), as_of_end=self.measured_to, limits=limits)
            if any(found.values()):  # a fault report with times: listed whatever its outcome
                checked = incident(**facts)
                self.incidents.append(checked)
                self.breaches.extend(checked.breaches)
            else:  # severity alone: only a breach is worth a line
                self.breaches.extend(sla_breaches(**facts))

    def summary(self, skip_bad_rows: bool) -> LogSummary:
        if self.bad and not skip_bad_rows:
            bad = list(self.bad)
            if self.bad_count > len(bad):
                bad.append(InputError(f"... and {self.bad_count - len(bad)} more bad row(s)",
                                      source=self.name))
            raise InputErrors(bad)
        blocks = {sid: _clip(_parsed(u.blocks()), self.start, self.stop)
                  for sid, u in self.unions.items()}
        return LogSummary(
            blocks=blocks,
            downtime={sid: Downtime(sum(map(dt.datetime.__sub__, b[1], b[0]),
                                        dt.timedelta(0)), len(b[0]))
                      for sid, b in blocks.items()},
            rows=self.rows, breaches=self.breaches, incidents=self.incidents,
            sla_checked=self.sla_checked, skipped=self.bad, skipped_count=self.bad_count,
            open_outages=self.open, future_rows=self.future, outside=self.outside,
            outside_lines=self.outside_lines, zero_length=self.zero)


def _parsed(keys: tuple[list[str], list[str]]) -> Blocks:
    return (list(map(dt.datetime.fromisoformat, keys[0])),
            list(map(dt.datetime.fromisoformat, keys[1])))


def _text(value: Any) -> str:
    return str(value).strip()


def _clip(blocks: Blocks, start: dt.datetime, stop: dt.datetime) -> Blocks:
    """Merged blocks cut to [start, stop); blocks wholly outside were dropped per row."""
    begins, finishes = blocks
    if begins:
        begins[0] = max(begins[0], start)
        finishes[-1] = min(finishes[-1], stop)
    return begins, finishes


def read_log(source: str, *, contract: Contract, period: Period, measured_to: dt.datetime,
             encoding: str | None = None, sheet: str | None = None,
             columns: Mapping[str, str] | None = None,
             skip_bad_rows: bool = False) -> LogSummary:
    """Scan the log once. `measured_to` is the as-of instant: open outages count to it and
    nothing after it is measured."""
    table = open_table(source, required=REQUIRED, optional=OPTIONAL, encoding=encoding,
                       sheet=sheet, columns=columns)
    scan = _Scan(table, contract, period, measured_to)
    collecting = gc.isenabled()
    gc.disable()  # millions of small acyclic objects: the cycle collector only costs time
    try:
        for records, lines in table.chunks(CHUNK):
            scan.chunk(records, lines)
    finally:
        if collecting:
            gc.enable()
        table.close()
    return scan.summary(skip_bad_rows)
