"""Renewal caps (clause 5) and the staff ladder (3.10.1), at and around every threshold."""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from contractcalc.core.model import Evaluation
from contractcalc.core.renewal import check_renewal
from contractcalc.core.staff import climb

D = dt.date


def renewal(contract, amount, number=1, breaches=(), certified=None):
    return check_renewal(terms=contract.renewal, base=contract.total, proposed=Decimal(amount),
                         number=number, certified=certified, breaches=breaches,
                         as_of=D(2026, 9, 1))


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


@pytest.mark.parametrize(("number", "allowed"), [(1, True), (2, True), (3, False)])
def test_at_most_two_renewals(contract, number, allowed) -> None:
    assert renewal(contract, "240000", number).allowed is allowed


def test_breach_in_prior_year_bars_renewal(contract) -> None:
    # as_of 2026-09-01: the prior year is 2025-09-02..2026-09-01.
    assert not renewal(contract, "240000", breaches=(D(2025, 9, 2),)).allowed
    assert renewal(contract, "240000", breaches=(D(2025, 9, 1),)).allowed
    conditions = {c.key: c.state for c in renewal(contract, "240000",
                                                  certified=D(2026, 8, 1)).conditions}
    assert conditions == {"certificate": "met", "no_breach": "met"}


def test_renewal_cli(run) -> None:
    doc = run.json("renewal", "--amount", "264000")
    assert (doc["allowed"], doc["low"], doc["high"]) == (True, "216000.00", "264000.00")
    bad = run.json("renewal", "--amount", "264000.01", code=1)
    assert bad["change_percent"] == "+10.0000041667"
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
