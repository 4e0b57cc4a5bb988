"""The whole page in the reader's language: on every page of the shipped fr, es and ar
sites, a text that reads as the English site's text (visible text, and the aria-label,
title, placeholder and alt a screen reader reads) is marked lang="en"."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import polib
import pytest
import sphinx
from babel.messages.mofile import read_mo
from bs4 import BeautifulSoup, NavigableString, Tag

from conftest import PROJECT
from hoc.core.mixed import BRANDS

TRANSLATED = ["fr", "es", "ar"]
ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
CODE = {"code", "pre", "kbd", "samp", "tt", "script", "style", "template"}
WORDS = re.compile(r"[^\W\d_]{2,}")
IDENTIFIER = re.compile(r"\S*[/.:@]\S*")
"""A file name, path, address or command option: the same in every language."""


def normal(text: str) -> str:
    return " ".join(text.split())


def shown_texts(soup: BeautifulSoup) -> list[tuple[str, Tag]]:
    """Every text a reader or screen reader meets, with the element that holds it."""
    found: list[tuple[str, Tag]] = []
    for node in soup.find_all(string=True):
        # Plain strings only: not the doctype, comments or CDATA.
        if type(node) is not NavigableString or node.parent is None:
            continue
        if any(parent.name in CODE for parent in node.parents):
            continue
        text = normal(str(node))
        if WORDS.search(text):
            found.append((text, node.parent))
    for tag in soup.find_all(True):
        for attribute in ATTRIBUTES:
            value = tag.get(attribute)
            if isinstance(value, str) and WORDS.search(value):
                found.append((normal(value), tag))
    return found


def language_of(tag: Tag) -> str | None:
    """The language an element is in: its own or its nearest ancestor's lang."""
    for element in (tag, *tag.parents):
        value = element.get("lang") if isinstance(element, Tag) else None
        if value:
            return str(value)
    return None


@cache
def reads_the_same(language: str) -> frozenset[str]:
    """Texts whose translation in ``language`` reads as the English does ("Menu",
    "Index"): in our PO files, and in Sphinx's own catalog."""
    same = set()
    for path in (PROJECT / "locale" / language).rglob("*.po"):
        same |= {normal(entry.msgid) for entry in polib.pofile(str(path))
                 if entry.msgstr and normal(entry.msgstr) == normal(entry.msgid)}
    mo = Path(sphinx.__file__).parent / "locale" / language / "LC_MESSAGES" / "sphinx.mo"
    if mo.is_file():
        with mo.open("rb") as handle:
            same |= {normal(message.id) for message in read_mo(handle)
                     if isinstance(message.id, str) and message.id
                     and message.string == message.id}
    return frozenset(same)


def exempt(text: str, language: str) -> bool:
    return (IDENTIFIER.fullmatch(text) is not None or text in BRANDS
            or text in reads_the_same(language))


def unmarked_english(site: Path, language: str) -> list[str]:
    found = []
    pages = sorted(path for path in (site / language).rglob("*.html")
                   if not {"_static", "_sources", "_translations"} & set(path.parts))
    assert len(pages) > 10
    for page in pages:
        english_page = site / "en" / page.relative_to(site / language)
        if not english_page.is_file():
            continue
        # The English site's English texts (its switcher names languages in their own).
        english = {text for text, element in shown_texts(
            BeautifulSoup(english_page.read_text(encoding="utf-8"), "html.parser"))
                   if language_of(element) == "en"}
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for text, element in shown_texts(soup):
            if text in english and language_of(element) == language \
                    and not exempt(text, language):
                found.append(f"{page.relative_to(site)}: {text!r} in <{element.name}>")
    return found


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_unmarked_english_on_any_page(site, language):
    assert unmarked_english(site, language) == []


def test_the_check_sees_english_that_is_not_marked(tmp_path):
    """The check itself: an English aria-label, title and text left unmarked on a
    French page are found; the same marked lang="en", or in code, are not."""
    for language, body in (("en", '<button aria-label="Toggle the menu">x</button>'
                                  "<p>Back to the top of the page</p>"
                                  '<svg><title>Dark mode</title></svg><code>make html</code>'),
                           ("fr", '<button aria-label="Toggle the menu">x</button>'
                                  "<p>Back to the top of the page</p>"
                                  '<svg><title lang="en">Dark mode</title></svg>'
                                  "<code>make html</code>")):
        page = tmp_path / language / "page.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f'<html lang="{language}"><body>{body}</body></html>',
                        encoding="utf-8")
    for number in range(10):
        for language in ("en", "fr"):
            (tmp_path / language / f"filler{number}.html").write_text(
                f'<html lang="{language}"></html>', encoding="utf-8")
    assert sorted(unmarked_english(tmp_path, "fr")) == [
        "fr/page.html: 'Back to the top of the page' in <p>",
        "fr/page.html: 'Toggle the menu' in <button>",
    ]
