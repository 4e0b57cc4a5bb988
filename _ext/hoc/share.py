"""``{hoc-share}``: Facebook and Twitter share links, the tweet in the page's language.

Pegasus's share-link Ruby block and ``view :share_buttons`` become this directive (see
:mod:`hoc.core.share`). The tweet text is a string-table key, looked up for the page
being read, so a translated ``strings.po`` gives a translated tweet and editing it
rebuilds the page. The result is ``<div class="hoc-share">`` holding two links.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from hoc.core.share import OPTIONS, Share, share_urls
from hoc.strings import lookup_for_page

NETWORKS = ("Facebook", "Twitter")
"""Link texts: the networks' own names, the same in every language."""


class ShareDirective(SphinxDirective):
    """The share links of a page."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        option: directives.unchanged for option in OPTIONS}

    def run(self) -> list[nodes.Node]:
        share = Share(**{name.replace("-", "_"): value or ""
                         for name, value in self.options.items()})
        text = ""
        if share.text:
            found = lookup_for_page(self.env, share.text, self.get_location())
            text = found.text if found else ""
        facebook, twitter = share_urls(share, text)
        paragraph = nodes.paragraph()
        links = [(NETWORKS[0], facebook)] if share.facebook else []
        links.append((NETWORKS[1], twitter))
        for index, (network, url) in enumerate(links):
            if index:
                paragraph += nodes.Text(" ")
            paragraph += nodes.reference("", network, refuri=url,
                                         classes=[f"hoc-share-{network.lower()}"])
        container = nodes.container("", paragraph, classes=["hoc-share"])
        self.set_source_info(container)
        return [container]


def setup_share(app: Sphinx) -> None:
    """Register the ``hoc-share`` directive."""
    app.add_directive("hoc-share", ShareDirective)
