"""`contractcalc schema`: the JSON Schema of the contract file, for editors."""

from __future__ import annotations

from contractcalc.cli.app import command


@command()
def schema() -> None:
    """Print the JSON Schema of the contract file, so an editor checks and completes fields.

    Save it beside your contracts and point the editor at it; with VS Code's YAML extension,
    a first line "# yaml-language-server: $schema=./contract.schema.json" in the contract file.

    Example: contractcalc schema > contract.schema.json
    """
    import json
    import sys

    from contractcalc.shell.schema import contract_schema

    sys.stdout.write(json.dumps(contract_schema(), ensure_ascii=False, indent=2) + "\n")
