"""What we add to furo: a stylesheet, and a ``<title>`` from front matter."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from hoc.state import build_state

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"


def _add_paths(app: Sphinx, config: Config) -> None:
    """Our static files and templates. Added here, not when the builder starts: the saved
    configuration is compared with the new one before that, and a difference would
    make every incremental build a full one."""
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.append(str(TEMPLATES))


HTML_BUILDERS = ("html", "dirhtml", "singlehtml")


def _builder_name(app: Sphinx) -> str | None:
    """The builder this application is being created for.

    At ``config-inited`` Sphinx has not created its builder yet and keeps the name only
    as an argument of ``Sphinx.__init__``; the running call is the one place to read it.
    """
    frame = inspect.currentframe()
    while frame is not None:
        if frame.f_code is Sphinx.__init__.__code__ and frame.f_locals.get("self") is app:
            name = frame.f_locals.get("buildername")
            return name if isinstance(name, str) else None
        frame = frame.f_back
    return None


def _load_furo_early(app: Sphinx, config: Config) -> None:
    """Set furo up now rather than when the theme is loaded, after the saved
    configuration was compared: furo registers ``pygments_dark_style`` in its setup, and
    a value missing from one side of that comparison makes every build a full one.
    Only for HTML builds: furo refuses any other (gettext, for one)."""
    if config.html_theme == "furo" and "furo" not in app.extensions and \
            _builder_name(app) in HTML_BUILDERS:
        app.setup_extension("furo")


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
    # priority 100: before the environment is loaded and compared, and early enough that
    # furo's own config value exists for every later handler.
    app.connect("config-inited", _load_furo_early, priority=100)
    app.connect("config-inited", _add_paths)
    app.connect("html-page-context", _page_title)
    app.add_css_file("hoc.css")
