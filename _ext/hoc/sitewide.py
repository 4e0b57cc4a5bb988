"""An incremental build publishes what a clean build of the same sources would.

Sphinx rewrites the pages it read again and their parents in the toctree. That is not
enough for a site whose every page shows the whole site, and it leaves behind what a
clean build would not publish:

- every page carries the navigation tree (titles of all pages, their order) and links
  to its previous and next pages: when that changes (a title edited, translated or left
  in English, a page added or removed), every page is written again;
- a removed page's HTML stays in the output folder: it is deleted (so are catalogs
  no longer published, :func:`remove_unpublished`);
- the search index keeps, for each word, the pages it was found on; a word no page uses
  any more stays as an empty entry: it is dropped (Sphinx prunes pages, not words).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.util.logging import suppress_logging

from hoc.languages import title_language

NAVIGATION_FILE = "hoc-navigation-{builder}.sha256"
"""In the doctree folder: the navigation every written page shows. Kept beside the
doctrees rather than in the environment, which Sphinx saves before it writes: a build
stopped while writing must leave the old value, so the next one writes every page.
One per builder, as builders that share doctrees link pages differently."""
_SIGNATURE = "_hoc_navigation_signature"


def navigation_signature(app: Sphinx) -> str:
    """What the navigation of every page is made of, as text: furo's tree (the same
    toctree arguments as ``furo._compute_navigation_tree``), every page's title with its
    language mark, and every page's parent, previous and next page."""
    env = app.env
    builder = app.builder
    assert isinstance(builder, StandaloneHTMLBuilder)
    with suppress_logging():  # the same tree warns, if it must, when pages are written
        toctree = global_toctree_for_doc(env, app.config.root_doc, builder,
                                         tags=builder.tags, collapse=False,
                                         titles_only=True, maxdepth=-1,
                                         includehidden=True)
    titles = {docname: (title.pformat(), title_language(env, docname))
              for docname, title in sorted(env.titles.items())}
    relations = sorted(env.collect_relations().items())
    tree = toctree.pformat() if toctree is not None else ""
    return hashlib.sha256(repr((tree, titles, relations)).encode()).hexdigest()


def _navigation_file(app: Sphinx) -> Path:
    return Path(app.doctreedir) / NAVIGATION_FILE.format(builder=app.builder.name)


def rewrite_on_navigation_change(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: every page, when what their navigation shows is not what
    the last finished build wrote."""
    if not isinstance(app.builder, StandaloneHTMLBuilder):
        return []
    try:
        written = _navigation_file(app).read_text(encoding="utf-8")
    except OSError:
        written = None
    signature = navigation_signature(app)
    setattr(app.builder, _SIGNATURE, signature)  # the same when the build finishes
    return [] if signature == written else sorted(env.found_docs)


def note_navigation_written(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: every page now shows the current navigation."""
    if exception is None and isinstance(app.builder, StandaloneHTMLBuilder):
        signature = getattr(app.builder, _SIGNATURE, None) or navigation_signature(app)
        _navigation_file(app).write_text(signature, encoding="utf-8")


def remove_outputs(app: Sphinx, env: BuildEnvironment, added: set[str],
                   changed: set[str], removed: set[str]) -> list[str]:
    """``env-get-outdated``: delete what removed pages published (and folders left
    empty), as a clean build would not have it."""
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder):
        return []
    outdir = Path(app.outdir).resolve()
    for docname in sorted(removed):
        path = Path(builder.get_outfilename(docname)).resolve()
        if outdir not in path.parents:
            continue
        path.unlink(missing_ok=True)
        for folder in path.parents:
            if folder == outdir:
                break
            with contextlib.suppress(OSError):  # not empty: other pages live there
                folder.rmdir()
    return []


def remove_unpublished(folder: Path, published: set[Path]) -> None:
    """Delete what ``folder`` holds beyond ``published`` (this build's files there, paths
    under ``folder`` as given), and folders left empty: a folder one feature fills
    whole, as a clean build fills it. One listing of each folder, no path resolved: a
    translated build publishes a catalog per page."""
    if not folder.is_dir():
        return
    for root, folders, files in os.walk(folder, topdown=False):  # files before folders
        base = Path(root)
        for name in files:
            if base / name not in published:  # (paths compare as written)
                (base / name).unlink()
        for name in folders:
            with contextlib.suppress(OSError):  # not empty: it holds published files
                (base / name).rmdir()


def drop_unused_words(app: Sphinx) -> list[Any]:
    """``html-collect-pages``: forget words no page uses any more before the search index
    is written (it is written right after the builder's own pages are collected)."""
    indexer = getattr(app.builder, "indexer", None)
    for name in ("_mapping", "_title_mapping"):
        mapping = getattr(indexer, name, None)
        if isinstance(mapping, dict):
            for word in [word for word, docnames in mapping.items() if not docnames]:
                del mapping[word]
    return []


def setup_sitewide(app: Sphinx) -> None:
    """Register the checks that keep an incremental build equal to a clean one."""
    app.connect("env-get-updated", rewrite_on_navigation_change)
    app.connect("build-finished", note_navigation_written)
    app.connect("env-get-outdated", remove_outputs)
    app.connect("html-collect-pages", drop_unused_words)
