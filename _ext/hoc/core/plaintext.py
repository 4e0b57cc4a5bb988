"""Messages that are bare text, told without parsing them.

Most translated messages are sentences: no links, no emphasis, no code. markdown-it reads
such a text as one paragraph holding one text token whose content is the text itself,
but finding that out costs a whole parse (block rules, inline rules, a token tree). The
build and the guard ask about every message, so they first ask :func:`plain_text_test`:
a text in which markdown-it could start nothing is answered without a parse.

"Could start nothing" is decided from the parser itself, not from a list kept here:

- the inline parser's first rule is ``text``, which swallows everything up to the next
  *terminator* character (``md.inline.terminator_re``, which plugins extend); a text with
  no terminator is one text token, whatever the other inline rules are;
- block rules start on a line's first characters; in a single line with no terminator,
  no leading space and no ordered-list marker, only ``paragraph`` can match (the block
  rules are checked against the ones we know, so a new plugin turns the shortcut off);
- core rules that rewrite text (typographer replacements, smart quotes, linkify) turn it
  off too.

tests/test_plaintext.py checks with Hypothesis that every text the test accepts parses
to exactly that (and renders, in the build, to exactly what MyST renders).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt

KNOWN_BLOCK_RULES = frozenset({
    "front_matter", "table", "code", "colon_fence", "fence", "myst_line_comment",
    "blockquote", "myst_block_break", "myst_target", "hr", "list", "footnote_def",
    "reference", "html_block", "heading", "lheading", "deflist", "paragraph",
})
"""Block rules known to need a terminator character, a leading space, an ordered-list
marker or a second line before they match anything other than a paragraph."""
TEXT_KEEPING_CORE_RULES = frozenset({"normalize", "block", "inline", "text_join",
                                     "wordcount"})
"""Core rules that leave a text token's content alone (``normalize`` only rewrites
line ends and NUL, which a plain text cannot hold)."""

_ORDERED_MARKER = re.compile(r"\d+[.)]")
_LINE_BREAKS = re.compile(r"[\n\r\x00]")


def _active(ruler: object) -> list[str]:
    return [rule.name for rule in getattr(ruler, "__rules__", []) if rule.enabled]


def plain_text_test(md: MarkdownIt) -> Callable[[str], bool] | None:
    """A test that tells, without parsing, whether ``md`` reads a text as one paragraph
    of one text token equal to the text; ``None`` when ``md`` has rules (typographer,
    linkify, an unknown plugin) under which no text can be told plain unparsed."""
    if md.options.get("typographer") or md.options.get("linkify"):
        return None
    if not set(_active(md.core.ruler)) <= TEXT_KEEPING_CORE_RULES:
        return None
    if not set(_active(md.block.ruler)) <= KNOWN_BLOCK_RULES:
        return None
    inline = _active(md.inline.ruler)
    if not inline or inline[0] != "text":
        return None
    terminators = md.inline.terminator_re

    def is_plain(text: str) -> bool:
        return (bool(text) and text == text.strip()
                and _LINE_BREAKS.search(text) is None
                and terminators.search(text) is None
                and _ORDERED_MARKER.match(text) is None)

    return is_plain


def one_paragraph_test(md: MarkdownIt) -> Callable[[str], bool] | None:
    """A test that tells, without parsing, whether ``md`` reads a text as one paragraph
    whose inline content is the whole text, so that ``md.parseInline`` finds the same
    inline tokens as ``md.parse`` without the block rules; ``None`` when ``md`` has
    block rules we do not know.

    A single line that starts with a letter, with no space around it, can start none of
    the known block rules but ``paragraph``: each of the others needs a marker
    (``#``, ``>``, ``-``, a digit, ``<``, ``[``, ``(``, ``%``, ``:``, a backquote...),
    a leading space or a second line.
    """
    if not set(_active(md.block.ruler)) <= KNOWN_BLOCK_RULES:
        return None

    def is_one_paragraph(text: str) -> bool:
        return (bool(text) and text[0].isalpha() and text == text.strip()
                and _LINE_BREAKS.search(text) is None)

    return is_one_paragraph
