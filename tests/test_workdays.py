"""Working days, worked by hand from the State Council holiday notices."""

import datetime as dt

import chinese_calendar
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from contractcalc.core.errors import CalendarDataMissing
from contractcalc.core.model import YearSchedule
from contractcalc.shell.holidays.layers import build_calendar

D = dt.date


@pytest.mark.parametrize(("start", "n", "expected"), [
    # 3.4 on the reference contract: 2025 notice, National Day + Mid-Autumn 10-01..10-08 off,
    # Sunday 09-28 and Saturday 10-11 worked. Counting: 09-18 1, 09-19 2, 09-22..26 3-7,
    # 09-28 8, 09-29 9, 09-30 10, 10-09 11, 10-10 12, 10-11 13, 10-13..17 14-18, 10-20 19, 10-21 20.
    (D(2025, 9, 17), 20, D(2025, 10, 21)),
    # 3.6 bond: 11-21 1, 11-24..28 2-6, 12-01..05 7-11, 12-08..11 12-15. No holiday on the way.
    (D(2025, 11, 20), 15, D(2025, 12, 11)),
    # 3.6 final payment: 2026 notice, Spring Festival 02-15..02-23 off, Saturday 02-14 worked.
    # 01-06..09 1-4, then five weeks of five to 02-13 (29), Saturday 02-14 is day 30.
    (D(2026, 1, 5), 30, D(2026, 2, 14)),
    # From a holiday, day 1 is the first working day after it (chinese-calendar says 10-10).
    (D(2025, 10, 1), 1, D(2025, 10, 9)),
    # From a Saturday that is a working day (10-11), day 1 is Monday 10-13.
    (D(2025, 10, 11), 1, D(2025, 10, 13)),
    # Backwards: the last working day before 10-09 is 09-30.
    (D(2025, 10, 9), -1, D(2025, 9, 30)),
    # Backwards over the weekend-made-working Sunday 09-28: 09-30, 09-29, 09-28.
    (D(2025, 10, 1), -3, D(2025, 9, 28)),
    # Across a year end: 2024-12-31 Tue; 2025-01-01 off; 01-02 is day 1.
    (D(2024, 12, 31), 1, D(2025, 1, 2)),
    # Leap day 2024-02-29 is an ordinary Thursday.
    (D(2024, 2, 28), 1, D(2024, 2, 29)),
    (D(2025, 9, 17), 0, D(2025, 9, 17)),
])
def test_add_known(calendar, start, n, expected) -> None:
    assert calendar.add(start, n) == expected


@pytest.mark.parametrize(("first", "last", "expected"), [
    (D(2025, 10, 1), D(2025, 10, 31), 18),   # 10-09, 10, 11 and three full weeks
    (D(2025, 10, 1), D(2025, 10, 8), 0),     # the whole break
    (D(2025, 9, 28), D(2025, 9, 28), 1),     # a Sunday worked
    # 02-02..13 (10), Saturday 02-14 worked, 02-24..27 (4), Saturday 02-28 worked.
    (D(2026, 2, 1), D(2026, 2, 28), 16),
    (D(2025, 10, 31), D(2025, 10, 1), -18),  # reversed bounds count negative
])
def test_count_known(calendar, first, last, expected) -> None:
    assert calendar.count(first, last) == expected


@pytest.mark.parametrize(("first", "last", "working", "calendar_days"), [
    (D(2025, 10, 1), D(2025, 10, 31), 18, 31),
    (D(2025, 10, 31), D(2025, 10, 1), -18, -31),   # reversed: minus the span 10-01..10-31
    (D(2025, 9, 28), D(2025, 9, 28), 1, 1),
    (D(2025, 10, 2), D(2025, 10, 1), 0, -2),       # two holidays backwards: no working day
])
def test_count_reversed_agrees_with_calendar_days(run, first, last, working, calendar_days) -> None:
    row = run.json("workdays", "count", str(first), str(last))["rows"][0]
    assert (row["working_days"], row["calendar_days"]) == (working, calendar_days)


@pytest.mark.parametrize(("day", "kind", "holiday"), [
    (D(2025, 9, 28), "adjusted_workday", "National Day"),
    (D(2025, 10, 6), "holiday", "Mid-autumn Festival"),
    (D(2025, 10, 4), "holiday", "National Day"),
    (D(2024, 2, 4), "adjusted_workday", "Spring Festival"),   # Sunday worked in 2024
    (D(2025, 9, 27), "weekend", None),
    (D(2025, 9, 17), "workday", None),
])
def test_describe(calendar, day, kind, holiday) -> None:
    info = calendar.describe(day)
    assert (info.kind, info.holiday) == (kind, holiday)
    assert info.working == (kind in ("workday", "adjusted_workday"))
    assert not info.estimate


def test_year_without_data_is_refused(calendar) -> None:
    with pytest.raises(CalendarDataMissing, match="2027"):
        calendar.add(D(2026, 12, 20), 30)
    with pytest.raises(CalendarDataMissing, match="2003"):
        calendar.is_workday(D(2003, 6, 2))


def test_supplied_year_is_used() -> None:
    # A made-up 2027 schedule: Friday 01-01 off, Sunday 01-10 worked, and the days off the law
    # fixes (a year is known only by a complete schedule).
    from contractcalc.shell.holidays.statutory import law_holidays

    year = YearSchedule({**law_holidays(2027), D(2027, 1, 1): "New Year's Day"},
                        (D(2027, 1, 10),))
    cal = build_calendar({2027: year})
    assert cal.add(D(2026, 12, 31), 1) == D(2027, 1, 4)
    assert cal.is_workday(D(2027, 1, 10))
    assert not cal.is_estimate(D(2026, 12, 31), D(2027, 1, 4))


def test_assume_weekends_marks_estimates() -> None:
    cal = build_calendar(assume_weekends=True)
    # 2027-01-01 is a Friday and 元旦 by law, so day 1 after 2026-12-31 is Monday 01-04.
    assert cal.add(D(2026, 12, 31), 1) == D(2027, 1, 4)
    assert cal.is_estimate(D(2026, 12, 31), D(2027, 1, 4))
    assert not cal.is_estimate(D(2026, 1, 1), D(2026, 12, 31))
    info = cal.describe(D(2027, 1, 1))
    assert info.estimate and info.kind == "holiday"
    # 2027: 261 weekdays (365 days from a Friday); the law's days off that fall on weekdays:
    # 元旦 01-01 Fri, 除夕 02-05 Fri, 初三 02-08 Mon, 清明 04-05 Mon, 端午 06-09 Wed,
    # 中秋 09-15 Wed, 国庆 10-01 Fri: 7, so 254.
    assert cal.count(D(2027, 1, 1), D(2027, 12, 31)) == 254
    # Before the 2024 revision's first year the law differed: weekends only (2003 has no data).
    assert cal.describe(D(2003, 1, 1)).kind == "workday"


covered = st.dates(min_value=D(2005, 1, 1), max_value=D(2025, 6, 30))
steps = st.integers(min_value=1, max_value=250)


@given(covered, steps)
def test_add_then_subtract_returns(calendar, start, n) -> None:
    assume(calendar.is_workday(start))
    assert calendar.add(calendar.add(start, n), -n) == start


@given(covered, steps, steps)
def test_add_is_monotonic(calendar, start, a, b) -> None:
    assume(a < b)
    assert calendar.add(start, a) < calendar.add(start, b)


@given(covered, st.integers(min_value=-250, max_value=250))
def test_result_is_a_working_day_and_count_agrees(calendar, start, n) -> None:
    assume(n != 0)
    end = calendar.add(start, n)
    assert calendar.is_workday(end)
    if n > 0:
        assert calendar.count(start + dt.timedelta(days=1), end) == n
    else:
        assert calendar.count(end, start - dt.timedelta(days=1)) == -n


# From mid-2006 on, so that 120 working days either way never reach 2005-12-31, the day we
# correct (shell/holidays/official.py CORRECTIONS; chinese-calendar has it off).
after_correction = st.dates(min_value=D(2006, 7, 1), max_value=D(2025, 6, 30))


@settings(max_examples=300)
@given(after_correction, st.integers(min_value=-120, max_value=120))
def test_matches_chinese_calendar(calendar, start, n) -> None:
    """Identical on working starts; from a day off, chinese-calendar counts one more forwards."""
    assert calendar.is_workday(start) == chinese_calendar.is_workday(start)
    ours = calendar.add(start, n)
    if n > 0 and not calendar.is_workday(start):
        assert chinese_calendar.find_workday(n, start) == calendar.add(start, n + 1)
    elif n != 0:
        assert ours == chinese_calendar.find_workday(n, start)


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2199, 12, 31)), st.integers(-600, 600))
def test_add_months_counts_as_relativedelta_does(day, months) -> None:
    # Month arithmetic is plain code for speed; dateutil is the reference it must agree with.
    from dateutil.relativedelta import relativedelta

    from contractcalc.core.calendar.dates import add_months

    assert add_months(day, months) == day + relativedelta(months=months)


def test_counting_back_from_new_year_needs_only_the_year_before(calendar) -> None:
    # 2027 has no schedule; the 10th working day before 2027-01-01 lies in 2026: 12-31 (1) ...
    # 12-21 (9), 12-18 (10).
    assert calendar.add(D(2027, 1, 1), -10) == D(2026, 12, 18)


# Calendar days (日), 民法典 第二百零一条 and 第二百零三条: the event's day is not counted, a last
# day on a rest day moves to the next working day. Worked by hand on the 2025 notice
# (国办发明电〔2024〕12号: 国庆 10月1日至8日放假, 9月28日（周日）、10月11日（周六）上班):
# - 2025-09-17 + 30 = 2025-10-17, a Friday: it stays.
# - 2025-09-05 + 30 = 2025-10-05, a Sunday inside 国庆: the first working day after is 10-09.
# - 2025-09-11 + 30 = 2025-10-11, a Saturday worked (调休): a working day, it stays.
# - 2025-10-02 + 30 = 2025-11-01, a Saturday: Monday 2025-11-03.
# - 2025-12-02 + 30 = 2026-01-01, 元旦 (2026: 1月1日至3日放假, 4日（周日）上班): 2026-01-04.
@pytest.mark.parametrize(("start", "n", "expected"), [
    ("2025-09-17", 30, "2025-10-17"),
    ("2025-09-05", 30, "2025-10-09"),
    ("2025-09-11", 30, "2025-10-11"),
    ("2025-10-02", 30, "2025-11-03"),
    ("2025-12-02", 30, "2026-01-04"),
    ("2025-10-17", 0, "2025-10-17"),
    ("2025-10-04", 0, "2025-10-09"),
])
def test_add_calendar_days_known(calendar, start, n, expected) -> None:
    got = calendar.add_calendar_days(dt.date.fromisoformat(start), n)
    assert got == dt.date.fromisoformat(expected)


def test_add_calendar_days_runs_forward_only(calendar) -> None:
    with pytest.raises(ValueError):
        calendar.add_calendar_days(dt.date(2025, 9, 17), -1)


@settings(max_examples=200)
@given(start=st.dates(dt.date(2004, 1, 1), dt.date(2026, 11, 30)), n=st.integers(0, 25))
def test_add_calendar_days_lands_on_the_first_working_day_from_the_plain_sum(calendar, start, n) -> None:
    got = calendar.add_calendar_days(start, n)
    plain = start + dt.timedelta(days=n)
    assert got >= plain and calendar.is_workday(got)
    assert all(not calendar.is_workday(plain + dt.timedelta(days=k)) for k in range((got - plain).days))
