"""`import ocop` stays light: heavy dependencies and subpackages load on first use."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

import ocop

PACKAGES = ["ocop", "ocop.criteria", "ocop.cycle", "ocop.grading"]


def loaded_after(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``code``."""
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    return set(json.loads(out))


def test_import_ocop_loads_no_heavy_dependency():
    modules = loaded_after("import ocop")
    assert not {m for m in modules if m.split(".")[0] in {"cattrs", "dateutil", "holidays"}}
    assert "importlib.resources" not in modules
    assert not {"ocop.certificates", "ocop.criteria", "ocop.cycle", "ocop.grading", "ocop.serialization"} & modules


def test_core_names_need_no_heavy_dependency():
    modules = loaded_after("import ocop\nocop.Star.FOUR, ocop.edition('26/2026'), ocop.OcopError")
    assert not {"cattrs", "dateutil", "holidays"} & modules


def test_first_use_loads_what_is_needed():
    modules = loaded_after("import ocop\nocop.criteria.sheet(7, edition='26/2026')")
    assert "ocop.criteria._load" in modules
    assert not {"dateutil", "holidays", "ocop.certificates", "ocop.cycle"} & modules
    modules = loaded_after("import ocop\nocop.grade")
    assert "ocop.grading._grade" in modules and not {"cattrs", "ocop.grading._advisor"} & modules
    modules = loaded_after("import ocop.cycle")
    # The cycle's own modules are light; the holiday tables load with the first working-day question.
    assert not {"dateutil", "holidays"} & modules
    assert "holidays" in loaded_after("import ocop.cycle, datetime\nocop.cycle.add_working_days(datetime.date(2026, 6, 1), 1)")


@pytest.mark.parametrize("package", PACKAGES)
def test_every_public_name_resolves_and_is_listed(package):
    module = importlib.import_module(package)
    for name in module.__all__:
        assert getattr(module, name) is not None
        assert name in dir(module)
    with pytest.raises(AttributeError, match="no_such_name"):
        module.no_such_name  # noqa: B018


@pytest.mark.parametrize("package", PACKAGES)
def test_every_public_name_imports_in_a_fresh_interpreter(package):
    names = importlib.import_module(package).__all__
    code = f"from {package} import {', '.join(names)}\nprint({', '.join(names)}, sep='')"
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_lazy_names_are_the_defining_objects():
    from ocop.cycle._deadlines import provincial_round
    from ocop.grading._advisor import advise

    assert ocop.advise is advise and ocop.grading.advise is advise
    assert ocop.cycle.provincial_round is provincial_round
    assert json.dumps(sorted(set(ocop.__all__) - set(dir(ocop)))) == "[]"
