"""The law over every contract (issue #27): the rule pack, check findings with their articles,
the statutory latest day and the late-payment interest, the annual disclosure.

Known answers are worked by hand from the legal texts as published:
- 《保障中小企业款项支付条例》2025 text (国务院令第802号, in force 2025-06-01): 第九条第一款 (机关、
  事业单位: 30 日 from delivery, an agreed term at most 60 日), 第十条 (from 验收合格; from the end
  of the agreed acceptance period when acceptance is delayed), 第十七条 (interest: agreed rate not
  below the 1-year LPR at signing; none agreed: 每日万分之五), 第十八条第一款 (disclosure before
  31 March). The 2020 text (国务院令第728号): 第八条第一款, 第九条, 第十五条, 第十六条第一款.
- 《政府采购法实施条例》第四十八条 (履约保证金 ≤ 10%); 《政府采购法》第四十九条 (supplements ≤ 10%);
  《政府购买服务管理办法》(财政部令第102号) 第二十四条 (at most 3 years; number not verified).
- Calendar days: 民法典 第二百零一条 (the day of the event not counted), 第二百零三条 (a last day
  on a rest day moves to the next working day).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from contractcalc.core.law.rules import citation, lpr_at, rule
from contractcalc.shell.law import rule_pack
from tests.conftest import ROOT

SME = ROOT / "examples" / "contract-sme-2025-101.yaml"
REFERENCE = ROOT / "examples" / "contract-2025-036.yaml"


def variant(tmp_path: Path, *edits: tuple[str, str], name: str = "variant.yaml") -> str:
    """The SME example with text replaced (each edit must match), written to tmp_path."""
    text = SME.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def row(doc: dict, key: str) -> dict:
    return next(r for r in doc["rows"] if r["key"] == key)


# The rule pack ------------------------------------------------------------------------------

def test_pack_cites_the_text_in_force_at_signing() -> None:
    pack = rule_pack()
    # 2025-06-01 the 802号 text: 第九条第一款; the day before, the 728号 text: 第八条第一款.
    assert citation(rule(pack, "payment_term_public", dt.date(2025, 6, 1))) == (
        "《保障中小企业款项支付条例》（国务院令第802号）第九条第一款")
    assert rule(pack, "payment_term_public", dt.date(2025, 5, 31)).article == "第八条第一款"
    assert rule(pack, "late_interest", dt.date(2025, 5, 31)).article == "第十五条"
    assert rule(pack, "late_interest", dt.date(2025, 6, 1)).article == "第十七条"
    assert rule(pack, "payment_term_public", dt.date(2020, 8, 31)) is None  # before 2020-09-01
    assert rule(pack, "bond_cap", dt.date(2025, 7, 1)).article == "第四十八条"
    assert rule(pack, "supplement_cap", dt.date(2025, 7, 1)).article == "第四十九条"
    term = rule(pack, "service_term", dt.date(2025, 7, 1))
    assert term.article == "第二十四条" and not term.verified
    for r in pack.rules:  # every rule is cited and paraphrased, every code asked for exists
        assert r.article.startswith("第") and r.paraphrase and r.instrument


def test_lpr_table_is_looked_up_never_guessed() -> None:
    table = rule_pack().lpr
    # Published changes: 2025-05-20 3.00; 2024-10-21 3.10 (20 Oct 2024 was a Sunday); so on
    # 2024-10-20 the rate is still the 2024-07-22 one, 3.35.
    assert lpr_at(table, dt.date(2025, 7, 1))[:2] == (Decimal("3.0"), "table")
    assert lpr_at(table, dt.date(2025, 7, 1)).published == dt.date(2025, 5, 20)
    assert lpr_at(table, dt.date(2024, 10, 20)).percent == Decimal("3.35")
    assert lpr_at(table, dt.date(2024, 10, 21)).percent == Decimal("3.1")
    assert lpr_at(table, dt.date(2019, 8, 20)).percent == Decimal("4.25")  # the first one
    assert lpr_at(table, dt.date(2019, 8, 19)).source == "not_covered"
    assert lpr_at(table, table.through + dt.timedelta(days=1)).source == "not_covered"


# check ----------------------------------------------------------------------------------------

def test_check_names_each_rule_broken_with_its_article(run) -> None:
    doc = run.json("check", str(SME), code=1)
    found = {r["field"]: r["message"] for r in doc["rows"]}
    # 12% > 10%: 政府采购法实施条例 第四十八条.
    assert "12%" in found["bond.percent"] and "第四十八条" in found["bond.percent"]
    # 90 日 after 终验 > 60 日: 条例 (802号) 第九条第一款, counted from acceptance, 第十条.
    term = found["installments.1.trigger"]
    assert "90 days" in term and "第九条第一款" in term and "第十条" in term and "802号" in term
    # A 15% renewal cap > 10%: 政府采购法 第四十九条.
    assert "15%" in found["renewal.max_change_percent"]
    assert "第四十九条" in found["renewal.max_change_percent"]
    assert doc["errors"] == 2 and doc["warnings"] == 1


def test_2020_text_for_a_contract_signed_before_june_2025(run, tmp_path) -> None:
    path = variant(tmp_path, ("signed: 2025-07-01", "signed: 2024-07-01"),
                   ("start: 2025-07-01, end: 2026-06-30", "start: 2024-07-01, end: 2025-06-30"))
    doc = run.json("check", path, code=1)
    term = next(r["message"] for r in doc["rows"] if r["field"] == "installments.1.trigger")
    assert "国务院令第728号" in term and "第八条第一款" in term and "第九条" in term


def test_funds_acceptance_period_and_term_findings(run, tmp_path) -> None:
    path = variant(tmp_path, ("    trigger: {after: final_accepted, days: 90}",
                              "    trigger: {after: final_accepted, days: 30}\n"
                              "    subject_to_funds: true"),
                   ("    period: {after: system_delivered, days: 15}   # 5.2: 交付后 15 日内组织终验\n",
                    ""),
                   ("end: 2026-06-30, years: 1", "end: 2029-06-30, years: 4"))
    doc = run.json("check", path, code=1)
    found = {r["field"]: (r["severity"], r["message"]) for r in doc["rows"]}
    sev, funds = found["installments.1.subject_to_funds"]
    assert sev == "warning" and "第八条第一款" in funds and "第七条第一款" in funds
    sev, accept = found["installments.1.trigger.after"]
    assert sev == "warning" and "第十条" in accept
    sev, term = found["term.end"]  # 2025-07-01 + 3 years ends 2028-06-30; 2029-06-30 is beyond
    assert sev == "warning" and "2028-06-30" in term and "第二十四条" in term
    assert "not verified" in term
    assert "installments.1.trigger" not in found  # 30 日 is within 60 日


def test_the_completion_certificate_is_an_acceptance_without_a_period(run, tmp_path) -> None:
    # 30 日 after the completion certificate: within 60 日, but no acceptance period can be
    # agreed for the generic event (条例 第十条 asks for one).
    path = variant(tmp_path, ("    trigger: {after: final_accepted, days: 90}",
                              "    trigger: {after: completion_certified, days: 30}"))
    doc = run.json("check", path, code=1)
    found = next(r for r in doc["rows"] if r["field"] == "installments.1.trigger.after")
    assert "第十条" in found["message"] and "kind: acceptance" in found["message"]
    assert not any(r["field"] == "installments.1.trigger" for r in doc["rows"])


def test_agreed_interest_below_the_lpr_floor(run, tmp_path) -> None:
    # 2% a year < the 1-year LPR at signing on 2025-07-01: 3.00% (published 2025-05-20).
    path = variant(tmp_path, ("invoice_before_payment: true",
                              'late_payment: {clause: "4.6", annual_percent: 2}\n'
                              "invoice_before_payment: true"))
    doc = run.json("check", path, code=1)
    found = next(r for r in doc["rows"] if r["field"] == "late_payment")
    assert found["clause"] == "4.6" and "3.00%" in found["message"]
    assert "2025-05-20" in found["message"] and "第十七条" in found["message"]
    # The file's own lpr_percent wins over the table (1.5% < 2%: no finding).
    path = variant(tmp_path, ("invoice_before_payment: true",
                              'late_payment: {clause: "4.6", annual_percent: 2}\n'
                              "lpr_percent: 1.5\ninvoice_before_payment: true"), name="b.yaml")
    assert not any(r["field"] == "late_payment" for r in run.json("check", path, code=1)["rows"])


def test_a_signing_day_the_lpr_table_does_not_cover_is_said(run, tmp_path) -> None:
    path = variant(tmp_path, ("signed: 2025-07-01", "signed: 2025-09-17"),
                   ("invoice_before_payment: true",
                    'late_payment: {clause: "4.6", annual_percent: 2}\n'
                    "invoice_before_payment: true"))
    doc = run.json("check", path, code=1)
    found = next(r for r in doc["rows"] if r["field"] == "lpr_percent")
    assert found["severity"] == "info" and "2025-08-19" in found["message"]


def test_reference_contract_says_what_the_law_would_need(run) -> None:
    doc = run.json("check", str(REFERENCE), code=1)
    assert any("vendor size not stated" in n for n in doc["notes"])
    assert not any("条例" in r["message"] for r in doc["rows"])  # 10% bond, 10% renewal: lawful
    pay = run.json("payments", "-c", str(REFERENCE), "--as-of", "2025-12-01", code=None)
    assert all("statutory_due" not in r for r in pay["rows"])
    assert any("vendor size not stated" in n for n in pay["notes"])


@pytest.mark.parametrize(("edit", "note"), [
    (("kind: 机关}", "}"), "buyer kind not stated"),
    (("kind: 机关}", "kind: 其他}"), "binds 机关, 事业单位 and 大型企业 only"),
])
def test_buyers_the_statute_does_not_reach(run, tmp_path, edit, note) -> None:
    doc = run.json("payments", "-c", variant(tmp_path, edit), "--as-of", "2025-12-31", code=1)
    assert any(note in n for n in doc["notes"])
    assert "statutory_due" not in row(doc, "installment_2")


def test_late_payment_takes_one_rate(run, tmp_path) -> None:
    path = variant(tmp_path, ("invoice_before_payment: true",
                              "late_payment: {daily_permille: 0.3, annual_percent: 2}\n"
                              "invoice_before_payment: true"))
    result = run("check", path, code=2)
    assert "late_payment" in result.output and "one of daily_permille" in result.output


# payments -------------------------------------------------------------------------------------

def test_payments_shows_both_deadlines_and_interest_to_the_day(run) -> None:
    doc = run.json("payments", "-c", str(SME), "--as-of", "2025-12-31", code=1)
    tail = row(doc, "installment_2")
    # 终验 on Wednesday 2025-09-10, not counted. Contract: 90 日 → 2025-12-09 (a Tuesday).
    # Statute: 60 日 at most → the 60th day is 2025-11-09 (Sep 11–30: 20, Oct: 31, Nov 1–9: 9),
    # a Sunday, so the term ends Monday 2025-11-10 (民法典 第二百零三条). The earlier binds.
    assert tail["due"] == "2025-12-09"
    assert tail["statutory_due"] == "2025-11-10" and tail["binding_due"] == "2025-11-10"
    assert "第九条第一款" in tail["statutory_rule"] and "第十条" in tail["statutory_rule"]
    # No rate agreed: 每日万分之五 of the unpaid 700,000.00 = 350.00 a day; from 2025-11-11 to
    # 2025-12-31 is 51 days (Nov 11–30: 20, Dec: 31): 17,850.00 (条例 第十七条).
    assert tail["interest_days"] == 51 and tail["interest_per_day"] == "350.00"
    assert tail["interest"] == "17850.00" and tail["interest_basis"] == "statutory_default"
    assert "第十七条" in tail["interest_rule"]
    first = row(doc, "installment_1")  # on signing: not a delivery, no statutory day claimed
    assert first["statutory_due"] is None and first["statutory_basis"] == "not_delivery"
    assert first["binding_due"] == "2025-07-15" and first["interest"] is None
    table = run("payments", "-c", str(SME), "--as-of", "2025-12-31", code=1).output
    assert "statutory latest 2025-11-10" in table and "17,850.00" in table


def test_agreed_daily_rate_and_payment_made_late(run, tmp_path) -> None:
    # 0.3‰ a day agreed (10.95% a year, above the LPR): 700,000.00 × 0.0003 = 210.00 a day.
    # Paid 2025-11-20: 10 days after 2025-11-10 (Nov 11–20) → 2,100.00, though the contract's
    # own day (2025-12-09) had not come.
    path = variant(tmp_path, ("invoice_before_payment: true",
                              'late_payment: {clause: "4.6", daily_permille: 0.3}\n'
                              "invoice_before_payment: true"),
                   ("  installment_2_invoiced: 2025-09-12\n",
                    "  installment_2_invoiced: 2025-09-12\n  installment_2_paid: 2025-11-20\n"))
    tail = row(run.json("payments", "-c", path, "--as-of", "2025-12-31", code=1),
               "installment_2")
    # late by the binding (statutory) day 2025-11-10: paid 11-20, Nov 11-20 = 10 days
    assert tail["status"] == "done" and tail["days_late"] == 10
    assert (tail["interest_days"], tail["interest_per_day"], tail["interest"]) == (
        10, "210.00", "2100.00")
    assert tail["interest_basis"] == "agreed_daily" and "(clause 4.6)" in tail["interest_rule"]


def test_interest_at_the_lpr_floor_is_exact(run, tmp_path) -> None:
    # 2% a year agreed < LPR 3.00%: the floor is used, 3% ÷ 365 a day: 700,000 × 0.03 / 365 =
    # 57.534246575… a day; × 51 days = 2,934.2465… → 2,934.25 (rounded once, at the end).
    path = variant(tmp_path, ("invoice_before_payment: true",
                              "late_payment: {annual_percent: 2}\ninvoice_before_payment: true"))
    tail = row(run.json("payments", "-c", path, "--as-of", "2025-12-31", code=1),
               "installment_2")
    assert tail["interest_basis"] == "lpr_floor" and tail["interest"] == "2934.25"
    assert tail["interest_per_day"].startswith("57.534246575")


def test_delayed_acceptance_counts_from_the_agreed_period_end(run, tmp_path) -> None:
    # Delivered 2025-09-01; acceptance agreed within 15 日 → 2025-09-16 (a Tuesday); never
    # accepted. The statute counts from the period's end: 60 日 → 2025-11-15, a Saturday →
    # Monday 2025-11-17. The contract's own day is unknown (waiting for 终验). As of
    # 2025-12-31: 44 days (Nov 18–30: 13, Dec: 31) × 350.00 = 15,400.00.
    path = variant(tmp_path, ("  final_accepted: 2025-09-10\n", ""))
    tail = row(run.json("payments", "-c", path, "--as-of", "2025-12-31", code=1),
               "installment_2")
    # no contractual day yet, but the statutory one (from the agreed period end) has passed:
    # overdue by the 44 days the interest counts
    assert tail["status"] == "overdue" and tail["due"] is None and tail["days_late"] == 44
    assert tail["statutory_due"] == "2025-11-17" and tail["binding_due"] == "2025-11-17"
    assert "acceptance delayed" in tail["statutory_rule"]
    assert (tail["interest_days"], tail["interest"]) == (44, "15400.00")
    # Before the period ends the statute has nothing to count from yet.
    early = row(run.json("payments", "-c", path, "--as-of", "2025-09-16", code=0),
                "installment_2")
    assert early["statutory_basis"] == "waiting" and early["interest"] is None


def test_funds_caveat_does_not_excuse_an_sme_payment(run, tmp_path) -> None:
    path = variant(tmp_path, ("    trigger: {after: final_accepted, days: 90}",
                              "    trigger: {after: final_accepted, days: 90}\n"
                              "    subject_to_funds: true"))
    doc = run.json("payments", "-c", path, "--as-of", "2025-12-31", code=1)
    assert row(doc, "installment_2")["interest"] == "17850.00"
    note = next(n for n in doc["notes"] if "funds caveat does not excuse" in n)
    assert "第八条第一款" in note and "第七条第一款" in note


def test_no_invoice_no_interest(run, tmp_path) -> None:
    path = variant(tmp_path, ("  installment_2_invoiced: 2025-09-12\n", ""))
    doc = run.json("payments", "-c", path, "--as-of", "2025-12-31", code=0)
    assert row(doc, "installment_2")["interest"] is None
    assert any("invoice is not recorded" in n for n in doc["notes"])


# disclosure -----------------------------------------------------------------------------------

def test_disclosure_lists_the_overdue_sme_payment(run, tmp_path) -> None:
    doc = run.json("disclosure", "--year", "2025", str(SME), str(REFERENCE), "--as-of",
                   "2026-01-15", code=1)
    (item,) = doc["rows"]
    assert (item["buyer"], item["contract"], item["clause"]) == ("北京市某区某局", "2025-101", "3.3")
    assert (item["amount"], item["days_overdue"], item["interest"]) == ("700000.00", 51,
                                                                         "17850.00")
    (buyer,) = doc["buyers"]
    assert (buyer["contracts"], buyer["count"], buyer["amount"]) == (1, 1, "700000.00")
    assert "第十八条第一款" in buyer["rule"] and doc["due_by"] == "2026-03-31"
    assert any("2025-036" in n and "vendor size not stated" in n for n in doc["notes"])
    # 2024's year end: nothing was due yet.
    assert run.json("disclosure", "--year", "2024", str(SME), code=0)["rows"] == []
    # A year not over yet: as of the day asked, provisional (10 days × 350.00 on 2025-11-20).
    early = run.json("disclosure", "--year", "2025", str(SME), "--as-of", "2025-11-20", code=1)
    assert early["rows"][0]["interest"] == "3500.00" and early["as_of"] == "2025-11-20"
    assert any("provisional" in n for n in early["notes"])


def test_disclosure_csv_and_help(run, tmp_path) -> None:
    out = tmp_path / "2025.csv"
    run("disclosure", "--year", "2025", str(ROOT / "examples"), "--format", "csv",
        "--as-of", "2026-01-15", "--output", str(out), code=1)
    assert "17850.00" in out.read_text(encoding="utf-8-sig")
    assert "Example: contractcalc disclosure" in run("disclosure", "--help").output


# status and timeline --------------------------------------------------------------------------

def test_status_puts_the_statutory_day_first(run) -> None:
    # As of 2025-11-20 the contract's own day (2025-12-09) is ahead, but the statutory one
    # (2025-11-10) has passed: overdue, with 10 days of interest (Nov 11–20) × 350.00 = 3,500.00.
    doc = run.json("status", str(SME), "--as-of", "2025-11-20", code=1)
    (item,) = [r for r in doc["rows"] if r["key"] == "installment_2"]
    assert item["urgency"] == "overdue" and item["status"] == "overdue" and item["days_late"] == 10
    assert item["binding_due"] == "2025-11-10" and item["interest"] == "3500.00"
    assert "statutory latest day 2025-11-10 passed" in item["state"]
    assert "第十七条" in item["at_stake"]
    vendor = run.json("status", str(SME), "--as-of", "2025-11-20", "--party", "vendor", code=None)
    assert not any(r["key"] == "installment_2" for r in vendor["rows"])


def test_status_names_a_payment_made_late_under_the_statute(run, tmp_path) -> None:
    # Paid 2025-11-20: on time by the contract (2025-12-09), 10 days late by the statute.
    path = variant(tmp_path, ("  installment_2_invoiced: 2025-09-12\n",
                              "  installment_2_invoiced: 2025-09-12\n  installment_2_paid: 2025-11-20\n"))
    doc = run.json("status", path, "--as-of", "2025-12-01", code=1)
    (item,) = [r for r in doc["rows"] if r["key"] == "installment_2"]
    assert item["urgency"] == "done_late" and item["interest"] == "3500.00"


def test_timeline_carries_the_law_for_one_and_many_contracts(run) -> None:
    one = run.json("timeline", "-c", str(SME), "--as-of", "2025-12-31", code=1)
    assert row(one, "installment_2")["statutory_due"] == "2025-11-10"
    many = run.json("timeline", "-c", str(SME), "-c", str(REFERENCE), "--as-of", "2025-12-31",
                    code=1)
    tail = next(r for r in many["rows"] if r["contract"] == "2025-101"
                and r["key"] == "installment_2")
    assert tail["interest"] == "17850.00"
    assert any(n.startswith("contract 2025-036: vendor size not stated") for n in many["notes"])


# properties -----------------------------------------------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(accepted=st.dates(dt.date(2025, 7, 10), dt.date(2026, 6, 30)),
       days=st.integers(0, 150))
def test_the_earlier_day_binds(calendar, accepted, days) -> None:
    """For any acceptance day and agreed term: the statutory day is 60 日 after acceptance, moved
    past rest days only (the longest run of them in 2025–2026 is the 9 days of 春节 2026,
    15–23 February, so at most 9 days later), the binding day is the earlier
    of the two, and `check` calls the term too long exactly when it exceeds 60 日."""
    from contractcalc.core.events import make_context
    from contractcalc.core.law.check import law_findings
    from contractcalc.core.law.sme_payments import sme_lines
    from contractcalc.core.payments.installments import installments
    from contractcalc.shell.contracts.contract_file import load_contract
    from tests.conftest import record

    base = load_contract(SME, use_cache=False)
    tail = base.installments[1]._replace(
        trigger=base.installments[1].trigger._replace(days=days))
    terms = record(base._replace(installments=(base.installments[0], tail)),
                   system_delivered=accepted - dt.timedelta(days=5), final_accepted=accepted,
                   installment_2_invoiced=accepted)
    ctx = make_context(terms, as_of=dt.date(2026, 12, 31), calendar=calendar)
    pack = rule_pack()
    line = sme_lines(ctx, pack, installments(ctx))[1]
    sd, own = line.statutory, line.obligation.due
    assert sd.compared == "compared" and sd.start == accepted and not sd.delayed
    assert accepted + dt.timedelta(days=60) <= sd.due <= accepted + dt.timedelta(days=69)
    assert calendar.is_workday(sd.due)
    assert own == calendar.add_calendar_days(accepted, days)
    assert sd.binding == min(own, sd.due)
    assert line.interest is not None
    assert line.interest.days == (dt.date(2026, 12, 31) - sd.binding).days
    assert line.interest.total == Decimal("350.00") * line.interest.days
    too_long = any(f.code == "term_too_long" for f in law_findings(terms, pack))
    assert too_long == (days > 60)


# buyers and texts ------------------------------------------------------------------------------

def test_large_enterprise_buyer(run, tmp_path) -> None:
    # 2025 text 第九条第二款: 60 日 only where no term is agreed; an agreed 90 日 governs (it must
    # be reasonable), so no statutory day and no term finding; interest still runs at 每日万分之五
    # from the contract's day, 2025-12-09: to 2025-12-31, 22 days × 350.00 = 7,700.00 (第十七条).
    # The procurement limits bind public buyers only: no bond or renewal finding.
    path = variant(tmp_path, ("kind: 机关}", "kind: 大型企业}"),
                   ("    trigger: {after: final_accepted, days: 90}",
                    "    trigger: {after: final_accepted, days: 90}\n    subject_to_funds: true"))
    check = run.json("check", path, code=0)
    (funds,) = check["rows"]
    assert funds["field"] == "installments.1.subject_to_funds"
    assert "第九条第二款" in funds["message"]
    tail = row(run.json("payments", "-c", path, "--as-of", "2025-12-31", code=1),
               "installment_2")
    assert tail["statutory_basis"] == "no_statutory_term" and tail["statutory_due"] is None
    assert (tail["binding_due"], tail["interest_days"], tail["interest"]) == (
        "2025-12-09", 22, "7700.00")


def test_before_the_statute_and_not_an_sme(run, tmp_path) -> None:
    old = variant(tmp_path, ("signed: 2025-07-01", "signed: 2020-06-01"),
                  ("start: 2025-07-01, end: 2026-06-30", "start: 2020-06-01, end: 2021-05-31"))
    doc = run.json("check", old, code=1)
    assert any("before the 保障中小企业款项支付条例 took effect" in n for n in doc["notes"])
    assert not any(r["field"] == "installments.1.trigger" for r in doc["rows"])
    other = variant(tmp_path, ("sme: true}", "sme: false}"), name="b.yaml")
    pay = run.json("payments", "-c", other, "--as-of", "2025-12-31", code=1)
    assert "statutory_due" not in row(pay, "installment_2") and not any(
        "条例" in n for n in pay["notes"])


def test_months_trigger_and_a_year_without_a_schedule(run, tmp_path) -> None:
    months = variant(tmp_path, ("    trigger: {after: signed, working_days: 10}",
                                "    trigger: {after: signed, months: 2}"))
    first = row(run.json("payments", "-c", months, "--as-of", "2025-12-31", code=1),
                "installment_1")
    assert first["statutory_basis"] == "months"
    # Delivered 2026-11-25, accepted 2026-12-01 (within the 15 日): 60 日 end in 2027, a year
    # without an official schedule.
    late = variant(tmp_path, ("  final_accepted: 2025-09-10\n", "  final_accepted: 2026-12-01\n"),
                   ("  system_delivered: 2025-09-01\n", "  system_delivered: 2026-11-25\n"),
                   ("end: 2026-06-30, years: 1", "end: 2027-06-30, years: 2"), name="b.yaml")
    tail = row(run.json("payments", "-c", late, "--as-of", "2026-12-02", code=None),
               "installment_2")
    assert tail["statutory_basis"] == "unknown" and tail["statutory_due"] is None
