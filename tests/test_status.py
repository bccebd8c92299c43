"""`contractcalc status`: one list over many contracts, most urgent first, with what is at stake."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, ROOT

FOUR = ROOT / "tests" / "data" / "contract-four.yaml"


@pytest.fixture()
def office(tmp_path: Path) -> Path:
    folder = tmp_path / "contracts"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "haidian.yaml")
    shutil.copy(FOUR, folder / "city.yml")
    (folder / "notes.txt").write_text("not a contract", encoding="utf-8")
    return folder


def keys(doc):
    return [(r["contract"], r["key"]) for r in doc["rows"]]


def test_across_contracts_most_urgent_first(run, office: Path) -> None:
    doc = run.json("status", str(office), "--as-of", "2026-01-10", code=1)
    assert doc["contracts"] == 2
    # Overdue first, longest overdue first: the city bond (due 2025-03-21, 295 days), its monthly
    # report 1 (due 2025-04-08, 277 days) ..., the reference's first report (due 12-30, 11 days),
    # the city's 10th monthly report (due 2026-01-06, 4 days) last.
    overdue = [r for r in doc["rows"] if r["urgency"] == "overdue"]
    assert [r["days_late"] for r in overdue] == sorted((r["days_late"] for r in overdue),
                                                       reverse=True)
    assert keys(doc)[:2] == [("SZCG-2025-07", "bond_submit"), ("SZCG-2025-07", "monthly_report_1")]
    assert (overdue[0]["days_late"], overdue[1]["days_late"]) == (295, 277)
    assert [(r["contract"], r["key"], r["days_late"]) for r in overdue[-2:]] == [
        ("2025-036", "quarterly_report_1", 11), ("SZCG-2025-07", "monthly_report_10", 4)]
    bond = doc["rows"][0]
    # 295 days × 693.25025 = 204,508.82375 → 204,508.82; the flat 10% of 1,386,500.50 (8.3).
    assert (bond["days_late"], bond["damages_to_date"], bond["damages_per_day"]) == (
        295, "204508.82", "693.25")
    assert (bond["flat_damages"], bond["flat_clause"]) == ("138650.05", "8.3")
    # The reference's first installment waits for the vendor's invoice (3.8): listed, not late.
    ours = {r["key"]: r for r in doc["rows"] if r["contract"] == "2025-036"}
    # Its quarterly report's day is the file's reading (the contract names none): said so.
    assert ours["quarterly_report_1"]["due_label"] == "2025-12-30 (assumed)"
    waiting = ours["installment_1"]
    assert (waiting["urgency"], waiting["status"]) == ("waiting_invoice", "waiting")


def test_due_soon_and_party(run, office: Path) -> None:
    # As of Saturday 2025-12-20 the reference's first quarterly report is due 2025-12-30:
    # 12-22..26 (5), 12-29 (6), 12-30 (7): seven working days ahead.
    doc = run.json("status", str(office / "haidian.yaml"), "--as-of", "2025-12-20",
                   "--within", "7", code=0)
    report = {r["key"]: r for r in doc["rows"]}["quarterly_report_1"]
    assert (report["urgency"], report["working_days_left"]) == ("due_soon", 7)
    narrow = run.json("status", str(office / "haidian.yaml"), "--as-of", "2025-12-20",
                      "--within", "6", code=0)
    assert "quarterly_report_1" not in [r["key"] for r in narrow["rows"]]
    buyer = run.json("status", str(office), "--as-of", "2026-01-10", "--party", "buyer",
                     code=1)
    assert {r["party"] for r in buyer["rows"]} == {"buyer"}


def test_one_bad_file_does_not_hide_the_rest(run, office: Path) -> None:
    (office / "broken.yaml").write_text("number: [\n", encoding="utf-8")
    result = run("status", str(office), "--as-of", "2026-01-10", code=2)
    assert "broken.yaml:2:1: not valid YAML" in result.stderr
    doc = run.json("status", str(office), "--as-of", "2026-01-10", code=2)
    assert (doc["contracts"], len(doc["unreadable"])) == (2, 1)   # read: two, not three
    assert "SZCG-2025-07" in result.stdout and "2025-036" in result.stdout


def test_globs_all_and_nothing_to_do(run, office: Path) -> None:
    doc = run.json("status", str(office / "*.yaml"), "--as-of", "2025-09-18", code=0)
    assert doc["contracts"] == 1 and doc["rows"] == []
    assert "nothing needs attention" in run("status", str(office / "*.yaml"), "--as-of",
                                            "2025-09-18").stdout
    everything = run.json("status", str(office / "*.yaml"), "--as-of", "2025-09-18", "--all")
    assert len(everything["rows"]) > 10


def test_staff_ladder_and_uptime_budget(run, tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    log = tmp_path / "log.csv"
    # basics down 2026-02-01..02-20 (456 h) > the 438 h a 95% year allows: target missed.
    log.write_text("system,start,end\nbasics,2026-02-01T00:00:00,2026-02-20T00:00:00\n",
                   encoding="utf-8")
    events = ("  evaluations: [{date: 2025-10-01, person: A, result: fail}, {date: 2025-11-01, "
              "person: A, result: fail}, {date: 2025-11-02, person: B, result: fail}, "
              "{date: 2025-11-03, person: B, result: fail}, {date: 2025-11-04, person: C, "
              "result: fail}, {date: 2025-11-05, person: C, result: fail}]\n")
    path = tmp_path / "c.yaml"
    path.write_text(text.replace("calendar: {}", "outage_log: log.csv\ncalendar: {}") + events,
                    encoding="utf-8")
    doc = run.json("status", str(path), "--as-of", "2026-03-01", code=1)
    by = {r["key"]: r for r in doc["rows"]}
    # Three send-backs (A, B, C each failed twice): the termination warning of the ladder.
    assert by["staff_ladder"]["status"] == "warning"
    basics = by["uptime_basics"]
    assert basics["status"] == "failed"
    assert basics["at_stake"] == "budget left -18.000 h of 438.000 h (used in: 2026-02)"


def test_uptime_before_the_service_year_starts(run, tmp_path: Path) -> None:
    # As of 2025-09-01 the service (from signing, 2025-09-17) has not started: an outage
    # logged across the start measures nothing yet; with --all the row says so (it used to be
    # an internal error formatting the missing percentage).
    text = EXAMPLE.read_text(encoding="utf-8")
    (tmp_path / "log.csv").write_text(
        "system,start,end\nplatform,2025-08-01T00:00:00,2025-10-01T00:00:00\n", encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_text(text.replace("calendar: {}", "outage_log: log.csv\ncalendar: {}"),
                    encoding="utf-8")
    doc = run.json("status", str(path), "--as-of", "2025-09-01", "--all", code=None)
    platform = {r["key"]: r for r in doc["rows"]}["uptime_platform"]
    assert platform["status"] == "on_track"
    assert platform["state"] == "nothing measured yet: the service year starts 2025-09-17"
    assert platform["at_stake"].startswith("budget left 438.000 h of 438.000 h")
