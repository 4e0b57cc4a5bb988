"""Cached furo navigation: the sidebar tree computed once per build, not once per page.

Stock furo renders Sphinx's whole global toctree for every page and parses it again with
BeautifulSoup to add its expand/collapse checkboxes: work that grows with the number of
pages, for each page, so a build grows with pages squared. The tree is the same on every
page except for three things: links are relative to the page, the entries on the way to
the current page are marked ``current`` (the deepest one ``current-page``, its link
``#``), and the checkboxes on that way are checked. So we take furo's own output once per
build, for the root page, break it into pieces, and assemble each page's sidebar from the
pieces: the result is byte for byte furo's. ``hoc_nav_cache = 0`` gives stock furo.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.util.osutil import relative_uri

from hoc._version import __version__
from hoc.theme import PYTHON_MESSAGES, theme_text, translate_toggles
from hoc.warnings_ import LOGGER

if TYPE_CHECKING:
    from bs4 import Tag

_MODEL = "_hoc_nav_model"
_STOCK_TOCTREE = "_hoc_stock_toctree"


@dataclass
class Entry:
    """One ``<li>`` of the tree, with the pieces its HTML is assembled from."""

    classes: list[str]
    target: str
    """The docname the entry links to."""
    inner: str
    """The link text, as furo serializes it."""
    checkbox: tuple[str, str] | None = None
    """(unchecked, checked) ``<input>`` plus ``<label>`` HTML, for entries with children."""
    children: list[Entry] = field(default_factory=list)


class Unsupported(Exception):
    """The tree has something the cache does not model: use stock furo for this build."""


def _entries(ul: Tag, docnames: dict[str, str]) -> list[Entry]:
    entries = []
    for li in ul.find_all("li", recursive=False):
        link = li.find("a", recursive=False)
        if link is None or set(link.get("class") or []) != {"reference", "internal"}:
            raise Unsupported("an entry that is not an internal link")
        href = str(link.get("href", ""))
        if href not in docnames:
            raise Unsupported(f"a link to something other than a page: {href!r}")
        classes = [str(c) for c in li.get("class") or [] if c != "has-children"]
        target = docnames[href]
        entry = Entry(classes, target, link.decode_contents())
        child_list = li.find("ul", recursive=False)
        if child_list is not None:
            box = li.find("input", recursive=False)
            label = li.find("label", recursive=False)
            if box is None or label is None:
                raise Unsupported("entries with children but no expand button")
            unchecked = str(box) + str(label)
            box["checked"] = ""
            entry.checkbox = (unchecked, str(box) + str(label))
            entry.children = _entries(child_list, docnames)
        entries.append(entry)
    return entries


def build_model(app: Sphinx) -> list[Entry]:
    """furo's tree for the root page, as entries (raises :class:`Unsupported`).

    The toctree arguments are furo's own (``furo._compute_navigation_tree``).
    """
    # Imported here, not at module level: furo loads BeautifulSoup anyway, but a build
    # with another theme should not pay for it.
    from bs4 import BeautifulSoup, Tag
    from furo.navigation import get_navigation_tree  # type: ignore[import-untyped]

    builder = app.builder
    assert isinstance(builder, StandaloneHTMLBuilder)
    root = app.config.root_doc
    toctree = global_toctree_for_doc(app.env, root, builder, tags=builder.tags,
                                     collapse=False, titles_only=True, maxdepth=-1,
                                     includehidden=True)
    html = builder.render_partial(toctree)["fragment"] if toctree is not None else ""
    kept = KeptModel(Path(app.doctreedir) / KEPT_MODEL, _model_key(app, html))
    entries = kept.load()
    if entries is not None:
        return entries
    tree = BeautifulSoup(translate_toggles(app, get_navigation_tree(html)), "html.parser")
    top = tree.find_all(recursive=False)
    if not top or len([t for t in top if isinstance(t, Tag)]) != 1 or top[0].name != "ul":
        raise Unsupported("captions or several top-level lists")
    if top[0].get("class"):
        raise Unsupported("the root page among its own entries")
    entries = _entries(top[0], _docnames_by_href(app, root))
    kept.save(entries)
    return entries


KEPT_MODEL = "hoc-nav-model.pickle"
"""The last build's entries, in the doctree folder, with the key they were made for."""


def _model_key(app: Sphinx, html: str) -> str:
    """Everything the entries are made from: the root page's rendered toctree, the
    translated toggle label, the pages links can point at, and the code that reads
    them (ours and furo's)."""
    import furo  # type: ignore[import-untyped]

    digest = hashlib.sha256()
    for part in (__version__, furo.__version__, app.config.root_doc,
                 theme_text(app, PYTHON_MESSAGES[0]), "\n".join(sorted(app.env.all_docs)),
                 html):
        digest.update(part.encode("utf-8") + b"\x00")
    return digest.hexdigest()


@dataclass
class KeptModel:
    """The entries of the last build whose toctree was the same (``key``): an
    incremental build whose edits leave the tree alone skips furo's tree and the
    BeautifulSoup passes over it. Any change to the key makes the entries anew."""

    path: Path
    key: str

    def load(self) -> list[Entry] | None:
        try:
            with self.path.open("rb") as stream:
                key, entries = pickle.load(stream)
        except (OSError, EOFError, ValueError, TypeError, AttributeError,
                pickle.UnpicklingError):
            return None  # missing, unreadable or from older code: made anew
        return entries if key == self.key and isinstance(entries, list) else None

    def save(self, entries: list[Entry]) -> None:
        # Written whole and then moved into place: parallel writers each write their own.
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with partial.open("wb") as stream:
                pickle.dump((self.key, entries), stream, protocol=pickle.HIGHEST_PROTOCOL)
            partial.replace(self.path)
        except OSError:
            partial.unlink(missing_ok=True)


def _docnames_by_href(app: Sphinx, pagename: str) -> dict[str, str]:
    """Which page each link of ``pagename``'s tree points at (``#``: the page itself)."""
    docnames = {app.builder.get_relative_uri(pagename, doc): doc for doc in app.env.all_docs}
    docnames["#"] = pagename
    return docnames


def _link(entry: Entry, pagename: str, href: dict[str, str]) -> str:
    if entry.target == pagename:
        return f'<a class="current reference internal" href="#">{entry.inner}</a>'
    return f'<a class="reference internal" href="{href[entry.target]}">{entry.inner}</a>'


def _li(entry: Entry, pagename: str, href: dict[str, str], on_path: set[int],
        deepest: Entry | None, children_html: str) -> str:
    is_current = id(entry) in on_path
    classes = list(entry.classes)
    if is_current:
        classes.append("current")
    if entry.checkbox:
        classes.append("has-children")
    if entry is deepest:
        classes.append("current-page")
    html = f'<li class="{" ".join(classes)}">{_link(entry, pagename, href)}'
    if entry.checkbox:
        return html + entry.checkbox[1 if is_current else 0] + children_html + "\n</li>"
    return html + "</li>"


def neutral(entries: list[Entry], href: dict[str, str]) -> dict[int, str]:
    """Every entry's HTML as it is on a page that is not below it (no "current"):
    computed once per folder, reused for every entry off the current page's path."""
    cache: dict[int, str] = {}

    def ul(items: list[Entry]) -> str:
        for entry in items:
            children = ul(entry.children) if entry.checkbox else ""
            cache[id(entry)] = _li(entry, "", href, set(), None, children)
        return "<ul>\n" + "".join(cache[id(entry)] + "\n" for entry in items) + "</ul>"

    ul(entries)
    return cache


def render(entries: list[Entry], pagename: str, href: dict[str, str],
           cached: dict[int, str] | None = None) -> str:
    """The sidebar tree of ``pagename``: furo's HTML, from the cached pieces.

    Only the entries on the way to the current page are assembled anew; every other
    entry is its ``cached`` neutral HTML (see :func:`neutral`).
    """
    current: list[Entry] = []

    def mark(items: list[Entry]) -> bool:
        for entry in items:
            if entry.target == pagename or mark(entry.children):
                current.append(entry)
                return True
        return False

    mark(entries)
    deepest = current[0] if current else None
    on_path = {id(entry) for entry in current}
    pieces = cached if cached is not None else neutral(entries, href)

    def ul(items: list[Entry]) -> str:
        # A list is "current" when it holds an entry on the way to the current page.
        is_current = any(id(entry) in on_path for entry in items)
        return ('<ul class="current">\n' if is_current else "<ul>\n") + "".join(
            li(entry) + "\n" for entry in items) + "</ul>"

    def li(entry: Entry) -> str:
        if id(entry) not in on_path and entry.target != pagename:
            return pieces[id(entry)]
        children = ul(entry.children) if entry.checkbox else ""
        return _li(entry, pagename, href, on_path, deepest, children)

    return ul(entries) + "\n"


@dataclass
class Model:
    entries: list[Entry]
    hrefs: dict[str, dict[str, str]] = field(default_factory=dict)
    """Link targets per page folder: pages in one folder share their relative links."""
    neutral: dict[str, dict[int, str]] = field(default_factory=dict)
    """Per page folder, every entry's HTML off the current path (see :func:`neutral`)."""


def _model(app: Sphinx) -> Model | None:
    cached: Model | bool | None = getattr(app.builder, _MODEL, False)
    if cached is False:
        try:
            cached = Model(build_model(app))
        except Unsupported as reason:
            # Not a problem with the site: the build is only slower. Said once per build.
            LOGGER.info("hoc_nav_cache: the navigation has %s; furo computes it for "
                        "every page instead", reason)
            cached = None
        setattr(app.builder, _MODEL, cached)
    return cached if isinstance(cached, Model) else None


def _forget(app: Sphinx, env: object) -> None:
    """``env-updated``: pages were read again; the next write computes the tree anew."""
    if hasattr(app.builder, _MODEL):
        delattr(app.builder, _MODEL)


def _hrefs(app: Sphinx, model: Model, pagename: str) -> dict[str, str]:
    folder = posixpath.dirname(pagename)
    if folder not in model.hrefs:
        builder = app.builder
        # A file name no page has: links depend only on the folder (the page's own link
        # is "#", set by render()).
        base = posixpath.join(folder, "\x00")
        targets = set()

        def collect(items: list[Entry]) -> None:
            for entry in items:
                targets.add(entry.target)
                collect(entry.children)

        collect(model.entries)
        model.hrefs[folder] = {target: relative_uri(base, builder.get_target_uri(target))
                               for target in targets}
    return model.hrefs[folder]


def _before_furo(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: object) -> None:
    """Spare furo its per-page tree: hand it an empty toctree, keep the real one.

    Pages that are no document (the search page, the general index) get the cached
    tree too. The 404 page does not: sphinx-notfound-page makes its links absolute
    through a toctree of its own, so furo computes that one page's tree itself.
    """
    if not app.config.hoc_nav_cache or app.config.html_theme != "furo" or \
            "toctree" not in context or \
            pagename == getattr(app.config, "notfound_pagename", None) or \
            _model(app) is None:
        return
    context[_STOCK_TOCTREE] = context["toctree"]
    context["toctree"] = lambda **kwargs: ""


def _after_furo(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                doctree: object) -> None:
    """Give the page its tree from the cached pieces, and the real toctree back."""
    stock = context.pop(_STOCK_TOCTREE, None)
    if stock is None:
        # Stock furo made this page's tree: its labels in the page's language too.
        if app.config.html_theme == "furo" and "furo_navigation_tree" in context:
            context["furo_navigation_tree"] = translate_toggles(
                app, str(context["furo_navigation_tree"]))
        return
    context["toctree"] = stock
    model = _model(app)
    assert model is not None
    href = _hrefs(app, model, pagename)
    folder = posixpath.dirname(pagename)
    if folder not in model.neutral:
        model.neutral[folder] = neutral(model.entries, href)
    context["furo_navigation_tree"] = render(model.entries, pagename, href,
                                             model.neutral[folder])


def setup_navcache(app: Sphinx) -> None:
    """Compute furo's navigation once per build (``hoc_nav_cache``, default on)."""
    app.add_config_value("hoc_nav_cache", True, "html", types=(bool, int))
    # priority 400: before furo's own html-page-context handler (500), so it finds an
    # empty toctree; 600: after it, to put the cached tree in its place.
    app.connect("html-page-context", _before_furo, priority=400)
    app.connect("html-page-context", _after_furo, priority=600)
    app.connect("env-updated", _forget)
