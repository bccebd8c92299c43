"""The official data against a second source, and the lunar library against known years."""

import datetime as dt

import holidays as python_holidays
import pytest

from contractcalc.shell.holidays.layers import build_calendar
from contractcalc.shell.holidays.official import CORRECTIONS, official_years
from contractcalc.shell.holidays.statutory import law_holidays

D = dt.date

# Days where python-holidays' China calendar is wrong and chinese-calendar right, each with the
# notice that decides it. None found for 2004–2026 with python-holidays 0.109: every day agrees
# once 2005-12-31 is corrected (CORRECTIONS, 国办发明电〔2005〕35号).
SECOND_SOURCE_WRONG: dict[dt.date, str] = {}


def test_every_day_2004_to_2026_agrees_with_python_holidays(calendar) -> None:
    china = python_holidays.China(years=range(2004, 2027))
    day, disagree = D(2004, 1, 1), []
    while day <= D(2026, 12, 31):
        if calendar.is_workday(day) != china.is_working_day(day) and day not in SECOND_SOURCE_WRONG:
            disagree.append(day)
        day += dt.timedelta(days=1)
    assert disagree == []


def test_2005_12_31_was_worked_under_the_2006_notice(calendar) -> None:
    # 国办发明电〔2005〕35号 一: 元旦 1月1日—3日放假 … 12月31日（星期六）上班.
    info = calendar.describe(D(2005, 12, 31))
    assert (info.working, info.kind) == (True, "adjusted_workday")
    assert "35号" in CORRECTIONS[2005][D(2005, 12, 31)].notice
    # So 20 working days after Friday 2005-12-30: 12-31 (1), 01-04..06 (2-4), then 01-09..01-27
    # minus nothing: 15 more to 01-27 (19), Saturday 01-28 worked (20).
    assert calendar.add(D(2005, 12, 30), 20) == D(2006, 1, 28)


@pytest.mark.parametrize("year", range(2015, 2027))
def test_lunar_library_lands_on_official_holidays(year) -> None:
    """初一–初三, 清明, 端午, 中秋 (statutory since 2008) are days off in every known year; 除夕
    too from 2025. Checked on 2015–2026 (2014 dropped 除夕; earlier years add nothing new)."""
    official = official_years()[year].holidays
    computed = law_holidays(year)
    eve = min(d for d, n in computed.items() if n == "Spring Festival")
    expected = set(computed) - ({eve} if year < 2025 else set())
    missing = sorted(d for d in expected - set(official)
                     if not (d.month == 5 and d.day == 2 and year < 2025))
    assert missing == []


def test_estimates_apply_only_to_years_without_data() -> None:
    cal = build_calendar(assume_weekends=True)
    assert not cal.describe(D(2026, 1, 5)).estimate
    assert cal.describe(D(2027, 2, 5)).reason == (
        "statutory holiday: Spring Festival 春节 (estimate: no official schedule for this year)")
