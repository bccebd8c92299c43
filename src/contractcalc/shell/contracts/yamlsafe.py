"""A strict, position-keeping reader for YAML contract files (PyYAML's safe loader underneath)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from contractcalc.core.errors import InputError, brief
from contractcalc.i18n import _

Position = tuple[int, int]
KEY = "\0key"  # positions[(KEY, *path)] is where the key of path is written; [path], its value


class _Loader(yaml.SafeLoader):
    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _Refused(_("aliases (*name) are not allowed in contract files"),
                           event.start_mark)
        return super().compose_node(parent, index)


MAX_DIGITS = 50
"""No contract value needs more characters in a number (amounts stop at 10^16); a 100,000-digit
one was quoted whole in the error (100 KB) or met Python's int-to-text limit."""


def _too_long(node: yaml.ScalarNode) -> None:
    if len(node.value) > MAX_DIGITS:
        raise _Refused(_("a number of {count} characters; no contract value needs more than "
                         "{limit}").format(count=len(node.value), limit=MAX_DIGITS),
                       node.start_mark)


def _int(loader: _Loader, node: yaml.ScalarNode) -> Any:
    _too_long(node)
    return yaml.SafeLoader.construct_yaml_int(loader, node)


def _decimal(loader: _Loader, node: yaml.ScalarNode) -> Decimal:
    _too_long(node)
    text = node.value.replace("_", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise _Refused(_("{value!r} is not a number").format(value=brief(node.value)),
                       node.start_mark) from None


_Loader.add_constructor("tag:yaml.org,2002:float", _decimal)
_Loader.add_constructor("tag:yaml.org,2002:int", _int)


# Characters no contract text needs and a terminal would obey: C0 controls but tab and newline,
# DEL, C1 controls, bidirectional overrides (CVE-2021-42574). YAML's reader lets some through
# ("\\e" or "\\r" in a quoted string, a raw U+0085); they are refused here, at their line.
_CONTROL = frozenset((*(chr(c) for c in range(0x20) if c not in (0x09, 0x0A)),
                      *(chr(c) for c in range(0x7F, 0xA0)),
                      *(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))))


def _plain_text(value: Any, mark: Any, path: tuple[Any, ...]) -> Any:
    if isinstance(value, str) and not _CONTROL.isdisjoint(value):
        char = next(c for c in value if c in _CONTROL)
        raise _Refused(_("control character U+{code:04X} in text; remove it").format(
            code=ord(char)), mark, path)
    return value


class _Refused(Exception):
    def __init__(self, message: str, mark: Any, path: tuple[Any, ...] = ()) -> None:
        super().__init__(message)
        self.mark, self.path = mark, path


def load(text: str, *, source: str) -> tuple[Any, dict[tuple[Any, ...], Position]]:
    positions: dict[tuple[Any, ...], Position] = {}
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            raise InputError(_("the file is empty; expected contract terms"), source=source,
                             line=1)
        return _build(loader, node, (), positions), positions
    except _Refused as exc:
        raise InputError(str(exc), source=source, line=exc.mark.line + 1,
                         column=exc.mark.column + 1,
                         field=".".join(str(p) for p in exc.path) or None) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise InputError(_("not valid YAML: {problem}").format(problem=exc.problem or exc.context),
                         source=source,
                         line=line, column=col) from None
    except yaml.reader.ReaderError as exc:  # a control character YAML does not allow
        line = text.count("\n", 0, exc.position) + 1
        char = exc.character
        shown = f"U+{char:04X}" if isinstance(char, int) else repr(char)
        raise InputError(_("character {shown} is not allowed in YAML (a control character?)")
                         .format(shown=shown), source=source, line=line) from None
    except yaml.YAMLError as exc:
        raise InputError(_("not valid YAML: {problem}").format(problem=exc),
                         source=source) from None
    except RecursionError:
        raise InputError(_("nested too deeply to be a contract file"), source=source) from None
    finally:
        if loader is not None:
            loader.dispose()


def _build(loader: _Loader, node: Any, path: tuple[Any, ...],
           positions: dict[tuple[Any, ...], Position]) -> Any:
    positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(_("a key must be a plain value"), key_node.start_mark)
            try:
                constructed = loader.construct_object(key_node)
            except ValueError as exc:  # a key such as 2027-13-01: YAML's date pattern, no date
                raise _Refused(_("{value!r} is not a valid date or value: {problem}").format(
                    value=brief(key_node.value), problem=brief(exc)),
                               key_node.start_mark, path) from None
            key = _plain_text(constructed, key_node.start_mark, path)
            if key in out:
                raise _Refused(_("duplicate key {key!r}").format(key=key), key_node.start_mark,
                               path)
            positions[(KEY, *path, key)] = (key_node.start_mark.line + 1,
                                            key_node.start_mark.column + 1)
            out[key] = _build(loader, value_node, (*path, key), positions)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*path, i), positions) for i, item in enumerate(node.value)]
    try:
        return _plain_text(loader.construct_object(node), node.start_mark, path)
    except _Refused as exc:
        exc.path = exc.path or path  # the constructors do not know where they are
        raise
    except ValueError as exc:  # e.g. 2023-19-17 matches YAML's date pattern but is no date
        raise _Refused(_("{value!r} is not a valid date or value: {problem}").format(
            value=brief(node.value), problem=brief(exc)), node.start_mark,
                       path) from None
