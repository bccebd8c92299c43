"""--output FILE.xlsx: typed cells a spreadsheet computes with (opened with openpyxl, as a
spreadsheet program would read them)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from tests.conftest import EXAMPLE


def _book(path):
    return openpyxl.load_workbook(path)


def test_payments_workbook_types_and_layout(run, tmp_path) -> None:
    out = tmp_path / "p.xlsx"
    run("--lang", "zh", "payments", "-c", str(EXAMPLE), "--as-of", "2026-03-01",
        "--event", "second_payment_received=2025-11-20", "--output", str(out), code=None)
    book = _book(out)
    ws = book.worksheets[0]
    assert ws.title == "付款"
    headers = [c.value for c in ws[1]]
    assert headers[:4] == ["条款", "付款", "付款方", "金额"]
    # Clause 3.4: 50% of the 240,000.00 total is 120,000.00, a number formatted #,##0.00.
    first = {h: c for h, c in zip(headers, ws[2], strict=True)}
    assert first["金额"].value == 120000 and first["金额"].data_type == "n"
    assert first["金额"].number_format == "#,##0.00"
    # The first installment is due 20 working days after signing (2025-09-17): the National
    # Day holiday 10-01..10-08 is skipped and 09-28 / 10-11 are 调休 working days, so
    # 2025-10-21 (as `payments --format json` says); a real date shown in Chinese.
    assert first["截止日"].value == dt.datetime(2025, 10, 21)
    assert first["截止日"].number_format == 'yyyy"年"m"月"d"日"'
    assert first["大写"].value == "人民币壹拾贰万元整"
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref.startswith("A1:")
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.paperSize == 9  # A4
    # CJK counts double: the status column is fitted wider than its header, within the cap.
    assert 10 < ws.column_dimensions["I"].width <= 63


def test_english_dates_are_iso_and_overdue_rows_filled(run, tmp_path) -> None:
    out = tmp_path / "b.xlsx"
    # As of 2026-03-01 the first quarterly report (period 2025-09-17..12-16, due 10 working
    # days after, 2025-12-30) is overdue: its row is filled red.
    run("timeline", "-c", str(EXAMPLE), "--as-of", "2026-03-01", "--output", str(out), code=1)
    ws = _book(out).worksheets[0]
    assert ws.title == "Timeline"
    dates = [c for row in ws.iter_rows(min_row=2) for c in row if c.is_date]
    assert dates and all(c.number_format == "yyyy-mm-dd" for c in dates)
    fills = {c.fill.fgColor.rgb for row in ws.iter_rows(min_row=2) for c in row}
    assert "FFF8CBAD" in fills  # the red of an overdue row


def test_uptime_percent_is_a_percentage(run, tmp_path) -> None:
    log = tmp_path / "log.csv"
    # 10 hours down in a 2025-10 month: 744 h, uptime (744-10)/744 = 98.6559...%.
    log.write_text("system,start,end\nplatform,2025-10-02 08:00,2025-10-02 18:00\n")
    out = tmp_path / "u.xlsx"
    run("uptime", str(log), "-c", str(EXAMPLE), "--from", "2025-10-01", "--to", "2025-10-31",
        "--as-of", "2025-11-01", "--output", str(out), code=None)
    ws = _book(out).worksheets[0]
    headers = [c.value for c in ws[1]]
    column = headers.index("Uptime %")
    cell = ws.cell(row=2, column=column + 1)
    assert cell.data_type == "n" and cell.number_format.endswith("%")
    assert cell.value == pytest.approx(0.9865, abs=1e-4)


def test_sheet_names_are_valid_and_unique() -> None:
    from contractcalc.shell.writers.xlsx import sheet_name

    taken: set[str] = set()
    assert sheet_name("a/b:c", taken) == "a b c"
    assert sheet_name("A B C", taken) == "A B C (2)"
    assert len(sheet_name("x" * 40, taken)) == 31


def test_typed_keeps_text_that_is_not_a_figure() -> None:
    from contractcalc.shell.writers.xlsx import typed

    assert typed("waiting for the invoice", "date") == ("waiting for the invoice", None)
    assert typed("n/a", "money") == ("n/a", None)
    assert typed("NaN", "number") == ("NaN", None)
    assert typed(3, "number") == (3, "0")
    assert typed("1.5", "number") == (1.5, "0.0")
    assert typed(["a", "b"], "text") == ("a; b", None)
    # 15 significant digits are what a cell (a double, shown to 15 digits) holds exactly:
    # 9,999,999,999,999.99 has 15 and is a number; 9,999,999,999,999,999.99 (the supported
    # maximum, 18 digits) would read back as 10,000,000,000,000,000.00, so it stays exact text.
    assert typed("9999999999999.99", "money") == (9999999999999.99, "#,##0.00")
    assert typed("9999999999999999.99", "money") == ("9999999999999999.99", None)
    assert typed("99.7982456789012345", "percent") == ("99.7982456789012345", None)
    assert typed({"a": 1}, "text") == ("a=1", None)
    assert typed(True, "text") == (True, None)
    assert typed(dt.date(2026, 1, 5), "date") == (dt.date(2026, 1, 5), "date")
