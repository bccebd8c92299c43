"""Payments, bond and timeline on the reference contract, dates worked by hand."""

import datetime as dt
from decimal import Decimal

import pytest

from contractcalc.core.bond import bond_steps
from contractcalc.core.events import make_context
from contractcalc.core.payments.installments import installments
from contractcalc.core.service import periods
from contractcalc.core.timeline import money_flows, timeline
from tests.conftest import record

D = dt.date


def ctx_for(contract, calendar, as_of, **events):
    changed = record(contract, **events)
    return make_context(changed, as_of=as_of, calendar=calendar)


def by_key(items):
    return {o.key: o for o in items}


def state(o, ctx) -> str:
    from contractcalc.cli.views.obligations import state_text

    return state_text(o, ctx)


def test_first_installment_due_20_working_days_after_signing(contract, calendar) -> None:
    # 3.4: signed 2025-09-17; 20 working days across the 10-01..10-08 break → 2025-10-21.
    ctx = ctx_for(contract, calendar, D(2025, 10, 10))
    first = installments(ctx)[0]
    assert (first.due, first.status) == (D(2025, 10, 21), "due")
    assert state(first, ctx).startswith("due in 8 working days")
    # 10-11 (Sat, worked), 10-13..17, 10-20, 10-21: eight working days after 10-10.


def test_first_installment_overdue_once_invoiced_and_paid(contract, calendar) -> None:
    # Invoiced 10-09, due 10-21, unpaid on 11-02: overdue 12 days (10-22 .. 11-02).
    ctx = ctx_for(contract, calendar, D(2025, 11, 2), installment_1_invoiced=D(2025, 10, 9))
    late = installments(ctx)[0]
    assert (late.status, late.days_late) == ("overdue", 12)
    assert state(late, ctx).startswith("overdue by 12 days")
    paid = installments(ctx_for(contract, calendar, D(2025, 11, 2),
                                first_payment_received=D(2025, 10, 20)))[0]
    assert (paid.status, paid.done_on, paid.days_late) == ("done", D(2025, 10, 20), None)


def test_every_installment_carries_the_funds_caveat(contract, calendar) -> None:
    # 3.9 covers 各项款额: the example marks all three; the caveat follows each open state.
    ctx = ctx_for(contract, calendar, D(2025, 10, 1))
    rows = installments(ctx)
    assert all(o.subject_to_funds for o in rows)
    assert all("not liable for appropriation delays (clause 3.9)" in state(o, ctx) for o in rows)


def test_paid_late_is_a_finding_with_its_days(contract, calendar) -> None:
    # Bond due 2025-12-11 (15 working days after the 2nd payment of 2025-11-20), lodged 2026-01-20:
    # 40 days late; daily damages 40 × 1‰ × 240,000.00 = 9,600.00 (3.10.3).
    ctx = ctx_for(contract, calendar, D(2026, 1, 25), second_payment_received=D(2025, 11, 20),
                  bond_submitted=D(2026, 1, 20))
    bond = by_key(money_flows(ctx))["bond_submit"]
    assert (bond.status, bond.due, bond.days_late, bond.damages) == (
        "done", D(2025, 12, 11), 40, Decimal("9600"))
    assert state(bond, ctx).startswith("done on 2026-01-20, 40 days late; daily damages 9,600.00")


def test_proved_but_undated_is_never_called_late(contract, calendar) -> None:
    # Only the confirmation (2026-01-05) is recorded: the bond was lodged, on a day unknown.
    ctx = ctx_for(contract, calendar, D(2026, 1, 10), second_payment_received=D(2025, 11, 20),
                  bond_confirmed=D(2026, 1, 5))
    bond = by_key(money_flows(ctx))["bond_submit"]
    assert (bond.status, bond.days_late, bond.implied_by) == ("done", None, "bond_confirmed")


def test_amounts(contract, calendar) -> None:
    amounts = [str(o.amount) for o in installments(ctx_for(contract, calendar, D(2025, 10, 1)))]
    assert amounts == ["120000.00", "72000.00", "48000.00"]   # 3.4, 3.5, and 20% for 3.6


def test_unwritten_shares_add_up_to_the_total(contract) -> None:
    # 4 × 25% of 1,386,500.50 = 346,625.125 each: half-up gives 346,625.13 three times, and the
    # last takes the remainder 1,386,500.50 − 1,039,875.39 = 346,625.11.
    from contractcalc.core.payments.installments import installment_amounts

    quarter = contract.installments[0]._replace(percent=Decimal(25), amount=None,
                                                amount_words=None)
    split = contract._replace(total=Decimal("1386500.50"), installments=(quarter,) * 4)
    amounts = installment_amounts(split)
    assert amounts == [Decimal("346625.13")] * 3 + [Decimal("346625.11")]
    assert sum(amounts) == Decimal("1386500.50")


def test_second_installment_after_two_months_of_service(contract, calendar) -> None:
    # 3.5: service starts on the later of term start (2023-09-17) and signing (2025-09-17);
    # two months later is 2025-11-17. No fixed deadline: never overdue.
    before = installments(ctx_for(contract, calendar, D(2025, 11, 16)))[1]
    assert (before.earliest, before.due, before.status) == (D(2025, 11, 17), None, "upcoming")
    after = installments(ctx_for(contract, calendar, D(2026, 6, 1)))[1]
    assert after.status == "open"
    moved = installments(ctx_for(contract, calendar, D(2026, 1, 1),
                                 service_started=D(2025, 10, 31)))[1]
    assert moved.earliest == D(2025, 12, 31)                   # month arithmetic keeps the day


def test_issue_example_bond_and_final_payment(contract, calendar) -> None:
    # Second payment 2025-11-20 → bond due 15 working days later, 2025-12-11.
    # Bond confirmed 2026-01-05 → final payment 30 working days later, Saturday 2026-02-14
    # (a working day under the 2026 Spring Festival notice).
    ctx = ctx_for(contract, calendar, D(2026, 1, 10), second_payment_received=D(2025, 11, 20),
                  bond_confirmed=D(2026, 1, 5))
    flows = by_key(money_flows(ctx))
    assert flows["bond_submit"].due == D(2025, 12, 11)
    assert flows["bond_submit"].status == "done"               # confirmation proves submission
    assert flows["installment_3"].due == D(2026, 2, 14)
    assert state(flows["installment_3"], ctx).startswith("due in 26 working days")
    assert flows["installment_1"].status == "done"             # paid in the contract's order
    assert flows["bond_submit"].amount == 24000


def test_bond_steps_wait_for_their_events(contract, calendar) -> None:
    ctx = ctx_for(contract, calendar, D(2025, 10, 1))
    steps = by_key(bond_steps(ctx))
    assert state(steps["bond_submit"], ctx) == "waiting for receipt of installment 2"
    assert steps["bond_confirm"].status == "waiting"
    assert state(steps["installment_3"], ctx).startswith("waiting for bond confirmation")
    assert state(steps["bond_refund"], ctx) == "waiting for the completion certificate"


def test_bond_refund_30_working_days_after_certificate(contract, calendar) -> None:
    # Certificate 2026-09-01 → 30 working days under the 2026 notice (Mid-Autumn 09-25..27 off,
    # National Day 10-01..07 off, Sunday 09-20 and Saturday 10-10 worked): 09-02..04 (3),
    # 09-07..11 (8), 09-14..18 (13), 09-20 (14), 09-21..24 (18), 09-28..30 (21), 10-08, 10-09 (23),
    # 10-10 (24), 10-12..16 (29), 10-19 (30).
    steps = by_key(bond_steps(ctx_for(contract, calendar, D(2026, 9, 2),
                                      completion_certified=D(2026, 9, 1))))
    assert steps["bond_refund"].due == D(2026, 10, 19)
    assert steps["completion_request"].status == "done"


def test_completion_window_ends_with_the_service_period(contract, calendar) -> None:
    # 3.7: the term as written ends 2024-09-16, before signing; the service period of the same
    # length ends 2026-09-16 (assumed), a Wednesday. The window is the 15 working days up to it:
    # 09-16..14 (3), 09-11..07 (8), 09-04..08-31 (13), 08-28 (14), 08-27 (15) → opens 2026-08-27.
    window = by_key(bond_steps(ctx_for(contract, calendar, D(2025, 10, 1))))["completion_request"]
    assert (window.earliest, window.due) == (D(2026, 8, 27), D(2026, 9, 16))
    assert (window.status, window.assumption) == ("upcoming", "service_end")


def test_completion_window_of_a_term_as_written(contract, calendar) -> None:
    # A term written after signing is used as written: 2025-09-17..2026-09-16, the same window
    # as above (opens 2026-08-27), but nothing is assumed.
    term = contract.term._replace(start=D(2025, 9, 17), end=D(2026, 9, 16))
    ctx = make_context(contract._replace(term=term), as_of=D(2025, 10, 1), calendar=calendar)
    window = by_key(bond_steps(ctx))["completion_request"]
    assert (window.earliest, window.due, window.assumption) == (D(2026, 8, 27), D(2026, 9, 16),
                                                                None)


def test_event_after_as_of_is_not_counted(contract, calendar) -> None:
    ctx = ctx_for(contract, calendar, D(2025, 12, 1), bond_confirmed=D(2026, 1, 5))
    assert "bond_confirmed" not in ctx.happened
    assert ctx.later == (("bond_confirmed", D(2026, 1, 5)),)


def test_periods_cover_the_term() -> None:
    quarters = list(periods(D(2025, 9, 17), D(2026, 9, 16), 3))
    assert quarters[0] == (D(2025, 9, 17), D(2025, 12, 16))
    assert quarters[-1] == (D(2026, 6, 17), D(2026, 9, 16))
    assert len(quarters) == 4


@pytest.fixture()
def corrected(contract):
    """The example with the term the parties evidently meant, to exercise report deadlines."""
    term = contract.term._replace(start=D(2025, 9, 17), end=D(2026, 9, 16))
    return contract._replace(term=term)


def test_timeline_is_chronological_and_complete(corrected, calendar) -> None:
    items = timeline(make_context(corrected, as_of=D(2026, 1, 10), calendar=calendar))
    keys = [o.key for o in items]
    assert {"installment_1", "bond_submit", "completion_request", "document_compilation",
            "renewal_application", "quarterly_report_1", "annual_report_1", "om_plan"} <= set(keys)
    dates = [o.sort_date for o in items if o.sort_date]
    assert dates == sorted(dates)
    q1 = by_key(items)["quarterly_report_1"]
    # Quarter 2025-09-17..12-16; 10 working days after: 12-17..19 (3), 12-22..26 (8), 12-29, 12-30.
    assert (q1.due, q1.status, q1.assumption is not None) == (D(2025, 12, 30), "overdue", True)
    compilation = by_key(items)["document_compilation"]
    # 1.4 item 3: 10 working days after 2026-09-16: 09-17, 18, Sunday 09-20 worked, 09-21..24,
    # (09-25..27 Mid-Autumn off), 09-28, 29, 30 → 2026-09-30.
    assert compilation.due == D(2026, 9, 30)


def test_delivered_deliverable_is_done(corrected, calendar) -> None:
    ctx = make_context(record(corrected, quarterly_report_1=D(2025, 12, 20)), as_of=D(2026, 1, 10),
                       calendar=calendar)
    assert by_key(timeline(ctx))["quarterly_report_1"].status == "done"


def test_service_period_of_the_reference_contract(contract) -> None:
    # Clause 4 writes 2023-09-17..2024-09-16, one year; signed 2025-09-17. Service cannot start
    # before signing, so it runs one year from 2025-09-17: through 2026-09-16, flagged as our
    # reading. (Counting 365 days instead would end on 2026-09-17: 2024 is a leap year.)
    from contractcalc.core.service import service_period

    period = service_period(contract, as_of=dt.date(2026, 1, 10))
    assert period == (dt.date(2025, 9, 17), dt.date(2026, 9, 16), True)


def test_service_period_of_a_term_written_after_signing(contract) -> None:
    from contractcalc.core.service import service_period

    term = contract.term._replace(start=dt.date(2025, 10, 1), end=dt.date(2026, 9, 30))
    period = service_period(contract._replace(term=term), as_of=dt.date(2026, 1, 10))
    assert period == (dt.date(2025, 10, 1), dt.date(2026, 9, 30), False)


def test_a_window_ending_on_new_years_eve_needs_no_next_year(contract, calendar) -> None:
    # Term 2026-01-01..2026-12-31 (Thursday), no 2027 schedule: the completion window is the 10
    # working days on or before 12-31: 12-31, 30, 29, 28, 25, 24, 23, 22, 21, 18 → opens 12-18.
    term = contract.term._replace(start=D(2026, 1, 1), end=D(2026, 12, 31))
    window = contract.completion_request._replace(working_days=10)
    changed = contract._replace(term=term, signed=D(2025, 12, 20), completion_request=window)
    ctx = make_context(changed, as_of=D(2026, 12, 21), calendar=calendar)
    step = by_key(bond_steps(ctx))["completion_request"]
    assert (step.earliest, step.due, step.status, step.missing_year) == (
        D(2026, 12, 18), D(2026, 12, 31), "due", None)


@pytest.mark.parametrize(("start", "end", "first"), [
    (D(2023, 9, 17), D(2024, 9, 16), D(2025, 9, 17)),     # one year
    (D(2024, 1, 31), D(2024, 2, 28), D(2025, 1, 31)),     # not whole months
    (D(2023, 3, 1), D(2024, 2, 29), D(2025, 5, 1)),       # a leap day at the end
    (D(2022, 8, 31), D(2023, 2, 27), D(2025, 8, 31)),     # month ends
])
def test_the_assumed_service_end_counts_as_relativedelta_does(start, end, first) -> None:
    from dateutil.relativedelta import relativedelta

    from contractcalc.core.service import _same_length

    expected = first + relativedelta(end + dt.timedelta(days=1), start) - dt.timedelta(days=1)
    assert _same_length(start, end, first) == expected
