"""Supplied holiday schedules: merged day by day over the official data, read with plain errors."""

import datetime as dt
import json

import pytest

from contractcalc.core.model import YearSchedule
from contractcalc.shell.holidays.layers import build_calendar

D = dt.date
COMMANDS = [  # every command, with what it needs besides the schedule
    ("check",), ("payments", "--as-of", "2026-01-10"), ("bond", "--as-of", "2026-01-10"),
    ("timeline", "--as-of", "2026-01-10"), ("penalty", "--days-late", "3"),
    ("renewal", "--amount", "240000", "--as-of", "2026-01-10"), ("staff", "--as-of", "2026-01-10"),
    ("workdays", "is", "2026-03-07"),
]


def write(tmp_path, text, name="h.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_one_supplied_saturday_changes_that_day_only() -> None:
    # 2026 official: 248 working days. Saturday 03-07 made a working day: 249, not 262 (which is
    # what replacing the whole year with a one-day schedule gave: 261 weekdays + 03-07).
    cal = build_calendar({2026: YearSchedule({}, (D(2026, 3, 7),))})
    assert cal.count(D(2026, 1, 1), D(2026, 12, 31)) == 249
    assert not cal.is_workday(D(2026, 2, 16))   # Spring Festival still off
    assert not cal.is_workday(D(2026, 10, 1))   # National Day still off
    assert [o.date for o in cal.overrides] == [D(2026, 3, 7)]
    assert cal.overrides[0].message() == (
        "2026-03-07 (Saturday): the contract's calendar: section makes it a working day; "
        "the official schedule has it as weekend")


def test_agreeing_days_are_not_overrides() -> None:
    # 元旦 and the worked Sunday 01-04 as the notice has them; a weekend marked off changes nothing.
    same = YearSchedule({D(2026, 1, 1): "元旦", D(2026, 3, 8): "x"}, (D(2026, 1, 4),))
    cal = build_calendar({2026: same})
    assert cal.overrides == ()
    assert cal.count(D(2026, 1, 1), D(2026, 12, 31)) == 248


def test_file_wins_over_contract_and_both_are_named(tmp_path) -> None:
    path = write(tmp_path, "2026:\n  holidays: {2026-01-05: 自定}\n")
    cal = build_calendar({2026: YearSchedule({}, (D(2026, 3, 7),))}, path)
    assert [(o.date, o.source) for o in cal.overrides] == [
        (D(2026, 1, 5), str(path)), (D(2026, 3, 7), "the contract's calendar: section")]
    assert cal.overrides[0].supplied == "holiday (自定)"
    assert cal.overrides[0].official == "working day"


def test_cli_warns_of_each_override_and_check_names_it(run, tmp_path) -> None:
    path = write(tmp_path, "2026:\n  workdays: [2026-03-07]\n  holidays: {2026-02-14: 春节}\n")
    result = run("workdays", "count", "2026-01-01", "2026-12-31", "--holidays", str(path))
    assert "2026-02-14 (Saturday): " + str(path) + " makes it a holiday (春节); the official " \
           "schedule has it as working day (调休)" in result.stderr
    assert "2026-03-07 (Saturday)" in result.stderr
    check = run.json("check", "--holidays", str(path), "--as-of", "2026-01-10", code=None)
    named = [r["message"] for r in check["rows"] if "override" in r["message"]]
    assert len(named) == 2 and all(r.startswith("holiday schedule override: ") for r in named)


@pytest.mark.parametrize("args", COMMANDS)
def test_every_command_takes_holidays_and_the_environment(run, tmp_path, monkeypatch, args) -> None:
    bad = write(tmp_path, "2027:\n  holidays: {2027-13-01: x}\n")
    result = run(*args, "--holidays", str(bad), code=2)
    assert f"{bad}:2:14" in result.stderr
    monkeypatch.setenv("CONTRACTCALC_HOLIDAYS", str(bad))
    assert f"{bad}:2:14" in run(*args, code=2).stderr
    good = write(tmp_path, "2026:\n  workdays: [2026-03-07]\n", "good.yaml")
    result = run(*args, "--holidays", str(good), code=None)   # the option wins over the variable
    assert result.exit_code in (0, 1)
    assert ("2026-03-07 (Saturday)" in result.stderr) or args == ("check",)


@pytest.mark.parametrize(("text", "expected"), [
    ("2027:\n  workdays: [2027-01-04]\n",
     ":2:14: 2027.workdays.0: 2027-01-04 is a Monday, a working day already: list only weekend "
     "days that are worked (调休)"),
    ("2027:\n  holidays: {2027-02-06: 春节}\n  workdays: [2027-02-06]\n",
     ":3:14: 2027.workdays.0: 2027-02-06 is listed under both holidays and workdays"),
    ("2027:\n  holidays:\n    2027-02-06..2027-02-14: 春节\n  workdays: [2027-02-13]\n",
     ":4:14: 2027.workdays.0: 2027-02-13 is listed under both holidays and workdays"),
    ("2027:\n  holidays: {2027-02-14..2027-02-06: 春节}\n",
     ":2:14: 2027.holidays.2027-02-14..2027-02-06: the range 2027-02-14..2027-02-06 ends before "
     "it starts"),
    ("2027:\n  holidays: {2027-02-06..2027-2-14: 春节}\n",
     ":2:14: 2027.holidays.2027-02-06..2027-2-14: expected a range YYYY-MM-DD..YYYY-MM-DD, got "
     "'2027-02-06..2027-2-14'"),
    ("2027:\n  holidays: {2027-02-06: }\n",
     ":2:25: 2027.holidays.2027-02-06: expected the holiday's name after the date, got None"),
    ("2027:\n  holiday: {2027-02-06: 春节}\n",
     ":2:3: 2027.holiday: unknown field 'holiday': a year holds 'holidays' (date or range: name) "
     "and 'workdays' (list)"),
    ("twenty: {}\n", ":1:1: twenty: expected a year such as 2027 as the key, got 'twenty'"),
    ("2027:\n  workdays: 2027-02-20\n", ":2:13: 2027.workdays: expected a list of dates"),
    ("2027:\n  holidays: {2026-12-31..2027-01-01: 元旦}\n",
     ":2:14: 2027.holidays.2026-12-31: 2026-12-31 is a date of 2026, not 2027"),
    ("- 2027\n", ":1:1: expected a mapping of years"),
])
def test_schedule_file_errors_are_plain_and_located(run, tmp_path, text, expected) -> None:
    path = write(tmp_path, text)
    result = run("workdays", "is", "2027-03-01", "--holidays", str(path), code=2)
    assert f"contractcalc: error: {path}{expected}" in result.stderr
    assert "pydantic" not in result.stderr and "Input should" not in result.stderr


def test_ranges_as_the_notice_writes_them(run, tmp_path) -> None:
    # Made-up 2027: 春节 02-04 (Thu) .. 02-14 (Sun) off, Saturday 02-20 worked; the other days
    # off fixed by law as the law gives them (除夕 02-05 and 初一..初三 02-06..08 inside the range).
    path = write(tmp_path, "2027:\n  holidays:\n    2027-01-01: 元旦\n"
                           "    2027-02-04..2027-02-14: 春节\n"
                           "    2027-04-05: 清明节\n    2027-05-01..2027-05-02: 劳动节\n"
                           "    2027-06-09: 端午节\n    2027-09-15: 中秋节\n"
                           "    2027-10-01..2027-10-03: 国庆节\n  workdays: [2027-02-20]\n")
    rows = run.json("workdays", "list", "2027-02-03", "2027-02-20", "--holidays", str(path))["rows"]
    # 02-03 Wed, then nothing until Monday 02-15..19, and the worked Saturday 02-20.
    assert [r["date"][5:] for r in rows] == ["02-03", "02-15", "02-16", "02-17", "02-18", "02-19",
                                             "02-20"]


def test_holiday_cn_json_is_read_by_content(run, tmp_path) -> None:
    # holiday-cn's shape; the file name says nothing (.txt). The 2012 file names 2011-12-31, a
    # day of the year before (国办发明电〔2011〕45号: 2011年12月31日（星期六）上班).
    days = [{"name": "元旦", "date": "2027-01-01", "isOffDay": True},
            {"name": "春节", "date": "2027-02-06", "isOffDay": True},
            {"name": "春节", "date": "2027-02-20", "isOffDay": False},
            {"name": "元旦", "date": "2026-12-27", "isOffDay": False},
            *({"name": "法定", "date": f"2027-{day}", "isOffDay": True}  # the rest the law fixes
              for day in ("02-05", "02-07", "02-08", "04-05", "05-01", "05-02", "06-09", "09-15",
                          "10-01", "10-02", "10-03"))]
    path = write(tmp_path, json.dumps({"$schema": "x", "year": 2027, "papers": [], "days": days},
                                      ensure_ascii=False, indent=1), "2027.txt")
    info = run.json("workdays", "is", "2027-02-20", "--holidays", str(path))["rows"][0]
    assert (info["working"], info["kind"]) == (True, "adjusted_workday")
    assert run.json("workdays", "add", "2026-12-31", "1", "--holidays", str(path))["rows"][0][
        "result"] == "2027-01-04"
    # 2026-12-27 is a Sunday the official 2026 data has off: an override, named.
    assert "2026-12-27 (Sunday)" in run("workdays", "is", "2027-01-01", "--holidays",
                                        str(path)).stderr


@pytest.mark.parametrize(("entry", "expected"), [
    ({"name": "元旦", "date": "2027-1-1", "isOffDay": True},
     "days.0.date: expected a date YYYY-MM-DD, got '2027-1-1'"),
    ({"name": "元旦", "date": "2027-01-01", "isOffDay": "yes"},
     "days.0.isOffDay: expected true or false, got 'yes'"),
    ({"name": "", "date": "2027-01-01", "isOffDay": True},
     "days.0.name: expected the holiday's name, got ''"),
    ({"name": "x", "date": "2027-01-04", "isOffDay": False},
     "days: 2027-01-04 is a Monday, a working day already"),
    ("2027-01-01", "days.0: expected {"),
])
def test_holiday_cn_errors(run, tmp_path, entry, expected) -> None:
    path = write(tmp_path, json.dumps({"year": 2027, "days": [entry]}), "2027.json")
    result = run("workdays", "is", "2027-03-01", "--holidays", str(path), code=2)
    assert f"{path}:" in result.stderr and expected in result.stderr


def test_empty_schedule_file(run, tmp_path) -> None:
    path = write(tmp_path, "\n")
    assert "the file is empty" in run("workdays", "is", "2027-03-01", "--holidays", str(path),
                                      code=2).stderr
