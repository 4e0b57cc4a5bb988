"""What we add to furo: a stylesheet, and a ``<title>`` from front matter."""

from __future__ import annotations

from pathlib import Path

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"


def _add_static_path(app: Sphinx) -> None:
    if app.builder.format == "html" and str(STATIC) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIC))


def _add_templates_path(app: Sphinx, config: Config) -> None:
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.append(str(TEMPLATES))


def _page_title(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                doctree: object) -> None:
    """Hand the front-matter title (resolved by :mod:`hoc.pages`) to the template."""
    metadata = app.env.metadata.get(pagename, {})
    context["hoc_title"] = metadata.get("title") if "hoc-title" in metadata else None


def setup_theme(app: Sphinx) -> None:
    """Publish ``hoc.css`` and our template with every HTML page."""
    app.connect("config-inited", _add_templates_path)
    app.connect("builder-inited", _add_static_path)
    app.connect("html-page-context", _page_title)
    app.add_css_file("hoc.css")
