#!/usr/bin/env bash
# Mutation testing of ocop/grading and ocop/criteria with mutmut; prints the score.
# Slow (minutes to hours); not part of CI.  Usage: bash scripts/mutation.sh
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install -q mutmut
rm -rf mutants
mutmut run "$@" || true
mutmut results > mutants/results.txt || true
python - <<'PY'
import re
text = open("mutants/results.txt").read()
counts = {}
for status in re.findall(r":\s*(\w[\w ]*)$", text, flags=re.M):
    counts[status.strip()] = counts.get(status.strip(), 0) + 1
total = sum(counts.values())
killed = counts.get("killed", 0) + counts.get("timeout", 0)
print(counts)
print(f"mutation score: {killed}/{total} = {killed / total:.1%}" if total else "no mutants reported")
PY
