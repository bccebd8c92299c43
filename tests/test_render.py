"""Output formats: plain text for pipes, rich tables for terminals, NO_COLOR respected."""

import io

from contractcalc.cli.render import Column, Report, emit

REPORT = Report("demo", "Title 标题", (Column("name", "Name"), Column("amount", "Amount", "money")),
                [{"name": "张三", "amount": "1234.5"}, {"name": "ab", "amount": None}],
                notes=["a note"])


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_text_aligns_wide_characters() -> None:
    out = io.StringIO()
    emit(REPORT, "table", out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Title 标题"
    # 张三 takes four terminal columns, like "Name": both rows' amounts end in the same column.
    assert lines[2] == "Name    Amount"
    assert lines[4] == "张三  1,234.50"
    assert lines[5] == "ab           —"
    assert lines[-1] == "• a note"
    assert "\x1b[" not in out.getvalue()


def test_terminal_gets_a_rich_table(monkeypatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    out = Terminal()
    emit(REPORT, "table", out)
    text = out.getvalue()
    assert "╭" in text and "1,234.50" in text
    assert "\x1b[" in text                      # colour/bold on a terminal


def test_no_color_on_a_terminal(monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    out = Terminal()
    emit(REPORT, "table", out)
    assert "\x1b[" not in out.getvalue()


def test_csv_and_json() -> None:
    out = io.StringIO()
    emit(REPORT, "csv", out)
    assert out.getvalue().splitlines() == ["name,amount", "张三,1234.5", "ab,"]
    out = io.StringIO()
    emit(REPORT, "json", out)
    assert '"name": "张三"' in out.getvalue()
