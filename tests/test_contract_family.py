"""Contracts of the family shaped unlike the reference: their own installments, event names and
clause numbers, known answers worked by hand; and no output cites a clause they do not define.

tests/data/contract-four.yaml (No. SZCG-2025-07): signed Monday 2025-03-03, term 2025-03-03 to
2026-03-02, total 1,386,500.50, four installments of 25%, bond 5% lodged 5 working days after the
first payment, daily damages 0.5‰ (693.25025 a day). tests/data/contract-second.yaml: two
installments, 99.5% uptime, one renewal within ±5%. tests/data/contract-0.1.yaml: the example
exactly as version 0.1 wrote it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

DATA = ROOT / "tests" / "data"
FOUR = DATA / "contract-four.yaml"
SECOND = DATA / "contract-second.yaml"
OLD = DATA / "contract-0.1.yaml"


def rows(doc):
    return {r["key"]: r for r in doc["rows"]}


def test_four_installments_as_of_june(run) -> None:
    doc = run.json("payments", "-c", str(FOUR), "--as-of", "2025-06-30", code=1)
    by = rows(doc)
    # 5.1: 10 working days after Monday 03-03: 03-04..07 (4), 03-10..14 (9), 03-17 → due 03-17;
    # paid 03-14, on time.
    assert (by["installment_1"]["due"], by["installment_1"]["status"]) == ("2025-03-17", "done")
    assert by["installment_1"]["days_late"] is None
    # 5.2: three months of service from 03-03 → payable from 2025-06-03, no fixed deadline.
    assert (by["installment_2"]["earliest"], by["installment_2"]["status"]) == ("2025-06-03",
                                                                                "open")
    # 5.3 and 5.4 wait for their own events; amounts 25% of 1,386,500.50 = 346,625.125 → .13,
    # the last unwritten share takes the remainder: 1,386,500.50 − 3 × 346,625.13 = 346,625.11.
    assert by["installment_3"]["waiting_for"] == "bond_confirmed"
    assert by["installment_4"]["waiting_for"] == "completion_certified"
    assert [by[f"installment_{n}"]["amount"] for n in (1, 2, 3, 4)] == [
        "346625.13", "346625.13", "346625.13", "346625.11"]
    # 6.1: 5 working days after the first payment (Fri 03-14): 03-17..21 → due 03-21; not lodged
    # by 06-30: overdue 10 + 30 + 31 + 30 = 101 days; 101 × 693.25025 = 70,018.27525 → 70,018.28.
    bond = by["bond_submit"]
    assert (bond["due"], bond["status"], bond["days_late"], bond["damages"]) == (
        "2025-03-21", "overdue", 101, "70018.28")
    assert "at 693.25025 per day (clause 8.1)" in bond["state"]
    assert bond["amount"] == "69325.03"                         # 5% of the total


def test_four_installments_timeline(run) -> None:
    by = rows(run.json("timeline", "-c", str(FOUR), "--as-of", "2025-06-30", code=1))
    # First quarter 03-03..06-02 (06-02 is the Dragon Boat holiday); 5 working days after it:
    # 06-03..06, 06-09 → due 06-09; overdue 21 days by 06-30: 21 × 693.25025 → 14,558.26.
    q1 = by["quarterly_report_1"]
    assert (q1["due"], q1["days_late"], q1["damages"], q1["assumption"]) == (
        "2025-06-09", 21, "14558.26", None)
    # 2.4: 15 working days after Monday 2026-03-02: 03-03..06 (4), 03-09..13 (9), 03-16..20
    # (14), 03-23 (15).
    assert by["handover"]["due"] == "2026-03-23"
    # 6.3: the 10 working days ending 2026-03-02: 03-02, Sat 02-28 (worked), 02-27..24 (6),
    # Spring Festival 02-15..23 off, Sat 02-14 (worked, 7), 02-13..11 (10) → opens 2026-02-11.
    window = by["completion_request"]
    assert (window["earliest"], window["due"]) == ("2026-02-11", "2026-03-02")


def test_the_contracts_own_event_names(run) -> None:
    doc = run.json("payments", "-c", str(FOUR), "--as-of", "2025-06-30",
                   "--event", "bond_submitted=2025-03-20", "--event", "bond_confirmed=2025-03-24",
                   code=0)
    # 5.3: 15 working days after Monday 03-24: 03-25..28 (4), 03-31..04-03 (8; 04-04..06 Qingming
    # off), 04-07..11 (13), 04-14, 04-15 → due 04-15; no invoice recorded: waiting, not late.
    third = rows(doc)["installment_3"]
    assert (third["due"], third["status"], third["waiting_for"]) == (
        "2025-04-15", "waiting", "installment_3_invoiced")
    result = run("payments", "-c", str(FOUR), "--event", "second_payment_received=2025-04-01",
                 code=2)
    assert "'second_payment_received' is not an event this contract defines" in result.stderr
    assert "did you mean down_payment_received" in result.stderr  # the closest names it has


def test_a_0_1_file_works_with_every_command(run, tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text("system,start,end\nplatform,2025-10-03T09:00:00,2025-10-03T10:00:00\n",
                   encoding="utf-8")
    evaluations = tmp_path / "eval.csv"
    evaluations.write_text("date,person,result\n2025-10-01,张三,pass\n", encoding="utf-8")
    for args in (["check"], ["payments"], ["bond"], ["timeline"], ["penalty", "--days-late", "3"],
                 ["uptime", str(log)], ["renewal", "--amount", "240000"],
                 ["staff", str(evaluations)]):
        result = run(*args, "-c", str(OLD), "--as-of", "2025-12-01", code=None)
        assert result.exit_code in (0, 1), (args, result.output)
    event = ["--event", "second_payment_received=2025-11-20"]
    old = run.json("payments", "-c", str(OLD), "--as-of", "2025-12-01", *event, code=None)
    assert rows(old)["bond_submit"]["due"] == "2025-12-11"


# Clauses each file defines (every field named clause or *_clause, as written).
def defined_clauses(path: Path) -> set[str]:
    from contractcalc.shell.contracts.contract_file import load_contract

    found: set[str] = set()

    def walk(value: object, name: str = "") -> None:
        if isinstance(value, tuple) and hasattr(value, "_fields"):
            for field, item in zip(value._fields, value, strict=True):  # type: ignore[attr-defined]
                walk(item, field)
        elif isinstance(value, tuple):
            for item in value:
                walk(item, name)
        elif isinstance(value, str) and (name == "clause" or name.endswith("_clause")):
            found.add(value)

    walk(load_contract(path, use_cache=False))
    return found


def cited(text: str) -> set[str]:
    """Clauses an output cites: 'clause X', a bare dotted '(9.2)' or '(3.10.1: ...' (not a
    count such as '(2)'), and JSON fields named *clause."""
    found = set(re.findall(r"clause ([^\s,;:)]+)", text))
    found |= set(re.findall(r"\((\d+(?:[.–]\d+)+(?:\(\d+\))?)(?=[):,])", text))
    for match in re.finditer(r'"(\w*clause)": "([^"]*)"', text):
        found.add(match.group(2))
    return found


COMMANDS = [["check"], ["payments"], ["bond"], ["timeline"], ["penalty", "--days-late", "12"],
            ["renewal", "--amount", "1000"], ["status"]]


@pytest.mark.parametrize("path", [FOUR, SECOND], ids=["four", "second"])
@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_no_output_cites_a_clause_the_contract_does_not_define(run, path, fmt, tmp_path) -> None:
    from contractcalc.shell.contracts.contract_file import load_contract

    allowed = defined_clauses(path)
    system = load_contract(path, use_cache=False).systems[0].id
    log = tmp_path / "log.csv"
    log.write_text("system,start,end,severity,reported,responded,onsite\n"
                   f"{system},2026-01-03T09:00:00,2026-01-04T13:00:00,严重,"
                   "2026-01-03T09:05:00,2026-01-03T10:30:00,\n", encoding="utf-8")
    evaluations = tmp_path / "eval.csv"
    evaluations.write_text("date,person,result\n2026-01-02,A,fail\n2026-01-05,A,fail\n",
                           encoding="utf-8")
    for args in [*COMMANDS, ["uptime", str(log)], ["staff", str(evaluations)]]:
        result = run(*args, "-c", str(path), "--as-of", "2026-01-10", "--assume-weekends",
                     "--format", fmt, code=None) if args[0] in ("payments", "bond", "timeline") \
            else run(*args, "-c", str(path), "--as-of", "2026-01-10", "--format", fmt, code=None)
        assert result.exit_code in (0, 1), (args, result.output)
        stray = cited(result.stdout + result.stderr) - allowed
        assert not stray, (args, stray)


def test_the_schema_describes_every_file(run) -> None:
    import jsonschema
    import yaml

    schema = json.loads(run("schema").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)

    def plain(value: object) -> object:  # YAML dates and int keys as JSON has them
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value.isoformat() if hasattr(value, "isoformat") else value

    validator = jsonschema.Draft202012Validator(schema)
    for path in (FOUR, SECOND, OLD, ROOT / "examples" / "contract-2025-036.yaml"):
        data = plain(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert not list(validator.iter_errors(data)), path
    data["colour"] = "red"  # type: ignore[index]
    assert any("colour" in e.message for e in validator.iter_errors(data))


def test_the_citation_finder_finds_what_it_must() -> None:
    text = ('beside the daily damages (9.2); not late (clause 3.8); {"breach_clause": "9.1–9.3"}; '
            "standing (3.10.1: 2 failed); SLA breaches (2); on 2025-10-01 (2026-01-05)")
    assert cited(text) == {"9.2", "3.8", "9.1–9.3", "3.10.1"}


def test_monthly_reports_and_the_contracts_own_milestone(run) -> None:
    doc = run.json("timeline", "-c", str(FOUR), "--as-of", "2025-06-30",
                   "--event", "platform_accepted=2025-04-30", code=1)
    by = rows(doc)
    # 运维月报 1: 2025-03-03..04-02; 3 working days after: 04-03, (04-04 Qingming, weekend),
    # 04-07, 04-08.
    assert (by["monthly_report_1"]["due"], by["monthly_report_1"]["clause"]) == ("2025-04-08",
                                                                                "2.6")
    # 上线验收报告: 5 working days after the milestone 2025-04-30; Labour Day 05-01..05 off:
    # 05-06..09 (4), 05-12 (5).
    report = by["acceptance_report"]
    assert (report["due"], report["trigger"]) == ("2025-05-12", "5 working days after 平台上线验收")


def test_an_annual_uptime_target_is_judged_per_service_year(run, tmp_path) -> None:
    # Two years of service from 2025-03-03; 99.9% a year allows 8.76 h of 8,760. Ten hours down
    # in May 2025 fail year 1, though over the whole two years (17.52 h allowed) it would pass.
    two = tmp_path / "two.yaml"
    two.write_text(FOUR.read_text(encoding="utf-8").replace(
        "term: {start: 2025-03-03, end: 2026-03-02, years: 1",
        "term: {start: 2025-03-03, end: 2027-03-02, years: 2"), encoding="utf-8")
    log = tmp_path / "log.csv"
    log.write_text("system,start,end\ncgpt,2025-05-06T08:00:00,2025-05-06T18:00:00\n",
                   encoding="utf-8")
    doc = run.json("uptime", str(log), "-c", str(two), "--as-of", "2026-01-10", code=1)
    row = doc["rows"][0]
    assert (doc["from"], doc["to"]) == ("2025-03-03", "2026-03-02")
    assert (row["allowed_downtime_hours"], row["downtime_hours"], row["result"]) == (
        "8.760", "10.000", "FAIL")
    assert any("service year 1 of 2" in n for n in doc["notes"])
    later = run.json("uptime", str(log), "-c", str(two), "--as-of", "2026-06-01", code=0)
    assert (later["from"], later["rows"][0]["downtime_hours"]) == ("2026-03-03", "0.000")


def test_a_contract_without_a_bond_or_a_renewal_clause(run, tmp_path) -> None:
    import re

    text = SECOND.read_text(encoding="utf-8")
    text = re.sub(r"bond:\n(  .*\n)+", "", text)
    text = re.sub(r"renewal: .*\n", "", text)
    text = text.replace("trigger: {after: bond_confirmed, working_days: 20}",
                        "trigger: {after: completion_certified, working_days: 20}")
    bare = tmp_path / "bare.yaml"
    bare.write_text(text, encoding="utf-8")
    keys = [r["key"] for r in run.json("payments", "-c", str(bare), "--as-of", "2026-04-01",
                                       code=None)["rows"]]
    assert keys == ["installment_1", "installment_2"]
    bond = run.json("bond", "-c", str(bare), "--as-of", "2026-04-01", code=None)
    assert [r["key"] for r in bond["rows"]] == ["completion_request", "completion_certificate"]
    assert "no performance bond" in bond["notes"][0]
    timeline = run.json("timeline", "-c", str(bare), "--as-of", "2026-04-01", code=None)
    assert "renewal_application" not in [r["key"] for r in timeline["rows"]]
    assert "no renewal clause" in run("renewal", "-c", str(bare), "--amount", "1", code=2).stderr
    refused = run("payments", "-c", str(bare), "-e", "bond_confirmed=2026-03-10", code=2).stderr
    assert "'bond_confirmed' is not an event this contract defines" in refused


def _four_with(tmp_path: Path, old: str, new: str) -> Path:
    text = FOUR.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "four.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_calendar_day_trigger(run, tmp_path) -> None:
    # 5.3 as "30 日 after the platform's acceptance", accepted Friday 2025-09-05: the day itself is
    # not counted, day 30 is Sunday 2025-10-05, inside 国庆 (10-01..10-08 off, 2025 notice), so the
    # last day moves to the first working day after: Thursday 2025-10-09.
    path = _four_with(tmp_path, "trigger: {after: bond_confirmed, working_days: 15}",
                      "trigger: {after: platform_accepted, days: 30}")
    path.write_text(path.read_text(encoding="utf-8") + "  platform_accepted: 2025-09-05\n",
                    encoding="utf-8")
    by = rows(run.json("payments", "-c", str(path), "--as-of", "2025-09-30", code=1))
    inst = by["installment_3"]
    assert (inst["due"], inst["status"], inst["earliest"]) == ("2025-10-09", "due", None)
    assert inst["trigger"].startswith("30 days after ")


def test_months_then_working_days_trigger(run, tmp_path) -> None:
    # 5.2 as 质保金-style "3 months after service start, then 10 working days": 2025-03-03 + 3
    # months = 2025-06-03 (Tuesday); 10 working days after it: 06-04..06 (3), 06-09..13 (8),
    # 06-16, 06-17 → due 2025-06-17, a firm deadline (not "payable from").
    path = _four_with(tmp_path, "trigger: {after: service_started, months: 3}",
                      "trigger: {after: service_started, months: 3, working_days: 10}")
    by = rows(run.json("payments", "-c", str(path), "--as-of", "2025-06-30", code=1))
    inst = by["installment_2"]
    assert (inst["due"], inst["earliest"]) == ("2025-06-17", None)
    # Past due with no invoice recorded: waiting for it (5.6), not overdue.
    assert (inst["status"], inst["waiting_for"]) == ("waiting", "installment_2_invoiced")


@pytest.mark.parametrize("trigger", [
    "{after: service_started, months: 3, days: 10}",
    "{after: service_started, working_days: 3, days: 10}",
    "{after: service_started}",
    "{after: service_started, days: -1}",
])
def test_inconsistent_triggers_are_refused(run, tmp_path, trigger) -> None:
    path = _four_with(tmp_path, "trigger: {after: service_started, months: 3}",
                      f"trigger: {trigger}")
    result = run("check", str(path), code=2)
    assert "installments" in result.output
