"""Headings that hold links of ours still make a table of contents.

Sphinx copies each heading into the page's table of contents without its links
(docutils' ``ContentsFilter`` drops ``reference`` nodes), but the filter knows node
classes by name: a link node of ours (a file link, :class:`hoc.files.hoc_download`)
is copied as it is, and Sphinx's ``document_toc`` then fails on it with a ``KeyError``
(every reference of a table of contents must be one of its entries). A real Pegasus
page has such headings (``### Read the [guide](/files/guide.pdf)``). Once the table of
contents is collected, each such link in it is replaced by its text; the heading in the
page keeps its link.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


def unlink_toc_entries(toc: nodes.Node) -> int:
    """Replace every link in ``toc`` that is not a table-of-contents entry (one without
    an ``anchorname``) by its text; how many there were."""
    stray = [reference for reference in toc.findall(nodes.reference)
             if "anchorname" not in reference]
    for reference in stray:
        reference.replace_self(reference.children)
    return len(stray)


def _unlink_page_toc(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, after Sphinx's table-of-contents collector."""
    toc = app.env.tocs.get(app.env.docname)
    if toc is not None:
        unlink_toc_entries(toc)


def setup_toctitles(app: Sphinx) -> None:
    """Keep links of ours out of the tables of contents Sphinx collects."""
    # priority 900: after Sphinx's TocTreeCollector (500) has collected the headings.
    app.connect("doctree-read", _unlink_page_toc, priority=900)
