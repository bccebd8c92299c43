"""Contract files: the example validates; every kind of bad file gets FILE:LINE:COL: field: why."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from contractcalc.core.errors import InputError, InputErrors
from contractcalc.shell.contract_file import BUILTIN, load_contract, parse_contract
from tests.conftest import EXAMPLE, ROOT

SECOND = ROOT / "tests" / "data" / "contract-second.yaml"


def test_builtin_is_the_example() -> None:
    assert BUILTIN.read_bytes() == EXAMPLE.read_bytes()


def test_example_encodes_the_contract(contract) -> None:
    assert contract.number == "2025-036"
    assert contract.total == Decimal("240000.00")
    assert [i.percent for i in contract.installments] == [50, 30, 20]
    assert contract.term.start == dt.date(2023, 9, 17)        # as written in clause 4
    assert contract.signed == dt.date(2025, 9, 17)
    assert contract.damages.daily_permille == 1
    assert [s.id for s in contract.systems] == ["platform", "standards", "basics"]
    assert isinstance(contract.total, Decimal)                 # never a float


def test_a_second_contract_of_the_same_shape_loads() -> None:
    other = load_contract(SECOND, use_cache=False)
    assert other.number != "2025-036"
    assert len(other.installments) == 2
    assert other.calendar[2027].holidays


def test_snapshot_is_reused_and_invalidated(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    first = load_contract(path)
    assert load_contract(path) == first
    path.write_text(path.read_text(encoding="utf-8").replace("total: 240000.00", "total: 1"),
                    encoding="utf-8")
    assert load_contract(path).total == 1


def test_damaged_snapshot_means_revalidation(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    first = load_contract(path)
    snapshots = list((tmp_path / "cache" / "contractcalc").glob("*.snapshot"))
    assert len(snapshots) == 1
    snapshots[0].write_bytes(b"\x00garbage")
    assert load_contract(path) == first


def _errors(text: str) -> list[str]:
    with pytest.raises((InputError, InputErrors)) as info:
        parse_contract(text, source="c.yaml")
    return str(info.value).splitlines()


def _example(old: str, new: str) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def _at(text: str, mark: str) -> str:
    """'LINE:COL' of the first occurrence of `mark` (1-based), so tests survive edits above it;
    an '@' in the mark points inside it."""
    offset = text.index(mark.replace("@", "")) + max(mark.find("@"), 0)
    line = text.count("\n", 0, offset) + 1
    return f"{line}:{offset - text.rfind(chr(10), 0, offset)}"


# (old text, new text, where the error points: the text it points at, what it says)
@pytest.mark.parametrize(("old", "new", "mark", "expected"), [
    ("percent: 30", "percent: thirty", "thirty", "installments.1.percent: Input should be a valid decimal"),
    ("total: 240000.00", "total: 240000.00\ncolour: red", "colour", "colour: unknown field"),
    ("after: signed,", "after: sined,", "sined", "installments.0.trigger.after: 'sined' is neither an event the contract defines nor a date; did you mean signed"),
    ("  start: 2023-09-17", "  start: 2023-19-17", "2023-19-17", "term.start: '2023-19-17' is not a valid date"),
    ("number: \"2025-036\"", "number: \"2025-036\"\nnumber: x", "number: x", "duplicate key 'number'"),
    ("  signed: 2025-09-17", "  signed: 2025-09-17\n  bond_confirmd: 2026-01-05", "2026-01-05",
     "events.bond_confirmd: 'bond_confirmd' is not an event this contract defines; did you mean bond_confirmed"),
    ("  signed: 2025-09-17", "  signed: 2025-09-17\n  quarterly_report_9: 2026-01-05", "2026-01-05",
     "events.quarterly_report_9: 'quarterly_report_9' is not an event this contract defines"),
])
def test_field_errors_name_line_and_field(old, new, mark, expected) -> None:
    text = _example(old, new)
    lines = _errors(text)
    assert any(line.startswith(f"c.yaml:{_at(text, mark)}: {expected}") for line in lines), lines


def test_missing_fields_are_listed_one_per_line() -> None:
    lines = _errors("number: x\n")
    assert "c.yaml:1:1: title: required field is missing" in lines
    assert len(lines) > 5


@pytest.mark.parametrize(("text", "expected"), [
    ("a: &x [1]\nb: *x\n", "c.yaml:2:4: aliases"),
    ("", "c.yaml:1: the file is empty"),
    ("- 1\n", "c.yaml:1:1: expected a mapping"),
    ("a: [1\n", "c.yaml:2:1: not valid YAML"),
])
def test_structural_errors(text, expected) -> None:
    assert _errors(text)[0].startswith(expected)


@pytest.mark.parametrize(("data", "expected"), [
    (b"total: 1\n\x00\x01", "c.yaml:2: binary data"),
    ("number: 合同\n".encode("gbk"), "c.yaml:1: not UTF-8"),
    (b"x" * (1 << 20) + b"x", "larger than 1024 KiB"),
])
def test_unreadable_files(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        load_contract(path, label="c.yaml", use_cache=False)
    assert expected in str(info.value)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    assert load_contract(path, use_cache=False).number == "2025-036"


def test_terms_are_immutable(contract) -> None:
    with pytest.raises(AttributeError):
        contract.total = Decimal(1)  # type: ignore[misc]


@pytest.mark.parametrize(("old", "new", "mark", "expected"), [
    ("percent: 30", "percent: 130", "130", "installments.1.percent: must be between 0 and 100"),
    # months with working_days is a shape (months, then the working days); with days it is not
    ("after: signed, working_days: 20}", "after: signed, working_days: 20, days: 1}",
     "{after: signed, working_days: 20, days",
     "installments.0.trigger: give one of working_days, days or months (or months with "
     "working_days: that many months, then the working days)"),
    ("calendar: {}", "calendar: {2027: {holidays: {2026-01-01: x}}}", "x}}}",
     "calendar.2027.holidays.2026-01-01: 2026-01-01 is a date of 2026, not 2027: list it under 2026"),
    ("total: 240000.00", "total: -1", "total: @-1", "total: must be positive"),
])
def test_rules_beyond_types(old, new, mark, expected) -> None:
    text = _example(old, new)
    assert f"c.yaml:{_at(text, mark)}: {expected}" in _errors(text)
