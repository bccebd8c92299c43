"""Catalog upkeep for translators: extract the English msgids, merge them into the Chinese .po,
compile the .mo the package ships.

    python tools/i18n.py extract   # src -> contractcalc.pot, merged into zh_CN .po (new = empty)
    python tools/i18n.py compile   # zh_CN .po -> .mo (fuzzy and empty entries left out)

Babel is a development tool only (the `test` extra); the installed tool reads the .mo with the
standard library's gettext. tests/test_i18n.py fails when the .mo is stale or a msgid of the
code has no Chinese translation.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "contractcalc"
LOCALE = SOURCE / "locale"
POT = LOCALE / "contractcalc.pot"
PO = LOCALE / "zh_CN" / "LC_MESSAGES" / "contractcalc.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "ngettext": (1, 2)}


def extract() -> Catalog:
    """Every msgid the code passes to _() or ngettext()."""
    catalog = Catalog(project="contractcalc", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
            SOURCE, method_map=[("**.py", "python")], keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments,
                    context=context)
    return catalog


def read_catalog(path: Path = PO) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale="zh_CN", domain="contractcalc")


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def update() -> None:
    template = extract()
    with POT.open("wb") as f:
        write_po(f, template, width=100, omit_header=False, sort_output=True)
    catalog = read_catalog() if PO.exists() else Catalog(locale="zh_CN", project="contractcalc")
    catalog.update(template, no_fuzzy_matching=True)
    with PO.open("wb") as f:
        write_po(f, catalog, width=100, sort_output=True, ignore_obsolete=True)


def compile_mo() -> None:
    MO.write_bytes(mo_bytes(read_catalog()))


if __name__ == "__main__":
    {"extract": update, "compile": compile_mo}[sys.argv[1]]()
