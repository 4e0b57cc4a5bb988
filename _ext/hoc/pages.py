"""Front matter: ``title``, ``layout`` and ``nav``, as Pegasus pages used them.

- ``title`` (may use ``{hoc_s}`key```) is the page's ``<title>`` and its title in
  Sphinx's metadata (previous/next links, search results).
- ``layout: wide`` gives the full-width page: no right-hand table of contents.
- ``nav: <name>`` shows the named navigation list from ``source/_data/navigation.yml``
  at the top of the page, labels from the string table, the current page marked.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from hoc.config import hoc_config
from hoc.core.links import find_docname, is_site_absolute
from hoc.core.navigation import NavItem
from hoc.links import site_link
from hoc.state import BuildState, build_state
from hoc.strings import lookup_for_page, text_for_page
from hoc.visitors import add_node
from hoc.warnings_ import HocWarning, warn

LAYOUTS = ("default", "wide")
NAV_LABEL_KEY = "ui_related_pages"
"""The string that names a ``nav:`` list for screen readers."""


class hoc_nav(nodes.General, nodes.Element, nodes.Invisible):
    """A navigation list; ``Invisible`` keeps page descriptions (Open Graph) from
    quoting its labels. HTML renders it as ``<nav>``."""


def _visit_nav_html(self: HTML5Translator, node: hoc_nav) -> None:
    self.body.append(self.starttag(node, "nav", "", **{"aria-label": node["label"]}))


def _depart_nav_html(self: HTML5Translator, node: hoc_nav) -> None:
    self.body.append("</nav>\n")


def _front_matter_line(doctree: nodes.document) -> tuple[str, int]:
    """Where to point warnings about front matter: the page's first line."""
    return (str(doctree.settings.env.docname), 1)


def apply_title(app: Sphinx, doctree: nodes.document, value: str,
                state: BuildState) -> None:
    location = _front_matter_line(doctree)
    found = text_for_page(app.env, value, location)
    title = nodes.title("", found.text)
    if found.language != state.strings.language:
        title["classes"].append(f"language-{found.language}")
    app.env.titles[app.env.docname] = title
    app.env.longtitles[app.env.docname] = title
    app.env.metadata[app.env.docname]["title"] = found.text
    app.env.metadata[app.env.docname]["hoc-title"] = True


def apply_layout(app: Sphinx, doctree: nodes.document, value: str) -> None:
    if value not in LAYOUTS:
        warn(f"unknown layout {value!r} (expected one of {', '.join(LAYOUTS)})",
             HocWarning.FRONT_MATTER, location=_front_matter_line(doctree))
        return
    if value == "wide":
        # furo hides the right-hand table of contents for pages with this metadata.
        app.env.metadata[app.env.docname]["hide-toc"] = True
        for section in doctree.findall(nodes.section):
            section["classes"].append("hoc-layout-wide")
            break


def navigation_list(app: Sphinx, doctree: nodes.document, name: str,
                    state: BuildState) -> nodes.Element | None:
    """The ``nav`` list as a bullet list of site links, or ``None`` (with a warning)."""
    items = state.navigation.get(name)
    location = _front_matter_line(doctree)
    if items is None:
        warn(f"unknown navigation list {name!r} (defined in {state.navigation_file})",
             HocWarning.NAV, location=location)
        return None
    if state.navigation_file is not None:
        app.env.note_dependency(str(state.navigation_file))
    docname = app.env.docname
    bullets = nodes.bullet_list(classes=["hoc-nav-list"])
    for item in items:
        paragraph = nodes.paragraph()
        paragraph += _nav_link(app, item, state)
        entry = nodes.list_item("", paragraph)
        if find_docname(item.url, {docname}, app.config.root_doc) == docname:
            entry["classes"].append("current")
        bullets += entry
    # "no-search": the labels of a list shown on many pages say nothing about this one.
    label = (lookup_for_page(app.env, NAV_LABEL_KEY, location)
             if NAV_LABEL_KEY in state.strings else None)
    return hoc_nav("", bullets, classes=["hoc-nav", "no-search"],
                   label=label.text if label else name)


def _nav_link(app: Sphinx, item: NavItem, state: BuildState) -> nodes.Element:
    """An entry's link: its label from the string table, or its literal ``text`` marked
    as the source language; site paths resolved like any link, others as they are."""
    if item.label:
        nav_location = f"{state.navigation_file}:{item.line}"
        label = lookup_for_page(app.env, item.label, nav_location)
        text = nodes.inline("", label.text if label else item.label)
        if label is not None and label.language != state.strings.language:
            text["classes"].append(f"language-{label.language}")
    else:
        source = hoc_config(app).source_language
        text = nodes.inline("", item.text, classes=[f"language-{source}"])
    if is_site_absolute(item.url):
        return site_link(item.url, text)
    return nodes.reference("", "", text, refuri=item.url)


def _insert_after_title(doctree: nodes.document, node: nodes.Element) -> None:
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        doctree.insert(0, node)
        return
    title_index = next((i for i, child in enumerate(section.children)
                        if isinstance(child, nodes.title)), -1)
    section.insert(title_index + 1, node)


def apply_front_matter(app: Sphinx, doctree: nodes.document) -> None:
    """Act on ``title``, ``layout`` and ``nav`` once Sphinx has collected the metadata."""
    metadata: dict[str, Any] = app.env.metadata.get(app.env.docname, {})
    if not {"title", "layout", "nav"} & metadata.keys():
        return
    state = build_state(app.env)
    if "title" in metadata:
        apply_title(app, doctree, str(metadata["title"]), state)
    if "layout" in metadata:
        apply_layout(app, doctree, str(metadata["layout"]).strip())
    if "nav" in metadata:
        nav = navigation_list(app, doctree, str(metadata["nav"]).strip(), state)
        if nav is not None:
            _insert_after_title(doctree, nav)


def setup_pages(app: Sphinx) -> None:
    """Apply front matter after Sphinx's own collectors have read the page."""
    add_node(app, hoc_nav, html=(_visit_nav_html, _depart_nav_html), like="container")
    # priority 600: after the metadata and title collectors (500) that we build on.
    app.connect("doctree-read", apply_front_matter, priority=600)
