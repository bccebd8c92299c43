"""`contractcalc letter`: the 催告函 and the 违约通知, their figures against the commands' JSON,
the .docx read back with python-docx, the PDF printed by a real headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.conftest import EXAMPLE

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
