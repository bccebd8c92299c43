#!/usr/bin/env bash
# Mutation testing of the rule modules (issue 25), not run in CI: minutes per module.
#   tools/mutation.sh                    every module in [tool.mutmut] only_mutate (~1600 mutants)
#   tools/mutation.sh calendar bond      just these core packages or modules (calendar.dates, money.words)
# Each mutant runs only the tests that reach the mutated function (mutmut's stats over the
# test selection in pyproject.toml). Results: `mutmut results`; a mutant: `mutmut show NAME`.
# Not core/damages/, payments/ or uptime/: add them to only_mutate once they settle.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet -e '.[mutation]'
patterns=()
for module in "$@"; do patterns+=("contractcalc.core.${module}*"); done
mutmut run "${patterns[@]}"
mutmut results
