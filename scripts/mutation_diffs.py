"""Print the diff of every surviving mutant of the last run, grouped by module (one parse per file).

    python scripts/mutation_diffs.py [OUTDIR]   # after bash scripts/mutation.sh; default: mutants/diffs

Writes ``OUTDIR/<module>.txt`` for every module with survivors (as listed in
``mutants/survivors.txt``): a ``=== NAME`` line, then the unified diff of the mutated function.
``mutmut show NAME`` gives the same diff for one mutant, at the cost of a process each.
"""

from __future__ import annotations

import collections
import os
import sys
from difflib import unified_diff
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(outdir: Path) -> None:
    os.chdir(ROOT)
    import libcst as cst
    from mutmut.mutation import diff_apply as d

    by_module: dict[str, list[str]] = collections.defaultdict(list)
    for name in (ROOT / "mutants" / "survivors.txt").read_text().split():
        by_module[".".join(name.split(".")[:3])].append(name)
    outdir.mkdir(parents=True, exist_ok=True)
    for module, names in sorted(by_module.items()):
        path = d.find_mutant(names[0]).path
        parsed = d.read_mutants_module(path)
        blocks = []
        for name in names:
            old, new = (cst.Module([f]).code.strip() for f in
                        (d.read_original_function(parsed, name), d.read_mutant_function(parsed, name)))  # fmt: skip
            diff = unified_diff(old.split("\n"), new.split("\n"), str(path), str(path), lineterm="")
            blocks.append(f"=== {name}\n" + "\n".join(diff))
        (outdir / f"{module.rpartition('.')[2]}.txt").write_text("\n".join(blocks) + "\n", encoding="utf-8")
        print(f"{module}: {len(names)} survivors -> {outdir / (module.rpartition('.')[2] + '.txt')}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "mutants" / "diffs")
