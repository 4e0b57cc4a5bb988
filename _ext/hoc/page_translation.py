"""Translated paragraphs rendered once, in their own language, when the page is read.

Sphinx's ``Locale`` transform works on a page already rendered in English: for each
translated message it renders the translation as a document of its own and moves that
document's nodes into the English node. Every translated paragraph is therefore
rendered twice (once in English, thrown away, and once in translation), and paragraphs
are most of a page's messages.

Here the page's own render does, for most paragraphs, what the Locale would do: when a
paragraph's message (its text as Sphinx extracts it) has a translation, the paragraph is
rendered from the translation's tokens instead of the English ones. The node is the one
the Locale would leave: the English paragraph (its source text, line and attributes)
holding the translation's nodes, with the source and lines the Locale gives them
(``<page>:<line>:<translated>``, numbered from the message's first line), marked
``translated`` so that the Locale (:class:`hoc.locale_transform.HocLocale`) passes it by.

Only what is sure to come out as the Locale makes it is done here; the rest is left to
the Locale, as before:

- paragraphs of the page's own text, not of a directive's body (a directive may read or
  move its body before the Locale translates it), on pages without MyST settings of
  their own (the Locale renders messages with the build's settings);
- translations that parse to one paragraph of words, emphasis, inline code, links
  without titles or attributes and the site's own roles, whose links and roles are those
  of the English paragraph (the Locale would otherwise warn, or copy the English link's
  attributes onto the translation's).

tests/test_fast_locale.py builds the real site, a generated site and a test root with
every kind of message both ways (``-D hoc_fast_locale=0`` gives Sphinx's own Locale
path) and compares every page byte for byte, and the warnings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from docutils import nodes
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from sphinx.environment import BuildEnvironment
from sphinx.locale import init as init_locale
from sphinx.transforms.i18n import parse_noqa
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import _clean_extracted_message

from hoc.core import parses
from hoc.guard import page_translations

TRANSLATED_SOURCE_SUFFIX = ":<translated>"
"""How Sphinx's Locale names the source of a message it renders
(``sphinx.transforms.i18n._publish_msgstr``)."""

PLAIN_INLINE = frozenset({
    "text", "softbreak", "hardbreak", "em_open", "em_close", "strong_open",
    "strong_close", "s_open", "s_close", "code_inline", "link_open", "link_close",
    "myst_role",
})
"""Inline tokens whose nodes come out the same rendered in the page or on their own."""

SITE_ROLES = frozenset({"hoc_s", "hoc_setting", "hoc_date"})
"""Roles whose nodes depend only on their text (not on the document they are made in)."""


def page_messages(env: BuildEnvironment) -> dict[str, str] | None:
    """The translations the Locale transform reads for the page being read: its
    catalog guarded as the page is read (:func:`hoc.guard.page_translations`), or the
    compiled catalogs of its text domain, merged as Sphinx's ``Locale.apply`` merges
    them."""
    config = env.config
    textdomain = docname_to_domain(env.current_document.docname, config.gettext_compact)
    guarded = page_translations(env, textdomain)
    if guarded is not None:
        return guarded
    dirs = [env.srcdir / directory for directory in config.locale_dirs]
    catalog, has_catalog = init_locale(dirs, config.language, textdomain)
    if not has_catalog:
        return None
    catalogues = [getattr(catalog, "_catalog", None)]
    while (catalog := catalog._fallback) is not None:  # type: ignore[attr-defined]
        catalogues.append(getattr(catalog, "_catalog", None))
    merged: dict[str, str] = {}
    for catalogue in filter(None, reversed(catalogues)):
        merged |= catalogue
    return merged


READ_MESSAGES: WeakKeyDictionary[nodes.document, dict[str, str] | None] = \
    WeakKeyDictionary()
"""The translations a page's parse fetched (:func:`page_messages`), for its Locale
transform, which would otherwise fetch them again."""


def fetched_messages(document: nodes.document, env: BuildEnvironment
                     ) -> dict[str, str] | None:
    """The page's translations: those its parse fetched (taken once), else
    :func:`page_messages`."""
    if document in READ_MESSAGES:
        return READ_MESSAGES.pop(document)
    return page_messages(env)


@dataclass(frozen=True)
class PageMessages:
    """What a page's render needs to render its translated paragraphs."""

    messages: dict[str, str]
    is_plain: Callable[[str], bool] | None
    is_one_paragraph: Callable[[str], bool] | None


def _references(tokens: Iterable[Token]) -> Counter[tuple[str, str]] | None:
    """The links and roles of an inline token list; ``None`` when it holds anything
    that may come out differently in the page than on its own."""
    found: Counter[tuple[str, str]] = Counter()
    for token in tokens:
        if token.type not in PLAIN_INLINE:
            return None
        if token.type == "link_open":
            if set(token.attrs) != {"href"}:
                return None  # a title or attributes: the Locale copies the English ones
            found["link", str(token.attrs["href"])] += 1
        elif token.type == "myst_role":
            name = str(token.meta.get("name", ""))
            if name not in SITE_ROLES:
                return None
            found["role", name] += 1
        elif token.attrs:
            return None
    return found


def translated_paragraph(md: MarkdownIt, page: PageMessages,
                         english: SyntaxTreeNode) -> tuple[str, SyntaxTreeNode | None] | None:
    """The translation to render in place of the English paragraph ``english``: its
    text, and its paragraph's syntax tree (``None`` for a bare text, which is one text
    node); ``None`` when the paragraph is left to the Locale."""
    if not english.children:
        return None
    inline = english.children[0]
    msg = _clean_extracted_message(inline.content)
    msgstr = page.messages.get(msg, "")
    if "noqa" in msgstr:  # (parse_noqa's expression needs the word)
        msgstr, _ = parse_noqa(msgstr)
    # The Locale's own conditions for a paragraph it replaces (and leaves as it is).
    if not msgstr.strip() or msgstr == msg or msgstr.strip().endswith("::"):
        return None
    ours = _references(inline.token.children or []) if inline.token is not None else None
    if ours is None:
        return None
    if page.is_plain is not None and page.is_plain(msgstr):
        return (msgstr, None) if not ours else None
    # The guard parsed it a moment ago, as it read the page's catalog: its tokens are
    # taken when the guard's parser makes the page's tokens (hoc.core.parses).
    inline_only = page.is_one_paragraph is not None and page.is_one_paragraph(msgstr)
    kept = parses.reuse(md, msgstr) if inline_only else parses.take(md, msgstr, False)
    env: dict[str, Any] = kept.env if kept is not None else {}
    if inline_only:
        # Its paragraph, without the block rules; a parse of it made now is kept for
        # the next page with the same paragraph (hoc.core.parses.reuse).
        if kept is None:
            kept = parses.Parse(md.parseInline(msgstr, env), env)
            parses.keep(md, msgstr, True, kept)
        tokens = kept.tokens
        inline_token = tokens[0]
        # As MyST's renderer numbers a document's lines: from 1, inline tokens on their
        # block's line.
        inline_token.map = [1, 2]
        for child in inline_token.children or []:
            child.map = inline_token.map
    else:
        tokens = kept.tokens if kept is not None else md.parse(msgstr, env)
        if [token.type for token in tokens] != ["paragraph_open", "inline",
                                                "paragraph_close"]:
            return None
        inline_token = tokens[1]
        for token in tokens:  # numbered as above
            if token.map:
                token.map = [token.map[0] + 1, token.map[1] + 1]
                for child in token.children or []:
                    child.map = token.map
    if env.get("duplicate_refs") or _references(inline_token.children or []) != ours:
        return None
    # The paragraph (or, parsed inline, the root) whose children are the inline nodes.
    tree = SyntaxTreeNode(tokens)
    return msgstr, tree.children[0] if len(tokens) == 3 else tree


def translated_source(document: nodes.document, line: int | None) -> str:
    """The source Sphinx's Locale gives the nodes of a message on ``line``."""
    return f"{document['source']}:{line}{TRANSLATED_SOURCE_SUFFIX}"
