"""The theme's catalog reaches the page guarded, and escaped for where it lands.

Sphinx loads the translations of its templates' texts (the ``sphinx`` domain) itself,
from ``locale_dirs``, before any extension is set up (``Sphinx._init_i18n``); the
templates then write them unescaped, Sphinx's HTML writer puts some into attributes
unescaped ("Link to this heading"), and its JavaScript takes its texts from
``translations.js``. So that no path skips the guard:

- once :func:`hoc.guard.guard_catalogs` has written the guarded copy of ``sphinx.po``,
  Sphinx's translator is made again from that copy and Sphinx's own catalogs only
  (:func:`_use_guarded_translator`): the translators' file is never read again;
- the guard takes a theme text as plain text (:func:`hoc.core.guard.check_theme_message`:
  no markup characters at all, the English's placeholders exactly);
- the templates' ``_()`` and ``ngettext()`` escape what they return
  (:func:`_escape_template_texts`), so a text is safe in an element's text and in a
  quoted attribute whatever it holds. We escape at each ``_()`` rather than turn on
  Jinja's autoescaping: furo's and Sphinx's templates pass ready HTML around
  (``body``, ``toc``, ``metatags``) and were written for autoescaping off, so turning it
  on would change every page, while the translated texts all come through ``_()``;
- ``translations.js`` is written from the guarded catalog over Sphinx's own (JSON, with
  ``<``, ``>`` and ``&`` escaped), so that translators' texts for the search page
  reach it and nothing in them can end the script (:func:`_write_translations_js`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import polib
from babel import Locale, UnknownLocaleError
from babel.plural import to_gettext
from markupsafe import Markup, escape
from sphinx import locale as sphinx_locale
from sphinx.application import Sphinx
from sphinx.config import Config

from hoc.config import hoc_config
from hoc.guard import SPHINX_LOCALES, THEME_CATALOG

_TRANSLATOR_KEY = ("general", "sphinx")
"""Where :mod:`sphinx.locale` keeps the templates' translator."""


def _guarded_folders(app: Sphinx, config: Config) -> list[str]:
    """The guarded locale folder of a translated build (none for the source language:
    its build reads no translator's catalog)."""
    source = hoc_config(app).source_language
    if (config.language or source) == source:
        return []
    return [str(folder) for folder in config.locale_dirs]


def _use_guarded_translator(app: Sphinx, config: Config) -> None:
    """``config-inited``, after the guard: Sphinx's translator for the templates and its
    own texts, made from the guarded catalogs and Sphinx's own only."""
    sphinx_locale.translators.pop(_TRANSLATOR_KEY, None)
    folders: list[str | None] = [*_guarded_folders(app, config), None, str(SPHINX_LOCALES)]
    app.translator, _ = sphinx_locale.init(folders, config.language)


def escaped_text(msgid: str, text: str) -> Markup:
    """A theme text as HTML: escaped, so that it is text in an element and in a quoted
    attribute. A text whose English is markup (Sphinx's own templates have a few) comes
    only from Sphinx's catalogs or the English (the guard never lets a translator's
    version of it through) and is kept as the markup it is."""
    return Markup(text) if "<" in msgid else escape(text)


def _escape_template_texts(app: Sphinx) -> None:
    """``builder-inited``: the templates' ``_()``, ``gettext()`` and ``ngettext()``
    return escaped text."""
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is None or not hasattr(environment, "install_gettext_callables"):
        return
    translator = app.translator

    def gettext(message: str) -> Markup:
        return escaped_text(message, translator.gettext(message))

    def ngettext(singular: str, plural: str, count: int) -> Markup:
        return escaped_text(singular, translator.ngettext(singular, plural, count))

    environment.install_gettext_callables(gettext, ngettext, newstyle=False)


_JS_UNSAFE = re.compile(r"[<>&\u2028\u2029]")


def _js_literal(value: Any) -> str:
    """``value`` as JSON that is safe inside a script element and a JavaScript file."""
    text = json.dumps(value, ensure_ascii=False, indent=4, sort_keys=True)
    return _JS_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


_ADD_TRANSLATIONS = re.compile(r"^\s*Documentation\.addTranslations\((.*)\);?\s*$", re.DOTALL)
_PLURAL = re.compile(r"plural\s*=\s*(.+?);?\s*$")


def _sphinx_js_catalog(language: str) -> dict[str, Any]:
    """Sphinx's own ``sphinx.js`` for ``language``, read as data (empty when it has none)."""
    path = SPHINX_LOCALES / language / "LC_MESSAGES" / "sphinx.js"
    if not path.is_file():
        return {}
    match = _ADD_TRANSLATIONS.match(path.read_text(encoding="utf-8"))
    if match is None:
        return {}
    try:
        data = json.loads(match.group(1))
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


_OTHER_OPERAND = re.compile(r"[A-Za-z_]\w*")


def _plural_expression(language: str, own: dict[str, Any]) -> str:
    """The plural rule of ``language`` as a JavaScript expression of ``n``: Sphinx's own
    (its plural messages are the only ones a guarded catalog holds), else CLDR's through
    babel when it reads only ``n``. Never a PO file's header, which a translator writes
    and which Sphinx's JavaScript would run."""
    given = own.get("plural_expr")
    if isinstance(given, str) and given:
        return given
    try:
        match = _PLURAL.search(to_gettext(Locale.parse(language).plural_form))
    except (UnknownLocaleError, ValueError):
        match = None
    rule = match.group(1) if match else ""
    if rule and all(name == "n" for name in _OTHER_OPERAND.findall(rule)):
        return rule
    return "(n != 1)"


def _write_translations_js(app: Sphinx, config: Config) -> None:
    """``config-inited``, after the guard: ``sphinx.js`` beside the guarded ``sphinx.mo``,
    which Sphinx publishes as ``_static/translations.js``: Sphinx's own messages with the
    guarded translations over them, written as data."""
    language = config.language
    for folder in _guarded_folders(app, config):
        messages_dir = Path(folder, language, "LC_MESSAGES")
        guarded = messages_dir / THEME_CATALOG
        target = messages_dir / "sphinx.js"
        if not guarded.is_file():
            target.unlink(missing_ok=True)
            continue
        own = _sphinx_js_catalog(language)
        messages: dict[str, Any] = dict(own.get("messages") or {})
        for entry in polib.pofile(str(guarded)):
            if entry.msgstr_plural:
                messages[entry.msgid] = [entry.msgstr_plural[index]
                                         for index in sorted(entry.msgstr_plural)]
            elif entry.msgstr:
                messages[entry.msgid] = entry.msgstr
        data = {"locale": language, "messages": messages,
                "plural_expr": _plural_expression(language, own)}
        text = f"Documentation.addTranslations({_js_literal(data)});\n"
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")


def setup_theme_catalog(app: Sphinx) -> None:
    """Guard and escape the theme's catalog on every path to the page."""
    # priority 460: right after hoc.guard writes the guarded catalogs (450), before any
    # handler that would translate a text (500+).
    app.connect("config-inited", _use_guarded_translator, priority=460)
    app.connect("config-inited", _write_translations_js, priority=460)
    app.connect("builder-inited", _escape_template_texts)
