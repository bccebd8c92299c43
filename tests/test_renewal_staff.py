"""Renewal caps (clause 5) and the staff ladder (3.10.1), at and around every threshold."""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from contractcalc.core.model import Evaluation
from contractcalc.core.renewal import check_renewal
from contractcalc.core.service import ServicePeriod
from contractcalc.core.staff import climb

D = dt.date


# The reference contract's service period: 2025-09-17 (signing) to 2026-09-16, the written term
# (2023-09-17..2024-09-16, a year too early) being one year long.
TERM = ServicePeriod(D(2025, 9, 17), D(2026, 9, 16), True)
CERTIFIED, APPLIED = D(2026, 8, 20), D(2026, 9, 1)


def renewal(contract, amount, number=1, breaches=(), certified=CERTIFIED, as_of=APPLIED,
            base=None):
    """As the command calls it: what happened by as_of decided once, by core/events.py."""
    from contractcalc.core.events import occurred
    from tests.conftest import record

    recorded = record(contract, breaches=tuple(breaches),
                      **({"completion_certified": certified} if certified else {}))
    happened = occurred(recorded, as_of)
    return check_renewal(terms=contract.renewal, base=base or contract.total,
                         proposed=Decimal(amount), number=number,
                         certified=happened.dated.get("completion_certified"),
                         breaches=happened.breaches, term=TERM, as_of=as_of)


@pytest.mark.parametrize(("amount", "allowed"), [
    ("216000.00", True),     # exactly -10%: both ends are allowed (5.2 不得超过)
    ("264000.00", True),     # exactly +10%
    ("215999.99", False),    # a fen below
    ("264000.01", False),    # a fen above
    ("240000", True),
])
def test_amount_range(contract, amount, allowed) -> None:
    result = renewal(contract, amount)
    assert (result.low, result.high) == (Decimal("216000.00"), Decimal("264000.00"))
    assert result.allowed is allowed


@pytest.mark.parametrize(("amount", "allowed"), [
    # 1,323,477.75 × 1.1 = 1,455,825.525 and × 0.9 = 1,191,129.975: the printed bounds are the
    # fen amounts just inside, 1,455,825.52 and 1,191,129.98 (once printed outward as .53 and .97
    # and then refused).
    ("1455825.52", True), ("1455825.53", False), ("1191129.98", True), ("1191129.97", False),
])
def test_bounds_are_rounded_inward(contract, amount, allowed) -> None:
    result = renewal(contract, amount, base=Decimal("1323477.75"))
    assert (result.low, result.high) == (Decimal("1191129.98"), Decimal("1455825.52"))
    assert result.allowed is allowed
    assert renewal(contract, str(result.high), base=Decimal("1323477.75")).allowed
    assert renewal(contract, str(result.low), base=Decimal("1323477.75")).allowed


@pytest.mark.parametrize(("number", "allowed"), [(1, True), (2, True), (3, False)])
def test_at_most_two_renewals(contract, number, allowed) -> None:
    assert renewal(contract, "240000", number).allowed is allowed


def test_breach_in_the_term_being_renewed_bars_renewal(contract) -> None:
    # The prior year is the term being renewed, 2025-09-17..2026-09-16, not the 365 days
    # before as_of: a breach on 2025-09-16 (before service) does not count, 2025-09-17 does.
    assert not renewal(contract, "240000", breaches=(D(2025, 9, 17),)).allowed
    assert renewal(contract, "240000", breaches=(D(2025, 9, 16),)).allowed
    # Applying on 2026-09-10, a breach on 2026-09-05 counts; one recorded for after the
    # application has not happened by then.
    assert not renewal(contract, "240000", breaches=(D(2026, 9, 5),), as_of=D(2026, 9, 10)).allowed
    assert renewal(contract, "240000", breaches=(D(2026, 9, 12),), as_of=D(2026, 9, 10)).allowed
    conditions = {c.key: c.state for c in renewal(contract, "240000").conditions}
    assert conditions == {"in_time": "met", "certificate": "met", "no_breach": "met"}


def test_an_application_after_the_term_is_late(contract) -> None:
    # 5.2: 乙方在合同有效期终止前 … 提出合同续签申请. The term ends 2026-09-16: applying that day
    # is in time, the day after is late.
    assert renewal(contract, "240000", as_of=D(2026, 9, 16)).verdict == "allowed"
    late = renewal(contract, "240000", as_of=D(2026, 9, 17))
    assert late.verdict == "not_allowed" and not late.allowed
    assert "after the term ended on 2026-09-16" in late.reasons[0]


def test_without_the_certificate_it_is_not_yet(contract) -> None:
    result = renewal(contract, "240000", certified=None)
    assert (result.verdict, result.allowed) == ("not_yet", False)
    # A certificate dated after the application is not attached to it.
    assert renewal(contract, "240000", certified=D(2026, 9, 2)).verdict == "not_yet"
    # A hard reason outweighs a missing certificate.
    assert renewal(contract, "300000", certified=None).verdict == "not_allowed"


def test_renewal_cli(run) -> None:
    certified = ("-e", "completion_certified=2026-08-20", "--as-of", "2026-09-01")
    doc = run.json("renewal", "--amount", "264000", *certified)
    assert (doc["verdict"], doc["allowed"], doc["low"], doc["high"]) == \
        ("allowed", True, "216000.00", "264000.00")
    assert (doc["term_first"], doc["term_last"], doc["term_end_assumed"]) == \
        ("2025-09-17", "2026-09-16", True)
    bad = run.json("renewal", "--amount", "264000.01", *certified, code=1)
    assert bad["change_percent"] == "+10.0000041667"
    not_yet = run.json("renewal", "--amount", "240000", "--as-of", "2026-09-01", code=1)
    assert (not_yet["verdict"], not_yet["allowed"]) == ("not_yet", False)
    table = run("renewal", "--amount", "240000", "--as-of", "2026-09-01", code=1).stdout
    assert ": not yet" in table and "not yet: the completion certificate" in table
    late = run("renewal", "--amount", "240000", "-e", "completion_certified=2026-08-20",
               "--as-of", "2026-09-17", code=1).stdout
    assert "NOT allowed" in late and "after the term ended" in late
    assert run("renewal", "--amount", "abc", code=2).stderr.count("\n") == 2  # note + error
    run("renewal", "--amount", "1", "--number", "0", code=2)


def ev(day, person, result):
    return Evaluation(date=day, person=person, result=result)


def test_ladder_thresholds(contract) -> None:
    ladder = contract.staff_ladder
    one_fail = climb([ev(D(2025, 10, 1), "A", "fail"), ev(D(2025, 11, 1), "A", "pass")], ladder)
    assert (one_fail.standing, one_fail.send_backs) == ("fine", ())
    # A fails twice → send-back 1; B, C likewise → 3 send-backs: the warning (达 3 次).
    evals = [ev(D(2025, 10, n), p, "fail") for n, p in
             [(1, "A"), (2, "B"), (3, "A"), (4, "B"), (5, "C"), (6, "C")]]
    three = climb(evals, ladder)
    assert [p.sent_back for p in three.people] == [(D(2025, 10, 3),), (D(2025, 10, 4),),
                                                  (D(2025, 10, 6),)]
    assert (three.standing, three.warning_on, three.terminable_on) == \
        ("warning", D(2025, 10, 6), None)
    # A fourth send-back (超过 3 次) gives the right to terminate.
    four = climb([*evals, ev(D(2025, 10, 7), "D", "fail"), ev(D(2025, 10, 8), "D", "fail")],
                 ladder)
    assert (four.standing, four.terminable_on) == ("may_terminate", D(2025, 10, 8))


def test_same_person_sent_back_twice(contract) -> None:
    fails = [ev(D(2025, 10, n), "A", "fail") for n in range(1, 5)]
    result = climb(fails, contract.staff_ladder)
    assert result.people[0].sent_back == (D(2025, 10, 2), D(2025, 10, 4))


def test_staff_cli(run, tmp_path: Path) -> None:
    csv = tmp_path / "ev.csv"
    csv.write_text("date,person,result,note\n2025-10-01,张三,fail,\n2025-11-01,张三,不合格,迟到\n"
                   "2025-12-01,李四,pass,\n", encoding="utf-8-sig")
    doc = run.json("staff", str(csv))
    assert doc["standing"] == "fine"
    assert doc["rows"][0]["sent_back"] == ["2025-11-01"]
    early = run("staff", str(csv), "--as-of", "2025-10-15", "--format", "json")
    assert json.loads(early.stdout)["rows"][0]["sent_back"] == []   # the second fail is later
    assert "dated after --as-of 2025-10-15 not counted" in early.stderr
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("date,person,result\n2025-10-01,张三,不合格\n".encode("gbk"))
    assert run.json("staff", str(gbk))["rows"][0]["failures"] == 1


@pytest.mark.parametrize(("content", "message"), [
    ("date,person\n2025-10-01,A\n", ":1: missing column(s) result"),
    ("date,person,result\n2025-13-01,A,fail\n", ":2: date: '2025-13-01' is not a date"),
    ("date,person,result\n2025-10-01,A,maybe\n", ":2: result: 'maybe'; expected pass or fail"),
    ("date,person,result\n2025-10-01,,fail\n", ":2: person: empty"),
    ("date,person,result\n2025-10-01,A,fail,extra\n", ":2: 4 fields, the header has 3"),
    ("", ":1: empty file"),
])
def test_staff_bad_rows(run, tmp_path: Path, content, message) -> None:
    csv = tmp_path / "ev.csv"
    csv.write_text(content, encoding="utf-8")
    assert f"{csv}{message}" in run("staff", str(csv), code=2).stderr
