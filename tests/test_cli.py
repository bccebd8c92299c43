"""The CLI as a user meets it: help, defaults, formats, exit codes, one-line errors."""

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from contractcalc import __version__
from tests.conftest import EXAMPLE, ROOT

COMMANDS = [["check"], ["payments"], ["bond"], ["timeline"], ["penalty"],
            ["workdays"], ["workdays", "add"], ["workdays", "count"], ["workdays", "is"],
            ["workdays", "list"]]
ISSUE_EVENTS = ["--event", "second_payment_received=2025-11-20",
                "--event", "bond_confirmed=2026-01-05"]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(run, command) -> None:
    out = run(*command, "--help").output
    assert "Example" in out
    assert "Usage" in out


def test_version(run) -> None:
    assert run("--version").output.strip() == f"contractcalc {__version__}"


def test_builtin_contract_is_announced(run) -> None:
    result = run("penalty", "--days-late", "1")
    assert "built-in example" in result.stderr


def test_contract_from_env_and_cwd(run, tmp_path: Path, monkeypatch) -> None:
    local = tmp_path / "contract.yaml"
    shutil.copy(EXAMPLE, local)
    assert "built-in" not in run("penalty", "--days-late", "1").stderr
    local.unlink()
    monkeypatch.setenv("CONTRACTCALC_CONTRACT", str(tmp_path / "missing.yaml"))
    result = run("penalty", "--days-late", "1", code=2)
    assert "missing.yaml: file not found" in result.stderr


def test_penalty_issue_example(run) -> None:
    doc = run.json("penalty", "--days-late", "12")
    amounts = {r["key"]: (r["amount"], r["amount_words"], r["clause"]) for r in doc["rows"]}
    assert amounts["daily"] == ("2880.00", "人民币贰仟捌佰捌拾元整", "3.10.3")
    assert amounts["breach"][0] == "48000.00"
    assert amounts["failed_acceptance"][0] == "24000.00"
    assert doc["per_day"] == "240.00"
    table = run("penalty", "--days-late", "12").stdout
    assert "2,880.00" in table and "贰仟捌佰捌拾元整" in table


def test_penalty_date_form_and_excuses(run) -> None:
    doc = run.json("penalty", "--due", "2025-10-01", "--delivered", "2025-10-13",
                   "--excuse", "2025-10-05..2025-10-06")
    assert (doc["days_late"], doc["days_excused"]) == (10, 2)
    assert any("force majeure" in n for n in doc["notes"])
    # Excused days outside the delay (10-02..10-13) change nothing, and the user is told so.
    doc = run.json("penalty", "--due", "2025-10-01", "--delivered", "2025-10-13",
                   "--excuse", "2025-09-20..2025-10-03")
    assert (doc["days_late"], doc["days_excused"]) == (10, 2)   # 10-02 and 10-03 only
    assert any("12 excused day(s) fall outside the delay (2025-10-02..2025-10-13)" in n
               for n in doc["notes"])


@pytest.mark.parametrize(("args", "message"), [
    (["--days-late", "-3"], "--days-late: must not be negative"),
    (["--days-late", "x"], "Invalid value"),
    (["--due", "2025-10-01", "--delivered", "2025-10-20", "--excuse", "2025-10-02..2025-10-05",
      "--excuse", "2025-10-04..2025-10-06"], "overlap"),
    (["--delivered", "2025-10-01"], "--delivered: needs --due"),
    ([], "give either --days-late"),
    (["--days-late", "3", "--total", "lots"], "--total: 'lots' is not an amount"),
    (["--due", "2025-02-30", "--delivered", "2025-03-01"], "--due: '2025-02-30' is not a date"),
    (["--days-late", "1", "--excuse", "2025-10-01"], "expected FROM..TO"),
])
def test_penalty_bad_input(run, args, message) -> None:
    result = run("penalty", *args, code=2)
    assert message in result.output
    assert len(result.stderr.strip().splitlines()) <= 8


def test_payments_issue_example(run) -> None:
    doc = run.json("payments", *ISSUE_EVENTS, "--as-of", "2026-01-10")
    rows = {r["key"]: r for r in doc["rows"]}
    assert rows["bond_submit"]["due"] == "2025-12-11"
    assert rows["installment_3"]["due"] == "2026-02-14"
    assert [rows[f"installment_{n}"]["amount"] for n in (1, 2, 3)] == \
        ["120000.00", "72000.00", "48000.00"]
    assert all(r["clause"] for r in doc["rows"])
    assert doc["finding"] is False


def test_payments_overdue_exits_1(run) -> None:
    # 3.4: due 2025-10-21. Invoiced 2025-10-09, unpaid on 2025-11-01: 11 days overdue.
    doc = run.json("payments", "--as-of", "2025-11-01",
                   "--event", "installment_1_invoiced=2025-10-09", code=1)
    assert doc["finding"] is True
    first = {r["key"]: r for r in doc["rows"]}["installment_1"]
    assert (first["status"], first["days_late"]) == ("overdue", 11)


def test_no_invoice_no_late_payment(run) -> None:
    # 3.8: without the vendor's invoice the buyer may refuse to pay and is not late.
    doc = run.json("payments", "--as-of", "2025-11-01", code=0)
    first = {r["key"]: r for r in doc["rows"]}["installment_1"]
    assert (first["status"], first["waiting_for"]) == ("waiting", "installment_1_invoiced")
    assert "not late (clause 3.8)" in first["state"]
    # An invoice after the due date starts the lateness on its own day: 10-25 → 7 days.
    doc = run.json("payments", "--as-of", "2025-11-01",
                   "--event", "installment_1_invoiced=2025-10-25", code=1)
    first = {r["key"]: r for r in doc["rows"]}["installment_1"]
    assert (first["status"], first["days_late"]) == ("overdue", 7)
    assert "counted from the invoice of 2025-10-25" in first["state"]


def test_payments_csv(run) -> None:
    out = run("payments", "--as-of", "2025-10-01", "--format", "csv").stdout
    header, first = out.splitlines()[:2]
    assert header.startswith("key,clause,title")
    assert "2025-10-21" in first


def test_bad_event(run) -> None:
    result = run("payments", "--event", "paid=2025-01-01", code=2)
    assert "--event: 'paid' is not an event this contract defines" in result.stderr
    result = run("payments", "--event", "bond_confirmed", code=2)
    assert "--event: expected NAME=DATE, got 'bond_confirmed'" in result.stderr


def test_timeline_and_ics(run, tmp_path: Path) -> None:
    ics = tmp_path / "out.ics"
    doc = run.json("timeline", "--as-of", "2025-10-01", "--ics", str(ics))
    assert len(doc["rows"]) > 10
    text = ics.read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR") and text.count("BEGIN:VEVENT") >= 10
    assert "Clause 3.4" in text
    assert not list(tmp_path.glob(".out.ics.*"))       # no temporary left behind
    from icalendar import Calendar  # what calendar apps will parse

    events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    first = next(e for e in events if "Installment 1" in str(e["summary"]))
    assert first.decoded("dtstart") == dt.date(2025, 10, 21)
    assert "120,000.00 CNY" in str(first["summary"])
    assert len({str(e["uid"]) for e in events}) == len(events)
    # A reminder 3 working days before 2025-10-21 (10-20, 10-17, 10-16) at 09:00 Beijing,
    # 01:00 UTC; nothing in the description goes stale ("due in N days" is not written).
    alarm = first.walk("VALARM")[0]
    assert alarm.decoded("trigger") == dt.datetime(2025, 10, 16, 1, 0, tzinfo=dt.UTC)
    assert all("due in" not in str(e["description"]) for e in events)
    # The completion-request window spans its days: 2026-08-27 through 2026-09-16.
    window = next(e for e in events if "completion certificate" in str(e["summary"])
                  and "requests" in str(e["summary"]))
    assert (window.decoded("dtstart"), window.decoded("dtend")) == (dt.date(2026, 8, 27),
                                                                   dt.date(2026, 9, 17))


def test_one_feed_for_several_contracts(run, tmp_path: Path) -> None:
    from icalendar import Calendar

    four = ROOT / "tests" / "data" / "contract-four.yaml"
    ics = tmp_path / "all.ics"
    doc = run.json("timeline", "-c", str(EXAMPLE), "-c", str(four), "--as-of", "2025-10-01",
                   "--ics", str(ics), "--remind", "0", code=1)
    assert doc["contracts"] == ["2025-036", "SZCG-2025-07"]
    assert {r["contract"] for r in doc["rows"]} == {"2025-036", "SZCG-2025-07"}
    events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert {str(e["uid"]).split("-installment_1")[0] for e in events
            if "installment_1@" in str(e["uid"])} == {"2025-036", "SZCG-2025-07"}
    assert not any(e.walk("VALARM") for e in events)          # --remind 0: no reminders


def test_python_dash_m() -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "contractcalc", "--version"], check=True,
                         capture_output=True, text=True).stdout
    assert out.strip() == f"contractcalc {__version__}"


def test_check_example(run) -> None:
    result = run("check", str(EXAMPLE), "--format", "json", code=1)
    doc = json.loads(result.stdout)
    assert doc["errors"] == 1
    assert any("2021-09-17" in r["message"] for r in doc["rows"])


def test_check_broken_file_one_line(run, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(EXAMPLE.read_text(encoding="utf-8").replace("percent: 30", "percent: [30"),
                      encoding="utf-8")
    result = run("check", str(broken), code=2)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    line = broken.read_text(encoding="utf-8").splitlines().index("    percent: [30") + 2
    assert lines[0].startswith(f"contractcalc: error: {broken}:{line}:"), lines  # YAML sees the
    # unclosed bracket at the start of the next line


def test_workdays_commands(run) -> None:
    assert run.json("workdays", "add", "2025-09-17", "20")["rows"][0]["result"] == "2025-10-21"
    assert run.json("workdays", "add", "2025-10-09", "-1")["rows"][0]["result"] == "2025-09-30"
    assert run.json("workdays", "count", "2025-10-01", "2025-10-31")["rows"][0]["working_days"] == 18
    info = run.json("workdays", "is", "2025-09-28")["rows"][0]
    assert info["working"] is True and "调休" in info["reason"]
    listed = run.json("workdays", "list", "2025-09-27", "2025-10-12")["rows"]
    assert [r["date"] for r in listed] == ["2025-09-28", "2025-09-29", "2025-09-30",
                                           "2025-10-09", "2025-10-10", "2025-10-11"]


LAW_2027 = ("2027-02-05..2027-02-08: 春节, 2027-04-05: 清明节, 2027-05-01..2027-05-02: 劳动节, 2027-06-09: 端午节, 2027-09-15: 中秋节, 2027-10-01..2027-10-03: 国庆节")


def test_workdays_missing_year(run, tmp_path: Path) -> None:
    result = run("workdays", "add", "2026-12-20", "30", code=2)
    assert "no official holiday schedule for 2027" in result.stderr
    estimate = run.json("workdays", "add", "2026-12-20", "30", "--assume-weekends")
    assert estimate["rows"][0]["estimate"] is True
    schedule = tmp_path / "2027.yaml"
    # A year is known only by its complete schedule: the days off fixed by law are all there.
    schedule.write_text(f"2027:\n  holidays: {{2027-01-01: 元旦, {LAW_2027}}}\n  workdays: []\n",
                        encoding="utf-8")
    partial = tmp_path / "partial.yaml"
    partial.write_text("2027:\n  holidays: {2027-01-01: 元旦}\n  workdays: []\n", encoding="utf-8")
    assert "2027: 2027 is not a complete schedule: 12 day(s) off fixed by law are missing" in run(
        "workdays", "add", "2026-12-31", "1", "--holidays", str(partial), code=2).stderr
    supplied = run.json("workdays", "add", "2026-12-31", "1", "--holidays", str(schedule))
    assert supplied["rows"][0]["result"] == "2027-01-04"
    stray = tmp_path / "stray.yaml"
    stray.write_text("2027:\n  holidays: {2026-01-01: 元旦}\n", encoding="utf-8")
    result = run("workdays", "is", "2027-01-01", "--holidays", str(stray), code=2)
    assert f"{stray}:2:14: 2027.holidays.2026-01-01: 2026-01-01 is a date of 2026, not 2027: list it under 2026" in result.stderr


def test_timestamps_are_beijing_dates(run) -> None:
    # 2025-09-16T17:00Z is 2025-09-17 01:00 in Beijing.
    doc = run.json("workdays", "add", "2025-09-16T17:00:00+00:00", "20")
    assert doc["rows"][0]["start"] == "2025-09-17"


def test_internal_errors_are_caught(run, monkeypatch) -> None:
    import contractcalc.core.damages.penalty as damages

    def boom(**_):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(damages, "assess", boom)
    result = run("penalty", "--days-late", "1", code=2)
    assert "internal error: RuntimeError: kaboom" in result.stderr
