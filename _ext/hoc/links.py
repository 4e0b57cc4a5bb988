"""Site-absolute links (``resolve_url``): ``/how-to/events`` → ``events.html``.

MyST turns ``[text](/how-to/events)`` into a ``pending_xref`` of type ``myst`` that its
own resolver would not find. We resolve those first, against every page of this
build, into a relative link, so a reader stays in their language, and we check the
anchor exists in the target page. A link we cannot resolve keeps its text, unlinked,
with a located ``hoc.url`` warning: never a broken link. Links in raw HTML
(``<a href="/how-to/events">``) are resolved the same way, attribute by attribute.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.utils import get_source_line
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from hoc.core.files import published_folder
from hoc.core.links import (
    REMOVE,
    HtmlUrl,
    find_docname,
    is_site_absolute,
    parse_site_link,
    relative_path,
    rewrite_html_urls,
)
from hoc.docdata import DocDataCollector
from hoc.moved import moved_to
from hoc.state import build_state
from hoc.warnings_ import HocWarning, warn


class AnchorCollector(DocDataCollector):
    """``env.hoc_anchors``: docname → every id in that page, for anchor checks."""

    attribute = "hoc_anchors"

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        ids: set[str] = set()
        for node in doctree.findall(nodes.Element):
            ids.update(node.get("ids", []))
        self.data(app.env)[app.env.docname] = ids


def anchors(env: BuildEnvironment) -> dict[str, set[str]]:
    """The anchors of every page read so far."""
    return AnchorCollector.data(env)


def site_link_target(node: nodes.Element) -> str | None:
    """The site-absolute target of a MyST link left for resolution, else ``None``."""
    if not isinstance(node, addnodes.pending_xref):
        return None
    if node.get("reftype") != "myst" or node.get("refdomain"):
        return None
    target = str(node.get("reftarget", ""))
    return target if is_site_absolute(target) else None


def unlink(node: nodes.Element) -> None:
    """Replace a link by its own text, so nothing the reader should see is lost."""
    node.replace_self(node.children or [nodes.Text(str(node.get("reftarget", "")))])


def raw_location(node: nodes.raw, url: HtmlUrl) -> str | nodes.Node:
    """Where a URL in raw HTML is: its own line in the file when the node has one."""
    source, line = get_source_line(node)
    if source and line:
        return f"{source}:{line + url.line - 1}"
    return node


def page_uri(env: BuildEnvironment, target: str, location: Any) -> tuple[str, str] | None:
    """The docname a site-absolute URL names and its URL relative to the page being
    written; ``None`` with a located warning for an unknown page or anchor. A page that
    moved is followed through the site's redirects (:mod:`hoc.moved`); one that moved
    off the site gives no docname and its absolute URL."""
    link = parse_site_link(target)
    docname = find_docname(link.path, env.found_docs, env.config.root_doc)
    if docname is None:
        moved = moved_to(env, link.path, link.anchor or "")
        if moved is not None and moved.startswith(("http://", "https://")):
            return "", moved
        if moved is not None:
            link = parse_site_link(moved)
            docname = find_docname(link.path, env.found_docs, env.config.root_doc)
    if docname is None:
        warn(f"link to unknown page {target!r}", HocWarning.URL, location=location)
        return None
    if link.anchor and link.anchor not in anchors(env).get(docname, set()):
        warn(f"link to unknown anchor #{link.anchor} in page {link.path!r}",
             HocWarning.URL, location=location)
        return None
    uri = relative_path(env.docname, docname + build_state(env).link_suffix)
    return docname, f"{uri}#{link.anchor}" if link.anchor else uri


class ResolveSiteLinks(SphinxPostTransform):
    """Turn site-absolute MyST links into relative links to pages of this build."""

    # 5: before MyST's reference resolver (9) and Sphinx's (10), which would report
    # these links as missing references.
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(addnodes.pending_xref)):
            target = site_link_target(node)
            if target is not None:
                self.resolve(node, target)
        for raw in list(self.document.findall(nodes.raw)):
            if "html" in raw.get("format", "").split():
                self.resolve_raw(raw)

    def resolve(self, node: addnodes.pending_xref, target: str) -> None:
        found = page_uri(self.env, target, node)
        if found is None:
            unlink(node)
            return
        docname, uri = found
        # The author's classes ({.nav-link}) stay; MyST's own markers do not.
        classes = ["hoc-link"] + [name for name in node["classes"]
                                  if name not in ("xref", "myst")]
        reference = nodes.reference("", "", internal=bool(docname), refuri=uri,
                                    classes=classes if docname else ["external"])
        if node.astext().strip():
            reference += node.children
        else:
            title = self.env.titles.get(docname) if docname else None
            reference += title.deepcopy().children if title is not None else nodes.Text(target)
        node.replace_self(reference)

    def resolve_raw(self, node: nodes.raw) -> None:
        """Resolve the site-absolute ``href`` values of raw HTML; an unknown page
        loses its ``href`` (its text stays) with a located warning."""
        text = node.astext()

        def rewrite(url: HtmlUrl) -> str | None:
            if url.attribute != "href" or not is_site_absolute(url.value) or \
                    published_folder(url.value) is not None:
                return url.value
            found = page_uri(self.env, url.value, raw_location(node, url))
            return REMOVE if found is None else found[1]

        rewritten = rewrite_html_urls(text, rewrite)
        if rewritten != text:
            node.children = []
            node += nodes.Text(rewritten)


def site_link(url: str, *children: nodes.Node) -> addnodes.pending_xref:
    """A site-absolute link made by our own code, resolved exactly as an author's."""
    return addnodes.pending_xref("", *children, refdomain=None, reftype="myst",
                                 reftarget=url, refexplicit=bool(children))


def setup_links(app: Sphinx) -> None:
    """Register the anchor collector and the site-link resolver."""
    app.add_env_collector(AnchorCollector)
    app.add_post_transform(ResolveSiteLinks)
