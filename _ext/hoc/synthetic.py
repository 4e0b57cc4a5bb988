"""Synthetic sites for benchmarks and scale tests: N pages in nested sections.

Each page uses the helpers (a string, site-absolute links to other pages and anchors,
a downloadable file) and is translated in every extra language, so a build exercises
the whole extension; ``plain=True`` writes the same pages as plain MyST with relative
links and no extension, the baseline for the extension's own cost. ``rich=True`` pages
hold as many messages as the real site's (headings, lists, a definition list, every one
translated) under the site's MyST settings: the measure of a translated build.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path

import polib

WORDS = ("students", "teachers", "coding", "events", "schools", "prizes", "families",
         "tutorials", "computers", "science")
FRENCH_WORDS = dict(zip(WORDS, ("élèves", "enseignants", "programmation", "événements",
                                "écoles", "prix", "familles", "tutoriels", "ordinateurs",
                                "sciences"), strict=True))

_FRENCH: list[tuple[re.Pattern[str], str]] = [(re.compile(pattern), template) for
                                              pattern, template in [
    (r"Page (\d+): (\w+)", r"Page \1 : {\2}"),
    (r"Page (\d+) is about (\w+)\. See \[page ([^\]]*)\]\(([^)]*)\) and the (\[plan\]\([^)]*\))"
     r" for more, or the (\S+|Hello, organizer!) string\.",
     r"La page \1 parle de {\2}. Voyez la [page \3](\4) et le \5 pour en savoir plus, "
     r"ou la chaîne \6."),
    (r"Second paragraph of page (\d+), with (`[^`]*`) and \*\*emphasis\*\*\.",
     r"Deuxième paragraphe de la page \1, avec \2 et de l’**emphase**."),
    (r"A section", "Une section"),
    (r"More about (\w+)\.", r"Plus d’informations sur les {\1}."),
    (r"Getting ready (\d+)", r"Se préparer \1"),
    (r"Read \[page ([^\]]*)\]\(([^)]*)\) about \*(\w+)\* first\.",
     r"Lisez d’abord la [page \1](\2) sur les *{\3}*."),
    (r"Bring (`[^`]*`) and a \*\*(\w+)\*\* plan\.",
     r"Apportez le \1 et un plan pour les **{\2}**."),
    (r"Steps for (\w+)", r"Étapes pour les {\1}"),
    (r"Step (\d+) for (\w+), with \*care\*\.", r"Étape \1 pour les {\2}, avec *soin*."),
    (r"Term (\d+)", r"Terme \1"),
    (r"What \*\*(\w+)\*\* means on page (\d+)\.",
     r"Ce que veut dire **{\1}** à la page \2."),
    (r"Synthetic site", "Site synthétique"),
    (r"The root page\.", "La page racine."),
]]
"""French for each message the generated pages hold (``{\\N}``: group N is a word to
translate), so that a translated build judges, marks and indexes real French."""


def _with_french_words(template: str, english: tuple[str, ...]) -> str:
    """``template`` with each ``{\\N}`` replaced by the French of group N."""
    def word(marker: re.Match[str]) -> str:
        return FRENCH_WORDS[english[int(marker.group(1)) - 1]]
    return re.sub(r"\{\\(\d)\}", word, template)


def french(message: str) -> str:
    """The French translation of a generated message."""
    for pattern, template in _FRENCH:
        match = pattern.fullmatch(message)
        if match:
            return match.expand(_with_french_words(template, match.groups()))
    raise ValueError(f"no French for the generated message {message!r}")


def translation(language: str) -> Callable[[str], str]:
    """How generated messages are translated: real French, a marked copy otherwise."""
    if language == "fr":
        return french
    return lambda message: f"[{language}] {message}"


@dataclass(frozen=True)
class SiteShape:
    pages: int
    languages: tuple[str, ...] = ("en",)
    sections: int = 5
    """Top-level sections; each holds sub-sections of pages (three levels deep)."""
    plain: bool = False
    rich: bool = False
    """Pages with headings, lists and a definition list, all translated, and the site's
    MyST settings (``conf.py``'s ``myst_enable_extensions``, heading anchors)."""


def page_names(shape: SiteShape) -> list[str]:
    """Docnames of the content pages (``pages - 1`` of them; the root is the last one):
    ``s<i>/index`` sections holding ``s<i>/t<j>/index`` sub-sections of eight leaves."""
    def section(i: int) -> Iterator[str]:
        yield f"s{i}/index"
        for j in count():
            yield f"s{i}/t{j}/index"
            yield from (f"s{i}/t{j}/p{k}" for k in range(8))

    sections = [section(i) for i in range(shape.sections)]
    names: list[str] = []
    while len(names) < shape.pages - 1:
        names.append(next(sections[len(names) % shape.sections]))
    return names


def _children(names: list[str], parent: str) -> list[str]:
    folder = posixpath.dirname(parent)
    result = []
    for name in names:
        if name == parent or not name.startswith(folder + "/"):
            continue
        rest = name[len(folder) + 1:]
        if rest.count("/") == 0 or (rest.count("/") == 1 and rest.endswith("/index")):
            result.append(name)
    return result


def _paragraphs(name: str, index: int, names: list[str], plain: bool) -> list[str]:
    other = names[(index * 7 + 3) % len(names)]
    word = WORDS[index % len(WORDS)]
    if plain:
        # The same text and links, written without the extension: relative links, and
        # the string's English text typed in.
        folder = posixpath.dirname(name) or "."
        link = posixpath.relpath(other, folder) + ".md"
        plan = posixpath.relpath("files/plan.pdf", folder)
        return [f"Page {index} is about {word}. See [page {other}]({link}) and the "
                f"[plan]({plan}) for more, or the Hello, organizer! string.",
                f"Second paragraph of page {index}, with `code {index}` and **emphasis**."]
    return [f"Page {index} is about {word}. See [page {other}](/{other}) and the "
            f"[plan](/files/plan.pdf) for more, or the {{hoc_s}}`greeting` string.",
            f"Second paragraph of page {index}, with `code {index}` and **emphasis**."]


def _rich_blocks(name: str, index: int, names: list[str], plain: bool) -> list[str]:
    """The extra blocks of a rich page: a section of lists and a definition list."""
    folder = posixpath.dirname(name) or "."

    def link(target: str) -> str:
        return posixpath.relpath(target, folder) + ".md" if plain else f"/{target}"

    word = WORDS[(index + 2) % len(WORDS)]
    others = [names[(index * 5 + k) % len(names)] for k in range(1, 4)]
    items = [f"- Read [page {other}]({link(other)}) about *{word}* first."
             for other in others]
    items.append(f"- Bring `kit {index}` and a **{word}** plan.")
    steps = [f"{k}. Step {k} for {word}, with *care*." for k in range(1, 4)]
    return [f"## Getting ready {index}", "\n".join(items), f"### Steps for {word}",
            "\n".join(steps), f"Term {index}\n: What **{word}** means on page {index}."]


def messages_of(block: str) -> list[str]:
    """The messages Sphinx extracts from one generated block (what a PO file holds)."""
    if block.startswith(("```", ":")):
        return []
    lines = block.split("\n")
    if block.startswith("#"):
        return [block.lstrip("#").strip()]
    if lines[0].startswith(("- ", "1. ")):
        return [line.split(" ", 1)[1] for line in lines]
    if len(lines) == 2 and lines[1].startswith(": "):
        return [lines[0], lines[1][2:]]
    return [block] if len(lines) == 1 else []


def write_site(root: Path, shape: SiteShape) -> list[str]:
    """Write ``conf.py``, pages, strings, files and catalogs; return the docnames."""
    names = page_names(shape)
    source = root / "source"
    source.mkdir(parents=True, exist_ok=True)
    extensions = '["myst_parser"]' if shape.plain else '["myst_parser", "hoc"]'
    (root / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(Path(__file__).parent.parent)!r})\n"
        f"extensions = {extensions}\n"
        "html_theme = 'furo'\n"
        f"hoc_languages = {list(shape.languages)!r}\n"
        "hoc_translate_page = ''\n"
        "locale_dirs = ['../locale']\n"
        "gettext_compact = False\n"
        "exclude_patterns = ['_data', 'files']\n" +
        ("myst_enable_extensions = ['attrs_inline', 'colon_fence', 'deflist']\n"
         "myst_heading_anchors = 3\n" if shape.rich else ""), encoding="utf-8")
    (source / "_data").mkdir(exist_ok=True)
    (source / "_data" / "strings.yml").write_text("greeting: Hello, organizer!\n",
                                                  encoding="utf-8")
    (source / "files").mkdir(exist_ok=True)
    (source / "files" / "plan.pdf").write_bytes(b"%PDF-1.4 synthetic\n")
    top = [name for name in names if name.count("/") == 1]  # the s<i>/index pages
    (source / "index.md").write_text(
        "# Synthetic site\n\nThe root page.\n\n```{toctree}\n:hidden:\n\n" +
        "\n".join(top) + "\n```\n", encoding="utf-8")
    for index, name in enumerate(names):
        path = source / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        body = [f"# Page {index}: {WORDS[index % len(WORDS)]}", "",
                *[p + "\n" for p in _paragraphs(name, index, names, shape.plain)],
                "## A section", "", f"More about {WORDS[(index + 1) % len(WORDS)]}.", ""]
        if shape.rich:
            body += [block + "\n" for block in _rich_blocks(name, index, names, shape.plain)]
        if name.endswith("/index"):
            children = [posixpath.relpath(child, posixpath.dirname(name))
                        for child in _children(names, name)]
            if children:
                body += ["```{toctree}", ":hidden:", "", *children, "```", ""]
        path.write_text("\n".join(body), encoding="utf-8")
    for language in shape.languages[1:]:
        translate = translation(language)
        for name in ["index", *names]:
            page = (source / f"{name}.md").read_text(encoding="utf-8")
            catalog = polib.POFile()
            catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8",
                                "Language": language}
            for block in page.split("\n\n"):
                block = block.strip()
                if shape.rich:
                    messages = messages_of(block)
                elif block and not block.startswith(("```", ":", "#")) and "\n" not in block:
                    messages = [block]
                else:
                    messages = []
                for message in dict.fromkeys(messages):
                    catalog.append(polib.POEntry(msgid=message,
                                                 msgstr=translate(message)))
            target = root / "locale" / language / "LC_MESSAGES" / f"{name}.po"
            target.parent.mkdir(parents=True, exist_ok=True)
            catalog.save(str(target))
    return ["index", *names]
