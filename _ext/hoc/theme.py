"""What we add to furo: a stylesheet, our templates, and a ``<title>`` from front matter.

furo ships no translations and hard-codes some English (aria-labels, the footer); our
templates (``templates/``) say every text through Sphinx's ``sphinx`` catalog, which
``make gettext`` extracts into ``sphinx.pot`` and translators translate in
``locale/<lang>/LC_MESSAGES/sphinx.po`` like any page. A text that has no translation in
the build's language is shown in English marked ``lang="en"`` (the ``hoc_en`` filter).
"""

from __future__ import annotations

import html
import inspect
import json
import re
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from sphinx.application import Sphinx
from sphinx.config import Config

from hoc.languages import in_language, title_language
from hoc.state import build_state

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"


def _add_paths(app: Sphinx, config: Config) -> None:
    """Our static files and templates. Added here, not when the builder starts: the saved
    configuration is compared with the new one before that, and a difference would
    make every incremental build a full one."""
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))
    # furo's layout is rewritten whole (its hard-coded English, its landmarks), which
    # only fits furo; any other theme gets the title and translate link alone.
    themed = TEMPLATES / ("furo" if config.html_theme == "furo" else "plain")
    for folder in (themed, TEMPLATES):
        if str(folder) not in config.templates_path:
            config.templates_path.append(str(folder))


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


PYTHON_MESSAGES = (
    "Toggle navigation of %(title)s",
    "Link to this heading",
    "Link to this table",
    "Link to this image",
    "Link to this code",
)
"""Theme and Sphinx texts said from Python, not from a template: ``make gettext`` adds
them to ``sphinx.pot`` (Sphinx's own catalogs lack some of them in some languages)."""

_UNTRANSLATED = "_hoc_untranslated_theme_texts"


def template_messages(app: Sphinx) -> set[str]:
    """Every text our templates pass to ``_()``, read from the templates themselves."""
    environment = app.builder.templates.environment
    found: set[str] = set(PYTHON_MESSAGES)
    for path in sorted(TEMPLATES.rglob("*.html")):
        source = path.read_text(encoding="utf-8")
        for _line, _function, message in environment.extract_translations(source):
            if isinstance(message, str):
                found.add(message)
    return found


def theme_text(app: Sphinx, message: str) -> str:
    """``message`` in the build's language (English when it has no translation)."""
    return str(app.translator.gettext(message))


def has_translation(translator: Any, message: str) -> bool:
    """Whether a catalog of the build (ours, then Sphinx's own, chained as fallbacks)
    translates ``message``: a translation may read as the English does ("Menu")."""
    while translator is not None:
        catalog = getattr(translator, "_catalog", None)
        if catalog is not None and catalog.get(message):
            return True
        translator = getattr(translator, "_fallback", None)
    return False


def _untranslated(app: Sphinx) -> frozenset[str]:
    """The template texts this language has no translation for (none in English)."""
    cached: frozenset[str] | None = getattr(app.builder, _UNTRANSLATED, None)
    if cached is None:
        language = app.config.language or "en"
        cached = frozenset() if language == "en" else frozenset(
            message for message in template_messages(app)
            if not has_translation(app.translator, message))
        setattr(app.builder, _UNTRANSLATED, cached)
    return cached


def _plain(text: str) -> str:
    """A template text as written: ``_()`` hands the templates escaped text."""
    return text.unescape() if isinstance(text, Markup) else str(text)


def _install_filters(app: Sphinx) -> None:
    """``builder-inited``: the ``hoc_en`` filter for our templates."""
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is None:
        return

    def hoc_en(text: str) -> Markup:
        """A template text left in English, marked so (an element's text only); escaped
        either way (``_()`` gives escaped text, :mod:`hoc.theme_catalog`)."""
        plain = _plain(text)
        return Markup(in_language(html.escape(plain), "en")) \
            if plain in _untranslated(app) else escape(plain)

    def hoc_en_lang(text: str) -> str:
        """` lang="en"` for an element whose whole text (an SVG title, an attribute's
        element) is a template text left in English; nothing otherwise."""
        return ' lang="en"' if _plain(text) in _untranslated(app) else ""

    environment.filters["hoc_en"] = hoc_en
    environment.filters["hoc_en_lang"] = hoc_en_lang


_TOGGLE = re.compile(r'aria-label="Toggle navigation of ([^"]*)"')


def translate_toggles(app: Sphinx, tree_html: str) -> str:
    """furo's navigation says "Toggle navigation of <title>" in English (from Python):
    the same label in the build's language."""
    template = theme_text(app, PYTHON_MESSAGES[0])
    if template == PYTHON_MESSAGES[0]:
        return tree_html
    return _TOGGLE.sub(lambda match: 'aria-label="' + html.escape(
        template % {"title": html.unescape(match.group(1))}) + '"', tree_html)


def _theme_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                   doctree: object) -> None:
    """The copyright holder from the string table, the title's language, and the pages
    whose titles stayed in English (for search results)."""
    state = build_state(app.env)
    holder = state.strings.lookup(COPYRIGHT_KEY)
    if holder is None:
        context["hoc_copyright"] = html.escape(str(context.get("copyright", "")))
    elif holder.language != state.strings.language:
        context["hoc_copyright"] = f'<span lang="{holder.language}">' \
                                   f"{html.escape(holder.text)}</span>"
    else:
        context["hoc_copyright"] = html.escape(holder.text)
    in_english = title_language(app.env, pagename) if pagename in app.env.all_docs else None
    context["hoc_title_lang"] = in_english
    if templatename == "search.html":
        fallback = {docname: language for docname in sorted(app.env.all_docs)
                    if (language := title_language(app.env, docname))}
        # "<" escaped: the list sits in a <script> element.
        context["hoc_fallback_titles"] = json.dumps(fallback).replace("<", "\\u003c") \
            if fallback else ""


COPYRIGHT_KEY = "site_copyright"
"""The string-table key of the copyright holders shown in every page's footer."""


def setup_theme(app: Sphinx) -> None:
    """Publish ``hoc.css``, ``hoc-scroll.js`` and our templates with every HTML page."""
    # priority 100: before the environment is loaded and compared, and early enough that
    # furo's own config value exists for every later handler.
    app.connect("config-inited", _load_furo_early, priority=100)
    app.connect("config-inited", _add_paths)
    app.connect("html-page-context", _page_title)
    app.connect("html-page-context", _theme_context)
    app.connect("builder-inited", _install_filters)
    app.add_css_file("hoc.css")
    # Wide code blocks and tables get a keyboard stop where they scroll (phones).
    app.add_js_file("hoc-scroll.js", loading_method="defer")
