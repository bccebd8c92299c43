"""Boundary rules that mutation testing showed no test pinned down (issue 25; tools/mutation.sh):
each known answer worked by hand in its comment."""

import datetime as dt
from decimal import Decimal

from contractcalc.core.bond import bond_steps
from contractcalc.core.calendar.dates import add_months, beijing_tz, parse_date
from contractcalc.core.events import make_context
from contractcalc.core.money.amounts import display, fen_inward, fen_str, parse_amount, to_fen
from tests.conftest import record

D = dt.date
INVOICED = "installment_1_invoiced=2025-10-09"


def test_an_obligation_on_its_own_due_date_is_due_today_not_overdue(run) -> None:
    # 3.4: signed 2025-09-17; 20 working days across the 10-01..10-08 break → due 2025-10-21,
    # invoiced 10-09. On 10-21 itself it is "due today" (exit 0); on 10-22 one day late: the
    # days late run from the day after the due date (10-22) through --as-of (exit 1).
    on = run.json("payments", "--as-of", "2025-10-21", "-e", INVOICED)
    row = next(r for r in on["rows"] if r["key"] == "installment_1")
    assert (row["due"], row["status"], row["days_late"]) == ("2025-10-21", "due", None)
    assert row["state"].startswith("due today")
    after = run.json("payments", "--as-of", "2025-10-22", "-e", INVOICED, code=1)
    row = next(r for r in after["rows"] if r["key"] == "installment_1")
    assert (row["status"], row["days_late"]) == ("overdue", 1)
    assert row["state"].startswith("overdue by 1 day")


def test_a_vendor_step_one_day_late_owes_one_day_of_damages(contract, calendar) -> None:
    # The bond is lodged 15 working days after the second payment (3.6). Second payment
    # 2025-12-01 (Mon): 12-02..05 (4), 12-08..12 (9), 12-15..19 (14), 12-22 (15) → due 12-22.
    # Unlodged on 12-23: 1 day late, damages one day at the daily rate (3.10.3: 1‰ of 240,000 = 240).
    changed = record(contract, second_payment_received=D(2025, 12, 1))
    on_due = {o.key: o for o in bond_steps(make_context(changed, as_of=D(2025, 12, 22),
                                                        calendar=calendar))}["bond_submit"]
    assert (on_due.due, on_due.status, on_due.days_late, on_due.damages) == (
        D(2025, 12, 22), "due", None, None)
    late = {o.key: o for o in bond_steps(make_context(changed, as_of=D(2025, 12, 23),
                                                      calendar=calendar))}["bond_submit"]
    assert (late.status, late.days_late) == ("overdue", 1)
    assert late.damages == Decimal(240)


def test_completion_window_when_the_term_ends_on_a_rest_day(contract, calendar) -> None:
    # 3.7: request within the 15 working days before the term ends. A term ending Sunday
    # 2026-08-30 (no holiday in August): the end is no working day, so all 15 lie before it:
    # 08-28..24 (5), 08-21..17 (10), 08-14..10 (15) → opens Monday 2026-08-10, due 08-30.
    # (Counting the rest day as one of the 15 would open it a day late, on 08-11.)
    term = contract.term._replace(start=D(2025, 8, 31), end=D(2026, 8, 30))
    changed = contract._replace(term=term, signed=D(2025, 8, 20))
    ctx = make_context(changed, as_of=D(2026, 8, 10), calendar=calendar)
    window = {o.key: o for o in bond_steps(ctx)}["completion_request"]
    assert (window.earliest, window.due, window.status) == (D(2026, 8, 10), D(2026, 8, 30), "due")
    # The day before it opens the window is upcoming, not due.
    before = make_context(changed, as_of=D(2026, 8, 9), calendar=calendar)
    assert {o.key: o for o in bond_steps(before)}["completion_request"].status == "upcoming"


def test_dates_as_users_write_them() -> None:
    # One day in every accepted form; surrounding blanks are ignored.
    for text in ("2025-09-17", "2025/9/17", "2025.9.17", "2025年9月17日", " 2025-09-17 "):
        assert parse_date(text) == D(2025, 9, 17), text


def test_a_timestamp_is_read_on_the_beijing_calendar() -> None:
    # No offset: already Beijing time. 23:30 UTC is 07:30 the next day in Beijing (UTC+8);
    # 00:30 at UTC+9 is 15:30 UTC the day before, 23:30 that day in Beijing.
    assert parse_date("2025-09-17T23:30:00") == D(2025, 9, 17)
    assert parse_date("2025-09-17T23:30:00+00:00") == D(2025, 9, 18)
    assert parse_date("2025-09-18T00:30:00+09:00") == D(2025, 9, 17)
    assert beijing_tz().utcoffset(dt.datetime(2025, 9, 17)) == dt.timedelta(hours=8)


def test_a_wrong_date_says_what_is_wrong() -> None:
    import pytest

    with pytest.raises(ValueError) as info:
        parse_date("2025-02-30")
    assert str(info.value) == "'2025-02-30' is not a date: day is out of range for month"
    with pytest.raises(ValueError) as info:
        parse_date("next week")
    assert str(info.value) == "'next week' is not a date (expected YYYY-MM-DD)"


def test_months_clamped_to_the_months_end() -> None:
    # 01-31 + 1 month: February has 28 days in 2025, 29 in 2024; across a year's end; backwards.
    assert add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2025, 11, 30), 3) == D(2026, 2, 28)
    assert add_months(D(2025, 12, 15), 1) == D(2026, 1, 15)
    assert add_months(D(2025, 3, 31), -1) == D(2025, 2, 28)
    assert add_months(D(2025, 9, 17), 12) == D(2026, 9, 17)


def test_money_rounds_half_up_to_the_fen_only_where_shown() -> None:
    # 0.005 is half a fen: up to 0.01 (half-up, not banker's 0.00); 2,880.125 → 2,880.13.
    assert to_fen(Decimal("0.005")) == Decimal("0.01")
    assert to_fen(Decimal("2880.125")) == Decimal("2880.13")
    assert to_fen(Decimal("-0.005")) == Decimal("-0.01")
    assert fen_str(Decimal("2880")) == "2880.00"
    assert display(Decimal("1234567.125")) == "1,234,567.13"


def test_amounts_as_users_write_them() -> None:
    for text in ("240000", "240,000.00", "¥240000", "￥240，000", " 240000 "):
        assert parse_amount(text) == Decimal(240000), text
    import pytest

    with pytest.raises(ValueError) as info:
        parse_amount("abc")
    assert str(info.value) == "'abc' is not an amount (expected e.g. 240000.00)"
    with pytest.raises(ValueError) as info:
        parse_amount("Infinity")
    assert str(info.value) == "'Infinity' is not a finite amount"


def test_fen_inward_keeps_both_bounds_inside() -> None:
    # ±10% of 1,323,477.75: 1,191,129.975 .. 1,455,825.525 → 1,191,129.98 .. 1,455,825.52.
    assert fen_inward(Decimal("1191129.975"), Decimal("1455825.525")) == (
        Decimal("1191129.98"), Decimal("1455825.52"))
    assert fen_inward(Decimal("-0.015"), Decimal("-0.015")) == (Decimal("-0.01"), Decimal("-0.02"))


def test_paid_on_its_due_date_is_done_and_not_late(contract, calendar) -> None:
    # Installment 1 due 2025-10-21 (above), paid that very day: done, no days late (0 days late
    # would be a claim of lateness; days late count from the day after the due date).
    from contractcalc.core.payments.installments import installments

    changed = record(contract, installment_1_invoiced=D(2025, 10, 9),
                     first_payment_received=D(2025, 10, 21))
    first = installments(make_context(changed, as_of=D(2025, 11, 2), calendar=calendar))[0]
    assert (first.due, first.status, first.days_late, first.done_on) == (
        D(2025, 10, 21), "done", None, D(2025, 10, 21))


def test_a_deadline_on_the_day_the_contract_takes_effect_counts(contract, calendar) -> None:
    # Signed (and effective) 2025-09-17. A deadline that very day is due, not before signing;
    # the day before (09-16) is before signing; a date that needs a year without a holiday
    # schedule is unknown, naming that year.
    from contractcalc.core.obligations import Due, standing

    ctx = make_context(contract, as_of=D(2025, 9, 17), calendar=calendar)
    assert ctx.effective == D(2025, 9, 17)
    on = standing(ctx, party="vendor", due=Due(D(2025, 9, 17)), done=None, waiting_for=None)
    assert (on.status, on.days_late, on.damages) == ("due", None, None)
    before = standing(ctx, party="vendor", due=Due(D(2025, 9, 16)), done=None, waiting_for=None)
    assert before.status == "before_signing"
    unknown = standing(ctx, party="vendor", due=Due(None, False, 2031), done=None,
                       waiting_for="signed")
    assert (unknown.status, unknown.missing_year, unknown.waiting_for) == ("unknown", 2031, None)


def test_a_first_day_and_lateness_from_the_effective_day(contract, calendar) -> None:
    # Not a deadline (firm=False): open from its first day on, 09-17 itself included; upcoming
    # the day before. A deadline on the effective day 09-17 met on 09-19 is 2 days late
    # (09-18, 09-19): lateness counts for a deadline on the effective day too.
    from contractcalc.core.obligations import Due, standing

    def at(day: dt.date, **kw):  # type: ignore[no-untyped-def]
        ctx = make_context(contract, as_of=day, calendar=calendar)
        return standing(ctx, party="buyer", due=Due(D(2025, 9, 17)), waiting_for=None, **kw)

    assert at(D(2025, 9, 17), done=None, firm=False).status == "open"
    assert at(D(2025, 9, 16), done=None, firm=False).status == "upcoming"
    late = at(D(2025, 10, 1), done=D(2025, 9, 19))
    assert (late.status, late.days_late) == ("done", 2)


def test_fen_inward_rounds_toward_the_inside_not_to_even() -> None:
    # 0.015 down is 0.01 (to even would give 0.02, outside the bound); 0.005 up is 0.01.
    assert fen_inward(Decimal("0.005"), Decimal("0.015")) == (Decimal("0.01"), Decimal("0.01"))
    import pytest

    with pytest.raises(ValueError):  # only ¥/￥ are stripped, not other letters
        parse_amount("X240000")
