"""What the buyer owes includes the fee parts of the periods that have ended (after the
credits and deductions taken off them), and `payments` totals only the rows it shows."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OPS = ROOT / "examples" / "contract-ops-platform.yaml"

QUARTERLY = """\
number: "Q-1"
title: 季度运维
parties:
  buyer: {name: 某局}
  vendor: {name: 某公司}
signed: 2025-06-20
term: {start: 2025-07-01, end: 2026-06-30, years: 1, clause: "2"}
total: 200000.00
total_words: 人民币贰拾万元整
total_clause: "5.1"
installments:
  - {name: 首付款, clause: "4.1", percent: 20, trigger: {after: signed, working_days: 10}}
invoice_before_payment: false
fees:
  clause: "5.2"
  every: quarter
  amount: 40000.00
  parts:
    - {percent: 100, due: {after: period_end, working_days: 10}}
events:
  signed: 2025-06-20
"""


def _buyer(doc: dict) -> dict:
    return next(t for t in doc["totals"] if t["party"] == "buyer")


def test_fee_parts_are_in_what_the_buyer_owes(run) -> None:
    # examples/contract-ops-platform.yaml on 2026-04-30 (tests/test_family_uptime.py works the
    # rows): unpaid are fee 8 part 2, 80% of 8,370.00 = 6,696.00 less the 500.00 二级
    # deduction = 6,196.00 (due 2026-03-23), and fee 9 part 1, 19,530.00 less 605.00 of the
    # period's 4,790.00 credits and deductions = 18,925.00; both overdue. 6,196.00 + 18,925.00
    # = 25,121.00. Withheld beside it: 500.00 (period 8) + 4,790.00 (period 9) = 5,290.00.
    # April (period 10) ends on the day asked: not yet owed. Fee 9 part 2 is wholly withheld.
    doc = run.json("payments", "-c", str(OPS), "--as-of", "2026-04-30", code=1)
    buyer = _buyer(doc)
    assert (buyer["owed"], buyer["overdue"], buyer["fees"]) == ("25121.00", "25121.00",
                                                                 "25121.00")
    assert buyer["fees_withheld"] == "5290.00"
    assert any("the buyer owes 25,121.00 unpaid, of which 25,121.00 overdue" in n
               for n in doc["notes"])
    # On 2026-05-20 April (period 10) has ended: part 1, 70% of 27,900.00 = 19,530.00 (no credit
    # in April's log) joins: 25,121.00 + 19,530.00 = 44,651.00; part 2 waits for
    # fee_10_evaluated and its score: no amount, counted apart, not in the sum.
    later = _buyer(run.json("payments", "-c", str(OPS), "--as-of", "2026-05-20", code=1))
    assert (later["owed"], later["fees_unpriced"]) == ("44651.00", 1)
    status = run.json("status", str(OPS), "--as-of", "2026-04-30", code=1)
    assert (_buyer(status)["owed"], _buyer(status)["overdue"]) == ("25121.00", "25121.00")


def test_a_quarterly_fee_beside_an_installment(run, tmp_path) -> None:
    # Installment 1: 20% of 200,000.00 = 40,000.00, 10 working days after signing Fri
    # 2025-06-20: Jun 23-27 (5), Jun 30, Jul 1-4 (10) -> 2025-07-04, unpaid: overdue.
    # Fee period 1 (2025-07-01..09-30), 40,000.00, 10 working days after Tue 09-30: 国庆/中秋
    # Oct 1-8 off, Oct 9 (1), 10 (2), Sat 11 worked (3), 13-17 (8), 20 (9), 21 (10) -> 10-21;
    # on 2025-11-18 overdue by Oct 22-31 (10) + Nov 1-18 (18) = 28 days.
    # Period 2 (10-01..12-31) has not ended: not owed yet. Owed 80,000.00, overdue 80,000.00.
    path = tmp_path / "q.yaml"
    path.write_text(QUARTERLY, encoding="utf-8")
    doc = run.json("payments", "-c", str(path), "--as-of", "2025-11-18", code=1)
    rows = {r["key"]: r for r in doc["rows"]}
    assert rows["fee_1_1"]["due"] == "2025-10-21" and rows["fee_1_1"]["days_late"] == 28
    buyer = _buyer(doc)
    assert (buyer["owed"], buyer["overdue"], buyer["payments"], buyer["fees"]) == (
        "80000.00", "80000.00", "40000.00", "40000.00")


def test_payments_totals_only_its_own_rows(run) -> None:
    # The built-in example (2025-036) with no events, on 2026-12-20: the table shows the
    # installments and the bond, no late vendor row; the late quarterly reports' damages are
    # timeline/status items, so payments' totals carry no vendor line and a note points there.
    doc = run.json("payments", "--as-of", "2026-12-20")
    assert {t["party"] for t in doc["totals"]} == {"buyer"}
    assert not any("the vendor owes" in n for n in doc["notes"])
    assert any("not in these totals" in n and "contractcalc status" in n for n in doc["notes"])
    status = run.json("status", "--as-of", "2026-12-20", code=1)
    assert any(t["party"] == "vendor" for t in status["totals"])


SME = ROOT / "examples" / "contract-sme-2025-101.yaml"


def test_sme_lateness_counts_from_the_binding_day_everywhere(run) -> None:
    # contract-sme-2025-101, installment 2 (700,000.00): contractual day 2025-12-09, statutory
    # latest day 2025-11-10 (binding: the earlier). Unpaid on 2025-12-31: Nov 11-30 (20) +
    # Dec 1-31 (31) = 51 days late (not the contractual 22: Dec 10-31); interest at 每日万分之五
    # 700,000.00 × 0.0005 × 51 = 17,850.00, the figure disclosure gives.
    for command in ("payments", "timeline"):
        doc = run.json(command, "-c", str(SME), "--as-of", "2025-12-31", code=1)
        row = next(r for r in doc["rows"] if r["key"] == "installment_2")
        assert (row["due"], row["binding_due"], row["status"], row["days_late"]) == (
            "2025-12-09", "2025-11-10", "overdue", 51)
        assert "51 days" in row["state"] and row["interest_days"] == 51
    doc = run.json("status", str(SME), "--as-of", "2025-12-31", code=1)
    row = next(r for r in doc["rows"] if r["key"] == "installment_2")
    assert (row["days_late"], row["interest"]) == (51, "17850.00")
    assert "51 days" in row["state"]


def test_sme_fee_parts_say_the_statutory_term_is_not_checked(run, tmp_path) -> None:
    # ops-platform with an SME vendor and a 机关 buyer: on 2026-04-30 fee 8 part 2 and fee 9
    # part 1 are overdue; their statutory term is not computed, and the rows, the
    # notes and disclosure --year 2026 say so instead of leaving them out silently.
    text = OPS.read_text(encoding="utf-8").replace(
        "buyer: {name: 某区政务服务和数据管理局}", "buyer: {name: 某区政务服务和数据管理局, kind: 机关}").replace(
        "vendor: {name: 某信息技术有限公司}", "vendor: {name: 某信息技术有限公司, sme: true}")
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "outages-ops-platform.csv").write_bytes(
        (ROOT / "examples" / "outages-ops-platform.csv").read_bytes())
    doc = run.json("payments", "-c", str(path), "--as-of", "2026-04-30", code=1)
    row = next(r for r in doc["rows"] if r["key"] == "fee_8_2")
    assert row["law_state"] == "statutory term not checked for fee parts"
    assert any(n.startswith("statutory term not checked for fee parts") for n in doc["notes"])
    out = run.json("disclosure", "-c", str(path), "--year", "2026", "--as-of", "2026-04-30")
    assert any("fee parts unpaid past the contract's day are not in this report" in n
               for n in out["notes"])
