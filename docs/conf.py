"""Sphinx configuration for the ocop documentation."""

from __future__ import annotations

import ocop

project = "ocop"
author = "The ocop developers"
release = ocop.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.napoleon",
]
myst_enable_extensions = ["colon_fence"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = "ocop"
autodoc_member_order = "bysource"
autodoc_typehints = "description"
# CI has no network, so there is no intersphinx inventory for the standard library:
# references to stdlib types are left unlinked rather than reported as broken.
nitpick_ignore_regex = [
    ("py:class", r"(collections\.abc|fractions|datetime|decimal|typing|enum|types|os)\..*"),
    ("py:class", r"(Fraction|Decimal|Iterable|Mapping|Iterator|Sequence)"),
    # Third-party types without an inventory offline.
    ("py:class", r"(cattrs|hypothesis)\..*"),
    ("py:func", r"cattrs\..*"),
    # FrozenMap is the private immutable mapping behind mapping-valued fields.
    ("py:class", r"ocop\._frozen\.FrozenMap"),
]
