"""Uptime and SLAs from outage logs, worked by hand (1.5(1): up ≥95% of the year's hours)."""

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from contractcalc.core.uptime.availability import Period
from contractcalc.core.uptime.intervals import union
from contractcalc.shell.logs.outagelog import read_log

D = dt.date
HEADER = "system,start,end,severity,reported,responded,onsite\n"


def write(tmp_path: Path, body: str, header: str = HEADER, name: str = "log.csv",
          encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(header + body, encoding=encoding)
    return path


def figures(run, path, *extra, code=0):
    doc = run.json("uptime", str(path), *extra, code=code)
    return {r["system"]: r for r in doc["rows"]}, doc


def test_overlaps_edges_and_open_outage(run, tmp_path: Path) -> None:
    # Period 2025-09-17..2026-09-16: 365 days, 8,760 h. platform:
    #  08:00–10:00 and 09:00–11:00 overlap → 3 h; a duplicate report of the second adds nothing;
    #  2025-09-16T22:00–2025-09-17T02:00 is clipped to 2 h; total 5 h.
    # standards: down from 2026-09-16T20:00 with no end, as of 2026-11-24 → clipped at the
    #  period's end: 4 h. basics: no outages → 100%.
    log = write(tmp_path, "platform,2025-10-01T08:00:00,2025-10-01T10:00:00,,,,\n"
                          "platform,2025-10-01T09:00:00,2025-10-01T11:00:00,,,,\n"
                          "海淀区互联网综合服务平台,2025-10-01T09:00:00,2025-10-01T11:00:00,,,,\n"
                          "platform,2025-09-16T22:00:00,2025-09-17T02:00:00,,,,\n"
                          "standards,2026-09-16T20:00:00,,,,,\n")
    rows, doc = figures(run, log, "--from", "2025-09-17", "--to", "2026-09-16",
                        "--as-of", "2026-11-24")
    assert rows["platform"]["period_hours"] == "8760.000"
    assert rows["platform"]["downtime_hours"] == "5.000"
    # (8760 − 5) / 8760 = 99.94292…% → 99.943
    assert rows["platform"]["uptime_percent"] == "99.943"
    assert rows["platform"]["allowed_downtime_hours"] == "438.000"   # 5% of 8760
    assert rows["platform"]["remaining_hours"] == "433.000"
    assert rows["standards"]["downtime_hours"] == "4.000"
    assert rows["basics"]["uptime_percent"] == "100.000"
    assert doc["finding"] is False


def test_leap_year_and_failure(run, tmp_path: Path) -> None:
    # 2024 has 366 days: 8,784 h; 5% is 439.2 h. 440 h down misses the target:
    # (8784 − 440) / 8784 = 94.99089…% → 94.991, FAIL, exit 1.
    log = write(tmp_path, "basics,2024-03-01T00:00:00,2024-03-19T08:00:00,,,,\n")
    rows, doc = figures(run, log, "--from", "2024-01-01", "--to", "2024-12-31", code=1)
    assert rows["basics"]["period_hours"] == "8784.000"
    assert rows["basics"]["downtime_hours"] == "440.000"
    assert rows["basics"]["uptime_percent"] == "94.991"
    assert rows["basics"]["passed"] is False
    assert doc["finding"] is True


def test_exactly_on_target_passes(run, tmp_path: Path) -> None:
    # 439.2 h down in 2024 is exactly 95.000%: ≥ 95% passes.
    log = write(tmp_path, "basics,2024-03-01T00:00:00,2024-03-19T07:12:00,,,,\n")
    rows, _ = figures(run, log, "--from", "2024-01-01", "--to", "2024-12-31")
    assert (rows["basics"]["uptime_percent"], rows["basics"]["passed"]) == ("95.000", True)


def test_one_second_over_budget_never_reads_as_on_target(run, tmp_path: Path) -> None:
    # 439.2 h + 1 s down in 2024: uptime (8784 - 439.2003) / 8784 = 94.99999684…%, half-up
    # 95.000 — the target, beside FAIL. Figures on the failing side are rounded away from
    # their threshold: 94.999%, 439.201 h down against 439.200 allowed, -0.001 h left.
    log = write(tmp_path, "basics,2024-03-01T00:00:00,2024-03-19T07:12:01,,,,\n")
    rows, _doc = figures(run, log, "--from", "2024-01-01", "--to", "2024-12-31", code=1)
    basics = rows["basics"]
    assert (basics["uptime_percent"], basics["downtime_hours"], basics["remaining_hours"],
            basics["passed"]) == ("94.999", "439.201", "-0.001", False)


@given(st.decimals(-10, 10, places=9), st.decimals(-10, 10, places=4))
@example(value=Decimal("-0.0000003"), threshold=Decimal(0))  # not -0.000
@example(value=Decimal("1.0005"), threshold=Decimal("1.0005"))  # on it: plain half-up
def test_three_places_never_cross_their_threshold(value, threshold) -> None:
    # Within a thousandth of the value; on the value's side of the threshold (a value on it
    # shows as the threshold itself does); plain half-up unless within half a thousandth.
    from contractcalc.core.uptime.availability import three_places

    shown = three_places(value, threshold)
    assert abs(shown - value) < Decimal("0.001") and shown == shown.quantize(Decimal("0.001"))
    if value != threshold:
        assert (shown < threshold) == (value < threshold)
    else:
        assert shown == three_places(threshold)
    assert shown == three_places(value) or abs(value - threshold) < Decimal("0.0005")


def test_offsets_are_converted_to_beijing(run, tmp_path: Path) -> None:
    # 2025-10-01T00:00Z–01:00Z is 08:00–09:00 in Beijing: 1 h, inside a one-day period.
    log = write(tmp_path, "platform,2025-10-01T00:00:00Z,2025-10-01T01:00:00+00:00,,,,\n")
    rows, _ = figures(run, log, "--from", "2025-10-01", "--to", "2025-10-01")
    assert rows["platform"]["period_hours"] == "24.000"
    assert rows["platform"]["downtime_hours"] == "1.000"


def test_sla_breaches(run, tmp_path: Path) -> None:
    # Line 2: answered in 20 min (> 15). Line 3: answered in 15 min exactly: fine.
    # Line 4: severe, restored after 3 h, engineer on site 5 h after the report: within 24 h.
    # Line 5: severe, restored after 30 h, on site 25 h after the report: breach of 1.5(2).
    log = write(tmp_path,
                "platform,2025-10-01T08:00:00,2025-10-01T08:30:00,,2025-10-01T08:00:00,2025-10-01T08:20:00,\n"
                "platform,2025-10-02T08:00:00,2025-10-02T08:30:00,,2025-10-02T08:00:00,2025-10-02T08:15:00,\n"
                "basics,2025-10-03T08:00:00,2025-10-03T11:00:00,severe,2025-10-03T08:00:00,2025-10-03T08:05:00,2025-10-03T13:00:00\n"
                "basics,2025-10-04T08:00:00,2025-10-05T14:00:00,severe,2025-10-04T08:00:00,2025-10-04T08:05:00,2025-10-05T09:00:00\n")
    _, doc = figures(run, log, "--from", "2025-09-17", "--to", "2026-09-16", code=1)
    breaches = [(b["line"], b["clause"]) for b in doc["sla_breaches"]]
    assert breaches == [(2, "1.4.4(2)"), (5, "1.4.5(2)")]
    assert doc["sla_checked"] == 4
    incidents = {i["line"]: i for i in doc["sla_incidents"]}
    assert (incidents[2]["response_minutes"], incidents[2]["breached"]) == (20, ["1.4.4(2)"])
    assert (incidents[3]["response_minutes"], incidents[3]["breached"]) == (15, None)
    assert (incidents[4]["restore"], incidents[4]["onsite"]) == ("3 h 00 min", "5 h 00 min")
    assert incidents[5]["onsite_minutes"] == 25 * 60 and incidents[5]["result"] == "breach 1.4.5(2)"


def test_systems_without_outages_and_stdin(run, tmp_path: Path) -> None:
    result = run("uptime", "-", "--format", "json", "--from", "2025-09-17", "--to", "2025-09-17",
                 input="system,start,end\n")
    rows = {r["system"]: r for r in json.loads(result.stdout)["rows"]}
    assert {r["uptime_percent"] for r in rows.values()} == {"100.000"}


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_spreadsheet_encodings(run, tmp_path: Path, encoding: str) -> None:
    log = write(tmp_path, "海淀区网络安全基础信息管理系统,2025-10-01T08:00:00,2025-10-01T09:00:00\n",
                header="system,start,end\n", encoding=encoding)
    rows, _ = figures(run, log, "--from", "2025-10-01", "--to", "2025-10-01")
    assert rows["basics"]["downtime_hours"] == "1.000"


@pytest.mark.parametrize(("body", "message"), [
    ("platform,2025-10-01T25:00:00,2025-10-01T26:00:00\n", ":2: start: '2025-10-01T25:00:00' is not a date-time"),
    ("platform,2025-10-01T09:00:00,2025-10-01T08:00:00\n", ":2: end: 2025-10-01T08:00:00 is before the start"),
    ("mystery,2025-10-01T08:00:00,2025-10-01T09:00:00\n", ":2: system: unknown system 'mystery'"),
    ("platform,2025-10-01T08:00:00,2025-10-01T09:00:00,x\n", ":2: 4 fields, the header has 3"),
    ("platform,,2025-10-01T09:00:00\n", ":2: start: empty"),
])
def test_bad_rows(run, tmp_path: Path, body: str, message: str) -> None:
    log = write(tmp_path, "platform,2025-10-01T07:00:00,2025-10-01T07:30:00\n" + body,
                header="system,start,end\n")
    result = run("uptime", str(log), code=2)
    assert f"{log}{message.replace(':2:', ':3:')}" in result.stderr
    skipped = run("uptime", str(log), "--skip-bad-rows", "--from", "2025-10-01", "--to",
                  "2025-10-01", "--format", "json")
    doc = json.loads(skipped.stdout)
    assert doc["rows_skipped"] == 1
    assert {r["system"]: r for r in doc["rows"]}["platform"]["downtime_hours"] == "0.500"
    assert "skipped" in skipped.stderr


def test_bad_sla_time_in_a_regular_chunk_counts_each_row_once(run, tmp_path: Path) -> None:
    # Both rows are regular enough for the fast path; the second's unreadable 'responded'
    # sends the chunk to the row-by-row path, which must not count line 2's breach twice.
    log = write(tmp_path,
                "platform,2025-10-01T08:00:00,2025-10-01T08:30:00,,2025-10-01T08:00:00,2025-10-01T08:20:00,\n"
                "platform,2025-10-02T08:00:00,2025-10-02T08:30:00,,2025-10-02T08:00:00,bad,\n")
    result = run("uptime", str(log), "--skip-bad-rows", "--from", "2025-10-01", "--to",
                 "2025-10-02", "--format", "json", code=1)
    doc = json.loads(result.stdout)
    assert (doc["rows_skipped"], doc["sla_checked"]) == (1, 1)
    assert [b["line"] for b in doc["sla_breaches"]] == [2]
    assert [i["line"] for i in doc["sla_incidents"]] == [2]
    assert result.stderr.count("responded: 'bad'") == 1


def test_missing_columns(run, tmp_path: Path) -> None:
    log = write(tmp_path, "platform,2025-10-01T07:00:00\n", header="system,start\n")
    assert f"{log}:1: missing column(s) end" in run("uptime", str(log), code=2).stderr


@pytest.mark.parametrize(("header", "maps", "name"), [
    ("system,开始,结束\n", ["--column", "start=结束", "--column", "end=结束"], "结束"),
    ("system,from,end\n", ["--column", "start=end"], "end")])  # end found by its name
def test_two_columns_from_one_header_are_refused(run, tmp_path: Path, header, maps,
                                                 name) -> None:
    # Read from one column, every row would start where it ends: no outage, 100% up.
    log = write(tmp_path, "platform,2025-10-01T07:00:00,2025-10-01T08:00:00\n", header=header)
    err = run("uptime", str(log), *maps, code=2).stderr
    assert f"{log}:1: start, end would all be read from the column '{name}'" in err


def test_a_long_bad_value_is_quoted_back_cut_short(run, tmp_path: Path) -> None:
    # A 100,000-character system name or time: the message quotes its first 60 characters.
    log = write(tmp_path, "x" * 100_000 + ",2025-10-01T07:00:00,2025-10-01T08:00:00\n"
                "platform," + "9" * 100_000 + ",2025-10-01T08:00:00\n",
                header="system,start,end\n")
    err = run("uptime", str(log), code=2).stderr
    assert f"unknown system '{'x' * 60}…'" in err and f"'{'9' * 60}…' is not" in err
    assert max(map(len, err.splitlines())) < 400


def test_a_header_cell_with_a_line_break(run, tmp_path: Path) -> None:
    # The header runs over lines 1-2 (a quoted 备<LF>注 cell, as Excel writes a wrapped
    # heading): records start on line 3, and the bad one is named on line 4.
    log = write(tmp_path, "platform,2025-10-01T07:00:00,2025-10-01T08:00:00,x\n"
                          "platform,never,2025-10-01T09:00:00,y\n",
                header='system,start,end,"备\n注"\n')
    assert f"{log}:4: start: 'never'" in run("uptime", str(log), code=2).stderr
    doc = run.json("uptime", str(log), "--skip-bad-rows", "--from", "2025-10-01",
                   "--to", "2025-10-01")
    assert {r["system"]: r for r in doc["rows"]}["platform"]["downtime_hours"] == "1.000"


def test_quoted_multiline_field_keeps_line_numbers(run, tmp_path: Path) -> None:
    log = write(tmp_path, 'platform,2025-10-01T07:00:00,2025-10-01T08:00:00,"two\nlines"\n'
                          "platform,bad,2025-10-01T09:00:00,\n",
                header="system,start,end,note\n")
    assert f"{log}:4: start: 'bad'" in run("uptime", str(log), code=2).stderr


def test_chunks_give_the_same_figures_and_lines(tmp_path: Path, contract, monkeypatch) -> None:
    # The scan judges a chunk of rows at a time: chunks of 7 rows must give what one chunk
    # gives, with the same line for the same bad row.
    import random

    from contractcalc.shell.logs import outagelog

    rng = random.Random(5)
    lines = []
    for _ in range(300):
        start = dt.datetime(2025, 9, 17) + dt.timedelta(seconds=rng.randrange(366 * 86400))
        end = start + dt.timedelta(seconds=rng.randrange(1, 20000))
        sev = "severe" if rng.random() < 0.1 else ""
        lines.append(f"{rng.choice(['platform', 'standards', 'basics'])},"
                     f"{start.isoformat()},{end.isoformat()},{sev}\n")
    lines[100] = "platform,2025-10-01 8:00,bad,\n"   # line 102
    log = write(tmp_path, "".join(lines), header="system,start,end,severity\n")
    period = Period(D(2025, 9, 17), D(2026, 9, 16))
    until = dt.datetime(2026, 11, 25)

    def scan():
        return read_log(str(log), contract=contract, period=period, measured_to=until,
                        skip_bad_rows=True)

    one = scan()
    monkeypatch.setattr(outagelog, "CHUNK", 7)
    many = scan()
    assert one.downtime == many.downtime
    assert [b.line for b in one.breaches] == [b.line for b in many.breaches]
    assert (one.rows, one.sla_checked) == (many.rows, many.sla_checked) == (300, one.sla_checked)
    assert [e.line for e in one.skipped] == [e.line for e in many.skipped] == [102]


intervals = st.lists(st.tuples(st.integers(0, 1000), st.integers(0, 200)), max_size=60)


@given(intervals)
def test_union_matches_a_brute_force_count(items) -> None:
    starts = [a for a, _ in items]
    ends = [a + n for a, n in items]
    covered = {t for a, b in zip(starts, ends, strict=True) for t in range(a, b)}
    bs, be = union(list(starts), list(ends))
    assert sum(b - a for a, b in zip(bs, be, strict=True)) == len(covered)
    assert all(a < b for a, b in zip(be, bs[1:], strict=False))   # disjoint, gaps between


@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**5)), max_size=40),
       st.integers(1, 400))
def test_uptime_bounds(items, days) -> None:
    from contractcalc.core.uptime.availability import Downtime, system_uptime

    period = Period(D(2025, 1, 1), D(2025, 1, 1) + dt.timedelta(days=days - 1))
    limit = days * 86400
    starts = [min(a, limit) for a, _ in items]
    ends = [min(a + n, limit) for a, n in items]
    bs, be = union(starts, ends)
    down = sum((b - a for a, b in zip(bs, be, strict=True)), 0)
    result = system_uptime(system="x", name="x", clause="1", period=period,
                           downtime=Downtime(dt.timedelta(seconds=down), len(bs)),
                           target_percent=Decimal(95))
    assert Decimal(0) <= result.uptime_percent <= Decimal(100)
    assert result.passed == (result.uptime_percent >= 95)


def test_a_fault_reported_before_the_service_is_not_judged_by_its_sla(run, tmp_path) -> None:
    # Reported 2025-09-16 20:05, the day before signing: the downtime from 2025-09-17 00:00
    # counts (to 10:00: 10 h), but the contract's SLA cannot judge a report made before it.
    log = tmp_path / "log.csv"
    log.write_text("system,start,end,severity,reported,responded,onsite\n"
                   "platform,2025-09-16T20:00:00,2025-09-17T10:00:00,severe,"
                   "2025-09-16T20:05:00,2025-09-16T21:30:00,\n", encoding="utf-8")
    doc = run.json("uptime", str(log), "--as-of", "2025-10-01", code=0)
    rows = {r["system"]: r for r in doc["rows"]}
    assert rows["platform"]["downtime_hours"] == "10.000"
    assert (doc["sla_breaches"], doc["sla_before_period"]) == ([], 1)


def test_bad_rows_are_listed_in_line_order(run, tmp_path) -> None:
    # The checks run column by column; the messages still come in the file's order.
    log = tmp_path / "log.csv"
    log.write_text("system,start,end\n"
                   "platform,2025-10-01T08:00:00,soon\n"
                   "mystery,2025-10-01T08:00:00,2025-10-01T09:00:00\n"
                   "platform,never,2025-10-01T09:00:00\n"
                   "platform,2025-10-01T09:00:00,2025-10-01T08:00:00\n", encoding="utf-8")
    err = run("uptime", str(log), "--as-of", "2025-12-01", code=2).stderr
    lines = [int(m) for m in re.findall(r"log\.csv:(\d+):", err)]
    assert lines == [2, 3, 4, 5], err


# Instants near the edges that matter: the period 2025-09-17 00:00 .. 2026-09-17 00:00, and the
# as-of instants 2026-03-01 12:00 (inside it), 2026-11-01 00:00 (after it) and 2025-09-16 22:00
# (before it: nothing is measured yet).
EDGES = [dt.datetime(2025, 9, 17), dt.datetime(2025, 10, 1, 8), dt.datetime(2026, 3, 1, 12),
         dt.datetime(2026, 9, 17), dt.datetime(2026, 11, 1)]
instant = st.builds(lambda edge, hours: edge + dt.timedelta(hours=hours),
                    st.sampled_from(EDGES), st.integers(-3, 3))
log_row = st.tuples(st.sampled_from(["platform", "standards", "basics"]), instant,
                    st.one_of(st.none(), instant), st.booleans())


def by_hand(rows, until):
    """Each row judged on its own, as the contract reads (1.4.5(1)): an open outage is down
    until the as-of instant; a row ending where it starts is no outage; a row wholly outside
    the measured part [period start, min(period end, as-of)) is counted aside (every row, when
    the as-of instant is before the period); the rest, cut to it, is downtime, overlaps once;
    the open outages named are those counted. Returns the facts the scan reports."""
    begin, stop = EDGES[0], min(EDGES[3], until)
    hours = {"platform": set(), "standards": set(), "basics": set()}
    facts = {"open": 0, "future": [], "zero": 0, "outside": [], "bad": []}
    for line, (system, start, end, _canonical) in enumerate(rows, start=2):
        if end is None and start >= until:
            facts["future"].append(line)
            continue
        last = until if end is None else end
        if last == start:
            facts["zero"] += 1
        elif last < start:
            facts["bad"].append(line)
        elif last <= begin or start >= stop or stop <= begin:
            facts["outside"].append(line)
        else:  # every instant here is a whole hour: count the hours covered
            facts["open"] += end is None
            first, last = max(start, begin), min(last, stop)
            hours[system] |= {first + dt.timedelta(hours=h)
                              for h in range((last - first) // dt.timedelta(hours=1))}
    facts["down"] = {sid: dt.timedelta(hours=len(h)) for sid, h in hours.items()}
    return facts


def written(moment: dt.datetime, canonical: bool) -> str:
    return moment.isoformat() if canonical else f"{moment:%Y/%m/%d %H:%M}"


H = dt.timedelta(hours=1)


@given(st.lists(log_row, min_size=1, max_size=40),
       st.sampled_from([*EDGES[2::2], EDGES[0] - 2 * H]),
       st.integers(1, 9))
@example(rows=[  # each edge met exactly, beside the random rows
    ("platform", EDGES[0] - 2 * H, EDGES[0], True),  # ends at the period's start: outside
    ("platform", EDGES[0] - H, EDGES[0] + H, False),  # cut to its hour inside
    ("standards", EDGES[3], EDGES[3] + H, True),  # starts at the period's end: outside
    ("standards", EDGES[3] - H, None, True),  # open: down to the end of the period
    ("basics", EDGES[4], None, False),  # open from the as-of instant: not yet
    ("basics", EDGES[2], EDGES[2], True),  # no length
    ("basics", EDGES[2], EDGES[2] - H, True)], until=EDGES[4], chunk=3)  # reversed: bad
@example(rows=[  # as of 2025-09-16 22:00, before the period: every row outside, none open
    ("platform", EDGES[0] - 3 * H, EDGES[0] + H, True),  # across the period's start
    ("standards", EDGES[0] - 3 * H, None, True)], until=EDGES[0] - 2 * H, chunk=2)
def test_the_scan_judges_each_row_as_by_hand(tmp_path_factory, contract, rows, until,
                                             chunk) -> None:
    # Canonical and local forms mixed (the column-at-once and the cell-by-cell readings), in
    # chunks of 1 to 9 rows: every figure is the row-by-row one.
    from contractcalc.shell.logs import outagelog

    body = "".join(f"{system},{written(start, c)},{'' if end is None else written(end, c)}\n"
                   for system, start, end, c in rows)
    log = write(tmp_path_factory.mktemp("log"), body, header="system,start,end\n")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(outagelog, "CHUNK", chunk)
        mp.setattr(outagelog, "MAX_LISTED", 100)
        got = read_log(str(log), contract=contract, period=Period(D(2025, 9, 17),
                                                                   D(2026, 9, 16)),
                       measured_to=until, skip_bad_rows=True)
    want = by_hand(rows, until)
    assert {sid: d.total for sid, d in got.downtime.items()} == want["down"]
    assert (got.open_outages, got.future_lines, got.zero_length, got.outside_lines,
            [e.line for e in got.skipped]) == (want["open"], want["future"], want["zero"],
                                               want["outside"], want["bad"])
    assert got.future_rows == len(want["future"])
    assert got.outside == len(want["outside"]) and got.rows == len(rows)
