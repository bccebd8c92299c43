"""`workdays import`: the State Council's notice as published, to a --holidays schedule.

tests/data/notices/YYYY.txt are the notices for 2024 (国办发明电〔2023〕7号), 2025 (国办发明电〔2024〕
12号) and 2026 (issued 2025-11-04), typed from the published texts.
"""

import datetime as dt
import json
from pathlib import Path

import pytest
from chinese_calendar import constants

from contractcalc.shell.holidays.notice import read_notice

NOTICES = Path(__file__).parent / "data" / "notices"
D = dt.date


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_import_reproduces_chinese_calendar(year) -> None:
    _, days = read_notice(NOTICES / f"{year}.txt")
    off = {d.date for d in days if d.off}
    worked = {d.date for d in days if not d.off}
    assert off == {d for d in constants.holidays if d.year == year}
    assert worked == {d for d in constants.workdays if d.year == year}


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_imported_yaml_and_json_are_accepted_with_no_override(run, tmp_path, year) -> None:
    for fmt in ("yaml", "json"):
        out = tmp_path / f"{year}.{fmt}"
        run("workdays", "import", str(NOTICES / f"{year}.txt"), "--format", fmt, "-o", str(out))
        result = run("workdays", "count", f"{year}-01-01", f"{year}-12-31", "--holidays", str(out))
        assert "override" not in result.stderr


def test_output_shapes(run) -> None:
    text = run("workdays", "import", str(NOTICES / "2026.txt")).stdout
    assert "    2026-02-15..2026-02-23: 春节\n" in text
    assert "  workdays: [2026-01-04, 2026-02-14, 2026-02-28, 2026-05-09, 2026-09-20, 2026-10-10]" in text
    data = json.loads(run("workdays", "import", str(NOTICES / "2026.txt"), "-f", "json").stdout)
    assert data["year"] == 2026
    assert {"name": "春节", "date": "2026-02-23", "isOffDay": True} in data["days"]
    assert {"name": "元旦", "date": "2026-01-04", "isOffDay": False} in data["days"]
    assert len(data["days"]) == 33 + 6   # 33 days off and 6 worked, as the notice counts


def notice(tmp_path, *items, title="国务院办公厅关于2027年部分节假日安排的通知"):
    path = tmp_path / "notice.txt"
    path.write_text("\n".join([title, "", *items, "", "国务院办公厅"]) + "\n", encoding="utf-8")
    return path


def test_half_width_dashes_and_the_year_before(tmp_path) -> None:
    # Made-up 2027 lines in older styles: an explicit year, a December 元旦 day, a dash range.
    path = notice(tmp_path, "一、元旦:2026年12月31日(星期四)-2027年1月2日(星期六)放假,共3天."
                            "12月27日(周日)上班.",
                  "二、春节:2月6日—14日放假调休,共9天。2月20日(周六)上班。")
    year, days = read_notice(path)
    assert year == 2027
    assert [d.date for d in days if not d.off] == [D(2026, 12, 27), D(2027, 2, 20)]
    assert min(d.date for d in days) == D(2026, 12, 27)
    assert D(2027, 2, 14) in {d.date for d in days if d.off}


def test_range_into_the_next_year(tmp_path) -> None:
    path = notice(tmp_path, "一、国庆节:12月31日至1月2日放假,共3天。")
    _, days = read_notice(path, year=2027)
    assert [d.date for d in days] == [D(2027, 12, 31), D(2028, 1, 1), D(2028, 1, 2)]


@pytest.mark.parametrize(("line", "why"), [
    # The example of a notice line with 1月4日 a Monday in 2027: the weekday is checked.
    ("一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。1月4日（周日）上班。",
     "2027-01-04 is a Monday, not 周日"),
    ("一、元旦：1月1日至3日放假调休，共4天。", "says 4 days but 1月1日至3日 is 3"),
    ("一、元旦：1月1日放假。其中1月1日为法定假日，将12月31日调至1月2日。", "cannot read '其中1月1日"),
    ("一、元旦：1月1日到3日放假。", "cannot read the days off '1月1日到3日'"),
    ("二、春节：2月6日至14日放假。2月8日上班。", "2027-02-08 is a Monday, not a weekend day"),
    ("二、春节：2月6日至14日放假。二月二十日上班。", "cannot read the working day '二月二十日'"),
    ("二、春节：2月30日放假。", "2027-2-30 is not a date"),
    ("二、春节：6日至14日放假。", "no month for '6日至14日'"),
    ("二、春节：2月14日至6日放假。", "the range '2月14日至6日' runs from 2027-02-14 to 2027-02-06"),
    ("二、春节：2月6日放假。2月6日（周六）上班。", "2027-02-06 is set twice"),
])
def test_a_notice_not_read_fully_is_refused_at_its_line(run, tmp_path, line, why) -> None:
    path = notice(tmp_path, "一、劳动节：5月1日至5日放假，共5天。", line)
    out = tmp_path / "out.yaml"
    result = run("workdays", "import", str(path), "-o", str(out), code=2)
    assert f"contractcalc: error: {path}:4: " in result.stderr
    assert why in result.stderr and "the notice is not imported" in result.stderr
    assert not out.exists()


def test_refusals_of_the_whole_file(run, tmp_path) -> None:
    no_year = notice(tmp_path, "一、元旦：1月1日放假。", title="放假安排")
    assert "give --year" in run("workdays", "import", str(no_year), code=2).stderr
    assert "2027-01-01: 元旦" in run("workdays", "import", str(no_year), "--year", "2027").stdout
    empty = notice(tmp_path, "没有安排。")
    assert "no holiday items found" in run("workdays", "import", str(empty), code=2).stderr
    assert "expected yaml or json" in run("workdays", "import", str(empty), "-f", "csv",
                                          code=2).stderr
    bad_out = tmp_path / "missing" / "out.yaml"
    assert "cannot write" in run("workdays", "import", str(NOTICES / "2026.txt"), "-o",
                                 str(bad_out), code=2).stderr
