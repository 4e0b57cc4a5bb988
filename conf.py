"""Sphinx configuration for the multilingual Hour of Code site.

One configuration serves every language: a host (or ``make html``) runs
``sphinx-build -b html -c . source <outdir> -D language=<lang>`` once per language.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# The extension lives in ``_ext/hoc``; ``make html`` installs it into the venv, and this
# keeps a bare ``sphinx-build`` (as a hosting service runs it) working without that step.
sys.path.insert(0, str(ROOT / "_ext"))

project = "Hour of Code"
author = "Hour of Code organizers"
copyright = "Code.org and Hour of Code organizers"

# -- Languages -------------------------------------------------------------
# English is the source language; every other one is built from locale/<lang>/.
# Hosts pass the language with -D language=<lang>; Read the Docs names it in the
# environment, one project per language.
language = os.environ.get("READTHEDOCS_LANGUAGE", "en")
hoc_languages = ["en", "fr", "es", "ar"]
locale_dirs = [str(ROOT / "locale")]
gettext_compact = False
gettext_uuid = False
gettext_location = True
gettext_last_translator = "Hour of Code translators"
gettext_language_team = "Hour of Code translators"

# -- Sources ---------------------------------------------------------------
extensions = [
    "myst_parser",
    "sphinxext.opengraph",
    "notfound.extension",
    "hoc",
]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_data", "_partials", "files", "images", "**/.DS_Store"]
myst_enable_extensions = ["attrs_inline", "colon_fence", "deflist"]
myst_heading_anchors = 3
# Authors and translators type the punctuation they mean (the Pegasus pages did too).
smartquotes = False

# -- Output ----------------------------------------------------------------
html_theme = "furo"
html_title = "Hour of Code"
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None
templates_path: list[str] = []
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/hoc-languages.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/scroll-end.html",
    ]
}
# Where the site is published; canonical, hreflang, sitemap and Open Graph URLs use it.
# A host that publishes elsewhere sets HOC_BASE_URL.
hoc_base_url = os.environ.get("HOC_BASE_URL", "https://hourofcode.com/")
# Read the Docs publishes each language as <site>/<lang>/<version>/ (its translations
# model): every language is one project, and the switcher moves between them.
if os.environ.get("READTHEDOCS") == "True":
    _version = os.environ.get("READTHEDOCS_VERSION", "latest")
    _canonical = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
    hoc_language_path = f"../../{{lang}}/{_version}/"
    if _canonical:
        hoc_base_url = _canonical.rstrip("/").rsplit("/", 2)[0] + "/"
ogp_enable_meta_description = True
ogp_social_cards = {"enable": False}

# -- Our helpers ------------------------------------------------------------
hoc_strings_file = "_data/strings.yml"
hoc_navigation_file = "_data/navigation.yml"
hoc_files_dir = "files"
hoc_images_dir = "images"
# Pegasus pages: the country their branches are shown for (``<% if @country %>``) and
# the campaign week that ``campaign_date`` / {hoc_date} writes in each language.
hoc_country = "us"
hoc_campaign_dates = {"start": "2026-12-07", "end": "2026-12-13"}
