"""Each language's ``sitemap.xml``: every page of the site, in every build.

sphinx-sitemap lists the pages written by the current build (it collects them as they
are rendered, jdillard/sphinx-sitemap#13), so an incremental build publishes a sitemap
of the few pages that changed and search engines lose the rest. Ours lists every
document the environment knows, plus the pages the builder writes afresh each time
(general index, search, 404), in the same format, with the same public URLs as the
pages' own canonical and hreflang links (so they agree on Read the Docs too).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from hoc.config import hoc_config
from hoc.core.languages import absolute_page_url
from hoc.core.sitemap import SitemapUrl, render_sitemap

SITEMAP = "sitemap.xml"
SITEMAP_BUILDERS = ("html", "dirhtml")
"""Builders whose pages are one URL each (singlehtml has one page, not a site)."""
_EXTRA_PAGES = "_hoc_sitemap_extra_pages"


def _extra_pages(app: Sphinx) -> list[str]:
    """The pages this build wrote that are not documents, in the order written."""
    pages: list[str] | None = getattr(app.builder, _EXTRA_PAGES, None)
    if pages is None:
        pages = []
        setattr(app.builder, _EXTRA_PAGES, pages)
    return pages


def _note_page(app: Sphinx, pagename: str, templatename: str, context: dict[str, object],
               doctree: object) -> None:
    """``html-page-context``: remember the builder's own pages. They are written in
    every build, in the main process, so this build's list is the whole list."""
    if pagename not in app.env.found_docs:
        _extra_pages(app).append(pagename)


def sitemap_urls(app: Sphinx) -> list[SitemapUrl]:
    """Every page of this language's site: documents by name, then the builder's pages."""
    config = hoc_config(app)
    language = app.config.language or config.source_language
    others = [code for code in config.languages if code != language]
    pages = [*sorted(app.env.found_docs),
             *dict.fromkeys(_extra_pages(app))]  # once each, in the order written
    urls = []
    for pagename in pages:
        target = app.builder.get_target_uri(pagename)

        def url(code: str, target: str = target) -> str:
            return absolute_page_url(config.base_url, config.language_path, code, target)

        urls.append(SitemapUrl(url(language), tuple((code, url(code)) for code in others)))
    return urls


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write the sitemap (none without ``hoc_base_url``: a sitemap
    needs absolute URLs, and one left from an earlier build would be wrong)."""
    if exception is not None or app.builder.name not in SITEMAP_BUILDERS or \
            not isinstance(app.builder, StandaloneHTMLBuilder):
        return
    path = Path(app.outdir) / SITEMAP
    if not hoc_config(app).base_url:
        path.unlink(missing_ok=True)
        return
    partial = path.with_suffix(".xml.tmp")
    partial.write_bytes(render_sitemap(sitemap_urls(app)))
    partial.replace(path)  # never half a sitemap, even if the build is killed


def setup_sitemap(app: Sphinx) -> None:
    """Register the page list and the writer."""
    app.connect("html-page-context", _note_page)
    # priority 900: after sphinx-sitemap (500), whose file ours replaces in a project
    # that still lists that extension.
    app.connect("build-finished", write_sitemap, priority=900)
