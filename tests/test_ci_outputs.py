"""Scripted use in CI: `status --format junit` and the pre-commit hook's entry."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from tests.conftest import EXAMPLE, ROOT

AS_OF = "2026-03-01"


def test_status_junit_one_case_per_obligation(run) -> None:
    out = run("status", str(EXAMPLE), "--as-of", AS_OF, "--format", "junit", code=1).stdout
    root = ET.fromstring(out)
    suite = root.find("testsuite")
    assert suite is not None and suite.get("name") == "2025-036"
    cases = suite.findall("testcase")
    # Every obligation, not only those needing attention: as `status --all` lists them.
    everything = run.json("status", str(EXAMPLE), "--as-of", AS_OF, "--all", code=1)
    assert len(cases) == len(everything["rows"]) == int(suite.get("tests", "0"))
    failed = [c for c in cases if c.find("failure") is not None]
    overdue = [r for r in everything["rows"] if r["status"] == "overdue"]
    # As of 2026-03-01 only the first quarterly report (due 2025-12-30) is overdue.
    assert len(failed) == len(overdue) == 1 == int(suite.get("failures", "0"))
    failure = failed[0].find("failure")
    assert failure is not None and failure.get("type") == "overdue"
    assert "61" in (failure.get("message") or "") and "14,640.00" in (failure.text or "")
    assert failed[0].get("name", "").startswith("1.4.2 ")


def test_junit_escapes_what_files_hold() -> None:
    from contractcalc.cli.output.junit import render
    from contractcalc.cli.output.report import Column, Report

    rows = [{"contract": "A&B", "clause": "1", "title": "<x> \x1b", "status": "overdue",
             "state": 'late "now"', "at_stake": "a < b"}]
    xml = render(Report("status", "t", (Column("title", "T"),), rows))
    case = ET.fromstring(xml).find("testsuite/testcase")
    assert case is not None and case.get("name") == "1 <x> \\x1b"
    failure = case.find("failure")
    assert failure is not None and failure.text == "a < b"


def test_missed_uptime_target_is_a_failure(run, tmp_path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_text(text.replace("calendar: {}", "outage_log: log.csv\ncalendar: {}"),
                    encoding="utf-8")
    # 20 days down of a 365-day year: 94.5% < 95%.
    (tmp_path / "log.csv").write_text("system,start,end\nbasics,2025-10-01 00:00,2025-10-21 00:00\n",
                                      encoding="utf-8")
    out = run("status", str(path), "--as-of", AS_OF, "--format", "junit", code=1).stdout
    types = [f.get("type") for f in ET.fromstring(out).iter("failure")]
    assert "uptime_missed" in types


def test_pre_commit_hook_checks_every_file(tmp_path, capfd) -> None:
    from contractcalc.cli.precommit import main

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} == {"contractcalc-check", "contractcalc-check-strict"}
    assert all(h["entry"].startswith("contractcalc-check-files") for h in hooks)
    broken = tmp_path / "contract-broken.yaml"
    broken.write_text("number: 1\n", encoding="utf-8")
    clean = ROOT / "tests" / "data" / "contract-four.yaml"  # no drafting findings
    assert main([str(clean)]) == 0
    assert main([str(clean), str(EXAMPLE)]) == 1  # the example's errors (term, annex dates)
    assert main(["--lang=zh", str(clean)]) == 0  # an option with its value in one argument
    assert main([str(EXAMPLE), str(broken), str(clean)]) == 2  # the worst of the files
    assert main([]) == 0
    assert Path(broken).exists()


def test_junit_file_in_a_legacy_encoding_stays_valid_xml(run, tmp_path) -> None:
    out = tmp_path / "status.xml"
    run("--lang", "zh", "status", str(EXAMPLE), "--as-of", AS_OF, "--format", "junit",
        "--output", str(out), "--output-encoding", "gbk", code=1)
    data = out.read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="GBK"?>')
    # expat reads no multi-byte legacy encoding: decoded here as a CI tool in Python would.
    text = data.decode("gbk").split("?>", 1)[1]
    assert "逾期" in ET.fromstring(text).find("testsuite/testcase/failure").get("message")  # type: ignore[union-attr]
    from contractcalc.cli.output.junit import declared

    assert declared('<?xml version="1.0" encoding="UTF-8"?><a>✓</a>', "ascii") == \
        b'<?xml version="1.0" encoding="ASCII"?><a>&#10003;</a>'
