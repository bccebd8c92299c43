"""Estimates for a year without a published schedule: weekends plus the holidays fixed by law.

全国年节及纪念日放假办法 (as revised by the State Council on 2024-11-10, in force 2025-01-01),
article 2, holidays for all citizens: 元旦 1 January; 春节 农历除夕、正月初一、初二、初三 (4 days);
清明节 the day of the 清明 solar term; 劳动节 1–2 May; 端午节 农历五月初五; 中秋节 农历八月十五;
国庆节 1–3 October. The yearly notice then moves weekends around them (调休) and cannot be
guessed, so every day of such a year stays marked as an estimate.

The lunar dates and the solar term come from lunar-python (6tail), which computes them
astronomically; tests check it against the official schedules of known years. Years before the
2025 revision that lack data get weekends only (the law differed then).
"""

from __future__ import annotations

import datetime as dt

from contractcalc.core.calendar.workdays import YearData

REVISED = 2025  # first year under the 2024 revision


def law_holidays(year: int) -> dict[dt.date, str]:
    """The statutory days off of a year under the 2024 revision, by date."""
    from lunar_python import Lunar, Solar

    def lunar(month: int, day: int) -> dt.date:
        s = Lunar.fromYmd(year, month, day).getSolar()
        return dt.date(s.getYear(), s.getMonth(), s.getDay())

    new_year = lunar(1, 1)
    qingming = Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()["清明"]
    days = {dt.date(year, 1, 1): "New Year's Day"}
    for offset in range(-1, 3):  # 除夕 through 初三
        days[new_year + dt.timedelta(days=offset)] = "Spring Festival"
    days[dt.date(year, qingming.getMonth(), qingming.getDay())] = "Tomb-sweeping Day"
    days[dt.date(year, 5, 1)] = days[dt.date(year, 5, 2)] = "Labour Day"
    days[lunar(5, 5)] = "Dragon Boat Festival"
    days[lunar(8, 15)] = "Mid-autumn Festival"
    for d in (1, 2, 3):
        days[dt.date(year, 10, d)] = "National Day"
    return days


def statutory_estimate(year: int) -> YearData:
    """A year with no schedule: weekends, plus the law's holidays from 2025 on; an estimate."""
    return YearData(law_holidays(year) if year >= REVISED else {}, {}, "estimate")
