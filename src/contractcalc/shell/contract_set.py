"""Which contract files a command over many contracts reads: files, directories, globs."""

from __future__ import annotations

import glob
from pathlib import Path

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
