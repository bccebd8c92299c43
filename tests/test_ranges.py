"""Supported ranges (core/ranges.py): values at the edges are refused with exit 2 and a message
naming the file, line and field, or the option; values just inside work."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from contractcalc.core.damages.penalty import LateDays, assess
from contractcalc.core.errors import InputError
from contractcalc.core.ranges import AMOUNT_MAX, DATE_MAX, DATE_MIN, MAX_DAYS, amount_problem
from contractcalc.core.renewal import check_renewal
from contractcalc.core.service import ServicePeriod
from tests.conftest import EXAMPLE

FORTY = "9" * 40


def _line_of(text: str) -> int:
    """The example's line holding `text`, so the test survives lines added above it."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(text))


def _file(tmp_path: Path, old: str, new: str) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "c.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("old", "new", "message"), [
    ("total: 240000.00", f"total: {FORTY}", f"c.yaml:{_line_of('total: 2')}:8: total: 9999"),
    ("total: 240000.00", "total: 10000000000000000", "total: 10000000000000000 is beyond"),
    ("amount: 120000.00", "amount: 1e30", "installments.0.amount: 1E+30 is beyond"),
    ("signed: 2025-09-17", "signed: 0001-01-01", "signed: 0001-01-01 is outside"),
    ("start: 2023-09-17", "start: 9999-12-31", "term.start: 9999-12-31 is outside"),
    ("max_change_percent: 10", f"max_change_percent: {FORTY}",
     "renewal.max_change_percent: must be between 0 and 100"),
    ("years: 1", f"years: {FORTY}", "term.years: must be between 1 and 100"),
])
@pytest.mark.parametrize("command", [["check"], ["payments", "--as-of", "2026-01-01"],
                                     ["penalty", "-d", "3"], ["renewal", "--amount", "1"]])
def test_contract_values_out_of_range(run, tmp_path, old, new, message, command) -> None:
    # Each of these once ended in "internal error: this is a bug" (InvalidOperation from
    # quantize, or a date past year 9999).
    path = _file(tmp_path, old, new)
    args = [command[0], path, *command[1:]] if command[0] == "check" else \
        [command[0], "-c", path, *command[1:]]
    result = run(*args, code=2)
    assert message in result.stderr
    assert "internal error" not in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["penalty", "--total", "1e30", "-d", "3"], "--total: 1E+30 is beyond the supported range"),
    (["penalty", "--total", "0.001", "-d", "3"], "--total: 0.001 is below the supported range"),
    (["penalty", "-d", str(MAX_DAYS + 1)], f"--days-late: at most {MAX_DAYS}"),
    (["penalty", "--actual-loss", "-1", "-d", "3"], "--actual-loss: -1 is below"),
    (["renewal", "--base", "0", "--amount", "1"], "--base: 0 is below the supported range"),
    (["renewal", "--amount", "1", "--as-of", "9999-12-31"],
     "--as-of: 9999-12-31 is outside the supported dates (1900-01-01 to 2199-12-31)"),
    (["renewal", "--amount", "1", "--as-of", "0001-01-01"], "--as-of: 0001-01-01 is outside"),
    (["payments", "--as-of", "2200-01-01"], "--as-of: 2200-01-01 is outside"),
    (["penalty", "--due", "1899-12-31", "--delivered", "1900-01-02"], "--due: 1899-12-31"),
])
def test_options_out_of_range(run, args, message) -> None:
    result = run(*args, code=2)
    assert message in result.stderr, result.stderr


def test_the_edges_themselves_are_supported(run) -> None:
    # The largest total, the longest delay: 9,999,999,999,999,999.99 × 1‰ × 109,572 days is
    # about 1.1 × 10^18, too large for 大写, so that cell is empty rather than an error.
    doc = run.json("penalty", "--total", str(AMOUNT_MAX), "-d", str(MAX_DAYS))
    daily = next(r for r in doc["rows"] if r["key"] == "daily")
    assert daily["amount"] == "1095719999999999998.90" and daily["amount_words"] is None
    breach = next(r for r in doc["rows"] if r["key"] == "breach")
    # 20% of it is 1,999,999,999,999,999.998, 2,000,000,000,000,000.00 at the fen: written.
    assert breach["amount_words"] == "人民币贰仟万亿元整"
    run("renewal", "--amount", "0.01", "--base", "0.01", "--as-of", str(DATE_MAX), code=1)
    run("renewal", "--amount", "240000", "--as-of", str(DATE_MIN), code=1)


def test_amount_problem() -> None:
    assert amount_problem(AMOUNT_MAX) is None and amount_problem(Decimal("0.01")) is None
    assert amount_problem(AMOUNT_MAX + Decimal("0.01"))
    assert amount_problem(Decimal(0)) and amount_problem(Decimal(0), minimum=Decimal(0)) is None
    assert amount_problem(Decimal("NaN"))


def test_core_errors_name_domain_fields(contract) -> None:
    with pytest.raises(InputError) as exc:
        assess(total=contract.total, terms=contract.damages, late=LateDays(-1, -1, 0))
    assert exc.value.field == "days_late"
    with pytest.raises(InputError) as exc:
        assess(total=Decimal(0), terms=contract.damages, late=LateDays(1, 1, 0))
    assert exc.value.field == "total"
    with pytest.raises(InputError) as exc:
        check_renewal(terms=contract.renewal, base=Decimal(0), proposed=Decimal(1), number=1,
                      certified=None, breaches=(), as_of=dt.date(2026, 1, 1),
                      term=ServicePeriod(dt.date(2025, 9, 17), dt.date(2026, 9, 16), True))
    assert exc.value.field == "base"
