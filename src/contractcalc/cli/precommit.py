"""`contractcalc-check-files FILE...`: `contractcalc check` over every file given, for the
pre-commit hook (.pre-commit-hooks.yaml), which passes all the changed files at once while
`check` reads one. Options before the files (e.g. --strict, --lang=zh) go to every check; the
exit code is the worst of them (0 ok, 1 a finding, 2 a file that cannot be read). An
option with a value is written in one argument (--lang=zh): the rest are files."""

from __future__ import annotations

import subprocess
import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    options = [a for a in args if a.startswith("-")]
    files = [a for a in args if not a.startswith("-")]
    worst = 0
    for name in files:
        done = subprocess.run([sys.executable, "-m", "contractcalc", "check", *options, name],
                              check=False)
        worst = max(worst, done.returncode)
    return worst


if __name__ == "__main__":  # pragma: no cover - run as the console script
    raise SystemExit(main())
