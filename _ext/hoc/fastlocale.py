"""Translated builds at the cost of English ones (``hoc_fast_locale``, default on).

Sphinx's ``Locale`` transform parses every translated message as a document of its
own (``sphinx.transforms.i18n._publish_msgstr``), through the source parser the
registry gives it. For MyST, each such parse used to cost far more than the message:

- ``MystParser.parse`` builds a new markdown-it parser (``create_md_parser``: every
  rule and plugin set up again) for every message;
- MyST's renderer evaluates ``options.get("document", make_document())`` eagerly, so
  every parse also builds docutils' default settings through optparse (hundreds of
  ``add_option`` calls) only to throw them away;
- the nodes of each message keep a reference to the message's own document, whose
  settings carry the build environment: every translated page's pickled doctree holds
  a copy of the whole environment, so it is written, read and kept in memory many
  times over (a 300-page French site's doctrees are 20 times the English ones);
- the Locale transform parses each message that is not a section title twice (its
  first phase parses every message to find titles and drops the others);
- most messages are bare sentences, for which a whole markdown-it parse only finds out
  that the text is one paragraph of text.

This module registers, through the registry (``add_source_parser``), a MyST parser
that keeps its markdown-it parsers for the build and renders without the throw-away
settings; gives the second ask for a message the first rendering, when nothing moved
it (:class:`_Renderings`); renders a bare-text message (:mod:`hoc.core.plaintext`) with
the calls MyST's renderer would make, without the parse (:func:`render_plain`); and on
``doctree-read`` gives translated nodes the page's document again.

The nodes, and so the HTML, are the same: ``-D hoc_fast_locale=0`` gives MyST's own
parser and Sphinx's doctrees, for comparison. The cache is per build (held weakly by
the environment), never pickled, and each parallel reader process builds its own.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary

from docutils import nodes
from docutils.parsers.rst.languages import get_language as get_language_rst
from markdown_it import MarkdownIt
from mdit_py_plugins.wordcount import basic_count
from myst_parser.config.main import (
    MdParserConfig,
    TopmatterReadError,
    merge_file_level,
    read_topmatter,
)
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import create_warning
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from hoc.core.plaintext import plain_text_test

MAX_CONFIGS = 8
"""Distinct MyST configurations (pages with their own front matter settings) whose
parsers are kept; the oldest is dropped beyond that."""


class ReusableRenderer(SphinxRenderer):
    """MyST's Sphinx renderer, set up for each render without building a throw-away
    docutils document (MyST's ``setup_render`` builds one even when it is given one)."""

    def setup_render(self, options: dict[str, Any], env: MutableMapping[str, Any]) -> None:
        document = options.get("document")
        if document is None:
            super().setup_render(options, env)
            return
        # The same state as DocutilsRenderer.setup_render (tests/test_fast_locale.py
        # compares the two, so a MyST release that adds state is noticed).
        self.md_env = env
        self.md_options = options
        self.md_config = options["myst_config"]
        self.document = document
        self.current_node = options.get("current_node", document)
        self.reporter = document.reporter
        self.language_module_rst = get_language_rst(  # type: ignore[assignment]
            document.settings.language_code)
        self._heading_offset = 0
        self._level_to_section = {0: document}
        self._heading_slugs = {}


@dataclass
class _Parsers:
    """Idle markdown-it parsers for one MyST configuration. A parser is taken for a
    render and given back after, so a render that parses inside itself gets another."""

    config: MdParserConfig
    idle: list[MarkdownIt] = field(default_factory=list)
    is_plain: Callable[[str], bool] | None = None


_BUILD_PARSERS: WeakKeyDictionary[BuildEnvironment, list[_Parsers]] = WeakKeyDictionary()
"""Per build environment, never pickled: parsers hold no state between renders."""


def _parsers_for(env: BuildEnvironment, config: MdParserConfig) -> _Parsers:
    known = _BUILD_PARSERS.setdefault(env, [])
    for parsers in known:
        if parsers.config is config or parsers.config == config:
            return parsers
    parsers = _Parsers(config)
    md = create_md_parser(config, ReusableRenderer)
    parsers.idle.append(md)
    if not config.html_meta:
        parsers.is_plain = plain_text_test(md)
    known.append(parsers)
    del known[:-MAX_CONFIGS]
    return parsers


def render_myst(text: str, document: nodes.document, config: MdParserConfig) -> None:
    """Render MyST ``text`` into ``document`` with a parser kept for the build."""
    parsers = _parsers_for(document.settings.env, config)
    if parsers.is_plain is not None and parsers.is_plain(text):
        render_plain(text, document, config)
        return
    md = parsers.idle.pop() if parsers.idle else create_md_parser(config, ReusableRenderer)
    try:
        md.options["document"] = document
        md.render(text)
    finally:
        # Drop the page, so an idle parser keeps no document alive.
        md.options.pop("document", None)
        parsers.idle.append(md)


def render_plain(text: str, document: nodes.document, config: MdParserConfig) -> None:
    """What MyST's renderer does with a text markdown-it reads as one paragraph of one
    text token (:mod:`hoc.core.plaintext`), step for step, without the parse.

    The same calls in the same order, so every node gets the same line, source and
    document; then what ``_render_finalise`` leaves behind (the page's word count in the
    environment, the settings it sets). tests/test_plaintext.py compares the two.
    """
    paragraph = nodes.paragraph(text)  # render_paragraph
    paragraph.line = 1  # add_line_and_source_path
    document.current_line = 1
    paragraph.source = document["source"]
    document.append(paragraph)
    paragraph.append(nodes.Text(text))  # render_text
    document.myst_slugs = {}  # type: ignore[attr-defined]  # _render_finalise
    settings = document.settings
    settings.myst_heading_anchors_html_ids = config.heading_anchors_html_ids
    settings.myst_footnote_transition = config.footnote_transition
    settings.myst_footnote_sort = config.footnote_sort
    env: BuildEnvironment | None = getattr(settings, "env", None)
    if env is not None:
        words = basic_count(text)
        metadata = env.metadata.setdefault(env.docname, {})
        metadata["wordcount"] = {"words": words,
                                 "minutes": round(words / config.words_per_minute)}


MESSAGE_SOURCE = ":<translated>"
"""How the source of a translated message's own document ends
(``sphinx.transforms.i18n._publish_msgstr``)."""


@dataclass
class _Rendering:
    """A message's document as rendered, and what rendering it left in the page's
    metadata (MyST writes the message's word count and heading slugs there)."""

    document: nodes.document
    metadata: dict[str, Any]

    def untouched(self) -> bool:
        """Every node is still where the render put it: nothing was moved out."""
        return bool(self.document.children) and all(
            child.parent is node for node in self.document.findall(nodes.Element)
            for child in node.children)


@dataclass
class _Renderings:
    """The renderings of one page's messages that no one has used yet.

    Sphinx's Locale asks twice for the document of each message that is not a section
    title: its first phase parses every message to find titles and drops the others,
    its second phase parses them again to use them. The second ask gets the first
    rendering, untouched (the nodes are moved, not copied), as if rendered again.
    """

    docname: str
    kept: dict[tuple[str, str], _Rendering] = field(default_factory=dict)

    def reuse(self, key: tuple[str, str], document: nodes.document,
              env: BuildEnvironment) -> bool:
        rendering = self.kept.pop(key, None)
        if rendering is None or not rendering.untouched():
            return False
        document.extend(rendering.document.children)
        document.myst_slugs = getattr(  # type: ignore[attr-defined]
            rendering.document, "myst_slugs", {})
        env.metadata.setdefault(env.docname, {}).update(rendering.metadata)
        return True

    def keep(self, key: tuple[str, str], document: nodes.document,
             env: BuildEnvironment) -> None:
        # What MyST's _render_finalise wrote in the page's metadata: the message's word
        # count always, its heading slugs when it has headings.
        page = env.metadata.get(env.docname, {})
        written = {"wordcount": page["wordcount"]} if "wordcount" in page else {}
        slugs = getattr(document, "myst_slugs", None)
        if slugs:
            written["myst_slugs"] = slugs
        self.kept[key] = _Rendering(document, written)

_PAGE_RENDERINGS: WeakKeyDictionary[BuildEnvironment, _Renderings] = WeakKeyDictionary()


def _renderings(env: BuildEnvironment) -> _Renderings:
    """The unused renderings of the page being read (the last page's are dropped)."""
    renderings = _PAGE_RENDERINGS.get(env)
    if renderings is None or renderings.docname != env.docname:
        renderings = _PAGE_RENDERINGS[env] = _Renderings(env.docname)
    return renderings


class FastMystParser(MystParser):
    """MyST's Sphinx parser with parsers kept for the build (``hoc_fast_locale``)."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env: BuildEnvironment = document.settings.env
        if not env.config.hoc_fast_locale:
            super().parse(inputstring, document)
            return
        # As MystParser.parse: the build's configuration, with the page's own settings.
        config: MdParserConfig = env.myst_config  # type: ignore[attr-defined]
        try:
            topmatter = read_topmatter(inputstring)
        except TopmatterReadError:
            pass  # reported while rendering, as MyST does
        else:
            if topmatter:
                def warning(wtype: Any, msg: str) -> None:
                    create_warning(document, msg, wtype, line=1, append_to=document)
                config = merge_file_level(config, topmatter, warning)
        if not str(document.get("source", "")).endswith(MESSAGE_SOURCE):
            render_myst(inputstring, document, config)
            return
        renderings = _renderings(env)
        key = (document["source"], inputstring)
        if not renderings.reuse(key, document, env):
            render_myst(inputstring, document, config)
        renderings.keep(key, document, env)


def own_translated_nodes(app: Sphinx, doctree: nodes.document) -> None:
    """Make the page's document the document of every node Sphinx's Locale moved in
    from a message's own document, so the pickled doctree no longer carries that
    document (and the build environment its settings hold)."""
    if not app.config.hoc_fast_locale:
        return
    for node in doctree.findall():
        # docutils keeps a node's own document in ``_document`` (``document`` falls
        # back to the parent's), the reference the pickle would follow.
        own = getattr(node, "_document", None)
        if own is not None and own is not doctree:
            node.document = doctree


def setup_fast_locale(app: Sphinx) -> None:
    """Parse translated messages with parsers kept for the build."""
    # MyST registers its parser for "markdown" files; ours replaces it through the
    # registry, which the Locale transform asks for every message's parser.
    app.setup_extension("myst_parser")
    app.add_source_parser(FastMystParser, override=True)
    # priority 400 (before the default 500): before any handler that pickles or copies
    # the doctree; our own readers see the same nodes either way.
    app.connect("doctree-read", own_translated_nodes, priority=400)
