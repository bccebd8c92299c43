"""Uptime rules a user's own data exposed (issue 14): the default period, rows outside it, the
as-of instant, severity labels, missing responses, every ISO form, zero-length rows; and the
monthly view (issue 18). Figures worked by hand in each comment."""

import datetime as dt
import json
from pathlib import Path

import pytest

from contractcalc.core.uptime.times import column, parse_instant
from tests.conftest import EXAMPLE

HEADER = "system,start,end,severity,reported,responded,onsite\n"


def write(tmp_path: Path, body: str, header: str = HEADER, name: str = "log.csv") -> Path:
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return path


def by_system(doc):
    return {r["system"]: r for r in doc["rows"]}


def test_default_period_is_the_service_period(run, tmp_path: Path) -> None:
    # The reference contract's written term (2023-09-17..2024-09-16) ends before signing
    # (2025-09-17): the service period is 2025-09-17..2026-09-16 (assumed end). A 20-day outage
    # in 2026 is 480 h > the 438 h budget: FAIL, exit 1 (it used to pass on the written term).
    # A row in 2024 lies outside: counted and named in a warning, line 3.
    log = write(tmp_path, "basics,2026-02-01T00:00:00,2026-02-21T00:00:00,,,,\n"
                          "basics,2024-02-01T00:00:00,2024-02-02T00:00:00,,,,\n")
    result = run("uptime", str(log), "--as-of", "2026-10-01", "--format", "json", code=1)
    doc = json.loads(result.stdout)
    assert (doc["from"], doc["to"]) == ("2025-09-17", "2026-09-16")
    assert by_system(doc)["basics"]["downtime_hours"] == "480.000"
    assert by_system(doc)["basics"]["result"] == "FAIL"
    assert (doc["rows_outside"], doc["rows_outside_lines"]) == (1, [3])
    assert "1 row(s) outside the measured period" in result.stderr and "line(s) 3" in result.stderr
    assert any("its end is assumed" in n for n in doc["notes"])


def test_open_outage_counts_to_the_as_of_instant(run, tmp_path: Path) -> None:
    # Down from 2025-10-01 08:00 with no end; as of 2025-10-01T10:30 → 2.5 h, not the 16 h to
    # the end of the day. Period still running: measured 2025-09-17 00:00..2025-10-01 10:30 =
    # 14 days + 10.5 h = 346.5 h; uptime (346.5 − 2.5)/346.5 = 99.27849…% → 99.278;
    # budget 438 h for the year, 435.5 h left; "on track".
    log = write(tmp_path, "platform,2025-10-01T08:00:00,,,,,\n")
    doc = run.json("uptime", str(log), "--as-of", "2025-10-01T10:30")
    row = by_system(doc)["platform"]
    assert (row["downtime_hours"], row["measured_hours"]) == ("2.500", "346.500")
    assert (row["uptime_percent"], row["remaining_hours"]) == ("99.278", "435.500")
    assert (row["result"], row["complete"], doc["complete"]) == ("on track", False, False)
    assert doc["measured_to"] == "2025-10-01T10:30"


def test_a_past_plain_date_means_the_end_of_that_day(run, tmp_path: Path) -> None:
    # Open from 2025-10-01 08:00, as of 2025-10-01 (past) → to 24:00: 16 h.
    log = write(tmp_path, "platform,2025-10-01T08:00:00,,,,,\n")
    doc = run.json("uptime", str(log), "--as-of", "2025-10-01")
    assert by_system(doc)["platform"]["downtime_hours"] == "16.000"


def test_as_of_is_the_day_asked_and_measured_to_the_second_given(run, tmp_path: Path) -> None:
    # --as-of 2025-10-01 is reported as that day, measured to its end (10-02 00:00); an
    # instant with seconds is shown with them: 08:00 to 09:30:15 is 1.504 h (1 h 30 min 15 s).
    log = write(tmp_path, "platform,2025-10-01T08:00:00,,,,,\n")
    doc = run.json("uptime", str(log), "--as-of", "2025-10-01")
    assert (doc["as_of"], doc["measured_to"]) == ("2025-10-01", "2025-10-02T00:00")
    doc = run.json("uptime", str(log), "--as-of", "2025-10-01T09:30:15")
    assert (doc["as_of"], doc["measured_to"]) == ("2025-10-01", "2025-10-01T09:30:15")
    assert by_system(doc)["platform"]["downtime_hours"] == "1.504"


@pytest.mark.parametrize(("tail", "warned"), [
    ("platform,2026-01-01T00:00:00,", True),  # cut after the start, or open: say so
    ("platform,2026-01-01T00:00:00,\n", False),  # an open outage, written whole
    ("platform,2026-01-01T00:00:00,2026-01-01T01:00:00", False)])  # no line end, but an end
def test_a_last_line_without_line_end_or_end_time_is_named(run, tmp_path: Path, tail,
                                                           warned) -> None:
    # A file cut short after a start time reads like an outage still open: it is counted
    # (the file says so) but named, in a warning and in the notes, by its line (3). In parts
    # (workers) the flag comes from the last part.
    log = tmp_path / "log.csv"
    log.write_text("system,start,end\nplatform,2025-10-01T08:00:00,2025-10-01T09:00:00\n"
                   + tail, encoding="utf-8")
    result = run("uptime", str(log), "--as-of", "2026-03-01", "--format", "json", code=None)
    said = "line 3, the file's last, has no line end and no end time"
    assert (said in result.stderr, any(said in n for n in json.loads(result.stdout)["notes"])) \
        == (warned, warned)


def test_as_of_before_the_period_measures_nothing(run, tmp_path: Path) -> None:
    # The period starts 2025-09-17; as of 2025-09-01 an outage logged across that start and
    # one still open are both outside the (empty) measured part: 0 h down, no uptime figure
    # (null), none counted as open. It used to show -360 h: the row cut to [09-17, 09-02).
    log = write(tmp_path, "platform,2025-08-01T00:00:00,2025-10-01T00:00:00,,,,\n"
                          "standards,2025-08-01T00:00:00,,,,,\n")
    doc = run.json("uptime", str(log), "--from", "2025-09-17", "--to", "2026-09-16",
                   "--as-of", "2025-09-01")
    platform = by_system(doc)["platform"]
    assert (platform["downtime_hours"], platform["uptime_percent"], platform["outages"]) == \
        ("0.000", None, 0)
    assert (doc["rows_outside"], doc["rows_outside_lines"]) == (2, [2, 3])
    assert not any("without an end" in note for note in doc["notes"])
    assert "row(s) outside the measured period" in " ".join(doc["notes"])


@pytest.mark.parametrize("label", ["重大", "紧急", "一级", "P1", "S1", "critical", " Severe "])
def test_built_in_severe_labels(run, tmp_path: Path, label: str) -> None:
    # 50 h down, severe, nobody on site: restore/on-site rule breached (limit 2 h / 24 h).
    log = write(tmp_path, f"basics,2025-10-01T00:00:00,2025-10-03T02:00:00,{label},,,\n")
    doc = run.json("uptime", str(log), "--from", "2025-10-01", "--to", "2025-10-31", code=1)
    assert [(b["line"], b["clause"]) for b in doc["sla_breaches"]] == [(2, "1.4.5(2)")]


def test_unknown_label_is_an_error_and_the_contract_can_map_it(run, tmp_path: Path) -> None:
    log = write(tmp_path, "basics,2025-10-01T00:00:00,2025-10-03T02:00:00,二级,,,\n")
    err = run("uptime", str(log), "--from", "2025-10-01", "--to", "2025-10-31", code=2).stderr
    assert f"{log}:2: severity: unknown label '二级'" in err
    mapped = tmp_path / "c.yaml"
    mapped.write_text(EXAMPLE.read_text(encoding="utf-8").replace(
        "    严重故障: severe", "    严重故障: severe\n    二级: severe"), encoding="utf-8")
    doc = run.json("uptime", str(log), "-c", str(mapped), "--from", "2025-10-01", "--to",
                   "2025-10-31", code=1)
    assert len(doc["sla_breaches"]) == 1
    minor = mapped.read_text(encoding="utf-8").replace("二级: severe", "二级: minor")
    mapped.write_text(minor, encoding="utf-8")
    # minor: no restore rule; still exit 1, as 50 h exceeds October's 37.2 h budget (5% of 744)
    assert run.json("uptime", str(log), "-c", str(mapped), "--from", "2025-10-01", "--to",
                    "2025-10-31", code=1)["sla_breaches"] == []


def test_no_response_recorded_is_a_breach(run, tmp_path: Path) -> None:
    log = write(tmp_path, "platform,2025-10-01T08:00:00,2025-10-01T08:30:00,,"
                          "2025-10-01T08:00:00,,\n")
    doc = run.json("uptime", str(log), "--from", "2025-10-01", "--to", "2025-10-31", code=1)
    assert [(b["clause"], b["actual"]) for b in doc["sla_breaches"]] == [
        ("1.4.4(2)", "no response recorded")]
    assert doc["sla_incidents"][0]["response"] == "no response recorded"


def test_a_file_without_clauses_cites_none(run, tmp_path: Path) -> None:
    plain = tmp_path / "c.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    for line in ('  fault_response_clause: "1.4.4(2)"\n', '  severe_clause: "1.4.5(2)"\n',
                 '  routine_clause: "1.4.4(2)"\n'):
        text = text.replace(line, "")
    plain.write_text(text, encoding="utf-8")
    log = write(tmp_path, "platform,2025-10-01T08:00:00,2025-10-01T08:30:00,,"
                          "2025-10-01T08:00:00,2025-10-01T08:40:00,\n")
    result = run("uptime", str(log), "-c", str(plain), "--from", "2025-10-01", "--to",
                 "2025-10-31", code=1)
    assert "1.4.4" not in result.stdout
    assert "breach response" in result.stdout


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-03-01T02:00+00", dt.datetime(2024, 3, 1, 10, 0)),      # UTC → Beijing
    ("2024-03-01T02:00:00Z", dt.datetime(2024, 3, 1, 10, 0)),
    ("2024-W09-5T10:00", dt.datetime(2024, 3, 1, 10, 0)),          # ISO week date: Friday
    ("20240301T1000", dt.datetime(2024, 3, 1, 10, 0)),             # basic format
    ("2026/4/3 9:10", dt.datetime(2026, 4, 3, 9, 10)),
    ("2026-04-03 9:10", dt.datetime(2026, 4, 3, 9, 10)),
    ("2026年4月3日 9:10:05", dt.datetime(2026, 4, 3, 9, 10, 5)),
    (dt.datetime(2026, 4, 3, 9, 10), dt.datetime(2026, 4, 3, 9, 10)),
])
def test_time_forms(text, expected) -> None:
    assert parse_instant(text) == expected
    assert column([text, text])[0] == [expected, expected]


@pytest.mark.parametrize("text", ["2024-03-01", "4/3/2026 9:10", "2026/4/3 下午3:10",
                                  "2024-061T02:00", "2026/2/30 9:10", 45000.5, ""])
def test_unreadable_times_are_refused(text) -> None:
    with pytest.raises(ValueError):
        parse_instant(text)


def test_a_time_beyond_the_calendar_in_beijing_is_a_bad_row(run, tmp_path: Path) -> None:
    # 9999-12-31T20:00Z is 10000-01-01 04:00 in Beijing, and 0001-01-01T00:00+08:00 is fine
    # but 0001-01-01T00:00+09:00 is a day before year 1: each is its line's bad time, never an
    # internal error, and --skip-bad-rows goes on without them.
    log = write(tmp_path, "platform,2025-10-01T08:00:00,9999-12-31T20:00:00Z,,,,\n"
                          "platform,0001-01-01T00:00:00+09:00,2025-10-01T09:00:00,,,,\n"
                          "platform,2025-10-01T08:00:00,2025-10-01T09:00:00,,,,\n")
    err = run("uptime", str(log), "--as-of", "2025-12-01", code=2).stderr
    assert "log.csv:2: end: '9999-12-31T20:00:00Z' is out of range" in err
    assert "log.csv:3: start: '0001-01-01T00:00:00+09:00' is out of range" in err
    doc = run.json("uptime", str(log), "--as-of", "2025-12-01", "--skip-bad-rows",
                   "--from", "2025-10-01", "--to", "2025-10-01")
    assert (doc["rows_skipped"], by_system(doc)["platform"]["downtime_hours"]) == (2, "1.000")


def test_every_path_reads_a_form_the_same(run, tmp_path: Path) -> None:
    # Offset and week-date rows beside canonical ones: 08:00–09:00 Beijing each, the first
    # written as 00:00–01:00 UTC, the second as ISO week 2025-W40-3 = Wed 2025-10-01; merged:
    # 1 h. A zero-length row is no outage.
    log = write(tmp_path, "platform,2025-10-01T00:00+00,2025-10-01T01:00+00,,,,\n"
                          "platform,2025-W40-3T08:00,2025-W40-3T09:00,,,,\n"
                          "platform,2025-10-01T08:00:00,2025-10-01T09:00:00,,,,\n"
                          "platform,2025-10-01T12:00:00,2025-10-01T12:00:00,,,,\n")
    doc = run.json("uptime", str(log), "--from", "2025-10-01", "--to", "2025-10-01")
    assert by_system(doc)["platform"]["downtime_hours"] == "1.000"
    assert by_system(doc)["platform"]["outages"] == 1
    assert doc["rows_zero_length"] == 1


def test_by_month(run, tmp_path: Path) -> None:
    # 2025-09-30 20:00 – 2025-10-01 04:00 spans two months: 4 h in September, 4 h in October;
    # 10 h more on 2025-10-15. Period 2025-09-17..2026-09-16, budget 438 h.
    # September (from the 17th: 14 days = 336 h): 4 h down, (336 − 4)/336 = 98.80952…% →
    # 98.810, used 4, left 434. October (744 h): 14 h, 98.118 (730/744 = 98.11827…%),
    # used 18, left 420.
    log = write(tmp_path, "platform,2025-09-30T20:00:00,2025-10-01T04:00:00,,,,\n"
                          "platform,2025-10-15T00:00:00,2025-10-15T10:00:00,,,,\n")
    doc = run.json("uptime", str(log), "--by", "month", "--as-of", "2025-10-31")
    months = [r for r in doc["rows"] if r["system"] == "platform"]
    assert [(m["month"], m["hours"], m["downtime_hours"], m["uptime_percent"],
             m["budget_used_hours"], m["budget_left_hours"]) for m in months] == [
        ("2025-09", "336.000", "4.000", "98.810", "4.000", "434.000"),
        ("2025-10", "744.000", "14.000", "98.118", "18.000", "420.000")]
    assert {s["system"] for s in doc["systems"]} == {"platform", "standards", "basics"}
    text = run("uptime", str(log), "--by", "month", "--as-of", "2025-10-31").stdout
    assert "Budget left h" in text
    csv_out = run("uptime", str(log), "--by", "month", "--as-of", "2025-10-31",
                  "--format", "csv").stdout
    assert csv_out.splitlines()[0].startswith("system,month,")
