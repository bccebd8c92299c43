"""Which contract files a command over many contracts reads: files, directories, globs."""

from __future__ import annotations

import glob
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
UNEXPECTED = (ArithmeticError, ValueError, RecursionError, MemoryError, LookupError, TypeError)
"""Failures no rule foresaw: over many contracts, one file's is reported and the rest shown."""

SUFFIXES = (".yaml", ".yml")


def expand(given: list[str]) -> list[Path]:
    """Every contract file the arguments name, each once, in the order given: a file as is, a
    directory's *.yaml/*.yml files (not its subdirectories), a glob's matches (also when the
    shell did not expand it, as on Windows). A name that matches nothing is kept, so reading it
    reports 'file not found' in its place."""
    found: dict[Path, None] = {}
    for item in given:
        path = Path(item)
        if path.is_dir():
            found.update(dict.fromkeys(sorted(p for p in path.iterdir()
                                              if p.suffix in SUFFIXES and p.is_file())))
        elif glob.has_magic(item):
            found.update(dict.fromkeys(Path(p) for p in sorted(glob.glob(item))))
        else:
            found[path] = None
    return list(found)


def unexpected(path: object, exc: BaseException) -> str:
    """One line for a failure no rule foresaw, naming the file."""
    from contractcalc.i18n import _

    return _("{file}: internal error on this file ({kind}: {problem}); please report it").format(
        file=path, kind=type(exc).__name__, problem=str(exc)[:200])


def gather(paths: list[T], fn: Callable[[T], object]
           ) -> tuple[list[object], list[tuple[T, list[str]]]]:
    """`fn` over every path: the results of those that worked, and for each that failed its
    problems (one line each: file, line, what). One bad contract must not hide the others."""
    from contractcalc.core.errors import ContractCalcError

    done: list[object] = []
    failed: list[tuple[T, list[str]]] = []
    for path in paths:
        try:
            done.append(fn(path))
        except ContractCalcError as exc:
            failed.append((path, str(exc).splitlines()))
        except UNEXPECTED as exc:
            failed.append((path, [unexpected(path, exc)]))
    return done, failed
