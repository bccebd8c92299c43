"""`contractcalc letter`: the 催告函 and the 违约通知, their figures against the commands' JSON,
the .docx read back with python-docx, the PDF printed by a real headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal

import pytest

from tests.conftest import EXAMPLE, ROOT

AS_OF = "2026-03-01"
INVOICED = ["--event", "installment_1_invoiced=2025-10-10"]
CHROMIUM = next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser",
                                                        "google-chrome")) if p), None)


def test_payment_reminder_figures_match_timeline(run) -> None:
    # Installment 1 (clause 3.4, 50% of 240,000.00 = 120,000.00) is due 2025-10-21; with its
    # invoice recorded on 2025-10-10 it is overdue as of 2026-03-01 by 131 calendar days
    # (Oct 22..31: 10, Nov 30, Dec 31, Jan 31, Feb 28, Mar 1: 1).
    letter = run.json("--lang", "zh", "letter", "installment_1", "-c", str(EXAMPLE),
                      "--as-of", AS_OF, *INVOICED)
    timeline = run.json("timeline", "-c", str(EXAMPLE), "--as-of", AS_OF, *INVOICED, code=1)
    row = next(r for r in timeline["rows"] if r["key"] == "installment_1")
    assert letter["kind"] == "payment_reminder" and letter["title"] == "催告函"
    assert (letter["days_late"], letter["amount"], letter["due"]) == \
        (row["days_late"], row["amount"], row["due"]) == (131, "120000.00", "2025-10-21")
    assert letter["amount_words"] == "人民币壹拾贰万元整"
    text = "".join(letter["paragraphs"])
    assert "第3.4条" in text and "120,000.00" in text and "逾期131日" in text
    assert "2025年10月21日" in text
    assert letter["addressee"].startswith("中共北京市海淀区委")  # the buyer, from the file


def test_breach_notice_damages_match_penalty(run) -> None:
    # The first quarterly report, due 2025-12-30, is 61 days late on 2026-03-01; 0.1% a day
    # of 240,000.00 is 240.00, so 61 × 240.00 = 14,640.00 (clause 3.10.3), as `penalty` says.
    letter = run.json("--lang", "zh", "letter", "quarterly_report_1", "-c", str(EXAMPLE),
                      "--as-of", AS_OF)
    penalty = run.json("penalty", "-c", str(EXAMPLE), "--due", "2025-12-30",
                       "--as-of", AS_OF)
    assert letter["kind"] == "breach_notice" and letter["title"] == "违约通知函"
    assert letter["damages"] == penalty["rows"][0]["amount"] == "14640.00"
    assert letter["days_late"] == penalty["days_late"] == 61
    text = "".join(letter["paragraphs"])
    assert "14,640.00" in text and "人民币壹万肆仟陆佰肆拾元整" in text
    assert "× 61" in text and "第3.10.3条" in text and "每日人民币240.00元" in text


def test_an_item_that_is_not_late_is_refused(run) -> None:
    result = run("letter", "om_plan", "-c", str(EXAMPLE), "--as-of", AS_OF, code=2)
    assert "quarterly_report_1" in result.stderr  # what a letter can be written for
    result = run("letter", "nothing_such", "-c", str(EXAMPLE), "--as-of", AS_OF, code=2)
    assert "not an item" in result.stderr
    run("letter", "quarterly_report_1", "-c", str(EXAMPLE), "--as-of", AS_OF,
        "--output", "x.txt", code=2)


def test_english_text_letter(run) -> None:
    out = run("letter", "quarterly_report_1", "-c", str(EXAMPLE), "--as-of", AS_OF,
              "--output", "-").stdout
    assert out.startswith("Notice of breach") and "61 day(s) late" in out
    assert "Notice hereby given." in out


def test_docx_is_editable_with_the_figures(run, tmp_path) -> None:
    import docx

    path = tmp_path / "notice.docx"
    run("--lang", "zh", "letter", "quarterly_report_1", "-c", str(EXAMPLE), "--as-of", AS_OF,
        "--output", str(path))
    doc = docx.Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "违约通知函" and texts[1] == "泛微网络科技股份有限公司："
    assert any("14,640.00" in t for t in texts) and texts[-1] == "2026年3月1日"
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


@pytest.mark.skipif(not (CHROMIUM and shutil.which("pdftotext") and shutil.which("pdfinfo")),
                    reason="needs headless Chromium and poppler-utils (.ci/run installs them)")
def test_pdf_is_one_a4_page_with_the_json_figures(run, tmp_path) -> None:
    path = tmp_path / "reminder.pdf"
    run("--lang", "zh", "letter", "installment_1", "-c", str(EXAMPLE), "--as-of", AS_OF,
        *INVOICED, "--output", str(path))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"Pages:\s+1\n", info) and "(A4)" in info
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout.replace("\n", "")
    letter = run.json("--lang", "zh", "letter", "installment_1", "-c", str(EXAMPLE),
                      "--as-of", AS_OF, *INVOICED)
    assert "120,000.00" in text and letter["amount_words"] in text and "131" in text
    assert "催告函" in text and "2026年3月1日" in text


def test_docx_without_python_docx_says_how_to_get_it(run, tmp_path, monkeypatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "docx", None)  # as if not installed
    result = run("letter", "quarterly_report_1", "-c", str(EXAMPLE), "--as-of", AS_OF,
                 "--output", "n.docx", code=2)
    assert "contractcalc[docs]" in result.stderr and not (tmp_path / "n.docx").exists()


DELIVERY = str(ROOT / "examples" / "contract-software-delivery.yaml")
SME = str(ROOT / "examples" / "contract-sme-2025-101.yaml")


def test_breach_notice_counts_every_tier_and_the_cap_over_all_items(run) -> None:
    # Contract 2025-118 clause 7.1: 0.5‰ a day of the total 360,000.00 (= 180.00) for days 1-10,
    # 1‰ (= 360.00) from day 11; cap 10% of the total = 36,000.00 for all items together.
    # source_docs due 2025-11-28, not done on 2026-03-02: Nov 29-30 (2) + Dec 31 + Jan 31 +
    # Feb 28 + Mar 1-2 (2) = 94 days: 10 × 180 = 1,800 + 84 × 360 = 30,240, in all 32,040.00.
    # system_delivery due 2025-07-01, done 2025-07-21 (20 days): 1,800 + 10 × 360 = 5,400.00.
    # Together 37,440.00 > 36,000.00: the cap bites, nothing more accrues.
    letter = run.json("letter", "source_docs", "-c", DELIVERY, "--as-of", "2026-03-02")
    timeline = run.json("timeline", "-c", DELIVERY, "--as-of", "2026-03-02", code=1)
    rows = {r["key"]: r for r in timeline["rows"]}
    penalty = run.json("penalty", "-c", DELIVERY, "--due", "2025-11-28", "--as-of",
                       "2026-03-02")
    daily = next(r for r in penalty["rows"] if r["key"] == "daily")
    assert letter["damages"] == rows["source_docs"]["damages"] == daily["amount"] == "32040.00"
    assert letter["days_late"] == penalty["days_late"] == 94
    assert (letter["cap"], letter["cap_covers"], letter["all_items_uncapped"],
            letter["all_items_damages"], letter["per_day"]) == \
        ("36000.00", "all", "37440.00", "36000.00", "0.00")
    text = " ".join(letter["paragraphs"])
    assert "30,240.00" in text and "32,040.00" in text and "36,000.00" in text
    assert "grow by" not in text and "all late items together" in text
    done = run.json("--lang", "zh", "letter", "system_delivery", "-c", DELIVERY,
                    "--as-of", "2026-03-02")
    assert done["damages"] == rows["system_delivery"]["damages"] == "5400.00"
    assert "5,400.00" in "".join(done["paragraphs"])
    assert done["accruing"] is False


def test_breach_notice_grows_by_the_tier_in_force_before_the_cap(run) -> None:
    # Only source_docs late (system_delivery on time): 2026-01-07 is 40 days after 2025-11-28
    # (Nov 29-30: 2, Dec 31, Jan 1-7: 7): 1,800 + 30 × 360 = 12,600.00, under the 36,000.00 cap;
    # day 41 adds 360.00 (the second tier), not the first tier's 180.00.
    letter = run.json("letter", "source_docs", "-c", DELIVERY, "--as-of", "2026-01-07",
                      "--event", "system_delivery=2025-07-01")
    assert (letter["damages"], letter["per_day"]) == ("12600.00", "360.00")
    assert "grow by CNY 360.00 a day" in " ".join(letter["paragraphs"])


def test_done_late_is_not_asked_to_perform(run) -> None:
    # system_delivery was done 2025-07-21: the letter demands the 5,400.00 incurred (see above)
    # and the timeline says "incurred", with no rate a day.
    out = run("letter", "system_delivery", "-c", DELIVERY, "--as-of", "2026-03-02",
              "--output", "-").stdout
    assert "perform at once" not in out and "Please pay the damages above" in out
    state = next(r for r in run.json("timeline", "-c", DELIVERY, "--as-of", "2026-03-02",
                                     code=1)["rows"] if r["key"] == "system_delivery")["state"]
    assert "incurred 5,400.00" in state and "a day" not in state


def test_sme_reminder_states_the_statutory_day_and_interest(run) -> None:
    # 2025-101: 终验 2025-09-10; 条例 arts. 9(1)/10: at most 60 days from acceptance: Sep 11-30
    # (20) + Oct (31) + Nov 1-9 (9) = 60 ends Sunday 2025-11-09, so the Monday 2025-11-10 (Civil
    # Code art. 203), earlier than the contract's 2025-12-09 (90 days). Overdue from 2025-11-10
    # to 2025-12-31: Nov 11-30 (20) + Dec 1-31 (31) = 51 days; interest 700,000.00 × 万分之五
    # (art. 17) = 350.00 a day × 51 = 17,850.00.
    letter = run.json("--lang", "zh", "letter", "installment_2", "-c", SME,
                      "--as-of", "2025-12-31")
    pay = next(r for r in run.json("payments", "-c", SME, "--as-of", "2025-12-31",
                                   code=1)["rows"] if r["key"] == "installment_2")
    assert (letter["binding_due"], letter["days_overdue_binding"], letter["interest"]) == \
        (pay["binding_due"], pay["interest_days"], pay["interest"]) == \
        ("2025-11-10", 51, "17850.00")
    text = "".join(letter["paragraphs"])
    assert "2025年11月10日" in text and "51日" in text and "17,850.00" in text
    assert "第十七条" in text and "第九条" in text


def test_html_and_text_state_the_json_figures(run, tmp_path) -> None:
    # The figures worked above: 32,040.00 for source_docs (1,800.00 + 30,240.00), the cap
    # 36,000.00 over all items; 17,850.00 interest and the day 2025-11-10 for the SME payment.
    # Each appears in the HTML and the printed text exactly as the JSON gives it.
    for item, contract, day, keys in (
            ("source_docs", DELIVERY, "2026-03-02", ("damages", "cap", "all_items_damages")),
            ("installment_2", SME, "2025-12-31", ("interest", "amount"))):
        facts = run.json("--lang", "zh", "letter", item, "-c", contract, "--as-of", day)
        page = tmp_path / f"{item}.html"
        run("--lang", "zh", "letter", item, "-c", contract, "--as-of", day,
            "--output", str(page))
        html = page.read_text(encoding="utf-8")
        text = run("--lang", "zh", "letter", item, "-c", contract, "--as-of", day).stdout
        for key in keys:
            shown = f"{Decimal(facts[key]):,.2f}"
            assert shown in html and shown in text, (item, key, shown)
        assert facts.get("binding_due", "2025-11-10") == "2025-11-10"
        if "binding_due" in facts:
            assert "2025年11月10日" in html and "逾期51日" in html
