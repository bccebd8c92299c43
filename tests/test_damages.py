"""Liquidated damages: 3.10.3 (1‰ a day, 10% after two failed acceptances) and 9.1–9.3 (20%)."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contractcalc.core.damages.penalty import LateDays, assess, late_days
from contractcalc.core.errors import InputError
from contractcalc.core.money.amounts import to_fen

D = dt.date


def figures(result):
    return {f.key: f for f in result.figures}


def test_twelve_days_on_the_reference_contract(contract) -> None:
    # 240,000.00 × 1‰ = 240.00 a day; × 12 = 2,880.00. 20% = 48,000.00; 10% = 24,000.00.
    result = assess(total=contract.total, terms=contract.damages, late=LateDays(12, 12, 0))
    f = figures(result)
    assert result.per_day == Decimal("240.00")
    assert to_fen(f["daily"].amount) == Decimal("2880.00")
    assert to_fen(f["breach"].amount) == Decimal("48000.00")
    assert to_fen(f["failed_acceptance"].amount) == Decimal("24000.00")
    assert f["failed_acceptance"].applies is None
    assert (f["daily"].clause, f["breach"].clause) == ("3.10.3", "9.1–9.3")


@pytest.mark.parametrize(("failed", "applies"), [(0, False), (1, False), (2, True), (3, True)])
def test_failed_acceptance_threshold(contract, failed, applies) -> None:
    result = assess(total=contract.total, terms=contract.damages, late=LateDays(0, 0, 0),
                    failed_acceptances=failed)
    assert figures(result)["failed_acceptance"].applies is applies


@pytest.mark.parametrize(("due", "delivered", "excuses", "days", "excused"), [
    (D(2025, 10, 1), D(2025, 10, 13), (), 12, 0),               # the example
    (D(2025, 10, 1), D(2025, 10, 1), (), 0, 0),                 # on time
    (D(2025, 10, 1), D(2025, 10, 13), ((D(2025, 10, 5), D(2025, 10, 6)),), 10, 2),
    # An excuse reaching outside the late span counts only inside it: 10-02..10-03.
    (D(2025, 10, 1), D(2025, 10, 13), ((D(2025, 9, 20), D(2025, 10, 3)),), 10, 2),
    (D(2024, 2, 28), D(2024, 3, 1), (), 2, 0),                  # leap day counts
])
def test_late_days(due, delivered, excuses, days, excused) -> None:
    late = late_days(due, delivered, excuses)
    assert (late.days, late.excused) == (days, excused)


def test_delivered_early_is_not_late() -> None:
    # Due 10-13, delivered 10-01: twelve days early, 0 days late (was refused as an error).
    late = late_days(D(2025, 10, 13), D(2025, 10, 1))
    assert (late.days, late.gross, late.early) == (0, 0, 12)


def test_not_delivered_counts_to_as_of() -> None:
    # Due 10-01, not delivered, as of 10-13: 12 days so far, still accruing.
    late = late_days(D(2025, 10, 1), None, as_of=D(2025, 10, 13))
    assert (late.days, late.counted_to, late.delivered) == (12, D(2025, 10, 13), None)
    # Not yet due on as_of: 0 days.
    assert late_days(D(2025, 10, 1), None, as_of=D(2025, 9, 30)).days == 0
    with pytest.raises(InputError) as exc:
        late_days(D(2025, 10, 1), None)
    assert exc.value.field == "delivered"


def test_bad_day_inputs() -> None:
    with pytest.raises(InputError, match="overlap") as exc:
        late_days(D(2025, 10, 1), D(2025, 10, 20),
                  ((D(2025, 10, 2), D(2025, 10, 5)), (D(2025, 10, 5), D(2025, 10, 7))))
    assert exc.value.field == "excuses"


def test_daily_damages_rounded_once(contract) -> None:
    # 693,250.50 × 1‰ = 693.2505 a day; × 20 = 13,865.01 exactly. Rounding the rate first would
    # give 693.25 × 20 = 13,865.00: the figure is the exact product, rounded once at the end.
    result = assess(total=Decimal("693250.50"), terms=contract.damages,
                    late=LateDays(20, 20, 0))
    assert result.per_day == Decimal("693.2505")
    assert to_fen(figures(result)["daily"].amount) == Decimal("13865.01")


def test_nothing_claims_how_the_damages_stack(contract) -> None:
    # The flat damages' note once said the contract allows them "beside the daily damages",
    # which no clause says; what the contract does say comes from the file's provisions.
    result = assess(total=contract.total, terms=contract.damages, late=LateDays(3, 3, 0))
    assert figures(result)["breach"].note is None
    provisions = [n for n in result.notes if n.startswith(("9.1:", "9.2:"))]
    assert len(provisions) == 2 and "损失" in provisions[1]
    bare = contract.damages._replace(provisions=(), force_majeure_clause=None)
    late = late_days(D(2025, 10, 1), D(2025, 10, 13), ((D(2025, 10, 5), D(2025, 10, 6)),))
    notes = assess(total=contract.total, terms=bare, late=late).notes
    assert notes == ("2 day(s) excused as force majeure: 12 day(s) late less 2 = 10",)


def test_actual_loss_note(contract) -> None:
    # 2,880 + 48,000 = 50,880 against a loss of 39,138.46: 1.3 × loss = 50,879.998 → flagged;
    # against 39,138.47 (1.3 × = 50,880.011) → not.
    late = LateDays(12, 12, 0)
    flagged = assess(total=contract.total, terms=contract.damages, late=late,
                     actual_loss=Decimal("39138.46"))
    assert any("art. 585" in n for n in flagged.notes)
    fine = assess(total=contract.total, terms=contract.damages, late=late,
                  actual_loss=Decimal("39138.47"))
    assert not any("art. 585" in n for n in fine.notes)


@given(st.integers(0, 3650), st.integers(0, 3650),
       st.decimals(min_value=1, max_value=10**9, places=2))
def test_daily_damages_are_linear(contract, a, b, total) -> None:
    def daily(days: int) -> Decimal:
        return figures(assess(total=total, terms=contract.damages,
                              late=LateDays(days, days, 0)))["daily"].amount
    assert daily(a + b) == daily(a) + daily(b)
    assert daily(a) >= 0
