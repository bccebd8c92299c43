"""`--explain`: the steps of a figure, worked by hand against the official holiday notice, the
contract text and the Civil Code (民法典 第二百零一条、第二百零三条)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from tests.conftest import EXAMPLE, ROOT

SOFTWARE = ROOT / "examples" / "contract-software-delivery.yaml"
D = dt.date


def codes(steps: list[Any]) -> list[str]:
    return [s.code if hasattr(s, "code") else s["step"] for s in steps]


def test_twenty_working_days_over_national_day_2025(calendar) -> None:
    """Contract 2025-036 §3.4: installment 1 within 20 working days (工作日) of signing on
    2025-09-17. 国务院办公厅 notice for 2025: 10-01..10-08 off (国庆 and 中秋), Sunday 09-28 and
    Saturday 10-11 worked. Counting from Thursday 09-18: 09-18, 09-19 (2); 09-22..09-26 (7);
    Sun 09-28 (8); 09-29, 09-30 (10); 10-09, 10-10 (12); Sat 10-11 (13); 10-13..10-17 (18);
    10-20, 10-21 (20) -> due Tuesday 2025-10-21. Rest days passed over: Sat 09-20, Sun 09-21,
    Sat 09-27, 10-01..10-08 (8 days), Sun 10-12, Sat 10-18, Sun 10-19 = 14."""
    from contractcalc.core.explain import deadline_steps
    from contractcalc.core.model import Trigger

    steps, due = deadline_steps(calendar, Trigger("signed", working_days=20), D(2025, 9, 17))
    assert due == D(2025, 10, 21)
    assert codes(steps) == ["anchor", "working_days", "rest_days_skipped", "adjusted_workdays",
                            "due"]
    by = {s.code: s.params for s in steps}
    assert by["anchor"] == {"event": "signed", "date": D(2025, 9, 17)}
    assert by["working_days"] == {"days": 20, "first": D(2025, 9, 18), "last": D(2025, 10, 21)}
    skipped = [d["date"] for d in by["rest_days_skipped"]["days"]]
    assert skipped == [D(2025, 9, 20), D(2025, 9, 21), D(2025, 9, 27),
                       *(D(2025, 10, k) for k in range(1, 9)),
                       D(2025, 10, 12), D(2025, 10, 18), D(2025, 10, 19)]
    assert by["rest_days_skipped"]["count"] == 14
    assert [d["date"] for d in by["adjusted_workdays"]["days"]] == [D(2025, 9, 28),
                                                                   D(2025, 10, 11)]
    assert {d["kind"] for d in by["adjusted_workdays"]["days"]} == {"adjusted_workday"}


def test_thirty_calendar_days_ending_on_a_holiday_move_to_the_next_working_day(calendar) -> None:
    """30 日 after 2025-09-01: the event's day is not counted (art. 201), so day 1 is 09-02 and
    day 30 is 10-01, National Day; the last day of a period on a statutory holiday moves to the
    day after the holiday ends (art. 203): 10-01..10-08 off, so Thursday 2025-10-09."""
    from contractcalc.core.explain import deadline_steps
    from contractcalc.core.model import Trigger

    steps, due = deadline_steps(calendar, Trigger("accepted", days=30), D(2025, 9, 1))
    assert due == D(2025, 10, 9)
    assert codes(steps) == ["anchor", "calendar_days", "last_day_moved", "due"]
    assert steps[1].params == {"days": 30, "first": D(2025, 9, 2), "last": D(2025, 10, 1)}
    assert steps[2].params["date"] == D(2025, 10, 1)
    assert steps[2].params["kind"] == "holiday"
    assert steps[2].params["to"] == D(2025, 10, 9)


def test_a_calendar_period_ending_on_a_working_day_is_not_moved(calendar) -> None:
    """10 日 after Monday 2025-09-01 ends Thursday 09-11, a working day: nothing moves."""
    from contractcalc.core.explain import deadline_steps
    from contractcalc.core.model import Trigger

    steps, due = deadline_steps(calendar, Trigger("accepted", days=10), D(2025, 9, 1))
    assert due == D(2025, 9, 11)
    assert codes(steps) == ["anchor", "calendar_days", "due"]


def test_months_then_working_days_and_a_missing_year(calendar) -> None:
    """质保金-style: 12 months after 2025-09-17 is 2026-09-17, then 15 working days; with no
    anchor there is no date; a year beyond the data is said, not guessed."""
    from contractcalc.core.explain import deadline_steps
    from contractcalc.core.model import Trigger

    steps, due = deadline_steps(calendar, Trigger("accepted", months=12, working_days=15),
                                D(2025, 9, 17))
    assert steps[1].params == {"months": 12, "date": D(2026, 9, 17)}
    assert due == calendar.add(D(2026, 9, 17), 15)
    steps, due = deadline_steps(calendar, Trigger("accepted", working_days=5), None)
    assert (codes(steps), due) == (["anchor_pending"], None)
    steps, due = deadline_steps(calendar, Trigger("accepted", working_days=5), D(2099, 1, 5))
    assert (codes(steps)[-1], due) == ("holiday_data_missing", None)


def test_payments_explain_in_json_and_in_both_languages(run) -> None:
    doc = run.json("payments", "-c", str(EXAMPLE), "--as-of", "2026-01-10", "--explain")
    first = next(r for r in doc["rows"] if r["key"] == "installment_1")
    steps = {s["step"]: s for s in first["explain"]}
    assert steps["anchor"] == {"step": "anchor", "event": "signed", "date": "2025-09-17"}
    assert steps["due"]["date"] == first["due"] == "2025-10-21"
    assert [d["date"] for d in steps["adjusted_workdays"]["days"]] == ["2025-09-28", "2025-10-11"]
    en = run("payments", "-c", str(EXAMPLE), "--as-of", "2026-01-10", "--explain",
             "--lang", "en").stdout
    assert "2025-10-01..2025-10-05 (statutory holiday: National Day" in en
    assert "20 working day(s) (工作日) counted, from 2025-09-18 through 2025-10-21" in en
    zh = run("payments", "-c", str(EXAMPLE), "--as-of", "2026-01-10", "--explain",
             "--lang", "zh").stdout
    assert "计 20 个工作日，自 2025-09-18 至 2025-10-21" in zh
    assert "跳过的休息日（14 天）" in zh
    plain = run.json("payments", "-c", str(EXAMPLE), "--as-of", "2026-01-10")
    assert not any("explain" in r for r in plain["rows"])


def test_bond_and_timeline_explain_every_row(run) -> None:
    for command in ("bond", "timeline"):
        doc = run.json(command, "-c", str(EXAMPLE), "--as-of", "2026-01-10", "--explain",
                       code=None)
        for row in doc["rows"]:
            assert "explain" in row
            due = [s for s in row["explain"] if s["step"] == "due"]
            if due and row["trigger"] and row["due"]:
                assert due[0]["date"] == row["due"], row["key"]


def test_penalty_tiers_and_cap(run) -> None:
    """Contract 2025-118 §7.1 (examples/contract-software-delivery.yaml): 0.5‰ of the total
    360,000.00 a day for days 1-10, 1‰ from day 11, cap 10% of the total. 300 days:
    360,000 × 0.5‰ = 180.00 × 10 = 1,800.00; 360,000 × 1‰ = 360.00 × 290 = 104,400.00; sum
    106,200.00 > cap 36,000.00 -> 36,000.00."""
    doc = run.json("penalty", "-c", str(SOFTWARE), "--days-late", "300", "--explain")
    daily = next(r for r in doc["rows"] if r["key"] == "daily")
    steps = daily["explain"]
    assert codes(steps) == ["days_late_given", "damages_base", "damages_tier", "damages_tier",
                            "damages_sum", "damages_cap", "damages_total"]
    tiers = [s for s in steps if s["step"] == "damages_tier"]
    assert [(t["first_day"], t["last_day"], t["per_day"], t["amount"]) for t in tiers] == [
        (1, 10, "180.00", "1800.00"), (11, 300, "360.00", "104400.00")]
    assert steps[4]["amount"] == "106200.00"
    assert steps[5] == {"step": "damages_cap", "cap": "36000.00", "percent": "10",
                        "reached": True}
    assert steps[6]["amount"] == daily["amount"] == "36000.00"
    tier_2 = next(r for r in doc["rows"] if r["key"] == "delay_tier_2")
    assert codes(tier_2["explain"]) == ["damages_tier"]
    out = run("penalty", "-c", str(SOFTWARE), "--days-late", "300", "--explain",
              "--lang", "en").stdout
    assert "360,000.00 × 1‰ = 360.00 a day × 290 day(s) = 104,400.00" in out
    assert "cap 10% = 36,000.00: reached" in out


def test_penalty_days_late_from_dates(run) -> None:
    """Due 2025-10-21, delivered 2025-11-03: days 10-22..11-03 = 10 + 3 = 13 calendar days."""
    doc = run.json("penalty", "-c", str(EXAMPLE), "--due", "2025-10-21", "--delivered",
                   "2025-11-03", "--explain")
    daily = next(r for r in doc["rows"] if r["key"] == "daily")
    assert daily["explain"][0] == {"step": "days_late", "due": "2025-10-21",
                                   "first": "2025-10-22", "last": "2025-11-03", "gross": 13,
                                   "excused": 0, "days": 13}


def test_uptime_explain_counts_each_outage(run) -> None:
    """tests/golden/outages.csv: platform down 2025-10-03 09:00..14:00 = 5 h; measured from
    2025-09-17 00:00 to the end of 2026-03-01 = 166 days × 24 = 3,984 h; uptime
    (3984 − 5) / 3984 = 99.8745% -> 99.874."""
    doc = run.json("uptime", str(ROOT / "tests" / "golden" / "outages.csv"), "-c", str(EXAMPLE),
                   "--as-of", "2026-03-01", "--explain", code=None)
    platform = next(r for r in doc["rows"] if r["system"] == "platform")
    steps = platform["explain"]
    assert steps[0]["step"] == "uptime_period" and steps[0]["measured_hours"] == "3984.000"
    outages = [s for s in steps if s["step"] == "outage_counted"]
    assert [(o["start"], o["end"], o["hours"]) for o in outages] == [
        ("2025-10-03T09:00:00", "2025-10-03T14:00:00", "5.000")]
    assert steps[-1]["uptime_percent"] == platform["uptime_percent"] == "99.874"


def test_renewal_explain_range(run) -> None:
    """±10% of 240,000.00 = 216,000.00 .. 264,000.00; 250,000 is +4.17%."""
    doc = run.json("renewal", "-c", str(EXAMPLE), "--amount", "250000", "--as-of", "2026-09-01",
                   "--explain", code=None)
    amount = next(r for r in doc["rows"] if r["key"] == "amount")
    assert amount["explain"][0] == {"step": "renewal_range", "base": "240000.00",
                                    "percent": "10", "low": "216000.00", "high": "264000.00"}
    assert amount["explain"][1]["change_percent"] == "+4.17"
    assert amount["explain"][1]["in_range"] is True


def test_every_explain_key_and_code_is_in_the_readme(run) -> None:
    from tests.test_registry import README, keys_of

    row = next(line for line in README.splitlines() if line.startswith("| `--explain`"))
    listed = set(re.findall(r"`([a-z_]+)`", row))
    runs = [("payments", "-c", str(EXAMPLE), "--as-of", "2026-01-10"),
            ("penalty", "-c", str(SOFTWARE), "--due", "2025-10-21", "--delivered", "2026-09-01"),
            ("penalty", "-c", str(SOFTWARE), "--days-late", "300"),
            ("uptime", str(ROOT / "tests" / "golden" / "outages.csv"), "-c", str(EXAMPLE),
             "--as-of", "2026-03-01"),
            ("renewal", "-c", str(EXAMPLE), "--amount", "250000", "--as-of", "2026-09-01")]
    for args in runs:
        doc = run.json(*args, "--explain", code=None)
        steps = [s for r in doc["rows"] for s in r.get("explain", [])]
        assert steps, args
        missing = (keys_of(steps) | {s["step"] for s in steps}) - listed
        assert not missing, f"{args[0]}: not in README's --explain row: {sorted(missing)}"


def test_a_working_that_disagrees_with_the_schedule_is_not_shown(calendar, contract) -> None:
    """Safety: an obligation whose date the steps do not reach gets `not_explained`, never a
    working that looks right for another date."""
    from contractcalc.cli.views.explain import obligation_steps
    from contractcalc.core.events import make_context
    from contractcalc.core.payments.installments import installments

    ctx = make_context(contract, as_of=D(2026, 1, 10), calendar=calendar)
    first = installments(ctx)[0]
    assert codes(obligation_steps(ctx, first))[-1] == "due"
    wrong = first._replace(due=first.due + dt.timedelta(days=1))
    assert codes(obligation_steps(ctx, wrong)) == ["not_explained"]
    assert Decimal(first.amount) == Decimal("120000.00")


def test_completion_window_before_the_term_ends(run) -> None:
    """Contract 2025-036: the completion request within 15 working days before the term ends;
    the service period ends Wednesday 2026-09-16 (a working day, counted). Back from it:
    09-16, 09-15, 09-14 (3); 09-11..09-07 (8); 09-04..08-31 (13); 08-28, 08-27 (15): the window
    opens Thursday 2026-08-27, with the weekends 08-29/30, 09-05/06, 09-12/13 inside (6 days)."""
    doc = run.json("bond", "-c", str(EXAMPLE), "--as-of", "2026-01-10", "--explain", code=None)
    row = next(r for r in doc["rows"] if r["key"] == "completion_request")
    steps = {s["step"]: s for s in row["explain"]}
    assert steps["window_before"] == {"step": "window_before", "days": 15,
                                      "first": "2026-08-27", "last": "2026-09-16"}
    assert row["earliest"] == "2026-08-27"
    assert steps["rest_days_skipped"]["count"] == 6


def test_explain_is_offered_by_the_six_commands_only(run) -> None:
    for command in ("payments", "bond", "timeline", "penalty", "uptime", "renewal"):
        assert "--explain" in run(command, "--help").output, command
    assert "--explain" not in run("status", "--help").output
    run("status", str(EXAMPLE), "--explain", code=2)
