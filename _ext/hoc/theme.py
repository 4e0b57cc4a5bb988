"""What we add to furo: a stylesheet, and a ``<title>`` from front matter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from hoc.state import build_state

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"


def _add_static_path(app: Sphinx) -> None:
    if app.builder.format == "html" and str(STATIC) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIC))


def _add_templates_path(app: Sphinx, config: Config) -> None:
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.append(str(TEMPLATES))


SITE_TITLE_KEY = "site_title"
"""The string-table key of the site's name, shown in the header and every ``<title>``."""


def _page_title(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                doctree: object) -> None:
    """Hand the front-matter title (resolved by :mod:`hoc.pages`) and the site's name,
    in the page's language, to the template."""
    metadata = app.env.metadata.get(pagename, {})
    context["hoc_title"] = metadata.get("title") if "hoc-title" in metadata else None
    site_title = build_state(app.env).strings.lookup(SITE_TITLE_KEY)
    if site_title is not None:
        context["docstitle"] = site_title.text


def setup_theme(app: Sphinx) -> None:
    """Publish ``hoc.css`` and our template with every HTML page."""
    app.connect("config-inited", _add_templates_path)
    app.connect("builder-inited", _add_static_path)
    app.connect("html-page-context", _page_title)
    app.add_css_file("hoc.css")
