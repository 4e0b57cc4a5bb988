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
  that the text is one paragraph of text;
- every translated paragraph is rendered twice: in English with its page, then in
  translation to replace the English.

This module registers, through the registry (``add_source_parser``), a MyST parser
that keeps its markdown-it parsers for the build and renders without the throw-away
settings, renders a page's translated paragraphs from their translation as the page is
read (:mod:`hoc.page_translation`; the Locale passes them by), and renders a bare-text
message (:mod:`hoc.core.plaintext`) with the calls MyST's renderer would make, without
the parse (:func:`render_plain`), and, for the Locale, without a document of its own
(:func:`publish_plain`); puts
:class:`hoc.locale_transform.HocLocale` in the place of Sphinx's ``Locale`` (each message
parsed once, no whole-page search per title or per message, and the nodes it moves in
given the page's document).

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
from markdown_it.tree import SyntaxTreeNode
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
from sphinx.errors import FiletypeNotFoundError, SphinxError
from sphinx.transforms.i18n import Locale
from sphinx.util import get_filetype

from hoc.core import parses
from hoc.core.plaintext import one_paragraph_test, plain_text_test
from hoc.guard import checked_ahead
from hoc.locale_transform import HocLocale
from hoc.page_translation import (
    READ_MESSAGES,
    TRANSLATED_SOURCE_SUFFIX,
    PageMessages,
    page_messages,
    translated_paragraph,
    translated_source,
)

PAGE_MESSAGES = "hoc_page_messages"
"""The markdown-it option holding the page's :class:`PageMessages` while it renders."""

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

    def render_paragraph(self, token: SyntaxTreeNode) -> None:
        """MyST's paragraph, or, on a page being read whose paragraph has a translation
        the Locale would put in, that translation (:mod:`hoc.page_translation`)."""
        page: PageMessages | None = self.md_options.get(PAGE_MESSAGES)
        found = translated_paragraph(self.md, page, token) if page is not None else None
        if found is None:
            super().render_paragraph(token)
            return
        msgstr, translation = found
        # The English node, as MyST makes it, with the translation's nodes in it.
        paragraph = nodes.paragraph(token.children[0].content)
        self.copy_attributes(token, paragraph, keys=("class", "id"))
        self.add_line_and_source_path(paragraph, token)
        self.current_node.append(paragraph)
        document, source = self.document, self.document["source"]
        document["source"] = translated_source(document, paragraph.line)
        try:
            if translation is None:
                paragraph.append(nodes.Text(msgstr))
            else:
                with self.current_node_context(paragraph):
                    self.render_children(translation)
        finally:
            document["source"] = source
            document.current_line = paragraph.line
        paragraph["translated"] = True

    def nested_render_text(self, *args: Any, **kwargs: Any) -> None:
        """MyST's, with the paragraphs of a directive's body left to the Locale."""
        page = self.md_options.pop(PAGE_MESSAGES, None)
        try:
            super().nested_render_text(*args, **kwargs)
        finally:
            if page is not None:
                self.md_options[PAGE_MESSAGES] = page


@dataclass
class _Parsers:
    """Idle markdown-it parsers for one MyST configuration. A parser is taken for a
    render and given back after, so a render that parses inside itself gets another."""

    config: MdParserConfig
    idle: list[MarkdownIt] = field(default_factory=list)
    is_plain: Callable[[str], bool] | None = None
    is_one_paragraph: Callable[[str], bool] | None = None


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
    parsers.is_one_paragraph = one_paragraph_test(md)
    known.append(parsers)
    del known[:-MAX_CONFIGS]
    return parsers


def render_myst(text: str, document: nodes.document, config: MdParserConfig,
                messages: Callable[[], dict[str, str] | None] | None = None) -> None:
    """Render MyST ``text`` into ``document`` with a parser kept for the build; with
    ``messages`` (the page's translations, asked for between the parse and the render),
    its translated paragraphs in translation."""
    parsers = _parsers_for(document.settings.env, config)
    if parsers.is_plain is not None and parsers.is_plain(text):
        render_plain(text, document, config)
        return
    md = parsers.idle.pop() if parsers.idle else create_md_parser(config, ReusableRenderer)
    try:
        md.options["document"] = document
        env: dict[str, Any] = {}
        # A message the Locale renders (a title, say) was parsed by the guard a moment
        # ago: its paragraph is made from that parse (hoc.core.parses).
        kept = parses.kept_paragraph(md, text) if messages is None and \
            parsers.is_one_paragraph is not None and parsers.is_one_paragraph(text) else None
        if kept is not None:
            tokens, env = kept
        else:
            tokens = md.parse(text, env)  # what md.render does, in two steps
        found = None
        if messages is not None:
            # The page's catalog is guarded now (hoc.guard.page_translations), with the
            # page's own inline tokens for its English messages (hoc.core.parses), or
            # its check made ahead by a second process is taken (which needs none).
            env_config = document.settings.env.config
            if parsers.is_one_paragraph is not None and env_config.hoc_guard_deferred \
                    and not checked_ahead(document.settings.env):
                parses.lend_page_inline(md, tokens, env, parsers.is_one_paragraph)
            try:
                found = messages()
            finally:
                parses.return_page_inline()
            READ_MESSAGES[document] = found  # for the page's Locale transform
        if found:
            md.options[PAGE_MESSAGES] = PageMessages(found, parsers.is_plain,
                                                     parsers.is_one_paragraph)
        md.renderer.render(tokens, md.options, env)
    finally:
        # Drop the page, so an idle parser keeps no document alive.
        md.options.pop("document", None)
        md.options.pop(PAGE_MESSAGES, None)
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
    _finalise_plain(text, document.settings, config)


def _finalise_plain(text: str, settings: Any, config: MdParserConfig) -> None:
    """What MyST's ``_render_finalise`` leaves outside the document it renders: the
    settings it sets, and the page's word count in the environment."""
    settings.myst_heading_anchors_html_ids = config.heading_anchors_html_ids
    settings.myst_footnote_transition = config.footnote_transition
    settings.myst_footnote_sort = config.footnote_sort
    env: BuildEnvironment | None = getattr(settings, "env", None)
    if env is not None:
        words = basic_count(text)
        metadata = env.metadata.setdefault(env.docname, {})
        metadata["wordcount"] = {"words": words,
                                 "minutes": round(words / config.words_per_minute)}


def publish_plain(text: str, source_path: str, line: int | None, settings: Any,
                  page: nodes.document) -> nodes.paragraph | None:
    """What Sphinx's ``_publish_msgstr`` returns for a bare-text message of a MyST page
    (``source_path``, ``line``), made without the message's own document; ``None``
    for any other message (it is published as Sphinx does).

    ``_publish_msgstr`` makes a document, parses the text into it with the registry's
    parser (ours: :func:`render_plain`, as the message is bare text and has no
    topmatter) and returns its paragraph. Here the paragraph and its text node get the
    same source and line; the text node gets the page as its document, as the Locale
    gives it when it moves the node in (the paragraph itself is thrown away); and what
    the render changes outside that document is changed the same way.
    """
    env: BuildEnvironment = settings.env
    registry = env._registry
    try:
        parser = registry.get_source_parser(get_filetype(env.config.source_suffix,
                                                         source_path))
    except (FiletypeNotFoundError, SphinxError):
        return None  # (Sphinx reports it as it publishes the message)
    config: MdParserConfig = env.myst_config  # type: ignore[attr-defined]
    if parser is not FastMystParser or not env.config.hoc_fast_locale \
            or text.startswith("---"):
        return None
    is_plain = _parsers_for(env, config).is_plain
    if is_plain is None or not is_plain(text):
        return None
    source = f"{source_path}:{line}{TRANSLATED_SOURCE_SUFFIX}"
    paragraph = nodes.paragraph(text)
    paragraph.line = 1
    paragraph.source = source
    leaf = nodes.Text(text)
    leaf.source, leaf.line = source, 1  # (from the message's document, as appended)
    paragraph.append(leaf)
    leaf.document = page
    _finalise_plain(text, settings, config)
    return paragraph


class FastMystParser(MystParser):
    """MyST's Sphinx parser with parsers kept for the build (``hoc_fast_locale``)."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env: BuildEnvironment = document.settings.env
        if not env.config.hoc_fast_locale:
            super().parse(inputstring, document)
            return
        # As MystParser.parse: the build's configuration, with the page's own settings.
        config: MdParserConfig = env.myst_config  # type: ignore[attr-defined]
        build_config = config
        try:
            topmatter = read_topmatter(inputstring)
        except TopmatterReadError:
            pass  # reported while rendering, as MyST does
        else:
            if topmatter:
                def warning(wtype: Any, msg: str) -> None:
                    create_warning(document, msg, wtype, line=1, append_to=document)
                config = merge_file_level(config, topmatter, warning)
        # A page being read (not a message the Locale renders), with the build's MyST
        # settings (the Locale renders its messages with those).
        is_page = not str(document["source"]).endswith(TRANSLATED_SOURCE_SUFFIX)
        render_myst(inputstring, document, config,
                    (lambda: page_messages(env)) if is_page and config == build_config
                    else None)


def setup_fast_locale(app: Sphinx) -> None:
    """Parse translated messages with parsers kept for the build."""
    # MyST registers its parser for "markdown" files; ours replaces it through the
    # registry, which the Locale transform asks for every message's parser.
    app.setup_extension("myst_parser")
    app.add_source_parser(FastMystParser, override=True)
    # Sphinx registers its Locale among its built-in transforms, before any extension
    # loads; ours takes its place in the registry's list, so it runs at the same point.
    transforms = app.registry.transforms
    if Locale in transforms:
        transforms[transforms.index(Locale)] = HocLocale
    else:
        app.add_transform(HocLocale)
