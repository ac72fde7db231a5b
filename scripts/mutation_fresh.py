"""Re-test mutants in a fresh process, for code mutmut's trampolines cannot switch on.

mutmut 3 switches a mutant on inside each function call, in a process forked after ``import
ocop``.  Code that runs at import time (a validator factory called in a class body, a property
built when its class is made) has already run unmutated by then, so its mutants always
"survive" there.  This script writes each named mutant into a scratch copy of the project and
runs the tests of the mutation run in a new interpreter: a failing run kills the mutant.

    python scripts/mutation_fresh.py NAME...        # after bash scripts/mutation.sh
    python scripts/mutation_fresh.py --import-time  # every survivor in an import-time function

Results go to ``mutants/fresh-results.json``; ``scripts/mutation.sh --score`` counts them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Functions whose body runs when their module is imported (see the module docstring).
IMPORT_TIME = (
    "ocop.grading._result.x__field__",
    "ocop.grading._rules.x__optional_int__",
    "ocop.cycle._procedure.x__exits__",
)


def mutated_source(name: str) -> tuple[Path, str]:
    """The path of the module ``name`` mutates, and its source with the mutant written in."""
    import libcst as cst
    from mutmut.mutation import diff_apply as d

    path = d.find_mutant(name).path
    function, _ = d.orig_function_and_class_names_from_key(name)
    function = function.rpartition(".")[-1]
    module = d.read_orig_module(path)
    original = d.find_top_level_function_or_method(module, function)
    found = d.read_functions_from_index(name, path)
    mutant = found[1] if found is not None else d.read_mutant_function(d.read_mutants_module(path), name)
    return Path(path), module.deep_replace(original, mutant.with_changes(name=cst.Name(function))).code


def run(names: list[str]) -> dict[str, str]:
    os.chdir(ROOT)
    mutmut = tomllib.loads(Path("pyproject.toml").read_text())["tool"]["mutmut"]
    selection = mutmut["pytest_add_cli_args_test_selection"]
    out: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="ocop-fresh-") as scratch:
        for part in ("ocop", "tests", "docs", "pyproject.toml"):
            (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, Path(scratch) / part)

        def tests() -> subprocess.CompletedProcess[bytes]:
            return subprocess.run(
                [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *selection],
                cwd=scratch, env={**os.environ, "HYPOTHESIS_PROFILE": "mutation", "PYTHONPATH": scratch},
                capture_output=True, timeout=600,
            )  # fmt: skip

        # A control: the unmutated copy must pass, or every mutant would count as killed.
        control = tests()
        if control.returncode != 0:
            sys.exit(f"the unmutated copy fails its tests; no mutant tested:\n{control.stdout.decode()[-2000:]}")
        for name in names:
            path, code = mutated_source(name)
            target = Path(scratch) / path
            original = target.read_text(encoding="utf-8")
            target.write_text(code, encoding="utf-8")
            try:
                done = tests()
                out[name] = "killed" if done.returncode != 0 else "survived"
            except subprocess.TimeoutExpired:
                out[name] = "timeout"
            finally:
                target.write_text(original, encoding="utf-8")
            print(f"{out[name]:8} {name}", flush=True)
    return out


def main(args: list[str]) -> None:
    names = args
    if args == ["--import-time"]:
        listed = Path("mutants/survivors.txt")
        names = [n for n in listed.read_text().split() if n.startswith(IMPORT_TIME)] if listed.exists() else []
    results_file = ROOT / "mutants" / "fresh-results.json"
    results = json.loads(results_file.read_text()) if results_file.exists() else {}
    results.update(run(names))
    results_file.write_text(json.dumps(results, indent=1, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1:])
