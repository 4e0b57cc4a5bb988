"""Languages as readers meet them: names, writing direction, and the same page elsewhere.

Every language is built into its own folder (``<lang>/``) from the same pages, so the
same page in another language is at the same path below that language's root.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError

PEGASUS_LANGUAGES: dict[str, str] = {
    "cn": "zh_CN",  # Simplified Chinese (China)
    "zh": "zh_TW",  # Traditional Chinese (Taiwan)
    "la": "es_419",  # Latin-American Spanish
    "gb": "en_GB",  # British English
    "al": "sq",  # Albanian
    "ph": "fil",  # Filipino
    "po": "pt_PT",  # Portuguese (Portugal)
    "pt": "pt_BR",  # Portuguese (Brazil)
    "in": "id",  # Indonesian, by its withdrawn ISO code
    "no": "nb",  # Norwegian Bokmål
}
"""Pegasus's own language codes (its ``i18n/<code>.yml`` and ``i18n/public/<code>/``
folders) that are not the standard code of the language they hold → the standard code
(Sphinx's and babel's form). A site extends or overrides it with
``hoc_pegasus_languages`` in ``conf.py``."""


def standard_language(code: str, aliases: dict[str, str]) -> str:
    """The standard code of a Pegasus language folder or table (``cn`` → ``zh_CN``,
    ``es-ES`` → ``es_ES``) by ``aliases`` (:data:`PEGASUS_LANGUAGES` with a site's
    ``hoc_pegasus_languages``); a code it does not name is taken as standard already."""
    return aliases.get(code, code).replace("-", "_")


@cache
def is_known_language(language: str) -> bool:
    """Whether babel (CLDR) knows ``language``: its name, direction, plural rules and
    number formats, all of which a built language needs."""
    try:
        Locale.parse(language.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return False
    return True


@cache
def native_name(language: str) -> str:
    """``fr`` → ``Français``: a language's name as its own readers write it (CLDR).

    Cached: CLDR data is loaded from disk, and every page shows every language."""
    try:
        name = Locale.parse(language.replace("-", "_")).get_display_name(language) or language
    except (ValueError, UnknownLocaleError):
        return language
    return name[:1].upper() + name[1:]


@cache
def direction(language: str) -> str:
    """``rtl`` for right-to-left scripts (Arabic, Hebrew, ...), else ``ltr`` (CLDR)."""
    try:
        order = Locale.parse(language.replace("-", "_")).character_order
    except (ValueError, UnknownLocaleError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


@dataclass(frozen=True)
class LanguageLink:
    """One entry of the language switcher."""

    code: str
    name: str
    href: str
    current: bool


def other_language_root(language_path: str, language: str) -> str:
    """The path from one language's root to ``language``'s root (``../fr/``)."""
    path = language_path.format(lang=language)
    return path if path.endswith("/") else path + "/"


def page_in_language(content_root: str, language_path: str, language: str,
                     target_uri: str) -> str:
    """The relative URL of ``target_uri`` (``how-to/districts.html``) in ``language``,
    from a page whose way back to its language root is ``content_root`` (``../``)."""
    root = content_root if content_root not in ("", "./") else ""
    return posixpath.join(root + other_language_root(language_path, language), target_uri)


def switcher(languages: list[str], current: str, content_root: str, language_path: str,
             target_uri: str) -> list[LanguageLink]:
    """The language switcher of one page: every language, the current one marked."""
    return [LanguageLink(code, native_name(code),
                         page_in_language(content_root, language_path, code, target_uri),
                         code == current)
            for code in languages]


def absolute_page_url(base_url: str, language_path: str, language: str,
                      target_uri: str) -> str:
    """The public URL of a page in a language, for canonical and hreflang links.

    ``language_path`` climbs from a language root to the site root (one ``../`` per
    level) and descends into the other language, so from the site root it is the same
    path without its leading ``../``.
    """
    from_root = other_language_root(language_path, language)
    while from_root.startswith("../"):
        from_root = from_root.removeprefix("../")
    return base_url.rstrip("/") + "/" + posixpath.join(from_root, target_uri)
