"""Fees by period, SLA limits by severity level, uptime per period with planned maintenance and
service credits (issue 26, sections 4 to 6), on examples/contract-ops-platform.yaml and its log.

The example: term 2025-07-01..2026-06-30, a fee of 27,900.00 a month paid 70% (19,530.00)
10 working days after the month and 30% (8,370.00) 10 working days after the month's evaluation
at the score band (≥90: 100%, ≥80: 80%, else 50%); uptime judged each month against 99.5%,
Saturdays 00:00–04:00 and rows typed 计划维护 not counted; credits below 99.5 / 99.0 / 95.0 of
5 / 10 / 30% of the month's fee; 一级 15 min / on site 2 h / restored 4 h, 2,000.00; 二级 30 min /
24 h, 500.00; 三级 120 min / 72 h.
"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contractcalc.core.uptime.intervals import intersect, subtract, union

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "contract-ops-platform.yaml"
LOG = ROOT / "examples" / "outages-ops-platform.csv"
AS_OF = "2026-04-30"


def _copy(tmp_path: Path, log: str | None = None) -> tuple[Path, Path]:
    contract = tmp_path / "c.yaml"
    shutil.copy(EXAMPLE, contract)
    target = tmp_path / "outages-ops-platform.csv"
    if log is None:
        shutil.copy(LOG, target)
    else:
        target.write_text(log, encoding="utf-8")
    return contract, target


def _rows(doc: dict) -> dict[str, dict]:
    return {row["key"]: row for row in doc["rows"]}


def test_the_issue_shapes_load_as_written() -> None:
    from contractcalc.shell.contracts.contract_file import load_contract

    c = load_contract(EXAMPLE, use_cache=False)
    assert c.fees is not None and c.fees.first == dt.date(2025, 7, 1)
    assert [p.percent for p in c.fees.parts] == [70, 30]
    assert c.fees.parts[1].due.after == "evaluated"
    assert [(b.min, b.pay_percent) for b in c.fees.parts[1].score_bands] == [
        (90, 100), (80, 80), (0, 50)]
    assert c.events.scores["fee_9_evaluated"] == 78
    assert c.events.get("fee_9_evaluated") == dt.date(2026, 4, 8)
    window = c.uptime.maintenance.windows[0]
    assert (window.weekday, window.start, window.to) == (6, "00:00", "04:00")
    assert c.uptime.period == "month" and len(c.uptime.credits) == 3
    assert [lv.level for lv in c.response.levels] == ["一级", "二级", "三级"]
    assert c.response.levels[1].onsite_hours is None


def test_payments_per_period_by_score_less_credits_and_deductions(run, tmp_path) -> None:
    contract, _log = _copy(tmp_path)
    rows = _rows(run.json("payments", "-c", str(contract), "--as-of", AS_OF, code=1))
    # January 2026 (period 7) ends Saturday 2026-01-31; 10 working days: Feb 2, 3, 4, 5, 6, 9,
    # 10, 11, 12, 13 -> due Friday 2026-02-13.
    assert rows["fee_7_1"]["due"] == "2026-02-13" and rows["fee_7_1"]["amount"] == "19530.00"
    # Evaluated Friday 2026-02-06 with 92 (>= 90: 100%): Feb 9-13 (5), Saturday Feb 14 worked
    # (调休, 6), 春节 Feb 15-23 off, Feb 24, 25, 26, 27 (10) -> due 2026-02-27; 8,370.00.
    assert rows["fee_7_2"]["due"] == "2026-02-27" and rows["fee_7_2"]["amount"] == "8370.00"
    # February (period 8): score 85 -> 80% of 8,370.00 = 6,696.00, less the 二级 deduction of
    # 500.00 (line 4: reported 14:00, answered 15:05, 65 min against 30 min) = 6,196.00.
    assert rows["fee_8_2"]["amount"] == "6196.00"
    assert (rows["fee_8_2"]["score"], rows["fee_8_2"]["pay_percent"]) == ("85", "80")
    # March (period 9): down 2 h on Saturday 03-07 (02:00-06:00 less the 00:00-04:00 window)
    # and 10 h on 03-18: 12 h of 744 h, 98.387% < 99.0 -> credit 10% of 27,900.00 = 2,790.00;
    # plus the 一级 deduction 2,000.00 (restored after 10 h against 4 h) = 4,790.00 withheld.
    # Score 78 (< 80): 50% of 8,370.00 = 4,185.00, all withheld; the other 605.00 from part 1:
    # 19,530.00 - 605.00 = 18,925.00.
    assert rows["fee_9_2"]["amount"] == "0.00" and rows["fee_9_2"]["status"] == "withheld"
    assert rows["fee_9_1"]["amount"] == "18925.00" and rows["fee_9_1"]["withheld"] == "605.00"
    assert rows["fee_9_1"]["period_credit"] == "2790.00"
    assert rows["fee_9_1"]["period_deduction"] == "2000.00"
    # April's evaluation is not recorded: its score part waits, naming the event.
    assert rows["fee_10_2"]["status"] == "waiting"
    assert rows["fee_10_2"]["waiting_for"] == "fee_10_evaluated"
    assert rows["fee_10_2"]["amount"] is None


def test_recording_a_payment_does_not_change_what_was_owed(run, tmp_path) -> None:
    contract, _log = _copy(tmp_path)
    c = ["payments", "-c", str(contract), "--as-of", AS_OF]
    before = _rows(run.json(*c, code=1))["fee_8_2"]
    after = _rows(run.json(*c, "--event", "fee_8_2_paid=2026-04-20", code=1))["fee_8_2"]
    # 6,696.00 less the 500.00 deduction either way; paid 2026-04-20, due 2026-03-23: 28 days
    assert before["amount"] == after["amount"] == "6196.00"
    assert (after["status"], after["days_late"]) == ("done", 28)


def test_shares_add_up_to_the_fee() -> None:
    from contractcalc.core.model import FeePart, Fees, Trigger
    from contractcalc.core.payments.fees import part_amounts

    t = Trigger("period_end", working_days=1)
    fees = Fees("5", "month", Decimal("100.00"),
                (FeePart(Decimal("33.33"), t), FeePart(Decimal("33.33"), t),
                 FeePart(Decimal("33.34"), t)))
    # 33.33% of 100.00 = 33.33 twice; the last takes 100.00 - 66.66 = 33.34
    assert part_amounts(fees) == [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")]


def test_event_names_follow_the_deliverables_convention() -> None:
    from contractcalc.core.events import defined_events
    from contractcalc.shell.contracts.contract_file import load_contract

    c = load_contract(EXAMPLE, use_cache=False)
    names = defined_events(c)
    # 2025-07 .. 2026-06: twelve whole months, numbered from 1; two parts each
    assert {"fee_1_evaluated", "fee_1_1_paid", "fee_1_2_paid", "fee_12_2_paid"} <= set(names)
    assert "fee_13_evaluated" not in names and "fee_1_paid" not in names
    one = c._replace(fees=c.fees._replace(parts=c.fees.parts[:1]))
    assert "fee_12_paid" in defined_events(one) and "fee_12_1_paid" not in defined_events(one)


def test_record_an_evaluation_with_its_score(run, tmp_path) -> None:
    contract, _log = _copy(tmp_path)
    run("record", "fee_10_evaluated", "2026-05-08", "--score", "91.5", "-c", str(contract),
        "--as-of", "2026-05-10")
    assert "fee_10_evaluated: {date: 2026-05-08, score: 91.5}" in contract.read_text("utf-8")
    rows = _rows(run.json("payments", "-c", str(contract), "--as-of", "2026-05-10",
                          code=1))
    assert rows["fee_10_2"]["amount"] == "8370.00"  # 91.5 >= 90: 100% of 8,370.00
    bad = run("record", "fee_10_1_paid", "2026-05-08", "--score", "90", "-c", str(contract),
              "--as-of", "2026-05-10", code=2)
    assert "fee_N_evaluated" in bad.stderr
    again = run("record", "fee_10_evaluated", "2026-05-09", "--score", "80", "--replace",
                "-c", str(contract), "--as-of", "2026-05-10", code=2)
    assert "by hand" in again.stderr


def test_an_evaluation_as_a_plain_date_loads_and_waits_for_its_score(run, tmp_path) -> None:
    contract, _log = _copy(tmp_path)
    text = contract.read_text("utf-8").replace(
        "fee_9_evaluated: {date: 2026-04-08, score: 78}", "fee_9_evaluated: 2026-04-08")
    contract.write_text(text, "utf-8")
    rows = _rows(run.json("payments", "-c", str(contract), "--as-of", AS_OF, code=1))
    assert rows["fee_9_2"]["status"] == "waiting" and rows["fee_9_2"]["amount"] is None
    assert rows["fee_9_2"]["waiting_for"] == "fee_9_evaluated"


def test_each_incident_by_its_own_levels_limits(run, tmp_path) -> None:
    contract, log = _copy(tmp_path)
    doc = run.json("uptime", str(log), "-c", str(contract), "--as-of", AS_OF, code=1)
    found = {(b["line"], b["kind"]): b for b in doc["sla_breaches"]}
    # line 6, 一级: answered in 10 min, on site in exactly 2 h (not over 2 h), restored after
    # 10 h against 4 h: one breach, the restore, with the level's 2,000.00
    assert set(found) == {(4, "response"), (6, "restore")}
    one = found[(6, "restore")]
    assert (one["level"], one["limit"], one["actual"], one["deduction"]) == (
        "一级", "4 h", "restored after 10 h 00 min", "2000.00")
    two = found[(4, "response")]  # 二级 answered in 65 min against 30 min
    assert (two["level"], two["limit"], two["actual"], two["deduction"]) == (
        "二级", "30 min", "1 h 05 min", "500.00")
    # line 7, P3 (三级): answered in 65 min within its 120 min: no breach


def test_a_label_naming_no_level_is_an_error_with_its_line(run, tmp_path) -> None:
    text = LOG.read_text("utf-8").replace(",P3,", ",P9,")
    contract, log = _copy(tmp_path, text)
    out = run("uptime", str(log), "-c", str(contract), "--as-of", AS_OF, code=2)
    assert f"{log}:7" in out.stderr and "'P9' matches no severity level" in out.stderr


def test_uptime_each_month_with_maintenance_excluded_and_credits(run, tmp_path) -> None:
    contract, log = _copy(tmp_path)
    doc = run.json("uptime", str(log), "-c", str(contract), "--as-of", AS_OF, code=1)
    months = {row["from"]: row for row in doc["rows"]}
    feb, mar, apr = months["2026-02-01"], months["2026-03-01"], months["2026-04-01"]
    # February: the 计划维护 row (Saturday 02-07 01:00-03:00) is not downtime: 2 h excluded;
    # the 二级 outage 02-12 14:00-16:00 is 2 h down of 672 h: 99.702%, passed, no credit.
    assert (feb["downtime_hours"], feb["excluded_hours"], feb["uptime_percent"]) == (
        "2.000", "2.000", "99.702")
    assert feb["credit_percent"] is None
    # March: 12 h down of 744 h (see the payments test): 98.387%, the 99.0 band, 10%.
    assert (mar["downtime_hours"], mar["excluded_hours"], mar["uptime_percent"]) == (
        "12.000", "2.000", "98.387")
    assert (mar["result"], mar["credit_percent"], mar["credit_amount"]) == (
        "FAIL", "10", "2790.00")
    # April: P3 10:00-11:30 on Thursday 04-02, 1.5 h of 720 h: 99.792%
    assert apr["uptime_percent"] == "99.792"
    by_month = run.json("uptime", str(log), "-c", str(contract), "--as-of", AS_OF, "--by",
                        "month", code=1)
    assert {r["from"]: r["credit_amount"] for r in by_month["rows"]}["2026-03-01"] == "2790.00"


def test_an_outage_partly_inside_a_window_counts_only_outside_it() -> None:
    from contractcalc.core.model import MaintenanceWindow
    from contractcalc.core.uptime.periods import counted, window_blocks

    sat = dt.datetime(2026, 3, 7)  # a Saturday
    windows = window_blocks([MaintenanceWindow(6, "00:00", "04:00")], sat - dt.timedelta(
        days=1), sat + dt.timedelta(days=1))
    assert windows == ([sat], [sat + dt.timedelta(hours=4)])
    real = ([sat + dt.timedelta(hours=3)], [sat + dt.timedelta(hours=6)])
    planned = ([sat + dt.timedelta(hours=10)], [sat + dt.timedelta(hours=11)])
    result = counted(real, planned, windows)
    # 03:00-06:00 against 00:00-04:00: 04:00-06:00 down, 03:00-04:00 excluded; the planned
    # row 10:00-11:00 outside the window: excluded as planned
    assert result.down == ([sat + dt.timedelta(hours=4)], [sat + dt.timedelta(hours=6)])
    assert result.window == ([sat + dt.timedelta(hours=3)], [sat + dt.timedelta(hours=4)])
    assert result.planned == planned


def test_a_window_past_midnight() -> None:
    from contractcalc.core.model import MaintenanceWindow
    from contractcalc.core.uptime.periods import window_blocks

    sun = dt.datetime(2026, 3, 8)  # Sunday 22:00 to Monday 02:00
    got = window_blocks([MaintenanceWindow(7, "22:00", "02:00")], sun, sun + dt.timedelta(days=2))
    assert got == ([sun + dt.timedelta(hours=22)], [sun + dt.timedelta(hours=26)])


blocks = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 10)), max_size=8).map(
    lambda items: union([a for a, _ in items], [a + n for a, n in items]))


@given(a=blocks, b=blocks)
def test_subtract_and_intersect_against_minute_sets(a, b) -> None:
    def minutes(pair) -> set[int]:
        return {m for s, e in zip(*pair, strict=True) for m in range(s, e)}

    left, right = minutes(a), minutes(b)
    assert minutes(subtract(*a, *b)) == left - right
    assert minutes(intersect(*a, *b)) == left & right
    cut = subtract(*a, *b)
    assert all(s < e for s, e in zip(*cut, strict=True))


def test_credit_band_is_the_lowest_reached() -> None:
    from contractcalc.core.model import CreditBand
    from contractcalc.core.uptime.periods import credit_band

    bands = [CreditBand(Decimal("99.5"), Decimal(5)), CreditBand(Decimal("99.0"), Decimal(10)),
             CreditBand(Decimal("95.0"), Decimal(30))]
    assert credit_band(bands, Decimal("99.5")) is None  # not below 99.5
    assert credit_band(bands, Decimal("99.4999")).percent_of_fee == 5
    assert credit_band(bands, Decimal("98.7")).percent_of_fee == 10
    assert credit_band(bands, Decimal("94.9")).percent_of_fee == 30


@pytest.mark.skipif(sys.platform != "linux", reason="workers fork on Linux only")
@pytest.mark.usefixtures("project_dir")
def test_one_process_and_workers_give_the_same_figures(run, tmp_path, monkeypatch) -> None:
    from contractcalc.shell.logs import outagelog
    from contractcalc.shell.runtime import workers

    rows = ["system,start,end,severity,reported,responded,onsite,type"]
    for i in range(900):  # every day of 2025-07..2026-04, some in the Saturday window
        day = dt.date(2025, 7, 1) + dt.timedelta(days=i % 300)
        kind = "计划维护" if i % 7 == 0 else ""
        level = ("P1", "P2", "P3")[i % 3]
        rows.append(f"cloud,{day}T0{i % 6}:00:00,{day}T0{i % 6}:{10 + i % 50}:00,{level},,,,"
                    f"{kind}")
    contract, log = _copy(tmp_path, "\n".join(rows) + "\n")
    monkeypatch.setattr(outagelog, "MIN_PART_BYTES", 2000)
    got = {}
    for count in ("1", "3"):
        monkeypatch.setenv(workers.ENV, count)
        got[count] = run("uptime", str(log), "-c", str(contract), "--as-of", AS_OF,
                         "--format", "json", code=None).stdout
    assert got["1"] == got["3"] and '"excluded_hours"' in got["1"]


def test_status_shows_credits_owed_and_not_the_vendors_rows_to_the_buyer(run, tmp_path) -> None:
    contract, _log = _copy(tmp_path)
    rows = _rows(run.json("status", str(contract), "--as-of", AS_OF, code=1))
    assert rows["uptime_cloud_20260301"]["amount"] == "2790.00"  # March, 10%
    assert rows["sla_deductions_9"]["amount"] == "2000.00"
    assert rows["sla_deductions_8"]["amount"] == "500.00"
    buyer = run.json("status", str(contract), "--as-of", AS_OF, "--party", "buyer", code=1)
    assert buyer["rows"] and all(r["party"] == "buyer" for r in buyer["rows"])


def test_status_for_the_buyer_leaves_out_the_reference_uptime_rows(run, tmp_path) -> None:
    ref = tmp_path / "ref.yaml"
    text = (ROOT / "examples" / "contract-2025-036.yaml").read_text("utf-8")
    ref.write_text(text.replace("\nsystems:", "\noutage_log: log.csv\nsystems:", 1), "utf-8")
    (tmp_path / "log.csv").write_text("system,start,end\nplatform,2025-10-01T00:00:00,"
                                      "2025-12-30T00:00:00\n", "utf-8")
    vendor = run.json("status", str(ref), "--as-of", "2026-01-05", code=None)
    assert any(r["key"].startswith("uptime_") for r in vendor["rows"])
    buyer = run.json("status", str(ref), "--as-of", "2026-01-05", "--party", "buyer", code=None)
    assert not any(r["key"].startswith("uptime_") for r in buyer["rows"])


def test_check_catches_inconsistent_bands_and_shares(run, tmp_path) -> None:
    contract, _log = _copy(tmp_path)
    text = contract.read_text("utf-8")
    text = text.replace("{min: 80, pay_percent: 80}, {min: 0, pay_percent: 50}",
                        "{min: 60, pay_percent: 90}")
    text = text.replace("percent: 70,", "percent: 60,")
    text = text.replace("{below: 99.5, percent_of_fee: 5}", "{below: 99.0, percent_of_fee: 15}")
    contract.write_text(text, "utf-8")
    doc = run.json("check", str(contract), code=1)
    messages = " | ".join(r["message"] for r in doc["rows"])
    assert "add up to 90% of the period's fee, not 100%" in messages
    assert "no band for scores below 60" in messages  # a gap
    assert "same 'below'" in messages  # an overlap
    assert "from 99.0% up to the target 99.5%" in messages  # a gap below the target
    assert run.json("check", str(EXAMPLE))["errors"] == 0


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("{weekday: 6,", "{weekday: 8,", "uptime.maintenance.windows.0.weekday: expected an ISO"),
    ('to: "04:00"', 'to: "25:00"', "uptime.maintenance.windows.0.to: expected a time"),
    ('from: "00:00"', 'from: "0h"', "uptime.maintenance.windows.0.from: expected a time"),
    ("labels: [P2, 严重]", "labels: [P1, 严重]", "'P1' already names level 一级"),
    ("after: period_end, working_days: 10}}", "after: period_start, working_days: 10}}",
     "fees.parts.0.due.after: expected period_end or evaluated"),
    ("score: 78}", "score: 78, note: x}", "events.fee_9_evaluated"),
])
def test_bad_values_name_their_field(run, tmp_path, old, new, expected) -> None:
    contract, _log = _copy(tmp_path)
    text = contract.read_text("utf-8")
    assert old in text
    contract.write_text(text.replace(old, new, 1), "utf-8")
    out = run("check", str(contract), code=2)
    assert expected in out.stderr


def test_response_without_levels_still_needs_the_02_fields(run, tmp_path) -> None:
    contract, _log = _copy(tmp_path)
    text = contract.read_text("utf-8")
    start = text.index("  levels:")
    end = text.index("staff_ladder:")
    contract.write_text(text[:start] + "\n" + text[end:], "utf-8")
    out = run("check", str(contract), code=2)
    assert "response.fault_response_minutes: required field is missing" in out.stderr


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_example_runs_through_every_command(run, tmp_path, lang) -> None:
    contract, log = _copy(tmp_path)
    c = ["-c", str(contract), "--as-of", AS_OF, "--lang", lang]
    pay = run("payments", *c, code=1)  # fees overdue
    up = run("uptime", str(log), *c, code=1)  # March missed, two SLA breaches
    st_ = run("status", str(contract), "--as-of", AS_OF, "--lang", lang, code=1)
    ck = run("check", str(contract), "--lang", lang)
    run("timeline", *c, code=1)
    if lang == "zh":
        assert "服务费" in pay.stdout and "一级" in up.stdout and "扣" in st_.stdout
        assert "未发现" in ck.stdout


FAMILY_RUNS = {
    "payments": ["payments", "-c", str(EXAMPLE), "--as-of", AS_OF],
    "timeline": ["timeline", "-c", str(EXAMPLE), "--as-of", AS_OF],
    "uptime": ["uptime", str(LOG), "-c", str(EXAMPLE), "--as-of", AS_OF],
    "uptime --by month": ["uptime", str(LOG), "-c", str(EXAMPLE), "--as-of", AS_OF, "--by",
                          "month"],
    "status": ["status", str(EXAMPLE), "--as-of", AS_OF],
    "check": ["check", str(EXAMPLE)],
}


@pytest.mark.parametrize("name", sorted(FAMILY_RUNS))
def test_every_key_of_the_family_example_is_documented(run, name) -> None:
    import re

    from tests.test_registry import STANDARD, documented, keys_of

    doc = run.json(*FAMILY_RUNS[name], code=None)
    listed = set(re.findall(r"`([a-z_]+)`", documented(name.split()[0])))
    assert not keys_of(doc) - STANDARD - listed


def test_check_names_days_in_no_fee_period_and_a_sum_that_is_not_the_total(run, tmp_path):
    contract, _log = _copy(tmp_path)
    text = contract.read_text("utf-8").replace("from: 2025-07-01  ", "from: 2025-07-15  ")
    contract.write_text(text, "utf-8")
    messages = " | ".join(r["message"] for r in run.json("check", str(contract))["rows"])
    # months from 07-15: 07-15..08-14, …, the eleventh 2026-05-15..2026-06-14; the term's last
    # 16 days (06-15..06-30) fall in none, and 11 × 27,900.00 = 306,900.00, not 334,800.00
    assert "2026-06-15 to 2026-06-30 falls in no fee period" in messages
    assert "11 periods of 27,900.00 make 306,900.00, not the total 334,800.00" in messages


@given(amount=st.decimals("0.01", "9999999.99", places=2),
       cuts=st.lists(st.integers(1, 99), min_size=0, max_size=4, unique=True))
def test_part_shares_always_add_up_to_the_fee(amount, cuts) -> None:
    from contractcalc.core.model import FeePart, Fees, Trigger
    from contractcalc.core.payments.fees import part_amounts

    edges = [0, *sorted(cuts), 100]
    t = Trigger("period_end", working_days=1)
    parts = tuple(FeePart(Decimal(b - a), t) for a, b in itertools.pairwise(edges))
    shares = part_amounts(Fees("5", "month", amount, parts))
    assert sum(shares) == amount and all(s >= 0 for s in shares)


@given(score=st.decimals("0", "100", places=1), other=st.decimals("0", "100", places=1))
def test_a_higher_score_never_pays_less(score, other) -> None:
    from contractcalc.core.model import ScoreBand
    from contractcalc.core.payments.fees import band_percent

    bands = [ScoreBand(Decimal(90), Decimal(100)), ScoreBand(Decimal(80), Decimal(80)),
             ScoreBand(Decimal(0), Decimal(50))]
    low, high = sorted((score, other))
    assert band_percent(bands, low) <= band_percent(bands, high)
    assert band_percent(bands, Decimal("89.9")) == 80 and band_percent(bands, Decimal(90)) == 100
