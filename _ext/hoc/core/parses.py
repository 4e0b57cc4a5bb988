"""Recent parses of messages, shared between the guard and the page's render.

A page's catalog is guarded as the page is read, between its parse and its render: the
guard parses each translation to compare its markup with the English, and the render
then needs the same translation's tokens to put it in the page
(:mod:`hoc.page_translation`). Each parse the guard makes of a translation is kept here
for a short while, and taken by the render, so a translation is parsed once. A
translation parsed inline stays kept after it is used (:func:`reuse`): rendering it
changes only its tokens' lines, which each render sets, so the next page with the same
paragraph, or the Locale rendering the same title, takes it too.

The other way round, the page's own inline tokens are lent to the guard for the English
messages (:func:`lend_page_inline`): an English text the page has already parsed on its
own line is not parsed again to be compared with its translation.

Tokens are shared only between parsers that produce the same tokens: parsers built from
MyST configurations equal in every setting markdown-it's rules read (the renderer they
are built for does not matter). The store is bounded: the few hundred translations of
the page being read, never the whole site.
"""

from __future__ import annotations

import copy
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

PARSE_SETTINGS = ("colon_fence_exact_match", "commonmark_only", "disable_syntax",
                  "dmath_allow_digits", "dmath_allow_labels", "dmath_allow_space",
                  "dmath_double_inline", "enable_checkboxes", "enable_extensions",
                  "gfm_only", "linkify_fuzzy_links", "strikethrough_single_tilde",
                  "sub_delimiters")
"""The MyST settings ``create_md_parser`` reads to set up markdown-it's rules (all it
reads but ``words_per_minute``, which counts words and makes no token);
tests/test_parses.py fails when MyST reads another."""

KEPT = 512
"""Parses kept: far more than one page's translations."""


def tokens_setting(md: MarkdownIt) -> Hashable | None:
    """What decides the tokens ``md`` makes (``None`` for a parser MyST did not
    build, whose tokens are shared with no other)."""
    config = md.options.get("myst_config")
    if config is None:
        return None
    known = md.options.get(_SETTING_OPTION)
    if known is not None and known[0] is config:
        setting: Hashable = known[1]  # worked out once per parser (asked per message)
        return setting
    values: list[Any] = []
    for name in PARSE_SETTINGS:
        value = getattr(config, name)
        if isinstance(value, set | frozenset | list):
            value = tuple(sorted(map(str, value)))
        values.append(value)
    made = tuple(values)
    md.options[_SETTING_OPTION] = (config, made)
    return made


_SETTING_OPTION = "hoc_tokens_setting"
"""Where a parser keeps its :func:`tokens_setting`, with the configuration it is of."""


@dataclass(frozen=True)
class Parse:
    """One text's tokens, and the environment markdown-it filled while parsing it."""

    tokens: list[Token]
    env: dict[str, Any] = field(default_factory=dict)


_RECENT: OrderedDict[tuple[Hashable, str, bool], Parse] = OrderedDict()


def keep(md: MarkdownIt, text: str, inline: bool, parse: Parse) -> None:
    """Keep the parse of ``text`` by ``md`` (``inline``: by ``parseInline``)."""
    setting = tokens_setting(md)
    if setting is None:
        return
    _RECENT[setting, text, inline] = parse
    while len(_RECENT) > KEPT:
        _RECENT.popitem(last=False)


def take(md: MarkdownIt, text: str, inline: bool) -> Parse | None:
    """The kept parse of ``text`` by a parser that makes ``md``'s tokens, once."""
    setting = tokens_setting(md)
    if setting is None:
        return None
    return _RECENT.pop((setting, text, inline), None)


def reuse(md: MarkdownIt, text: str) -> Parse | None:
    """The kept inline parse of ``text`` by a parser that makes ``md``'s tokens, kept on
    for the next asker (as the most recent)."""
    kept = take(md, text, True)
    if kept is not None:
        keep(md, text, True, kept)
    return kept


def lend_page_inline(md: MarkdownIt, tokens: list[Token], env: dict[str, Any],
                     is_one_paragraph: Callable[[str], bool]) -> None:
    """Lend the guard the inline tokens of a page ``md`` has just parsed (``tokens``,
    ``env``), until :func:`return_page_inline`.

    Only where they are the tokens ``md.parseInline`` makes of the same text on its
    own: markdown-it parses an inline text by the same rules wherever it stands, but for
    what it reads from the page's environment, which is link reference definitions
    (``references``) and footnotes (definitions and references); a page that has any
    lends nothing. A text is lent only when ``is_one_paragraph`` (the guard then parses
    it inline too).
    """
    setting = tokens_setting(md)
    footnotes = env.get("footnotes") or {}
    if setting is None or env.get("references") or any(footnotes.values()):
        return  # (markdown-it's footnote rule leaves empty tables behind: no footnote)
    for token in tokens:
        if token.type == "inline" and is_one_paragraph(token.content):
            _PAGE[setting, token.content] = token


def borrow_page_inline(md: MarkdownIt, text: str) -> Token | None:
    """The inline token of the page being read whose text is ``text``, as
    ``md.parseInline(text)`` would make it (a parser alike to the page's), if lent."""
    setting = tokens_setting(md)
    return None if setting is None else _PAGE.get((setting, text))


def return_page_inline() -> None:
    """The page's render begins: its tokens are its own again."""
    _PAGE.clear()


_PAGE: dict[tuple[Hashable, str], Token] = {}


def kept_paragraph(md: MarkdownIt, text: str) -> tuple[list[Token], dict[str, Any]] | None:
    """The tokens and environment ``md.parse`` makes of ``text``, a text the guard has
    parsed inline (one paragraph of it, :func:`hoc.core.plaintext.one_paragraph_test`),
    made from that parse: the paragraph's block tokens as markdown-it's ``paragraph``
    rule makes them around the kept inline tokens; ``None`` when none is kept.

    The parse stays kept for the next asker (:func:`reuse`). tests/test_parses.py
    compares every field of every token with a whole parse.
    """
    kept = reuse(md, text)
    if kept is None:
        return None
    opening = Token("paragraph_open", "p", 1, map=[0, 1], level=0, block=True)
    inline = Token("inline", "", 0, map=[0, 1], level=1, block=True, content=text,
                   children=kept.tokens[0].children)
    closing = Token("paragraph_close", "p", -1, level=0, block=True)
    return [opening, inline, closing], copy.deepcopy(kept.env)
