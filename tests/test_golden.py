"""Whole outputs of the main reports on the reference contract, compared byte for byte.

They pin behaviour: a change that alters any of these outputs must say so by regenerating them
(``CONTRACTCALC_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py``) in its own commit,
where the diff of the golden files shows exactly what a user will see differently.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE

GOLDEN = Path(__file__).with_name("golden")
OUTAGES = GOLDEN / "outages.csv"
EVENTS = ["--event", "second_payment_received=2025-11-20", "--event", "bond_confirmed=2026-01-05"]

CASES = {
    "payments": ["payments", "-c", str(EXAMPLE), "--as-of", "2026-01-10", *EVENTS],
    "timeline": ["timeline", "-c", str(EXAMPLE), "--as-of", "2026-01-10", *EVENTS],
    "bond": ["bond", "-c", str(EXAMPLE), "--as-of", "2026-01-10", *EVENTS],
    "uptime": ["uptime", str(OUTAGES), "-c", str(EXAMPLE), "--from", "2025-09-17",
               "--to", "2026-09-16", "--as-of", "2026-03-01"],
}


# The same outputs in Chinese (--lang zh): headings, statuses, notes; keys and codes unchanged.
CHINESE = ("payments", "timeline", "uptime")


@pytest.mark.parametrize("fmt", ["table", "json"])
@pytest.mark.parametrize(("name", "lang"), [*((n, "en") for n in sorted(CASES)),
                                            *((n, "zh") for n in CHINESE)])
def test_golden_output(run, name: str, lang: str, fmt: str) -> None:
    result = run(*CASES[name], "--format", fmt, "--lang", lang, code=None)
    got = f"exit {result.exit_code}\n{result.stdout}"
    suffix = "" if lang == "en" else f".{lang}"
    path = GOLDEN / f"{name}{suffix}.{'txt' if fmt == 'table' else 'json'}"
    if os.environ.get("CONTRACTCALC_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")
