import os

import pytest
from hypothesis import HealthCheck, settings
from mutation_support import clear_caches

settings.register_profile("ci", derandomize=True, deadline=None, database=None, print_blob=True)
settings.register_profile("dev", deadline=None, max_examples=50)
settings.register_profile(
    "thorough", deadline=None, max_examples=1000, suppress_health_check=[HealthCheck.too_slow]
)
# Mutation runs (scripts/mutation.sh): each surviving mutant must be reproducible, so examples are
# derandomized and few; explicit per-test ``max_examples`` above this cap are lowered by the hook below.
settings.register_profile(
    "mutation", derandomize=True, deadline=None, database=None, max_examples=20,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile(os.getenv("HYPOTHESIS_PROFILE", "ci" if os.getenv("CI") else "dev"))


def pytest_collection_modifyitems(items):
    """Under the mutation profile, cap every Hypothesis test at the profile's example count."""
    if os.getenv("HYPOTHESIS_PROFILE") != "mutation":
        return
    cap = settings.get_profile("mutation").max_examples
    for item in items:
        function = getattr(item, "function", None)
        own = getattr(function, "_hypothesis_internal_use_settings", None)
        if own is not None and own.max_examples > cap:
            function._hypothesis_internal_use_settings = settings(own, max_examples=cap)


@pytest.fixture(scope="session", autouse=True)
def _fresh_caches_under_a_mutant():
    """Under mutmut (``MUTANT_UNDER_TEST`` names the mutant), start from empty caches."""
    clear_caches(os.getenv("MUTANT_UNDER_TEST", ""))
