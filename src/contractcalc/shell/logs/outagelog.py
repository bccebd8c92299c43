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
import functools
import gc
import os
from collections.abc import Mapping, Sequence
from itertools import compress, repeat
from operator import eq, floordiv, gt, is_, le, lt, not_, sub, truediv
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contractcalc.core.errors import InputError, InputErrors, brief
from contractcalc.core.uptime import severity, times
from contractcalc.core.uptime.availability import Downtime, Period
from contractcalc.core.uptime.intervals import CHUNK, Union
from contractcalc.core.uptime.sla import Breach, Incident, incident, restore_overruns, sla_breaches
from contractcalc.i18n import _
from contractcalc.shell.logs.columns import Chunk, Table
from contractcalc.shell.logs.tables import open_table

if TYPE_CHECKING:
    from contractcalc.core.model import Contract
    from contractcalc.shell.logs.csvparts import Part
    from contractcalc.shell.logs.tables import CsvTable

MAX_LISTED = 20
MIN_PART_BYTES = 1 << 20  # a worker's part is worth its fork and its result's trip (~5 ms)
COUNTS = ("rows", "open", "future", "outside", "zero", "sla_before", "sla_checked",
          "bad_count")  # the _Scan counters, added up over the parts of a log
SLA_COLUMNS = ("reported", "responded", "onsite")
REQUIRED = ("system", "start", "end")
OPTIONAL = ("severity", *SLA_COLUMNS, "type")
PLACEHOLDER = "0001-01-01T00:00:00"  # stands in for a rejected row's times in column passes
US = dt.timedelta(microseconds=1)
EXACT_FLOAT_US = 2 ** 53  # microseconds a float holds exactly (IEEE 754 double: 53-bit integers)

Blocks = tuple[list[dt.datetime], list[dt.datetime]]


@dataclasses.dataclass
class LogSummary:
    block_keys: dict[str, tuple[list[Any], list[Any]]]
    """Per system id: merged outage blocks as microseconds from `origin` (see _Scan)."""
    origin: dt.datetime
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
    sla_before_period: int = 0
    """Fault reports made before the measured period (before the contract's service): their
    downtime inside the period counts, but no SLA of this contract judges them."""
    future_lines: list[int] = dataclasses.field(default_factory=list)
    """The first MAX_LISTED of the future rows' lines."""
    cut_open_line: int | None = None
    """The line of a counted open outage that is the file's last line and has no line end:
    what a file cut short after a start time also looks like."""
    planned_keys: dict[str, tuple[list[Any], list[Any]]] = dataclasses.field(
        default_factory=dict)
    """Per system id: merged blocks of the planned-maintenance rows (type/类型), as block_keys;
    empty unless the contract names maintenance log types and the log has the column."""

    @functools.cached_property
    def planned_blocks(self) -> dict[str, Blocks]:
        """planned_keys as times."""
        return {sid: (_instants(self.origin, begins), _instants(self.origin, ends))
                for sid, (begins, ends) in self.planned_keys.items()}

    @functools.cached_property
    def blocks(self) -> dict[str, Blocks]:
        """Per system id: merged outage blocks clipped to the measured part of the period, as
        times; made when asked for (the monthly views), as most runs need only the totals."""
        return {sid: (_instants(self.origin, begins), _instants(self.origin, ends))
                for sid, (begins, ends) in self.block_keys.items()}


class _Scan:
    def __init__(self, table: Any, contract: Contract, period: Period,
                 measured_to: dt.datetime) -> None:
        self.name = table.name
        self.width = table.width
        self.contract = contract
        # The measured part [start, stop): empty when the as-of instant is before the period.
        self.start, self.stop = period.start, period.measured_end(measured_to)
        self.measured_to = measured_to
        # Canonical ISO texts of naive times sort in time order: the keys of every pass.
        self.start_key, self.stop_key = self.start.isoformat(), self.stop.isoformat()
        self.measured_key = measured_to.isoformat()
        # Counted rows go to the unions as microseconds from the period's start, clipped to the
        # measured part: the union of clipped rows is the clipped union. Floats when they hold
        # every such count exactly (a measured part under 285 years): their sort is several
        # times faster than that of ISO texts or big ints; else ints, exact at any length.
        self.to_us = truediv if abs((self.stop - self.start) // US) < EXACT_FLOAT_US \
            else floordiv
        self.zero_us = self.to_us(dt.timedelta(0), US)
        idx = table.index
        self.i_sys, self.i_start, self.i_end = idx["system"], idx["start"], idx["end"]
        self.i_sev = idx.get("severity")
        # A contract without response terms judges no SLA: its times are not read.
        self.sla = ([(c, idx[c]) for c in SLA_COLUMNS if c in idx]
                    if contract.response is not None else [])
        self.ids = [s.id for s in contract.systems]
        self.lookup: dict[object, str] = {}
        for s in contract.systems:
            for key in (s.id, s.name, *s.aliases):
                self.lookup[key] = s.id
                self.lookup[key.strip().casefold()] = s.id
        response = contract.response
        self.labels = severity.labels(response.severity_labels if response is not None else {})
        self.levels = response.levels if response is not None else ()
        if self.levels:  # labels name levels (their index); '' no level
            self.labels = severity.level_labels(self.levels)  # type: ignore[assignment]
        # Rows of a planned-maintenance type are not downtime: kept apart, per system.
        maintenance = contract.uptime.maintenance if contract.uptime is not None else None
        self.planned_types = {severity.normal(t) for t in maintenance.log_types} \
            if maintenance else set()
        self.i_type = idx.get("type") if self.planned_types else None
        self.planned = {sid: Union() for sid in self.ids} if self.i_type is not None else {}
        self.unions = {sid: Union() for sid in self.ids}
        self.bad: list[InputError] = []
        self.bad_count = self.rows = self.open = self.future = self.outside = self.zero = 0
        self.sla_before = 0
        self.outside_lines: list[int] = []
        self.future_lines: list[int] = []
        self.last_open: int | None = None  # the line of the last row, if an open outage
        self.unterminated = False  # the file's last line has no line end
        self.sla_checked = 0
        self.breaches: list[Breach] = []
        self.incidents: list[Incident] = []

    def reject(self, line: int, column: str | None, message: str) -> None:
        """Keep the MAX_LISTED earliest lines (checks run column by column, so problems are
        found out of line order), in bounded memory."""
        self.bad_count += 1
        self.bad.append(InputError(message, source=self.name, line=line, field=column))
        if len(self.bad) > 4 * MAX_LISTED:
            self.bad = sorted(self.bad, key=lambda e: e.line or 0)[:MAX_LISTED]

    def absorb(self, other: _Scan) -> None:
        """Take in the scan of the part of the log that follows this one's (runtime/workers.py):
        its blocks join the unions, its counts add up, its lines follow these."""
        for sid, union in self.unions.items():
            union.extend(*other.unions[sid].blocks())
        for sid, union in self.planned.items():
            union.extend(*other.planned[sid].blocks())
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.bad += other.bad
        self.outside_lines = (self.outside_lines + other.outside_lines)[:MAX_LISTED]
        self.future_lines = (self.future_lines + other.future_lines)[:MAX_LISTED]
        self.breaches += other.breaches
        self.incidents += other.incidents
        self.last_open, self.unterminated = other.last_open, other.unterminated

    def chunk(self, part: Chunk) -> None:
        columns, lines = part.columns, part.lines
        n = len(lines)
        ok = [True] * n
        for i, fields in part.wide:
            self.reject(lines[i], None, _("{fields} fields, the header has {width}").format(
                fields=fields, width=self.width))
            ok[i] = False
        for i, fields in part.short:
            if _blank(columns, i):
                continue  # only spaces: a blank line (_systems counts it as one)
            if fields <= self.i_end:  # cut before its end: open or truncated? Not a guess to make
                self.reject(lines[i], "end", _(
                    "{fields} field(s), the header has {width}: no end field; an outage still "
                    "open has an empty one (a comma after the start)").format(
                        fields=fields, width=self.width))
                ok[i] = False
        codes, blank = self._systems(columns, ok, lines)
        self.rows += n - blank
        starts, start_keys, _all = self._times(columns[self.i_start], "start", ok, lines, False)
        ends, end_keys, all_times = self._times(columns[self.i_end], "end", ok, lines, True)
        severe = self._severity(columns, ok, lines)
        opened = []
        for i in () if all_times else compress(range(n), map(is_, ends, repeat(times.OPEN))):
            if ok[i]:  # an outage not over yet: down until the as-of instant
                if start_keys[i] >= self.measured_key:
                    self.future += 1
                    if len(self.future_lines) < MAX_LISTED:
                        self.future_lines.append(lines[i])
                    ok[i] = False
                else:
                    opened.append(i)
                    end_keys[i] = self.measured_key
        if False in ok:
            for i in compress(range(n), map(not_, ok)):  # so that column passes can compare
                start_keys[i] = end_keys[i] = PLACEHOLDER
        for i in compress(range(n), map(le, end_keys, start_keys)):
            if not ok[i]:
                continue
            ok[i] = False
            if end_keys[i] == start_keys[i]:
                self.zero += 1
            else:
                self.reject(lines[i], "end", _("{end} is before the start {start}").format(
                    end=_text(columns[self.i_end][i]), start=_text(columns[self.i_start][i])))
        # Rows reaching outside [start, stop) (few): cut to it below. Of them, those wholly
        # outside are counted and named, never dropped silently; as every row still ok ends
        # after it starts, those are the early ones that end by the start and the late ones
        # that start at or after the stop.
        early = list(compress(range(n), map(lt, start_keys, repeat(self.start_key))))
        late = list(compress(range(n), map(gt, end_keys, repeat(self.stop_key))))
        out = sorted({*(i for i in early if ok[i] and end_keys[i] <= self.start_key),
                      *(i for i in late if ok[i] and start_keys[i] >= self.stop_key)}) \
            if self.stop > self.start else list(compress(range(n), ok))  # else all outside
        for i in out:
            ok[i] = False
            if len(self.outside_lines) < MAX_LISTED:
                self.outside_lines.append(lines[i])
        self.outside += len(out)
        # Planned maintenance rows (type/类型): not downtime and not faults; kept apart.
        planned: list[int] = []
        if self.i_type is not None:
            flags = map(self.planned_types.__contains__,
                        map(severity.normal, map(str, columns[self.i_type])))
            planned = [i for i in compress(range(n), flags) if ok[i]]
            for i in planned:
                ok[i] = False
        self._check_sla(columns, ok, lines, codes, starts, ends, severe, opened)
        self.open += sum(map(ok.__getitem__, opened))  # those counted: not outside, not bad
        self.last_open = lines[n - 1] if opened and opened[-1] == n - 1 and ok[n - 1] else None
        # Rows reaching outside the measured part are cut to it; the value lists are this
        # chunk's own and the SLA rules have read them.
        for i in opened:
            ends[i] = self.measured_to
        for i in early:
            starts[i] = self.start
        for i in late:
            ends[i] = self.stop
        if planned:
            self._planned(planned, codes, starts, ends)
        if False in ok:  # only counted rows go on
            codes = list(compress(codes, ok))
            starts, ends = list(compress(starts, ok)), list(compress(ends, ok))
        start_us = list(map(self.to_us, map(sub, starts, repeat(self.start)), repeat(US)))
        end_us = list(map(self.to_us, map(sub, ends, repeat(self.start)), repeat(US)))
        for sid, union in self.unions.items():
            mine = list(map(eq, codes, repeat(sid)))
            union.extend(list(compress(start_us, mine)), list(compress(end_us, mine)))

    def _planned(self, rows: list[int], codes: list[Any], starts: list[Any],
                 ends: list[Any]) -> None:
        """Planned-maintenance rows (already cut to the measured part) into their own unions."""
        for i in rows:
            self.planned[codes[i]].extend([self.to_us(starts[i] - self.start, US)],
                                          [self.to_us(ends[i] - self.start, US)])

    def _systems(self, columns: list[Sequence[Any]], ok: list[bool],
                 lines: Sequence[int]) -> tuple[list[Any], int]:
        """System ids of the rows (None where unknown), and the number of blank rows (a row
        with no text at all: not a row of the log, marked not ok)."""
        cells = columns[self.i_sys]
        codes = list(map(self.lookup.get, cells))
        blank = 0
        if None in codes:
            for i in compress(range(len(codes)), map(eq, codes, repeat(None))):
                raw = cells[i]
                codes[i] = self.lookup.get(str(raw).strip().casefold())
                if codes[i] is not None:
                    continue
                if _blank(columns, i):
                    blank += 1
                    ok[i] = False
                elif ok[i]:
                    self.reject(lines[i], "system",
                                _("unknown system {raw!r}; expected one of {ids}, a full name "
                                  "or an alias (systems: aliases: in the contract)").format(
                                    raw=brief(raw), ids=", ".join(self.ids)))
                    ok[i] = False
        return codes, blank

    def _times(self, cells: Sequence[Any], column: str, ok: list[bool], lines: Sequence[int],
               allow_empty: bool) -> tuple[list[Any], list[str], bool]:
        """Values (datetime, Bad or OPEN), sort keys (canonical ISO text) of a column, and
        whether every value is a time (a canonical column: no empty cell to look for)."""
        values, canonical = times.column(cells, allow_empty=allow_empty)
        if canonical:
            return values, list(cells), True
        keys = [PLACEHOLDER] * len(values)
        for i, v in enumerate(values):
            if type(v) is dt.datetime:
                keys[i] = v.isoformat()
            elif isinstance(v, times.Bad) and ok[i]:
                self.reject(lines[i], column, v.message)
                ok[i] = False
        return values, keys, False

    def _severity(self, columns: list[Sequence[Any]], ok: list[bool],
                  lines: Sequence[int]) -> list[Any]:
        if self.i_sev is None:
            return [-1 if self.levels else False] * len(ok)
        cells = columns[self.i_sev]
        marks = list(map(self.labels.get, cells))
        if None in marks:
            for i in compress(range(len(marks)), map(eq, marks, repeat(None))):
                marks[i] = self.labels.get(severity.normal(str(cells[i])))
                if marks[i] is None and ok[i] and self.levels:
                    self.reject(lines[i], "severity", _(
                        "{label!r} matches no severity level; expected one of {levels} or "
                        "their labels (response: levels: in the contract)").format(
                            label=brief(cells[i]),
                            levels=", ".join(v.level for v in self.levels)))
                    ok[i] = False
                elif marks[i] is None and ok[i]:
                    self.reject(lines[i], "severity",
                                _("unknown label {label!r}; map it in the contract "
                                  "(response: severity_labels: {{{label}: severe}} or minor)"
                                  ).format(label=brief(cells[i])))
                    ok[i] = False
        return marks

    def _check_sla(self, columns: list[Sequence[Any]], ok: list[bool], lines: Sequence[int],
                   codes: list[Any], starts: list[Any], ends: list[Any], severe: list[Any],
                   opened: list[int]) -> None:
        """Rows with report times are judged one by one. Severe rows without them can only
        breach the restore rule, and only when they ran past its limit: that is found over the
        column at once (sla.restore_overruns), and only those rows are judged one by one."""
        n = len(ok)
        filled = [False] * n
        for _column, c in self.sla:
            given = map(bool, map(str.strip, map(str, columns[c])))
            filled = list(map(bool.__or__, filled, given))
        restored = ends
        if opened:
            restored = list(ends)
            for i in opened:
                restored[i] = self.measured_to
        if self.contract.response is None:
            overrun = []
        elif self.levels:
            overrun = self._level_overruns(ok, filled, severe, starts, restored)
        else:
            # Severe rows are few: found over the column at once, then looked at one by one.
            severe_only = [i for i in compress(range(n), severe) if ok[i] and not filled[i]]
            overrun = list(compress(severe_only, restore_overruns(
                list(map(starts.__getitem__, severe_only)),
                list(map(restored.__getitem__, severe_only)), self.contract.response)))
            self.sla_checked += len(severe_only) - len(overrun)  # the others counted below
        rows = sorted({*overrun, *compress(range(n), filled)})
        opened_set = set(opened)
        for i in rows:
            if ok[i]:
                self._check_row(columns, ok, lines, i, codes[i], starts[i],
                                None if i in opened_set else ends[i],
                                severe[i] if self.levels else bool(severe[i]))

    def _level_overruns(self, ok: list[bool], filled: list[bool], marks: list[Any],
                        starts: list[Any], restored: list[Any]) -> list[int]:
        """Rows with a level but no report or on-site time that ran past the level's first
        hour limit (on site or restore), over the column a level at a time: only those can
        breach, and only they are judged one by one."""
        from contractcalc.core.uptime.sla import first_limit_hours

        found: list[int] = []
        for n, level in enumerate(self.levels):
            rows = [i for i in compress(range(len(ok)), map(eq, marks, repeat(n)))
                    if ok[i] and not filled[i]]
            hours = first_limit_hours(level)
            if hours is None:
                self.sla_checked += len(rows)
                continue
            limit = dt.timedelta(hours=hours)
            over = list(compress(rows, map(gt, map(sub, map(restored.__getitem__, rows),
                                                   map(starts.__getitem__, rows)),
                                           repeat(limit))))
            self.sla_checked += len(rows) - len(over)
            found += over
        return found

    def _check_row(self, columns: list[Sequence[Any]], ok: list[bool], lines: Sequence[int],
                   i: int, code: str, start: dt.datetime, end: dt.datetime | None,
                   severe: Any) -> None:
        found: dict[str, dt.datetime | None] = {}
        for column, c in self.sla:
            parsed = times.cell(columns[c][i], allow_empty=True)
            if isinstance(parsed, times.Bad):
                self.reject(lines[i], column, parsed.message)
                ok[i] = False
                return
            found[column] = parsed if isinstance(parsed, dt.datetime) else None
        reported, responded = found.get("reported"), found.get("responded")
        if reported and responded and responded < reported:
            self.reject(lines[i], "responded", _("{responded} is before the report {reported}")
                        .format(responded=responded, reported=reported))
            ok[i] = False
            return
        if (reported or start) < self.start:  # reported before the service it would judge
            self.sla_before += 1
            return
        if self.levels:
            self._check_level(lines[i], ok, i, code, severe, start, end, found)
            return
        self.sla_checked += 1
        facts: dict[str, Any] = dict(
            line=lines[i], system=code, severe=severe, start=start, end=end,
            reported=reported, responded=responded, onsite=found.get("onsite"),
            as_of_end=self.measured_to, limits=self.contract.response)
        if any(found.values()):  # a fault report with times: listed whatever its outcome
            checked = incident(**facts)
            self.incidents.append(checked)
            self.breaches.extend(checked.breaches)
        else:  # severity alone: only a breach is worth a line
            self.breaches.extend(sla_breaches(**facts))

    def _check_level(self, line: int, ok: list[bool], i: int, code: str, level: int,
                     start: dt.datetime, end: dt.datetime | None,
                     found: dict[str, dt.datetime | None]) -> None:
        """A row judged by its own level's limits (sla.level_incident)."""
        from contractcalc.core.uptime.sla import level_incident

        if level < 0:  # a fault report with times but no level: which limits apply is unknown
            self.reject(line, "severity", _(
                "no severity level given for a fault report; expected one of {levels} or their "
                "labels").format(levels=", ".join(v.level for v in self.levels)))
            ok[i] = False
            return
        self.sla_checked += 1
        checked = level_incident(
            line=line, system=code, level=self.levels[level], clause=self.contract.response.clause
            if self.contract.response is not None else None,
            start=start, end=end, reported=found.get("reported"),
            responded=found.get("responded"), onsite=found.get("onsite"),
            as_of_end=self.measured_to)
        if any(found.values()):
            self.incidents.append(checked)
        self.breaches.extend(checked.breaches)

    def summary(self, skip_bad_rows: bool) -> LogSummary:
        self.bad = sorted(self.bad, key=lambda e: e.line or 0)[:MAX_LISTED]
        if self.bad and not skip_bad_rows:
            bad = list(self.bad)
            if self.bad_count > len(bad):
                bad.append(InputError(_("... and {count} more bad row(s)").format(
                    count=self.bad_count - len(bad)),
                                      source=self.name))
            raise InputErrors(bad)
        keys = {sid: u.blocks() for sid, u in self.unions.items()}
        return LogSummary(
            block_keys=keys, origin=self.start,
            # Each block's length is exact, and so is every partial sum: none exceeds the
            # measured part, whose microseconds the keys hold exactly (see __init__).
            downtime={sid: Downtime(US * int(sum(map(sub, ends, begins), self.zero_us)),
                                    len(begins))
                      for sid, (begins, ends) in keys.items()},
            rows=self.rows, breaches=self.breaches, incidents=self.incidents,
            sla_checked=self.sla_checked, skipped=self.bad, skipped_count=self.bad_count,
            open_outages=self.open, future_rows=self.future, outside=self.outside,
            outside_lines=self.outside_lines, zero_length=self.zero,
            sla_before_period=self.sla_before, future_lines=self.future_lines,
            cut_open_line=self.last_open if self.unterminated else None,
            planned_keys={sid: u.blocks() for sid, u in self.planned.items()})


def _instants(origin: dt.datetime, keys: list[Any]) -> list[dt.datetime]:
    """Union keys back to times: whole microseconds, so each is exact."""
    return list(map(origin.__add__, map(dt.timedelta, repeat(0), repeat(0), keys)))


def _blank(columns: list[Sequence[Any]], i: int) -> bool:
    """Row i holds no text at all (empty cells or spaces): a blank line, not a row of the log."""
    return not any(str(column[i]).strip() for column in columns)


def _text(value: Any) -> str:
    return str(value).strip()


OUTSIDE_ENV = "CONTRACTCALC_ALLOW_OUTSIDE_LOG"


def contract_log(contract_path: Path, outage_log: str) -> Path:
    """The outage log a contract names (outage_log:), resolved against the contract's folder and
    confined to it: a contract from someone else must not make the tool read any file the user
    can read (and quote it in an error). CONTRACTCALC_ALLOW_OUTSIDE_LOG=1 lifts the confinement
    (a log kept in a shared folder elsewhere)."""
    folder = os.path.realpath(contract_path.parent)
    log = os.path.realpath(os.path.join(folder, outage_log))
    if os.environ.get(OUTSIDE_ENV, "") not in ("", "0") \
            or os.path.commonpath([folder, log]) == folder:
        return Path(log)
    raise InputError(_("outage_log {log!r} is outside the contract's folder {folder}; refusing "
                       "to read it ({env}=1 allows it)").format(
        log=outage_log[:200], folder=folder, env=OUTSIDE_ENV), source=str(contract_path),
                     field="outage_log")


def read_log(source: str, *, contract: Contract, period: Period, measured_to: dt.datetime,
             encoding: str | None = None, sheet: str | None = None,
             columns: Mapping[str, str] | None = None,
             skip_bad_rows: bool = False, pipes: bool = True) -> LogSummary:
    """Scan the log once. `measured_to` is the as-of instant: open outages count to it and
    nothing after it is measured (`pipes`: as for tables.open_table). A big plain CSV file is
    scanned in parts by several processes (shell/csvparts, shell/workers), each part by the
    same _Scan as a whole log."""
    from contractcalc.shell.runtime import workers

    table = open_table(source, required=REQUIRED, optional=OPTIONAL, encoding=encoding,
                       sheet=sheet, columns=columns, pipes=pipes)
    collecting = gc.isenabled()
    gc.disable()  # millions of small acyclic objects: the cycle collector only costs time
    try:
        split = _split(table)
        if split is None:
            scan = _scan(table, contract, period, measured_to)
        else:
            scans = workers.run(functools.partial(_scan_part, split[0], contract, period,
                                                  measured_to), split[1])
            scan = scans[0]
            for other in scans[1:]:
                scan.absorb(other)
    finally:
        if collecting:
            gc.enable()
        table.close()
    return scan.summary(skip_bad_rows)


def _split(table: Table) -> tuple[CsvTable, list[Part]] | None:
    """The parts of a CSV file worth scanning in several processes, if any."""
    from contractcalc.shell.logs.csvparts import plan
    from contractcalc.shell.logs.tables import CsvTable
    from contractcalc.shell.runtime import workers

    count = workers.available()
    if not isinstance(table, CsvTable) or table.path is None or count < 2:
        return None
    parts = plan(table.stream.fileno(), table.encoding, count=count, min_bytes=MIN_PART_BYTES)
    return None if parts is None else (table, parts)


def _scan(table: Table, contract: Contract, period: Period,
          measured_to: dt.datetime) -> _Scan:
    scan = _Scan(table, contract, period, measured_to)
    for part in table.column_chunks(CHUNK):
        scan.chunk(part)
    scan.unterminated = table.unterminated
    return scan


def _scan_part(table: CsvTable, contract: Contract, period: Period, measured_to: dt.datetime,
               part: Part) -> _Scan:
    """One part of a CSV log, scanned with its unions folded (the least to send back)."""
    from contractcalc.shell.logs.csvparts import complete, open_part

    mine, raw = open_part(table, part)
    try:
        scan = _scan(mine, contract, period, measured_to)
        complete(mine, raw)
    finally:
        mine.stream.close()
    for union in scan.unions.values():
        union.blocks()
    return scan
