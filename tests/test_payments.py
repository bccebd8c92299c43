"""Payments, bond and timeline on the reference contract, dates worked by hand."""

import datetime as dt

import pytest

from contractcalc.core.bond import bond_steps
from contractcalc.core.deliverables import periods
from contractcalc.core.events import make_context
from contractcalc.core.payments import installments, money_flows
from contractcalc.core.timeline import timeline

D = dt.date


def ctx_for(contract, calendar, as_of, **events):
    changed = contract._replace(events=contract.events._replace(**events))
    return make_context(changed, as_of=as_of, calendar=calendar)


def by_key(items):
    return {o.key: o for o in items}


def test_first_installment_due_20_working_days_after_signing(contract, calendar) -> None:
    # 3.4: signed 2025-09-17; 20 working days across the 10-01..10-08 break → 2025-10-21.
    first = installments(ctx_for(contract, calendar, D(2025, 10, 10)))[0]
    assert (first.due, first.status, first.state) == (D(2025, 10, 21), "due", "due in 8 working days")
    # 10-11 (Sat, worked), 10-13..17, 10-20, 10-21: eight working days after 10-10.


def test_first_installment_overdue_and_paid(contract, calendar) -> None:
    late = installments(ctx_for(contract, calendar, D(2025, 11, 2)))[0]
    assert (late.status, late.state) == ("overdue", "overdue by 12 days")
    paid = installments(ctx_for(contract, calendar, D(2025, 11, 2),
                                first_payment_received=D(2025, 10, 20)))[0]
    assert (paid.status, paid.done_on) == ("done", D(2025, 10, 20))


def test_amounts(contract, calendar) -> None:
    amounts = [str(o.amount) for o in installments(ctx_for(contract, calendar, D(2025, 10, 1)))]
    assert amounts == ["120000.00", "72000.00", "48000.00"]   # 3.4, 3.5, and 20% for 3.6


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
    assert flows["installment_3"].state == "due in 26 working days"
    assert flows["installment_1"].status == "done"             # the second payment proves it
    assert flows["bond_submit"].amount == 24000


def test_bond_steps_wait_for_their_events(contract, calendar) -> None:
    steps = by_key(bond_steps(ctx_for(contract, calendar, D(2025, 10, 1))))
    assert steps["bond_submit"].state == "waiting for receipt of the second payment"
    assert steps["bond_confirm"].status == "waiting"
    assert steps["bond_final_payment"].state == "waiting for bond confirmation"
    assert steps["bond_refund"].state == "waiting for the completion certificate"


def test_bond_refund_30_working_days_after_certificate(contract, calendar) -> None:
    # Certificate 2026-09-01 → 30 working days under the 2026 notice (Mid-Autumn 09-25..27 off,
    # National Day 10-01..07 off, Sunday 09-20 and Saturday 10-10 worked): 09-02..04 (3),
    # 09-07..11 (8), 09-14..18 (13), 09-20 (14), 09-21..24 (18), 09-28..30 (21), 10-08, 10-09 (23),
    # 10-10 (24), 10-12..16 (29), 10-19 (30).
    steps = by_key(bond_steps(ctx_for(contract, calendar, D(2026, 9, 2),
                                      completion_certified=D(2026, 9, 1))))
    assert steps["bond_refund"].due == D(2026, 10, 19)
    assert steps["completion_request"].status == "done"


def test_completion_window_of_a_term_as_written(contract, calendar) -> None:
    # 3.7 with the term as written: ends 2024-09-16, itself a Mid-Autumn holiday (09-15..17 off).
    # The window is the 15 working days up to that day: 09-14 (Sat, worked) 1, 09-09..13 (2-6),
    # 09-02..06 (7-11), 08-27..30 (12-15) → opens 2024-08-27. It falls before signing.
    window = by_key(bond_steps(ctx_for(contract, calendar, D(2025, 10, 1))))["completion_request"]
    assert (window.earliest, window.due) == (D(2024, 8, 27), D(2024, 9, 16))
    assert window.status == "before_signing"


def test_event_after_as_of_is_not_counted(contract, calendar) -> None:
    ctx = ctx_for(contract, calendar, D(2025, 12, 1), bond_confirmed=D(2026, 1, 5))
    assert "bond_confirmed" not in ctx.happened
    assert any("after --as-of" in w for w in ctx.warnings)


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
    events = corrected.events._replace(delivered={"quarterly_report_1": D(2025, 12, 20)})
    ctx = make_context(corrected._replace(events=events), as_of=D(2026, 1, 10),
                       calendar=calendar)
    assert by_key(timeline(ctx))["quarterly_report_1"].status == "done"


def test_service_period_of_the_reference_contract(contract) -> None:
    # Clause 4 writes 2023-09-17..2024-09-16, one year; signed 2025-09-17. Service cannot start
    # before signing, so it runs one year from 2025-09-17: through 2026-09-16, flagged as our
    # reading. (Counting 365 days instead would end on 2026-09-17: 2024 is a leap year.)
    from contractcalc.core.events import service_period

    period = service_period(contract, as_of=dt.date(2026, 1, 10))
    assert period == (dt.date(2025, 9, 17), dt.date(2026, 9, 16), True)


def test_service_period_of_a_term_written_after_signing(contract) -> None:
    from contractcalc.core.events import service_period

    term = contract.term._replace(start=dt.date(2025, 10, 1), end=dt.date(2026, 9, 30))
    period = service_period(contract._replace(term=term), as_of=dt.date(2026, 1, 10))
    assert period == (dt.date(2025, 10, 1), dt.date(2026, 9, 30), False)
