"""Issue 26, sections 1, 2, 3 and 7: optional sections, tiered and capped delay damages,
acceptance stages with retention (质保金), and what each side owes.

The example is examples/contract-software-delivery.yaml (No. 2025-118, total 360,000.00):
tiers 0.5‰ a day for days 1–10, 1‰ from day 11, cap 10% of the total = 36,000.00, the buyer may
terminate after more than 30 days. 0.5‰ of 360,000.00 is 180.00 a day; 1‰ is 360.00 a day.
"""

from decimal import Decimal
from pathlib import Path

import pytest

from contractcalc.core.damages.delay import combine, figure, tier_problems
from contractcalc.core.model import DelayDamages, DelayTier

ROOT = Path(__file__).parents[1]
SD = ROOT / "examples" / "contract-software-delivery.yaml"
REFERENCE = ROOT / "examples" / "contract-2025-036.yaml"
TIERED = DelayDamages("7.1", (DelayTier(Decimal("0.5"), 10), DelayTier(Decimal(1))),
                      cap_percent=Decimal(10), terminate_after_days=30)
TOTAL = Decimal("360000.00")


def test_tiers_known_answers() -> None:
    # 40 days: days 1–10 at 180.00 = 1,800.00; days 11–40 (30 days) at 360.00 = 10,800.00;
    # 12,600.00 in all, under the cap of 36,000.00; 40 > 30: the buyer may terminate.
    fig = figure(TIERED, total=TOTAL, base=TOTAL, days=40)
    assert [(p.first, p.last, p.amount) for p in fig.tiers] == [
        (1, 10, Decimal("1800.000")), (11, 40, Decimal("10800.00"))]
    assert fig.amount == Decimal("12600.000") and not fig.capped and fig.may_terminate
    # 30 days is not "more than 30": no right yet.
    assert not figure(TIERED, total=TOTAL, base=TOTAL, days=30).may_terminate
    # 300 days: 1,800.00 + 290 × 360.00 = 106,200.00, capped at 36,000.00 (the case:
    # a 10%-capped contract must not print 54,000.00 or more for 300 days).
    fig = figure(TIERED, total=TOTAL, base=TOTAL, days=300)
    assert fig.uncapped == Decimal("106200.000") and fig.amount == Decimal("36000.00")
    assert fig.capped and fig.next_day == 0
    # Day 104: 1,800 + 93 × 360 = 35,280.00; one more day adds 360 but only 720 is left, and
    # on day 106 (35,280 + 720 = 36,000.00) nothing more is added.
    assert figure(TIERED, total=TOTAL, base=TOTAL, days=103).amount == Decimal("35280.000")
    assert figure(TIERED, total=TOTAL, base=TOTAL, days=105).amount == Decimal("36000.00")


def test_cap_of_the_late_part() -> None:
    # base: installment, cap 10% of the base: a late item worth 50,000.00, 1‰ a day = 50.00;
    # 150 days = 7,500.00, capped at 5,000.00 (10% of 50,000.00), whatever the total.
    terms = DelayDamages("7.1", (DelayTier(Decimal(1)),), base="installment",
                         cap_percent=Decimal(10), cap_of="base")
    fig = figure(terms, total=TOTAL, base=Decimal(50000), days=150)
    assert fig.uncapped == Decimal("7500") and fig.amount == Decimal("5000.0")
    # each item is capped on its own, and they stack
    assert combine(terms, TOTAL, [Decimal(5000), Decimal(5000)]).amount == 10000


def test_one_cap_across_items() -> None:
    # 32,040.00 + 5,400.00 = 37,440.00 over two late items, one cap of 36,000.00 for both.
    both = combine(TIERED, TOTAL, [Decimal("32040"), Decimal("5400")])
    assert both.amount == Decimal("36000.00") and both.capped and not both.stacks


@pytest.mark.parametrize(("tiers", "cap", "expected"), [
    ((DelayTier(Decimal(1), 10), DelayTier(Decimal(2), 10), DelayTier(Decimal(3))), None,
     "must be more than the previous tier's through_day (10)"),
    ((DelayTier(Decimal(1)), DelayTier(Decimal(2))), None, "only the last tier"),
    ((DelayTier(Decimal(1), 10),), None, "the last tier must leave out through_day"),
    ((), None, "at least one tier"),
    ((DelayTier(Decimal(1)),), Decimal(120), "must be more than 0 and at most 100"),
])
def test_inconsistent_tiers_are_refused(tiers, cap, expected) -> None:
    found = [m for _p, m in tier_problems(("damages", "delay"),
                                          DelayDamages("7.1", tiers, cap_percent=cap))]
    assert any(expected in m for m in found), found


def test_a_gap_in_the_file_names_its_line(run, tmp_path) -> None:
    text = SD.read_text(encoding="utf-8").replace("- {daily_permille: 1}      # from day 11 on",
                                                  "- {through_day: 5, daily_permille: 1}")
    bad = tmp_path / "c.yaml"
    bad.write_text(text, encoding="utf-8")
    err = run("check", str(bad), code=2).stderr
    assert "damages.delay.tiers.1.through_day" in err and "previous tier" in err


def test_penalty_prints_the_cap(run) -> None:
    doc = run.json("penalty", "-c", str(SD), "--days-late", "300")
    rows = {r["key"]: r for r in doc["rows"]}
    assert rows["delay_tier_1"]["amount"] == "1800.00"
    assert rows["delay_tier_2"]["amount"] == "104400.00"  # 290 days × 360.00
    assert rows["daily"]["amount"] == "36000.00" and doc["delay_capped"] is True
    assert doc["delay_cap"] == "36000.00" and doc["delay_uncapped"] == "106200.00"
    assert rows["terminate"]["applies"] is True and doc["may_terminate"] is True
    assert "failed_acceptance" not in rows  # the contract has none
    zh = run("penalty", "-c", str(SD), "--days-late", "300", "--lang", "zh").output
    assert "36,000.00" in zh and "54,000.00" not in zh


def test_reference_keeps_one_tier(run) -> None:
    # 2025-036: 1‰ of 240,000.00 = 240.00 a day; 12 days = 2,880.00, as in 0.2.
    doc = run.json("penalty", "-c", str(REFERENCE), "--days-late", "12")
    assert [r["key"] for r in doc["rows"]] == ["daily", "breach", "failed_acceptance"]
    assert doc["rows"][0]["amount"] == "2880.00" and doc["per_day"] == "240.00"


def test_payments_dates_by_hand(run) -> None:
    # 预付款: signed Mon 2025-03-03, 10 working days: Mar 4–7 (4), 10–14 (9), Mon 17 (10).
    # 初验款: 初验 Tue 2025-08-05, 20 working days: Aug 6–8 (3), 11–15 (8), 18–22 (13),
    #   25–29 (18), Sep 1 (19), Tue Sep 2 (20); no holiday in August 2025.
    # 终验款: 终验 Fri 2025-11-14, 30 days (日): the 14th not counted, day 30 is Sun 2025-12-14,
    #   a rest day, so the last day moves to Mon 2025-12-15 (民法典 第二百零三条); unpaid on
    #   2026-03-02: Dec 16–31 (16) + January (31) + February (28) + Mar 1–2 (2) = 77 days late.
    # 质保金: 12 months after 2025-11-14 is Sat 2026-11-14 (release); 15 working days after:
    #   Nov 16–20 (5), 23–27 (10), Nov 30, Dec 1–4 (15): Fri 2026-12-04.
    doc = run.json("payments", "-c", str(SD), "--as-of", "2026-03-02", code=1)
    rows = {r["key"]: r for r in doc["rows"]}
    assert rows["installment_1"]["due"] == "2025-03-17"
    assert rows["installment_2"]["due"] == "2025-09-02"
    assert rows["installment_3"]["due"] == "2025-12-15"
    assert rows["installment_3"]["status"] == "overdue" and rows["installment_3"]["days_late"] == 77
    held = rows["installment_4"]
    assert (held["status"], held["earliest"], held["due"]) == ("held", "2026-11-14",
                                                               "2026-12-04")
    buyer = next(t for t in doc["totals"] if t["party"] == "buyer")
    # unpaid 90,000.00 + 18,000.00; overdue 90,000.00; held 18,000.00
    assert (buyer["owed"], buyer["overdue"], buyer["held"]) == ("108000.00", "90000.00",
                                                                 "18000.00")
    # On the release day the retention is due, no longer held; after 12-04 it is overdue.
    on = run.json("payments", "-c", str(SD), "--as-of", "2026-11-16", code=1)
    assert on["rows"][-1]["status"] in ("due", "waiting")  # waiting: no invoice for it yet


def test_status_totals_and_cap(run) -> None:
    # 系统部署上线 due 120 days after Mon 2025-03-03: Tue 2025-07-01 (Mar 28 + Apr 30 + May 31
    # + Jun 30 = 119, July 1 the 120th); done 07-21: 20 days late: 10 × 180 + 10 × 360 =
    # 5,400.00. 源代码及技术文档 due 10 working days after 终验 Fri 11-14: Nov 17–21, 24–28:
    # Fri 2025-11-28; not done on 2026-03-02: Nov 29–30 (2) + 31 + 31 + 28 + 2 = 94 days:
    # 1,800 + 84 × 360 = 32,040.00. Together 37,440.00, capped at 36,000.00.
    doc = run.json("status", str(SD), "--as-of", "2026-03-02", code=1)
    rows = {r["key"]: r for r in doc["rows"]}
    assert rows["source_docs"]["damages_to_date"] == "32040.00"
    assert rows["system_delivery"]["damages_to_date"] == "5400.00"
    assert "buyer may terminate" in rows["source_docs"]["at_stake"]
    assert rows["installment_4"]["urgency"] == "retention_held"
    vendor = next(t for t in doc["totals"] if t["party"] == "vendor")
    assert (vendor["delay_damages"], vendor["delay_damages_uncapped"], vendor["cap"]) == (
        "36000.00", "37440.00", "36000.00")
    assert vendor["capped"] and vendor["may_terminate"]
    only = run.json("status", str(SD), "--as-of", "2026-03-02", "--party", "buyer", code=1)
    assert {t["party"] for t in only["totals"]} == {"buyer"}


def test_reference_damages_are_totalled(run) -> None:
    # 2025-036 has no cap: each late report adds 240.00 a day and the total says so, with the
    # sum passing the contract's 240,000.00 named rather than hidden.
    doc = run.json("status", str(REFERENCE), "--as-of", "2026-12-20", code=1)
    vendor = next(t for t in doc["totals"] if t["party"] == "vendor")
    accrued = sum(Decimal(r["damages_to_date"]) for r in doc["rows"] if r["damages_to_date"])
    assert Decimal(vendor["delay_damages"]) == accrued and vendor["stacks"]
    assert any("states no cap" in n for n in doc["notes"])


@pytest.mark.parametrize(("command", "section"), [
    (["bond"], "bond"), (["renewal", "--amount", "1"], "renewal"),
    (["staff"], "staff_ladder"), (["uptime", "x.csv"], "systems"),
])
def test_a_missing_section_is_named_in_one_line(run, command, section) -> None:
    err = run(*command, "-c", str(SD), code=2).stderr
    assert section in err and len(err.strip().splitlines()) == 1, err
    assert "contractcalc " in err  # names the command that does apply


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", [["payments"], ["timeline"], ["status"], ["check"],
                                     ["penalty", "--days-late", "40"], ["schema"]])
def test_the_example_runs_through_every_command(run, command, lang) -> None:
    target = [] if command == ["schema"] else (
        [str(SD)] if command[0] in ("status", "check") else ["-c", str(SD)])
    result = run(*command, *target, "--as-of", "2026-03-02", "--lang", lang, code=None) \
        if command != ["schema"] else run("schema", code=None)
    assert result.exit_code in (0, 1), result.stderr


def test_renewal_title_follows_the_certificate_rule(run, tmp_path) -> None:
    text = REFERENCE.read_text(encoding="utf-8").replace("requires_certificate: true",
                                                         "requires_certificate: false")
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    rows = run.json("timeline", "-c", str(path), "--as-of", "2026-01-10", "--lang", "zh",
                    code=None)["rows"]
    title = next(r["title"] for r in rows if r["key"] == "renewal_application")
    assert "确认书" not in title


def test_retention_months_after_acceptance_are_not_months_of_service(run, tmp_path) -> None:
    text = SD.read_text(encoding="utf-8").replace("months: 12, working_days: 15", "months: 12")
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    rows = run.json("payments", "-c", str(path), "--as-of", "2026-03-02", "--lang", "zh",
                    code=None)["rows"]
    assert "连续服务" not in rows[-1]["trigger"] and "终验" in rows[-1]["trigger"]


def test_applies_to_leaves_out_what_it_does_not_name(run, tmp_path) -> None:
    # applies_to: [bond] on a contract without a bond: no delay damages on the late documents.
    text = SD.read_text(encoding="utf-8").replace("applies_to: [deliverables]",
                                                  "applies_to: [bond]")
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    doc = run.json("status", str(path), "--as-of", "2026-03-02", code=1)
    assert all(r["damages_to_date"] is None for r in doc["rows"])


def test_base_installment_needs_an_amount(run, tmp_path) -> None:
    # base: installment: 源代码及技术文档 priced 50,000.00; 94 days late: 10 × 25.00 +
    # 84 × 50.00 = 4,450.00 (0.5‰ of 50,000 = 25.00, 1‰ = 50.00); the cap of 10% of the total
    # (36,000.00) is not reached. The undated-price 系统部署上线 carries none.
    text = SD.read_text(encoding="utf-8").replace("base: total ", "base: installment ").replace(
        'clause: "3.5", due:', 'clause: "3.5", amount: 50000.00, due:')
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    rows = {r["key"]: r for r in run.json("status", str(path), "--as-of", "2026-03-02",
                                          code=1)["rows"]}
    assert rows["source_docs"]["damages_to_date"] == "4450.00"
    err = run("penalty", "-c", str(path), "--days-late", "5", code=2).stderr
    assert "--base" in err
    doc = run.json("penalty", "-c", str(path), "--days-late", "5", "--base", "50000")
    assert doc["rows"][0]["amount"] == "125.00"  # 5 × 25.00
