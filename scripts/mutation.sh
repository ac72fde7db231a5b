#!/usr/bin/env bash
# Mutation testing of ocop/grading, ocop/cycle and ocop/criteria with mutmut 3; prints the score
# per package and per module.  Slow (about an hour on one core); not part of CI.
#
#   bash scripts/mutation.sh                 # all three packages, one after the other
#   bash scripts/mutation.sh grading cycle   # some of them (grading, cycle, criteria)
#   bash scripts/mutation.sh --score         # only print the scores of the last run
#   JOBS=2 bash scripts/mutation.sh          # more workers (default 1: the run is meant to share a machine)
#
# The run is made cheap per mutant: mutmut runs only the tests that reach the mutated function
# (recorded once, on the test files listed under [tool.mutmut] in pyproject.toml), with the
# "mutation" Hypothesis profile (tests/conftest.py: few examples, derandomized, no deadline), and
# tests/conftest.py rebuilds the caches of the mutated module in each mutant's process.
# Mutants listed in scripts/mutation-equivalent*.txt change no observable behaviour (each line
# says why) and are left out of the score.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python}
[ -x .venv/bin/python ] && PY=${PYTHON:-.venv/bin/python}
BIN=$(dirname "$PY")

packages=()
score_only=0
for arg in "$@"; do
    case "$arg" in
        --score) score_only=1 ;;
        grading | cycle | criteria) packages+=("$arg") ;;
        *) echo "unknown argument: $arg (grading, cycle, criteria or --score)" >&2; exit 2 ;;
    esac
done
[ ${#packages[@]} -eq 0 ] && packages=(grading cycle criteria)

if [ "$score_only" -eq 0 ]; then
    "$PY" -c "import mutmut" 2>/dev/null || "$PY" -m pip install -q "mutmut>=3.8"
    rm -rf mutants
    for p in "${packages[@]}"; do
        echo "== mutating ocop/$p"
        HYPOTHESIS_PROFILE=mutation nice -n 10 "$BIN/mutmut" run --max-children "${JOBS:-1}" "ocop.$p*" \
            > "/tmp/ocop-mutation-$p.log" 2>&1 || echo "   (mutmut stopped early: see /tmp/ocop-mutation-$p.log)"
    done
    # Survivors in code that runs at import time: re-tested in a fresh interpreter each.
    "$PY" - "${packages[@]}" <<'PY' > mutants/survivors.txt
import json, pathlib, sys
for meta in sorted(pathlib.Path("mutants/ocop").glob("*/*.py.meta")):
    if meta.parent.name in sys.argv[1:]:
        print("\n".join(k for k, v in json.loads(meta.read_text())["exit_code_by_key"].items() if v == 0))
PY
    nice -n 10 "$PY" scripts/mutation_fresh.py --import-time
fi

"$PY" - "${packages[@]}" <<'PY'
import collections, json, pathlib, sys

# Provably equivalent mutants: no observable behaviour changes (each line of the file says why).
# One mutant a line, then "#" and why it is equivalent.
EQUIVALENT = {line.split("#")[0].strip() for listing in sorted(pathlib.Path("scripts").glob("mutation-equivalent*.txt"))
              for line in listing.read_text(encoding="utf-8").splitlines()} - {""}
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 36: "timeout", 24: "timeout",
          -24: "timeout", 152: "timeout", 255: "timeout", None: "not checked"}
# Mutants re-tested in a fresh process by scripts/mutation_fresh.py (import-time code).
fresh_file = pathlib.Path("mutants/fresh-results.json")
FRESH = json.loads(fresh_file.read_text()) if fresh_file.exists() else {}
by_module = collections.defaultdict(collections.Counter)
survivors = []
for meta in sorted(pathlib.Path("mutants/ocop").glob("*/*.py.meta")):
    package = meta.parent.name
    if package not in sys.argv[1:]:
        continue
    for name, code in json.loads(meta.read_text())["exit_code_by_key"].items():
        status = "equivalent" if name in EQUIVALENT else FRESH.get(name) or STATUS.get(code, "suspicious")
        by_module[f"{package}/{meta.name[:-5]}"][status] += 1
        if status in ("survived", "no tests", "suspicious"):
            survivors.append(name)

def line(label, c):
    total = sum(c.values()) - c["equivalent"]
    done = total - c["not checked"]
    good = c["killed"] + c["timeout"]
    score = f"{good / done:6.1%}" if done else "   n/a"
    return (f"{label:28} {score}  killed {c['killed']:4}  timeout {c['timeout']:3}  survived {c['survived']:4}  "
            f"no tests {c['no tests']:3}  equivalent {c['equivalent']:3}  not run {c['not checked']:4}  "
            f"(of {sum(c.values())})")

overall = collections.Counter()
for package in sys.argv[1:]:
    total = collections.Counter()
    for module, c in sorted(by_module.items()):
        if module.startswith(package + "/"):
            print(line("  " + module, c))
            total += c
    print(line(f"ocop/{package}", total))
    overall += total
print(line("overall", overall))
pathlib.Path("mutants/survivors.txt").write_text("\n".join(survivors) + "\n", encoding="utf-8")
print(f"{len(survivors)} survivors listed in mutants/survivors.txt (mutmut show NAME for the diff)")
PY
