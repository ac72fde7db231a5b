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


def _readable_defaults(app, what, name, obj, options, signature, return_annotation):
    # attrs writes a computed default (a Factory) as NOTHING in the generated __init__:
    # say what the default is instead.
    if signature and "=NOTHING" in signature:
        signature = signature.replace("edition=NOTHING", "edition=<the edition in force on issued_on>")
        signature = signature.replace("=NOTHING", "=<computed>")
    return signature, return_annotation


def setup(app):
    app.connect("autodoc-process-signature", _readable_defaults)


# CI has no network, so there is no intersphinx inventory for the standard library:
# references to stdlib types are left unlinked rather than reported as broken.
nitpick_ignore_regex = [
    ("py:class", r"(collections\.abc|fractions|datetime|decimal|typing|enum|types|os)\..*"),
    ("py:class", r"(Fraction|Decimal|Iterable|Mapping|Iterator|Sequence)"),
    # Third-party types without an inventory offline.
    ("py:class", r"(cattrs|hypothesis)\..*"),
    ("py:exc", r"hypothesis\..*"),
    ("py:func", r"cattrs\..*"),
    # FrozenMap is the private immutable mapping behind mapping-valued fields.
    ("py:class", r"ocop\._frozen\.FrozenMap"),
]
