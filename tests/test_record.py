"""`contractcalc record`: the event lands in the file, every other byte stays, and it can be undone."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, ROOT

ASOF = ["--as-of", "2026-02-01"]


@pytest.fixture()
def mine(tmp_path: Path) -> Path:
    path = tmp_path / "mine.yaml"  # not ./contract.yaml, which commands would find by themselves
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def added_lines(before: str, after: str) -> list[str]:
    """The lines of `after` that `before` lacks, provided nothing of `before` was lost."""
    old, new = before.splitlines(), after.splitlines()
    assert all(line in new for line in old), "a line of the user's file was lost or changed"
    return [line for line in new if line not in old]


def test_records_keeping_every_comment(run, mine: Path) -> None:
    before = mine.read_text(encoding="utf-8")
    out = run("record", "bond_confirmed", "2026-01-05", "-c", str(mine), *ASOF).stdout
    after = mine.read_text(encoding="utf-8")
    assert added_lines(before, after) == ["  bond_confirmed: 2026-01-05"]
    assert "+  bond_confirmed: 2026-01-05" in out and "recorded bond_confirmed" in out
    doc = run.json("bond", "-c", str(mine), *ASOF)
    assert {r["key"]: r for r in doc["rows"]}["bond_confirm"]["done_on"] == "2026-01-05"


def test_lists_and_evaluations(run, mine: Path) -> None:
    before = mine.read_text(encoding="utf-8")
    run("record", "breach", "2026-01-06", "-c", str(mine), *ASOF)
    run("record", "breach", "2026-01-08", "-c", str(mine), *ASOF)
    run("record", "evaluation", "2026-01-07", "--person", "张三", "--result", "fail",
        "-c", str(mine), *ASOF)
    assert added_lines(before, mine.read_text(encoding="utf-8")) == [
        "  breaches: [2026-01-06, 2026-01-08]",
        '  evaluations: [{date: 2026-01-07, person: "张三", result: fail}]']
    result = run("record", "evaluation", "2026-01-07", "-c", str(mine), *ASOF, code=2)
    assert "--person NAME and --result pass|fail" in result.stderr


def test_block_lists_flow_events_and_no_events(run, tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    block = tmp_path / "block.yaml"
    block.write_text(text + "  breaches:\n  - 2026-01-02\n  completion_requested: 2026-01-03\n",
                     encoding="utf-8")
    run("record", "breach", "2026-01-04", "-c", str(block), *ASOF)
    assert "  - 2026-01-02\n  - 2026-01-04\n  completion_requested" in block.read_text("utf-8")
    start = text.rindex("\nevents:") + 1
    flow = tmp_path / "flow.yaml"
    flow.write_text(text[:start] + "events: {signed: 2025-09-17}\n", encoding="utf-8")
    run("record", "service_started", "2025-09-20", "-c", str(flow), *ASOF)
    assert flow.read_text("utf-8").endswith(
        "events: {signed: 2025-09-17, service_started: 2025-09-20}\n")
    bare = tmp_path / "bare.yaml"
    bare.write_text(text[:start], encoding="utf-8")
    run("record", "bond_submitted", "2025-12-01", "-c", str(bare), *ASOF)
    assert bare.read_text("utf-8").endswith("events:\n  bond_submitted: 2025-12-01\n")


def test_a_0_1_delivered_entry_is_changed_where_it_is(run, tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    text = (ROOT / "tests" / "data" / "contract-0.1.yaml").read_text(encoding="utf-8")
    old.write_text(text + "  delivered: {document_compilation: 2026-09-20}\n", encoding="utf-8")
    run("record", "document_compilation", "2026-09-22", "--replace", "-c", str(old),
        "--as-of", "2026-10-01")
    assert old.read_text("utf-8").endswith("  delivered: {document_compilation: 2026-09-22}\n")


def test_refusals(run, mine: Path) -> None:
    before = mine.read_text(encoding="utf-8")
    cases = [
        (["bond_confimed", "2026-01-05"], "did you mean bond_confirmed"),
        (["bond_confirmed", "2026-03-01"], "is after 2026-02-01"),
        (["bond_confirmed", "2026-13-01"], "DATE: '2026-13-01' is not a date"),
        (["signed", "2025-09-18"], "signed is recorded already, on 2025-09-17; --replace"),
    ]
    for args, message in cases:
        result = run("record", *args, "-c", str(mine), *ASOF, code=2)
        assert message in result.stderr, result.stderr
    assert mine.read_text(encoding="utf-8") == before
    assert "record writes into your own contract file" in run("record", "signed", "2025-09-17",
                                                              code=2).stderr
    # A planned date is allowed when asked for; the same date again changes nothing.
    run("record", "bond_confirmed", "2026-03-01", "--force", "-c", str(mine), *ASOF)
    result = run("record", "bond_confirmed", "2026-03-01", "--force", "-c", str(mine), *ASOF)
    assert "recorded already on 2026-03-01: the file is unchanged" in result.stderr


def test_undo_restores_and_refuses_after_a_hand_edit(run, mine: Path) -> None:
    before = mine.read_text(encoding="utf-8")
    run("record", "bond_confirmed", "2026-01-05", "-c", str(mine), *ASOF)
    run("record", "--undo", "-c", str(mine))
    assert mine.read_text(encoding="utf-8") == before
    assert "nothing to undo" in run("record", "--undo", "-c", str(mine), code=2).stderr
    run("record", "bond_confirmed", "2026-01-05", "-c", str(mine), *ASOF)
    mine.write_text(mine.read_text(encoding="utf-8") + "# my note\n", encoding="utf-8")
    result = run("record", "--undo", "-c", str(mine), code=2)
    assert "changed since the last record" in result.stderr
    assert mine.read_text(encoding="utf-8").endswith("# my note\n")   # nothing lost


def test_json_report(run, mine: Path) -> None:
    doc = run.json("record", "bond_submitted", "2025-12-01", "-c", str(mine), *ASOF)
    assert (doc["event"], doc["date"], doc["changed"]) == ("bond_submitted", "2025-12-01", True)
    assert "+  bond_submitted: 2025-12-01" in doc["diff"]


def test_an_evaluation_in_chinese(run, mine: Path) -> None:
    before = mine.read_text(encoding="utf-8")
    run("record", "evaluation", "2026-01-07", "--person", "张三", "--result", "不合格",
        "-c", str(mine), *ASOF)
    assert added_lines(before, mine.read_text(encoding="utf-8")) == [
        '  evaluations: [{date: 2026-01-07, person: "张三", result: fail}]']
