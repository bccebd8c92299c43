"""A JSON Schema of the contract file, made from the model itself, so editors (VS Code's YAML
extension, JetBrains) complete and check fields as the user types.

Pydantic describes a NamedTuple as an array (its positional form); a contract file writes each
one as a mapping, so the schema is built here from the same annotations, with each field's
attribute docstring as its description.
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from contractcalc.core import model

SCHEMA_ID = "https://contractcalc.invalid/contract.schema.json"
WRITTEN = {("Fees", "first"): "from", ("MaintenanceWindow", "start"): "from"}
"""Fields the file writes under another name (a Python keyword: contract_file.py)."""


def field_docs() -> dict[tuple[str, str], str]:
    """(class, field) -> the docstring written under the field in core/model.py."""
    tree = ast.parse(inspect.getsource(model))
    docs: dict[tuple[str, str], str] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        for first, second in zip(node.body, node.body[1:], strict=False):
            if (isinstance(first, ast.AnnAssign) and isinstance(first.target, ast.Name)
                    and isinstance(second, ast.Expr) and isinstance(second.value, ast.Constant)
                    and isinstance(second.value.value, str)):
                docs[(node.name, first.target.id)] = " ".join(second.value.value.split())
    return docs


def contract_schema() -> dict[str, Any]:
    docs = field_docs()
    definitions: dict[str, Any] = {}
    root = _record(model.Contract, docs, definitions)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "contractcalc contract file", **root, "$defs": definitions}


def _record(kind: type, docs: dict[tuple[str, str], str],
            definitions: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(kind)
    defaults: Mapping[str, Any] = getattr(kind, "_field_defaults", {})
    properties = {}
    for name in kind._fields:  # type: ignore[attr-defined]
        prop = _type(hints[name], docs, definitions)
        if (kind.__name__, name) in docs:
            prop = {**prop, "description": docs[(kind.__name__, name)]}
        properties[WRITTEN.get((kind.__name__, name), name)] = prop
    schema: dict[str, Any] = {"type": "object", "properties": properties,
                              "additionalProperties": False}
    required = [WRITTEN.get((kind.__name__, n), n) for n in kind._fields  # type: ignore[attr-defined]
                if n not in defaults]
    if required:
        schema["required"] = required
    if kind.__doc__ and not kind.__doc__.startswith(f"{kind.__name__}("):
        schema["description"] = " ".join(kind.__doc__.split())
    return schema


def _events(docs: dict[tuple[str, str], str], definitions: dict[str, Any]) -> dict[str, Any]:
    """The file's flat `events:` mapping: any event the contract defines, plus three lists."""
    date = {"type": "string", "format": "date"}
    lists = {name: _type(typing.get_type_hints(model.Events)[name], docs, definitions)
             for name in ("failed_acceptances", "breaches", "evaluations")}
    return {"type": "object", "description": "What has happened: each event the contract "
            "defines by name (signed, bond_confirmed, an installment's paid_event, "
            "installment_N_invoiced, a deliverable's key ...) with its date; and the lists.",
            "properties": {**lists, "delivered": {"type": "object",
                                                  "additionalProperties": date,
                                                  "description": "0.1 form: deliverable keys "
                                                                 "with dates"}},
            "additionalProperties": {"anyOf": [date, {
                "type": "object", "required": ["date", "score"], "additionalProperties": False,
                "description": "An evaluation with its score (fee_N_evaluated)",
                "properties": {"date": date, "score": {"type": "number"}}}]}}


def _type(hint: Any, docs: dict[tuple[str, str], str],
          definitions: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is model.Events:
        return _events(docs, definitions)
    if isinstance(hint, type) and issubclass(hint, tuple) and hasattr(hint, "_fields"):
        if hint.__name__ not in definitions:
            definitions[hint.__name__] = {}  # placeholder against recursion
            definitions[hint.__name__] = _record(hint, docs, definitions)
        return {"$ref": f"#/$defs/{hint.__name__}"}
    if origin in (typing.Union, types.UnionType):
        options = [_type(a, docs, definitions) for a in args if a is not type(None)]
        return options[0] if len(options) == 1 else {"anyOf": options}
    if origin is typing.Literal:
        return {"enum": list(args)}
    if origin is tuple:
        return {"type": "array", "items": _type(args[0], docs, definitions)}
    if origin in (dict, Mapping, typing.Mapping):
        key, value = args
        out: dict[str, Any] = {"type": "object",
                               "additionalProperties": _type(value, docs, definitions)}
        if key is int:
            out["propertyNames"] = {"pattern": "^[0-9]{4}$"}
        elif key is dt.date:
            out["propertyNames"] = {"format": "date"}
        return out
    return _SCALARS[hint]


_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    Decimal: {"type": ["number", "string"], "pattern": r"^-?[0-9]+(\.[0-9]+)?$"},
    dt.date: {"type": "string", "format": "date"},
}
