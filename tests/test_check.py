"""Drafting checks on the reference contract and on deliberately broken variants."""

import datetime as dt
from decimal import Decimal

from contractcalc.core.findings.drafting import check_contract
from tests.conftest import record

OFFICIAL = frozenset(range(2004, 2027))  # the years chinese-calendar 1.11 covers


def messages(contract, severity=None):
    return [f"{f.field}: {f.message}" for f in check_contract(contract, known_years=OFFICIAL)
            if severity is None or f.severity == severity]


def test_reference_contract_findings(contract) -> None:
    errors = messages(contract, "error")
    assert len(errors) == 1
    assert "2023-09-17 to 2024-09-16 ends before the contract is signed on 2025-09-17" in errors[0]
    warnings = messages(contract, "warning")
    assert any("annex 2" in w and "2021-09-17" in w for w in warnings)
    assert sum("annex 3" in w and "2020-09-17" in w for w in warnings) == 1  # written twice, said once
    notes = messages(contract, "info")
    assert any("48,000.00" in n for n in notes)             # the 尾款 has no written figure
    assert any("annex 5" in n for n in notes)               # the award notice predates signing


def test_words_that_do_not_match(contract) -> None:
    bad = contract._replace(total_words="人民币贰拾叁万元整")
    assert any("reads 230,000.00" in m for m in messages(bad, "error"))
    garbled = contract._replace(total_words="人民币贰拾肆万")
    assert any("not well-formed" in m for m in messages(garbled, "error"))


def test_percent_and_amount_mismatch(contract) -> None:
    first = contract.installments[0]._replace(percent=Decimal(40))
    bad = contract._replace(installments=(first, *contract.installments[1:]))
    found = messages(bad, "error")
    assert any("add up to 90%" in m for m in found)
    assert any("120,000.00 is not 40%" in m for m in found)


def test_award_amount_and_signatures(contract) -> None:
    annexes = tuple(a._replace(amount=Decimal(250000)) if a.amount else a
                    for a in contract.annexes)
    sigs = (contract.signatures[0]._replace(date=dt.date(2025, 9, 18)),
            contract.signatures[1])
    found = messages(contract._replace(annexes=annexes, signatures=sigs))
    assert any("states 250,000.00" in m for m in found)
    assert any("buyer signed on 2025-09-18" in m for m in found)


def test_consistent_contract_has_no_errors(contract) -> None:
    term = contract.term._replace(start=dt.date(2025, 9, 17), end=dt.date(2026, 9, 16))
    assert messages(contract._replace(term=term), "error") == []


def test_stated_term_length(contract) -> None:
    term = contract.term._replace(end=dt.date(2024, 9, 30))
    assert any("ends 2024-09-16, but 2024-09-30" in m
               for m in messages(contract._replace(term=term), "warning"))


def test_years_without_holiday_data(contract) -> None:
    term = contract.term._replace(start=dt.date(2026, 9, 17), end=dt.date(2027, 9, 16))
    found = messages(contract._replace(term=term, signed=dt.date(2026, 9, 17)), "warning")
    assert any("no official holiday schedule for 2027" in m for m in found)
    assert not any("for 2026" in m for m in found)
    # Service ends 2027-09-16; what falls due after it lies within 90 days: still 2027.
    assert not any("for 2028" in m for m in found)
    late = contract.term._replace(start=dt.date(2026, 11, 1), end=dt.date(2027, 10, 31))
    found = messages(contract._replace(term=late, signed=dt.date(2026, 11, 1)), "warning")
    assert any("no official holiday schedule for 2028" in m for m in found)  # 10-31 + 90 days


def test_events_in_the_future(contract) -> None:
    changed = record(contract, bond_confirmed=dt.date(2026, 1, 5), breaches=(dt.date(2026, 2, 1),))
    found = [f"{f.field}: {f.message}" for f in check_contract(changed, as_of=dt.date(2025, 12, 31))]
    assert any(m.startswith("events.bond_confirmed: dated 2026-01-05") for m in found)
    assert any(m.startswith("events.breaches[0]: dated 2026-02-01") for m in found)


def test_an_unwritten_last_share_is_called_the_remainder() -> None:
    # 4 × 25% of 1,386,500.50: the last unwritten share is 346,625.11, not "25% is .11".
    from contractcalc.shell.contracts.contract_file import load_contract
    from tests.conftest import ROOT

    four = load_contract(ROOT / "tests" / "data" / "contract-four.yaml", use_cache=False)
    found = [f.message for f in check_contract(four, known_years=OFFICIAL)
             if f.field == "installments.3.amount"]
    assert found == ["no amount written; the remainder 346,625.11, so that the installments add "
                     "up to the total (25% would be 346,625.13) (叁拾肆万陆仟陆佰贰拾伍元壹角壹分)"]
