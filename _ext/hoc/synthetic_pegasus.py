"""A generated Pegasus site, for the import benchmark and its scale test.

N English pages in folders, each using the helpers real pages use (strings, site links,
a localized file, a country condition, a campaign date), a navigation view and a HAML
partial, string tables for every language, and whole translated pages whose English
drifted (a paragraph the translation lacks, one it has and English lost, two items
swapped), as real translations are.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

WORDS = ("students", "teachers", "coding", "events", "schools", "prizes", "families",
         "tutorials", "computers", "science", "volunteers", "districts")


def _sentence(seed: int, words: int = 12) -> str:
    return " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(words)).capitalize()


_KEEP = re.compile(r"<%.*?%>|\]\([^)]*\)", re.DOTALL)
"""What a translation keeps as it is: Ruby and link targets."""


def _translate(text: str, language: str) -> str:
    """A stand-in translation: every word another word (spelt backwards, in the
    language's own way), code kept."""
    def words(chunk: str) -> str:
        return re.sub(r"[A-Za-z]+", lambda match: match.group(0)[::-1].lower() + language,
                      chunk)

    parts: list[str] = []
    position = 0
    for match in _KEEP.finditer(text):
        parts += [words(text[position:match.start()]), match.group(0)]
        position = match.end()
    return "".join([*parts, words(text[position:])])


def page_names(pages: int) -> list[str]:
    """``f<i>/index`` folders holding ``f<i>/p<j>`` pages."""
    names: list[str] = []
    folder = 0
    while len(names) < pages:
        names.append(f"f{folder}/index")
        names += [f"f{folder}/p{j}" for j in range(min(9, pages - len(names)))]
        folder += 1
    return names[:pages]


def _blocks(name: str, index: int, names: list[str]) -> list[str]:
    other = names[(index + 1) % len(names)]
    link = "/" + other.removesuffix("/index")
    return [
        f"## {index % 9 + 1}) {_sentence(index, 5)}",
        f"{_sentence(index)} [{_sentence(index + 1, 3)}](<%= resolve_url('{link}') %>).",
        f"<%= hoc_s(:page_{index}_intro) %> {_sentence(index + 2)}, "
        "<%= campaign_date('short') %>.",
        f"- {_sentence(index + 3, 6)}\n- {_sentence(index + 4, 6)}\n- [{_sentence(index, 2)}]"
        "(<%= localized_file('/files/plan.pdf') %>)",
        "<% if @country == 'us' %>\n\n" f"{_sentence(index + 5)}\n\n<% else %>\n\n"
        f"{_sentence(index + 6)}\n\n<% end %>",
        f"### {_sentence(index + 7, 4)}",
        f"{_sentence(index + 8)} {index * 10} {_sentence(index + 9, 6)}.",
    ]


def _page(blocks: list[str], index: int) -> str:
    front = (f"---\ntitle: <%= hoc_s(:page_{index}_title) %>\nnav: site_nav\n---\n\n"
             "<%= view :signup_button %>\n\n")
    return front + "\n\n".join(blocks) + "\n"


def _translated(blocks: list[str], language: str, index: int) -> list[str]:
    """The translation of an older English page: one block missing, one extra, two
    list items swapped."""
    translated = [_translate(block, language) for block in blocks]
    del translated[6]
    translated.insert(2, _translate(_sentence(index + 40), language))
    lines = translated[4].split("\n") if translated[4].startswith("- ") else None
    if lines and len(lines) >= 2:
        lines[0], lines[1] = lines[1], lines[0]
        translated[4] = "\n".join(lines)
    return translated


def write_pegasus_site(root: Path, pages: int, languages: list[str]) -> list[str]:
    """Write the site under ``root`` (``public/``, ``views/``, ``i18n/``); its docnames."""
    names = page_names(pages)
    english: dict[str, str] = {"signup_button": "Sign up", "nav_home": "Home"}
    for index, name in enumerate(names):
        blocks = _blocks(name, index, names)
        path = root / "public" / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_page(blocks, index), encoding="utf-8")
        english[f"page_{index}_title"] = _sentence(index, 4)
        english[f"page_{index}_intro"] = _sentence(index + 11, 8)
        for language in languages[1:]:
            target = root / "i18n" / "public" / language / f"{name}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_page(_translated(blocks, language, index), index),
                              encoding="utf-8")
    (root / "public" / "files").mkdir(parents=True, exist_ok=True)
    (root / "public" / "files" / "plan.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    views = root / "views"
    views.mkdir(parents=True, exist_ok=True)
    (views / "signup_button.haml").write_text(
        "%a{href: resolve_url('/f0')}\n  %button\n    =hoc_s(:signup_button)\n",
        encoding="utf-8")
    (views / "site_nav.md").write_text("".join(
        f"- <a href=\"<%= resolve_url('/{name.removesuffix('/index')}') %>\">"
        f"<%= hoc_s(:page_{index}_title) %></a>\n"
        for index, name in enumerate(names) if name.endswith("/index")), encoding="utf-8")
    i18n = root / "i18n"
    (i18n / "en.yml").write_text(yaml.safe_dump({"en": english}, allow_unicode=True),
                                 encoding="utf-8")
    for language in languages[1:]:
        table = {key: _translate(text, language) for key, text in english.items()}
        (i18n / f"{language}.yml").write_text(
            yaml.safe_dump({language: table}, allow_unicode=True), encoding="utf-8")
    countries = {"us": {"default_language": "en"}, "mx": {"default_language": "es"}}
    (i18n / "countries.json").write_text(json.dumps(countries), encoding="utf-8")
    return names
