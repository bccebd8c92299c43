"""`contractcalc penalty` as a user runs it: the per-day note agrees with the amount beside it,
early delivery is 0 days late, an undelivered item accrues to --as-of, and every clause cited
comes from the contract file."""

from pathlib import Path

from tests.conftest import EXAMPLE


def test_the_note_multiplies_to_the_amount(run) -> None:
    # 693,250.50 × 1‰ = 693.2505 a day (not 693.25): × 20 = 13,865.01.
    doc = run.json("penalty", "--days-late", "20", "--total", "693250.50")
    daily = next(r for r in doc["rows"] if r["key"] == "daily")
    assert daily["amount"] == "13865.01"
    assert doc["per_day_exact"] == "693.2505"
    assert doc["notes"][0].startswith("per day: 693.2505 (1‰ of 693,250.50) × 20 day(s) = "
                                      "13,865.01, rounded to the fen once")
    whole = run.json("penalty", "--days-late", "12")
    assert whole["notes"][0] == "per day: 240.00 (1‰ of 240,000.00) × 12 day(s) = 2,880.00"


def test_delivered_before_the_due_date(run) -> None:
    doc = run.json("penalty", "--due", "2025-10-13", "--delivered", "2025-10-01")
    assert (doc["days_late"], doc["days_early"], doc["accruing"]) == (0, 12, False)
    assert "delivered 12 day(s) before the due date 2025-10-13: not late" in doc["notes"]


def test_not_delivered_accrues_to_as_of(run) -> None:
    # Due 2025-10-01, not delivered by 2025-10-13: 12 days so far, 2,880.00 and growing.
    doc = run.json("penalty", "--due", "2025-10-01", "--as-of", "2025-10-13")
    assert (doc["days_late"], doc["accruing"], doc["counted_to"], doc["delivered"]) == \
        (12, True, "2025-10-13", None)
    assert "12 day(s) late so far (to 2025-10-13)" in run(
        "penalty", "--due", "2025-10-01", "--as-of", "2025-10-13").stdout
    assert any("accrued so far" in n for n in doc["notes"])


def test_clauses_only_from_the_file(run, tmp_path: Path) -> None:
    # A contract that names no force-majeure clause and states no provisions: nothing is cited
    # for them (the code once wrote "clause 8" and "(9.2)" whatever the contract said).
    text = EXAMPLE.read_text(encoding="utf-8")
    start = text.index("  force_majeure_clause:")
    end = text.index("\nsystems:")
    path = tmp_path / "c.yaml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    out = run("penalty", "-c", str(path), "--due", "2025-10-01", "--delivered", "2025-10-13",
              "--excuse", "2025-10-05..2025-10-06").stdout
    assert "2 day(s) excused as force majeure: 12 day(s) late less 2 = 10" in out
    for cited in ("clause 8", "8.2", "9.2", "beside the daily"):
        assert cited not in out
    with_them = run("penalty", "--due", "2025-10-01", "--delivered", "2025-10-13",
                    "--excuse", "2025-10-05..2025-10-06").stdout
    assert "force majeure (8.2)" in with_them and "9.2: " in with_them


def test_rate_text() -> None:
    from decimal import Decimal

    from contractcalc.cli.views.obligations import rate_text

    assert rate_text(Decimal("240.000")) == "240.00"
    assert rate_text(Decimal("1000.1250")) == "1,000.125"
    # A rate of 1/3 ‰ on 100.00 is 0.0333…: shown to ten places, marked as approximate.
    assert rate_text(Decimal(100) / 3000) == "≈0.0333333333"
