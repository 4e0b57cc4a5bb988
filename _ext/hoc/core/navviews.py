"""Pegasus navigation views (``views/promote_nav.md``) → our navigation lists.

A Pegasus page named a view in its front matter (``nav: promote_nav``), and the view was
ERB Markdown/HTML: a list of ``<a href="<%= resolve_url('/x') %>"><%= hoc_s(:key)
%></a>``, sometimes inside ``<div class="nav-item">`` rows under a ``nav-header``,
sometimes pulling in another view (``<%= view :resources_nav %>``), sometimes holding
disabled entries in an HTML comment. Our lists live in ``source/_data/navigation.yml``
as ``{label: <string key>, url: <site path>}`` (or ``text:`` for a literal label);
this module reads a view into those entries and writes that file.

ERB goes through the same rewriter as every Pegasus page (:func:`hoc.core.erb.rewrite`),
so a view's links mean what they mean in a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import yaml

from hoc.core.erb import rewrite

_ROLE = re.compile(r"\A\{hoc_s\}`([\w.-]+)`\Z")
_VIEW = re.compile(r"<%=?\s*view\s*\(?\s*:?['\"]?([\w/-]+)['\"]?\s*\)?\s*-?%>")
_MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\(\s*<?([^)\s>]+)>?\s*\)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_DIRECTIVE = re.compile(r"^[ \t]*(?::{3,}|`{3,})\{([\w-]+)\}[ \t]*(.*)$", re.MULTILINE)
"""A directive the ERB rewriter made of Pegasus logic (``<% if ... %>``)."""
_OLD_NAMES = re.compile(r"\bhoc_uri\s*\(")
"""``hoc_uri`` is an older name of ``resolve_url`` in Pegasus views."""


@dataclass(frozen=True)
class NavEntry:
    """One entry: a string-table key (``label``) or, when there is none, literal
    ``text``; the URL it opens; the line of the view it came from."""

    url: str
    label: str | None = None
    text: str | None = None
    line: int = 0


@dataclass(frozen=True)
class NavInclude:
    """``<%= view :other_nav %>``: the entries of ``name`` go at ``position``."""

    name: str
    position: int
    line: int


@dataclass(frozen=True)
class NavNote:
    """Something at ``line`` that did not become an entry, and why."""

    line: int
    message: str


@dataclass
class NavResult:
    """What a navigation view holds."""

    entries: list[NavEntry] = field(default_factory=list)
    includes: list[NavInclude] = field(default_factory=list)
    headers: list[NavEntry] = field(default_factory=list)
    """Header texts (``<div class="nav-header">``), as entries without a URL."""
    problems: list[NavNote] = field(default_factory=list)
    skipped: list[NavNote] = field(default_factory=list)
    """Entries inside HTML comments (disabled in Pegasus, left out here too)."""


def _label(text: str, url: str, line: int, problems: list[NavNote]) -> NavEntry:
    text = " ".join(text.split())
    role = _ROLE.match(text)
    if role:
        return NavEntry(url, label=role.group(1), line=line)
    if "{hoc_s}" in text:
        problems.append(NavNote(line, f"the label {text!r} mixes a string with text; "
                                "kept as literal text"))
    return NavEntry(url, text=text, line=line)


class _ViewParser(HTMLParser):
    """Finds ``<a href>`` entries, header ``div``s and Markdown links, with lines."""

    def __init__(self, line_offset: int = 0) -> None:
        super().__init__(convert_charrefs=True)
        self.line_offset = line_offset
        self.links: list[tuple[int, str | None, str]] = []
        self.headers: list[tuple[int, str]] = []
        self.markdown: list[tuple[int, str]] = []
        self._link: tuple[int, str | None] | None = None
        self._header_depth: int | None = None
        self._depth = 0
        self._text: list[str] = []

    def _line(self) -> int:
        return self.getpos()[0] + self.line_offset

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a":
            self._link = (self._line(), values.get("href"))
            self._text = []
        elif tag in ("br", "img", "hr"):
            return
        else:
            self._depth += 1
            classes = (values.get("class") or "").split()
            if "nav-header" in classes or re.fullmatch(r"h[1-6]", tag):
                self._header_depth = self._depth
                self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            line, href = self._link
            self.links.append((line, href, "".join(self._text)))
            self._link = None
        elif tag not in ("a", "br", "img", "hr"):
            if self._header_depth == self._depth:
                self.headers.append((self._line(), "".join(self._text)))
                self._header_depth = None
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._link is not None or self._header_depth is not None:
            self._text.append(data)
        else:
            self.markdown.append((self._line(), data))


def _blank_comments(text: str, name: str, result: NavResult) -> str:
    """Remove HTML comments (keeping lines), noting the entries they disabled."""

    def blank(match: re.Match[str]) -> str:
        start = text.count("\n", 0, match.start()) + 1
        comment = match.group(0)
        for offset, line in enumerate(comment.split("\n")):
            if "href" in line or _MARKDOWN_LINK.search(line):
                result.skipped.append(NavNote(start + offset, "an entry in an HTML "
                                              f"comment was left out: {line.strip()}"))
        return "\n" * comment.count("\n")

    return _COMMENT.sub(blank, text)


def convert_nav_view(text: str, name: str) -> NavResult:
    """The entries, includes and headers of navigation view ``name``, in order.

    Pure: problems (Ruby conditions, unknown helpers, links without a URL) come back
    with their lines; an entry under a Pegasus condition (``<% if @country == 'us' %>``)
    is kept, since our lists have no conditions, and the condition is reported.
    """
    result = NavResult()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _OLD_NAMES.sub("resolve_url(", _blank_comments(text, name, result))
    views: list[tuple[int, str, int]] = []

    def hold_view(match: re.Match[str]) -> str:
        line = text.count("\n", 0, match.start()) + 1
        views.append((line, match.group(1), match.start()))
        return ""

    text = _VIEW.sub(hold_view, text)
    rewritten = rewrite(text)
    result.problems += [NavNote(problem.line, problem.message)
                        for problem in rewritten.problems]
    for match in _DIRECTIVE.finditer(rewritten.text):
        line = rewritten.text.count("\n", 0, match.start()) + 1
        result.problems.append(NavNote(line, f"the condition {match.group(1)} "
                                       f"{match.group(2).strip()!r} is not kept: its "
                                       "entries are listed always"))
    parser = _ViewParser()
    parser.feed(rewritten.text)
    parser.close()
    found: list[tuple[int, NavEntry]] = []
    for line, href, label in parser.links:
        if not href or href == "#":
            result.problems.append(NavNote(line, f"the link {label.strip()!r} has no URL; "
                                           "left out"))
            continue
        found.append((line, _label(label, href, line, result.problems)))
    for line, data in parser.markdown:
        for offset, data_line in enumerate(data.split("\n")):
            for match in _MARKDOWN_LINK.finditer(data_line):
                entry_line = line + offset
                found.append((entry_line, _label(match.group(1), match.group(2),
                                                 entry_line, result.problems)))
    found.sort(key=lambda item: item[0])
    result.entries = [entry for _line, entry in found]
    result.headers = [_label(header, "", line, result.problems)
                      for line, header in parser.headers if header.strip()]
    for line, view, _offset in views:
        position = sum(1 for entry_line, _entry in found if entry_line < line)
        result.includes.append(NavInclude(view, position, line))
    result.problems.sort(key=lambda note: note.line)
    return result


def splice_includes(views: dict[str, NavResult]) -> dict[str, list[NavEntry]]:
    """Every view's entries with the views it includes spliced in where they stood.

    A view that includes itself (directly or not) or an unknown view contributes
    nothing more; :func:`unresolved_includes` names them.
    """

    def entries(name: str, seen: tuple[str, ...]) -> list[NavEntry]:
        view = views.get(name)
        if view is None or name in seen:
            return []
        spliced: list[NavEntry] = []
        includes = sorted(view.includes, key=lambda include: include.position)
        position = 0
        for include in includes:
            spliced += view.entries[position:include.position]
            position = include.position
            spliced += entries(include.name, (*seen, name))
        spliced += view.entries[position:]
        return spliced

    return {name: entries(name, ()) for name in views}


def unresolved_includes(views: dict[str, NavResult]) -> list[tuple[str, NavInclude]]:
    """``(view, include)`` pairs naming a view that is not in ``views``."""
    return [(name, include) for name, view in views.items()
            for include in view.includes if include.name not in views]


def navigation_yaml(navs: dict[str, list[NavEntry]]) -> str:
    """``source/_data/navigation.yml`` for these lists: ``label`` (a string key) when
    an entry has one, else literal ``text``."""
    document: dict[str, list[dict[str, str]]] = {}
    for name, entries in navs.items():
        document[name] = [_yaml_entry(entry) for entry in entries]
    header = ("# Navigation lists used by the `nav:` front-matter key. Labels are "
              "string-table keys;\n# `text:` is a literal label, shown as is.\n")
    return header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True,
                                   default_flow_style=False, width=100)


def _yaml_entry(entry: NavEntry) -> dict[str, str]:
    if entry.label:
        return {"label": entry.label, "url": entry.url}
    return {"text": entry.text or entry.url, "url": entry.url}
