"""Translation status in the site: a status page, and a "translate this page" link.

``{translation-status}`` renders, at build time and with no outside service, one bar
chart per language from the translators' PO files (the same counts as ``make stats``).
Every page of a translated language links to its PO file: the copy published with the
site under ``_translations/``, or ``hoc_translation_url`` when a project uses a
translation platform.
"""

from __future__ import annotations

import dataclasses
import html
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from hoc._version import __version__
from hoc.config import hoc_config
from hoc.core.catalogs import (
    PUBLISHED,
    CatalogReport,
    Status,
    catalog_files,
    examine_language,
    publish_catalog,
)
from hoc.core.guard import myst_parser
from hoc.core.guard_limits import GuardLimits
from hoc.core.languages import direction, native_name
from hoc.core.madefrom import MadeFrom, file_stamp
from hoc.docdata import DocDataCollector
from hoc.guard import catalogs_as_is, guard_limits, published_ahead, translation_dirs
from hoc.mixed import mixed_text
from hoc.sitewide import remove_unpublished
from hoc.state import BuildState, build_state, note_string_use

COLOURS = (("translated", "#2e8540"), ("partly", "#2f6db5"), ("fuzzy", "#e08e0b"),
           ("rejected", "#c0392b"), ("untranslated", "#a0a6ad"))
"""Each status in the order the charts stack it; ``partly``: translated messages that
still hold English sentences (:mod:`hoc.mixed`)."""


def _ui(state: BuildState, key: str, fallback: str) -> str:
    found = state.strings.lookup(key)
    return found.text if found else fallback


def _bar(status: Status, label: str, labels: dict[str, str]) -> str:
    """A stacked bar (SVG) of one language's messages, each part titled in the page's
    language."""
    x = 0.0
    parts = []
    for name, colour in COLOURS:
        count = getattr(status, name)
        width = 100 * count / status.total if status.total else 0
        if width:
            parts.append(f'<rect x="{x:.2f}%" width="{width:.2f}%" height="100%" '
                         f'fill="{colour}"><title>{html.escape(labels[name])}: {count}'
                         f"</title></rect>")
        x += width
    return (f'<svg class="hoc-status-bar" role="img" aria-label="{html.escape(label)}" '
            f'width="100%" height="18">{"".join(parts)}</svg>')


def render_status(by_language: dict[str, list[CatalogReport]], state: BuildState) -> str:
    labels = {name: _ui(state, f"ui_status_{name}", name) for name, _ in COLOURS}
    legend = "".join(f'<span class="hoc-status-key"><span style="background:{colour}">'
                     f"</span>{html.escape(labels[name])}</span>" for name, colour in COLOURS)
    out = [f'<div class="hoc-status-legend">{legend}</div>']
    for language, reports in by_language.items():
        total = Status()
        for report in reports:
            total += report.status
        name = native_name(language)
        percent = f"{total.share:.0%}"
        out.append(f'<section class="hoc-status-language" lang="{html.escape(language)}" '
                   f'dir="{direction(language)}">'
                   f"<h2>{html.escape(name)} <small>{percent}</small></h2>"
                   f"{_bar(total, f'{name}: {percent}', labels)}"
                   "<table class='hoc-status-pages'>")
        for report in reports:
            counts = " · ".join(f"{getattr(report.status, n)} {html.escape(labels[n])}"
                                for n, _ in COLOURS if getattr(report.status, n))
            out.append(f"<tr><td><code>{html.escape(report.domain)}</code></td>"
                       f"<td>{report.status.share:.0%}</td><td>{counts}</td></tr>")
        out.append("</table></section>")
    return "\n".join(out)


class StatusCatalogCollector(DocDataCollector):
    """``env.hoc_status_catalogs``: docname → the PO files its status charts count."""

    attribute = "hoc_status_catalogs"


def status_catalogs(env: BuildEnvironment) -> list[str]:
    """Every PO file of every translated language, in the order the charts show them."""
    config = hoc_config(env)
    return [str(path) for language in config.languages[1:]
            for directory in translation_dirs(env.config)
            for _domain, path in catalog_files(Path(env.srcdir, directory), language)]


def _status_outdated(app: Sphinx, env: BuildEnvironment, added: set[str],
                     changed: set[str], removed: set[str]) -> list[str]:
    """``env-get-outdated``: the status pages, when a PO file was added or removed (an
    edited one is a file dependency of theirs already)."""
    current = status_catalogs(env)
    return sorted(docname for docname, counted in StatusCatalogCollector.data(env).items()
                  if counted != current and docname in env.found_docs)


class TranslationStatus(SphinxDirective):
    """``{translation-status}``: one chart per translated language."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        config = hoc_config(self.env)
        parser = myst_parser(frozenset(self.config.myst_enable_extensions or ()))
        by_language: dict[str, list[CatalogReport]] = {}
        for language in config.languages[1:]:
            reports: list[CatalogReport] = []
            for directory in translation_dirs(self.config):
                root = Path(self.env.srcdir, directory)
                reports += examine_language(
                    root, language, parser, limits=guard_limits(self.env),
                    mixed=mixed_text(language, tuple(config.brand_names)))
            by_language[language] = reports
            for report in reports:
                self.env.note_dependency(str(report.path))
        StatusCatalogCollector.data(self.env)[self.env.docname] = status_catalogs(self.env)
        for name, _ in COLOURS:
            note_string_use(self.env, f"ui_status_{name}")
        markup = render_status(by_language, build_state(self.env))
        return [nodes.raw("", markup, format="html")]


def _translate_link(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                    doctree: object) -> None:
    config = hoc_config(app)
    language = app.config.language or config.source_language
    context["hoc_translate_link"] = None
    if language == config.source_language or doctree is None:
        return
    catalogs = [Path(app.srcdir, directory, language, "LC_MESSAGES", f"{pagename}.po")
                for directory in translation_dirs(app.config)]
    if not any(path.is_file() for path in catalogs):
        return  # a page with no catalog yet: `make update-po` creates it
    template = app.config.hoc_translation_url
    if template:
        href = template.format(lang=language, docname=pagename)
    else:
        href = f"{context.get('content_root', '')}{PUBLISHED}/{pagename}.po"
    label = build_state(app.env).strings.lookup("ui_translate_page")
    context["hoc_translate_link"] = {"href": href,
                                     "label": label.text if label else "Translate this page"}


PUBLISH_RECORD = "hoc-published-catalogs.json"
"""In the doctree folder: what each published catalog was made from, so that a build
republishes only the catalogs whose PO file (or the guard's settings) changed."""


def _publish_setting(app: Sphinx, limits: GuardLimits) -> dict[str, Any]:
    """What a published catalog depends on besides its PO file."""
    return {"version": __version__,
            "limits": dataclasses.asdict(limits),
            "extensions": sorted(app.config.myst_enable_extensions or ())}


def _publish_catalogs(app: Sphinx, exception: Exception | None) -> None:
    """Publish this language's PO files, so "translate this page" always leads somewhere.

    What the guard rejected is left out: nothing hostile reaches the published site. A
    catalog whose PO file (size and time) and guard settings are those it was published
    from is left as it is: checking every message of every catalog again would cost an
    incremental build more than the pages it rewrites. A page's catalog, checked when
    the page was read, is not read again (:func:`hoc.guard.catalogs_as_is`), and one
    the second process published as it checked it is left as it is
    (:func:`hoc.guard.published_ahead`).
    """
    config = hoc_config(app)
    language = app.config.language or config.source_language
    if exception is not None or app.builder.format != "html" or \
            language == config.source_language:
        return
    extensions = frozenset(app.config.myst_enable_extensions or ())
    parser = myst_parser(extensions)
    folder = Path(app.outdir) / PUBLISHED
    limits = guard_limits(app)
    made = MadeFrom(Path(app.doctreedir) / PUBLISH_RECORD, _publish_setting(app, limits))
    known = catalogs_as_is(app.env, extensions, limits)
    ahead = published_ahead()
    published: set[Path] = set()
    for directory in translation_dirs(app.config):
        root = Path(app.srcdir, directory)
        for domain, path in catalog_files(root, language):
            target = folder / f"{domain}.po"
            source = file_stamp(path)
            if made.unchanged(domain, source) and target.is_file():
                published.add(target)
                made.note(domain, source)
                continue
            if ahead.get(str(path)) == ((source[0], source[1]), str(target)):
                published.add(target)  # published as its page was read
                made.note(domain, source)
                continue
            stamp, as_is = known.get(str(path), (None, None))
            if publish_catalog(path, domain, target, as_is if stamp == source else None,
                               parser, limits):
                published.add(target)
                made.note(domain, source)
    remove_unpublished(folder, published)
    made.save()


def setup_stats(app: Sphinx) -> None:
    """Register the status directive, the per-page link and the published catalogs."""
    app.add_config_value("hoc_translation_url", "", "html", types=(str,))
    app.add_directive("translation-status", TranslationStatus)
    app.connect("html-page-context", _translate_link)
    app.connect("build-finished", _publish_catalogs)
    app.add_env_collector(StatusCatalogCollector)
    app.connect("env-get-outdated", _status_outdated)
