"""Tables that fit (issue 17): every main report at 80, 120 and 200 columns, on a terminal (rich)
and in plain text, never wider than the width, never splitting a date, amount, clause or 大写,
and saying which columns it left out."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

from contractcalc.cli.output import render as render_module
from contractcalc.cli.output.layout import wrap
from contractcalc.cli.output.render import render
from contractcalc.cli.output.report import Column, Report, alarm
from tests.conftest import EXAMPLE

FOUR = Path(__file__).with_name("data") / "contract-four.yaml"
OUTAGES = Path(__file__).with_name("golden") / "outages.csv"
WIDTHS = (80, 120, 200)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _cols(text: str) -> int:
    from contractcalc.cli.output.layout import width

    return width(text)


def _reports(run, monkeypatch, *args: str) -> list[Report]:
    """The Report objects a command hands to the renderer, as a user runs it."""
    seen: list[Report] = []
    original = render_module.encode

    def spy(report: Report, *a: Any, **k: Any) -> bytes:
        seen.append(report)
        return original(report, *a, **k)

    with monkeypatch.context() as patch:
        patch.setattr(render_module, "encode", spy)
        run(*args, code=None)
    assert seen, args
    return seen


REFERENCE = [
    ("payments", "--as-of", "2025-12-01"), ("bond", "--as-of", "2026-01-10"),
    ("timeline", "--as-of", "2025-12-01"), ("penalty", "--days-late", "12"),
    ("uptime", str(OUTAGES), "--from", "2025-09-17", "--to", "2026-09-16",
     "--as-of", "2026-03-01"),
    ("uptime", str(OUTAGES), "--from", "2025-09-17", "--to", "2026-09-16",
     "--as-of", "2026-03-01", "--by", "month"),
    ("renewal", "--amount", "250000", "--as-of", "2026-09-01"), ("staff",), ("check",),
    ("workdays", "add", "2025-09-17", "20"), ("workdays", "count", "2025-09-17", "2025-12-31"),
    ("workdays", "list", "2025-09-25", "2025-10-12", "--all"),
]
CASES = [(*args, "-c", str(EXAMPLE)) if args[0] != "workdays" else args for args in REFERENCE]
CASES += [(name, "-c", str(FOUR), "--as-of", "2025-12-01")
          for name in ("payments", "bond", "timeline", "check")]
CASES += [("penalty", "-c", str(FOUR), "--days-late", "40"),
          ("status", str(EXAMPLE), str(FOUR), "--as-of", "2025-12-01", "--all")]


def _tables(report: Report) -> list[tuple[tuple[Column, ...], list[dict[str, Any]]]]:
    return [(report.columns, report.rows),
            *((columns, rows) for _, columns, rows in report.sections)]


def _check(report: Report, text: str, limit: int) -> None:
    lines = text.splitlines()
    too_wide = [line for line in lines if _cols(line) > limit]
    assert not too_wide, too_wide
    left_out = " ".join(line for line in lines if "left out to fit" in line or
                        line.startswith("  "))
    for columns, rows in _tables(report):
        for col in columns:
            if col.kind == "text":
                continue
            announced = f"{col.header}," in left_out or f"{col.header};" in left_out
            for row in rows:
                cell = render_module._cell(row.get(col.key), col.kind)
                if announced:
                    continue
                # A short value of a fixed kind stays whole; a longer one keeps its words whole.
                pieces = [cell] if _cols(cell) <= 16 else cell.split()
                for piece in pieces:
                    assert any(piece in line for line in lines), (col.key, piece)


@pytest.mark.parametrize("limit", WIDTHS)
@pytest.mark.parametrize("args", CASES, ids=lambda a: " ".join(a[:2]))
def test_every_report_fits(run, monkeypatch, args, limit) -> None:
    for report in _reports(run, monkeypatch, *args):
        monkeypatch.setenv("COLUMNS", str(limit))
        _check(report, render(report, "table"), limit)
        _check(report, render(report, "table", terminal=Terminal()), limit)


def test_payments_at_80_leave_out_the_least_useful_columns(run, monkeypatch) -> None:
    (report,) = _reports(run, monkeypatch, "payments", "-c", str(EXAMPLE), "--as-of",
                         "2025-12-01")
    monkeypatch.setenv("COLUMNS", "80")
    text = render(report, "table")
    # Clause 6 + Payment ≥ 12 + Pays 6 + Amount 10 + 大写 18 + Due 10 + Status ≥ 12 and six
    # gaps of 2 = 86 > 80: 大写 goes with Trigger and From; the due date and status stay.
    assert "left out to fit 80 columns: 大写, Trigger, From; see them with --format json" in text
    header = text.splitlines()[2]
    assert header.split() == ["Clause", "Payment", "Pays", "Amount", "Due", "Status"]
    assert "120,000.00  2025-10-21" in text
    monkeypatch.setenv("COLUMNS", "200")
    assert "left out" not in render(report, "table")


def test_plain_without_columns_keeps_one_line_per_row(run, monkeypatch) -> None:
    (report,) = _reports(run, monkeypatch, "timeline", "-c", str(EXAMPLE), "--as-of",
                         "2025-12-01")
    monkeypatch.delenv("COLUMNS")
    lines = render(report, "table").splitlines()
    assert len(lines) == 4 + len(report.rows) + 1 + len(report.notes)  # title, blank, 2 heads
    assert all(len(line) > 200 for line in lines[4:5])


def test_too_narrow_for_a_table_gives_one_block_per_record(run, monkeypatch) -> None:
    (report,) = _reports(run, monkeypatch, "payments", "-c", str(EXAMPLE), "--as-of",
                         "2025-12-01")
    monkeypatch.setenv("COLUMNS", "40")
    for text in (render(report, "table"), render(report, "table", terminal=Terminal())):
        lines = text.splitlines()
        assert "Due:     2025-10-21" in lines
        assert "大写:    人民币壹拾贰万元整" in lines
        assert all(_cols(line) <= 40 for line in lines)


def test_overdue_rows_stand_out_on_a_terminal_only(run, monkeypatch) -> None:
    (report,) = _reports(run, monkeypatch, "status", str(FOUR), "--as-of", "2025-12-01")
    assert alarm(report.rows[0]) == "bad"            # overdue by 255 days
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("COLUMNS", "120")
    coloured = render(report, "table", terminal=Terminal())
    red = [line for line in coloured.splitlines() if "\x1b[1;31m" in line]
    assert any("overdue by 255 days" in line for line in red)
    assert "\x1b[" not in render(report, "table")    # piped: never colour
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in render(report, "table", terminal=Terminal())


@pytest.mark.parametrize(("row", "level"), [
    ({"status": "overdue"}, "bad"), ({"passed": False}, "bad"), ({"severity": "error"}, "bad"),
    ({"urgency": "uptime_missed"}, "bad"), ({"breached": ["1.4"]}, "bad"),
    ({"limit": "15 min", "actual": "25 min"}, "bad"), ({"severity": "warning"}, "warn"),
    ({"urgency": "due_soon"}, "warn"), ({"status": "done", "passed": True}, None)])
def test_alarm_reads_status_codes(row, level) -> None:
    assert alarm(row) == level


def test_wrap_breaks_between_cjk_characters_and_at_spaces() -> None:
    # 2 columns per CJK character: 10 columns hold five; the full-width colon stays with 告.
    assert wrap("运维服务阶段性报告：按季度", 10) == ["运维服务阶", "段性报告：", "按季度"]
    assert wrap("due 2025-10-21, but", 12) == ["due", "2025-10-21,", "but"]
    assert wrap("人民币壹拾贰万元整 x", 10, free=False) == ["人民币壹拾贰万元整", "x"]
    assert wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"]


@pytest.mark.parametrize(("text", "limit", "lines"), [
    ("统计期(时)", 9, ["统计期", "(时)"]),  # not "统计期(时" and a lone ")"
    ("统计期(时)", 10, ["统计期(时)"]),
    ("服务期（推定）结束", 8, ["服务期", "（推定）", "结束"]),  # no line ends with （
    ("可用率 %", 6, ["可用率", "%"]),  # after a space, a closer is a word of its own
    ("a (b) c", 3, ["a", "(b)", "c"])])
def test_brackets_stay_with_what_they_enclose(text, limit, lines) -> None:
    assert wrap(text, limit) == lines


def test_header_rows_of_a_narrow_report_stay_aligned(monkeypatch) -> None:
    report = Report("demo", "T", (Column("d", "Due date", "date", keep=2),
                                  Column("s", "Status", keep=2)),
                    [{"d": "2025-10-21", "s": "逾期 402 天，等待：收到第二笔款项" * 2}])
    monkeypatch.setenv("COLUMNS", "30")
    lines = render(report, "table").splitlines()
    assert lines[2:4] == ["Due date    Status", "----------  ------------------"]
    assert all(_cols(line) <= 30 for line in lines)
    assert re.search(r"^2025-10-21  逾期", lines[4])


def test_a_short_header_word_is_not_broken_between_cjk_characters(monkeypatch) -> None:
    # Squeezed to 30 columns, the narrow number columns' headers keep their words whole:
    # 目标 over %, 统计期 over (时); never 目/标/% or 统计期(时 over a lone ).
    report = Report("demo", "T", (Column("t", "目标 %", "number", keep=2),
                                  Column("p", "统计期(时)", "number", keep=2),
                                  Column("s", "状态", keep=2)),
                    [{"t": "95", "p": "8760.000", "s": "逾期 402 天，等待：收到第二笔款项" * 2}])
    monkeypatch.setenv("COLUMNS", "30")
    lines = render(report, "table").splitlines()
    assert all(_cols(line) <= 30 for line in lines)
    assert re.match(r"目标\s+统计期\s+状态", lines[2]) and re.match(r"%\s+\(时\)", lines[3].strip())
