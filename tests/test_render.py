"""Output formats: plain text for pipes, rich tables for terminals, NO_COLOR respected."""

import csv
import io
import json

import pytest

from contractcalc.cli.output.render import emit, encode, neutralise, render
from contractcalc.cli.output.report import Column, Report
from contractcalc.core.errors import InputError

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
    # Empty cells and bullets are ASCII: Chinese terminals draw — and • two columns wide.
    assert lines[5] == "ab           -"
    assert lines[-1] == "* a note"
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


# -- what users' files cannot do to the output (issue 15) -------------------------------------



def _one(name: str) -> Report:
    return Report("demo", "T", (Column("name", "Name"), Column("n", "N", "number")),
                  [{"name": name, "n": "-150.000"}], notes=[f"about {name}"])


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x","y")', "+1+1", "-1+cmd|' /C calc'!A0",
                                  "@SUM(A1)", "\t=1", "\r=1", "=1", "-", "+"])
def test_csv_neutralises_formulas(cell) -> None:
    out = render(_one(cell), "csv")
    first = next(csv.reader(io.StringIO(out.splitlines()[1])))[0]
    assert first[0] in "'\\", first          # an apostrophe, or a tab/CR shown as \\t, \\r


@pytest.mark.parametrize("number", ["-150.000", "+3", "12", "-0.5", ".5", "-.5"])
def test_csv_keeps_plain_numbers(number) -> None:
    assert neutralise(number) == number


def test_control_characters_are_shown_never_sent() -> None:
    name = "a\x1b[2Jb\x9b31m\u202eevil\rX\ny"
    for fmt in ("table", "csv"):
        text = render(_one(name), fmt)
        assert not any(ch in text for ch in "\x1b\x9b\u202e\r"), fmt
        assert "\\x1b[2J" in text
    table = render(_one(name), "table").splitlines()
    assert len(table) == 7 and table[4].startswith("a\\x1b[2Jb")   # the newline fakes no row
    doc = render(_one(name), "json")
    assert "\x9b" not in doc and "\u202e" not in doc
    assert json.loads(doc)["rows"][0]["name"] == name                    # JSON escapes, loses nothing


def test_rich_markup_in_data_is_text(monkeypatch) -> None:
    out = Terminal()
    emit(_one("[link=http://evil]click[/link] [red]x"), "table", out)
    assert "[link=http://evil]click[/link]" in out.getvalue()
    assert "\x1b]8;" not in out.getvalue()                               # no OSC 8 hyperlink


def test_encodings_that_cannot_hold_the_text() -> None:
    report = _one("王😀")
    assert encode(report, "table", "gbk").decode("gbk").splitlines()[-1] == "* about 王\\U0001f600"
    assert json.loads(encode(report, "json", "gbk"))["rows"][0]["name"] == "王😀"
    with pytest.raises(InputError, match="U\\+1F600"):
        encode(report, "csv", "gbk")
    assert encode(REPORT, "table", "gbk").decode("gbk").endswith("* a note\n")


def test_csv_cells_never_hold_a_python_repr(run, tmp_path) -> None:
    # staff's sent_back is a list of dates: in CSV one cell "2026-03-10; 2026-06-10".
    evaluations = tmp_path / "e.csv"
    evaluations.write_text("date,person,result\n2026-03-01,A,fail\n2026-03-10,A,fail\n"
                           "2026-05-01,A,fail\n2026-06-10,A,fail\n", encoding="utf-8")
    out = run("staff", str(evaluations), "--as-of", "2026-07-01", "-f", "csv", code=None).stdout
    assert "2026-03-10; 2026-06-10" in out and "['" not in out
