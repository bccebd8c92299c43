"""`contractcalc schema`: the JSON Schema of the contract file, for editors."""

from __future__ import annotations

from contractcalc.cli.app import command
from contractcalc.i18n import _


@command(help=_(
    "Print the JSON Schema of the contract file, so an editor checks and completes fields.\n\n"
    "Save it beside your contracts and point the editor at it; with VS Code's YAML extension, "
    "a first line \"# yaml-language-server: $schema=./contract.schema.json\" in the contract "
    "file.\n\nExample: contractcalc schema > contract.schema.json"))
def schema() -> None:
    """The contract file's JSON Schema (help text above, translated)."""
    import json
    import sys

    from contractcalc.shell.contracts.schema import contract_schema

    sys.stdout.write(json.dumps(contract_schema(), ensure_ascii=False, indent=2) + "\n")
