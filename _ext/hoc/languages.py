"""Every language a complete site: fallback marking, switcher, hreflang, direction.

- An untranslated (or fuzzy, or unusable) message shows in English inside the
  translated page, marked ``lang="en"`` so browsers, screen readers and search engines
  treat it as English; a page below ``hoc_translation_threshold`` says so, in the
  reader's language, with a link to the translation guide.
- Every page links to the same page in each other language (a switcher, and
  ``<link rel="alternate" hreflang>`` with ``x-default``), has a canonical URL, and
  reads right to left where its language does (``<html dir="rtl">``).
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlsplit

from babel.numbers import format_percent
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from hoc.config import hoc_config
from hoc.core.languages import (
    absolute_page_url,
    direction,
    is_known_language,
    native_name,
    switcher,
)
from hoc.core.links import find_docname, parse_site_link
from hoc.links import site_link
from hoc.locale_transform import messages_after_locale
from hoc.mixed import mark_english_left
from hoc.state import build_state
from hoc.strings import lookup_for_page, resolve_call
from hoc.warnings_ import HocWarning, warn

NOTICE_CLASS = "hoc-translation-notice"


def _ui(env: BuildEnvironment, key: str, location: Any, **values: str) -> nodes.Node:
    """A UI string as a node, English fallback marked; the key itself if unknown."""
    state = build_state(env)
    call = " ".join([key, *(f'{name}="{value}"' for name, value in values.items())])
    found = lookup_for_page(env, call, location)
    if found is None:
        return nodes.Text(key)
    if found.language != state.strings.language:
        return nodes.inline("", found.text, classes=[f"language-{found.language}"])
    return nodes.Text(found.text)


def _in_front_matter(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.document):
        if isinstance(parent, nodes.docinfo | nodes.field_list) and \
                isinstance(parent.parent, nodes.document):
            return True
        parent = parent.parent
    return False


class MarkFallback(SphinxTransform):
    """Mark English fallback text and add the "partly translated" notice; then mark the
    English left inside translated messages (:func:`hoc.mixed.mark_english_left`), from
    the same walk of the page's messages."""

    # 26: after Sphinx's Locale transform (20), which sets node["translated"].
    default_priority = 26

    def apply(self, **kwargs: Any) -> None:
        config = hoc_config(self.env)
        language = self.config.language or config.source_language
        if language == config.source_language:
            return
        source_class = f"language-{config.source_language}"
        total = translated = 0
        # Every message of the page; one Sphinx did not translate (no catalog for the
        # page, no or a fuzzy msgstr, a msgstr it could not use) stays in English.
        messages = messages_after_locale(self.document)
        for node, _message in messages:
            if _in_front_matter(node):
                continue  # front-matter fields: turned into metadata, never shown
            total += 1
            if node.get("translated"):
                translated += 1
            elif source_class not in node["classes"]:
                node["classes"].append(source_class)
        if total and translated / total < config.translation_threshold:
            self.add_notice(translated / total, language, config.translate_page)
        # The notice is no message (its text has no source): the walk still holds.
        mark_english_left(self.env, messages)

    def add_notice(self, share: float, language: str, translate_page: str) -> None:
        location = (self.env.docname, 1)
        # A language babel does not know is a hoc.config warning (hoc.config): the notice
        # then writes the share as the source language does.
        percent = format_percent(share, locale=language.replace("-", "_")
                                 if is_known_language(language) else "en")
        paragraph = nodes.paragraph()
        paragraph += _ui(self.env, "ui_partly_translated", location, percent=percent,
                         language=native_name(language))
        if translate_page and find_docname(parse_site_link(translate_page).path,
                                           self.env.found_docs, self.config.root_doc):
            paragraph += nodes.Text(" ")
            paragraph += site_link(translate_page,
                                   _ui(self.env, "ui_help_translate", location))
        # An admonition: page descriptions (Open Graph) skip it; "no-search": it is not
        # what the page is about.
        notice = nodes.admonition("", paragraph, classes=[NOTICE_CLASS, "no-search"])
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is not None and section.children and isinstance(section[0], nodes.title):
            section.insert(1, notice)
        else:
            self.document.insert(0, notice)


def _language_mark(section: nodes.section) -> str | None:
    """The ``language-*`` class of a section's title (one left in English), if any."""
    if not section.children or not isinstance(section[0], nodes.title):
        return None
    return next((name for name in section[0]["classes"] if name.startswith("language-")),
                None)


def _note_title_language(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: headings that stayed in English are marked on the copies
    Sphinx keeps for navigation too. The page's title (:func:`title_language`) names the
    page in the sidebar and previous/next links; the page's toc (every heading) feeds
    the sidebar and the "On this page" contents. Front-matter titles are marked by
    :mod:`hoc.pages`."""
    sections = list(doctree.findall(nodes.section))
    if not sections:
        return
    # Sphinx's toc links the first heading as the page itself (no anchor), the others
    # by their section's first id.
    marks = {("" if index == 0 else f"#{section['ids'][0]}"): mark
             for index, section in enumerate(sections)
             if (index == 0 or section["ids"]) and (mark := _language_mark(section))}
    if not marks:
        return
    title = app.env.titles.get(app.env.docname)
    if "" in marks and title is not None:
        title["classes"] = [*title["classes"], marks[""]]
    toc = app.env.tocs.get(app.env.docname)
    for link in toc.findall(nodes.reference) if toc is not None else ():
        mark = marks.get(link.get("anchorname", ""))
        if mark and link.children:
            children = list(link.children)
            link.clear()
            link += nodes.inline("", "", *children, classes=[mark])


def title_language(env: BuildEnvironment, docname: str) -> str | None:
    """The language a page's title fell back to (``en``), or ``None`` when it is in the
    build language."""
    title = env.titles.get(docname)
    for name in title["classes"] if title is not None else ():
        if name.startswith("language-"):
            return str(name.removeprefix("language-"))
    return None


def in_language(html_text: str, language: str | None) -> str:
    """HTML text marked as being in ``language`` (a title that fell back to English),
    or as it is when ``language`` is ``None``."""
    return f'<span lang="{language}">{html_text}</span>' if language else html_text


def _check_translate_page(app: Sphinx, env: Any, docnames: list[str]) -> None:
    """Say once per build when the "help translate" link has nowhere to go."""
    config = hoc_config(app)
    if (app.config.language or config.source_language) == config.source_language:
        return
    page = config.translate_page
    if page and not find_docname(parse_site_link(page).path, env.found_docs,
                                 app.config.root_doc):
        warn(f"hoc_translate_page {page!r} is not a page of this site; the "
             "partly-translated notice will have no link", HocWarning.CONFIG)


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                  doctree: object) -> None:
    """The switcher, alternates, canonical URL and direction of one page."""
    config = hoc_config(app)
    language = app.config.language or config.source_language
    target_uri = app.builder.get_target_uri(pagename)
    content_root = str(context.get("content_root", ""))
    context["hoc_dir"] = direction(language)
    context["hoc_language_links"] = switcher(config.languages, language, content_root,
                                             config.language_path, target_uri)
    labels = build_state(app.env).strings.lookup("ui_languages")
    context["hoc_languages_label"] = labels.text if labels else "Languages"
    alternates = []
    for code in config.languages:
        href = (absolute_page_url(config.base_url, config.language_path, code, target_uri)
                if config.base_url else
                switcher([code], language, content_root, config.language_path,
                         target_uri)[0].href)
        alternates.append((code, href))
        if code == config.source_language:
            alternates.append(("x-default", href))
    context["metatags"] = str(context.get("metatags", "")) + "".join(
        f'\n    <link rel="alternate" hreflang="{html.escape(code)}" href="{html.escape(href)}">'
        for code, href in alternates)
    if config.base_url:
        context["pageurl"] = absolute_page_url(config.base_url, config.language_path,
                                               language, target_uri)
    _mark_related_titles(app, pagename, context)


def _mark_related_titles(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    """Previous and next page links name their pages by title: mark a title left in
    English as the sidebar does (templates strip the mark where HTML cannot go)."""
    relations = getattr(app.builder, "relations", {}).get(pagename)
    if not relations:
        return
    for key, docname in (("prev", relations[1]), ("next", relations[2])):
        link = context.get(key)
        language = title_language(app.env, docname) if docname else None
        if isinstance(link, dict) and language and "title" in link:
            link["title"] = in_language(str(link["title"]), language)
            link["hoc_lang"] = language


def _derived_config(app: Sphinx, config: Config) -> None:
    """Per-language values of the extensions we configure (Open Graph, 404)."""
    hoc = hoc_config(app)
    language = config.language or hoc.source_language
    if hoc.base_url:
        config.html_baseurl = config.html_baseurl or hoc.base_url
        language_root = absolute_page_url(hoc.base_url, hoc.language_path, language, "")
        config.ogp_site_url = language_root
        config.notfound_urls_prefix = urlsplit(language_root).path
    else:
        config.notfound_urls_prefix = urlsplit(
            absolute_page_url("http://site/", hoc.language_path, language, "")).path


def _translated_ui_config(app: Sphinx) -> None:
    """UI texts other extensions render (404 page, Open Graph site name), translated."""
    state = build_state(app.env, str(getattr(app.builder, "link_suffix", ".html")))
    location = "conf.py:1"

    def text(key: str, fallback: str) -> str:
        found = resolve_call(state, key, location) if key in state.strings else None
        return found.text if found else fallback

    title = text("ui_not_found_title", "Page not found")
    home = f"{app.config.notfound_urls_prefix}index.html"
    app.config.notfound_context = {
        "title": title,
        "body": (f"<h1>{html.escape(title)}</h1>\n"
                 f"<p>{html.escape(text('ui_not_found_body', ''))}</p>\n"
                 f'<p><a href="{html.escape(home)}">'
                 f"{html.escape(text('ui_go_home', 'Home'))}</a></p>"),
    }
    app.config.ogp_site_name = text("site_title", app.config.project)


def setup_languages(app: Sphinx) -> None:
    """Register fallback marking and the per-language page context."""
    app.add_transform(MarkFallback)
    # priority 600: after hoc.config validates the hoc_* values (400) and after the
    # configured extensions registered their defaults.
    app.connect("config-inited", _derived_config, priority=600)
    app.connect("builder-inited", _translated_ui_config)
    # priority 550: after Sphinx's title collector (500) made the title, before
    # hoc.pages (600) replaces it with a front-matter title.
    app.connect("doctree-read", _note_title_language, priority=550)
    app.connect("env-before-read-docs", _check_translate_page)
    app.connect("html-page-context", _page_context)
