"""Parses shared between the guard and the page's render (hoc.core.parses)."""

from __future__ import annotations

import inspect
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers import mdit
from myst_parser.parsers.mdit import create_md_parser
from test_plaintext import MARKUP_TEXTS, SITE_EXTENSIONS, _inline_children, _parser

from hoc.core import parses
from hoc.core.plaintext import one_paragraph_test
from hoc.fastlocale import ReusableRenderer

EXTENSIONS = {"attrs_inline", "colon_fence", "deflist"}


def test_the_settings_that_make_tokens_are_all_myst_reads():
    """A MyST release whose parser reads another setting fails here (it may change
    the tokens, and so which parsers may share them)."""
    read = set(re.findall(r"config\.(\w+)", inspect.getsource(mdit.create_md_parser)))
    assert read - {"words_per_minute"} == set(parses.PARSE_SETTINGS)


def test_parsers_share_tokens_only_when_their_rules_are_set_up_alike():
    guard = create_md_parser(MdParserConfig(enable_extensions=EXTENSIONS), RendererHTML)
    page = create_md_parser(MdParserConfig(enable_extensions=set(EXTENSIONS),
                                           heading_anchors=3, words_per_minute=100),
                            ReusableRenderer)
    other = create_md_parser(MdParserConfig(enable_extensions=EXTENSIONS,
                                            disable_syntax=["emphasis"]), ReusableRenderer)
    text = "Lisez [la page](/a/b) *avec soin*."
    tokens = guard.parse(text)
    parses.keep(guard, text, False, parses.Parse(tokens))
    assert parses.take(other, text, False) is None
    assert parses.take(page, text, True) is None  # kept as a whole parse, not inline
    taken = parses.take(page, text, False)
    assert taken is not None and taken.tokens is tokens
    assert [t.type for t in tokens] == [t.type for t in page.parse(text)]
    assert parses.take(page, text, False) is None  # taken once


def test_the_store_keeps_only_the_latest_parses():
    md = create_md_parser(MdParserConfig(), RendererHTML)
    for number in range(parses.KEPT + 10):
        parses.keep(md, f"text {number}", True, parses.Parse([]))
    assert parses.take(md, "text 0", True) is None
    assert parses.take(md, f"text {parses.KEPT + 9}", True) is not None


# A page: lines of inline markup, some in headings and list items, some reference or
# footnote definitions, which make the page's inline tokens depend on the page.
PAGE_LINES = st.lists(st.tuples(
    st.sampled_from(["", "# ", "- ", "1. ", "> ", "Term\n: ", "[x]: /y\n", "[^1]: note\n"]),
    MARKUP_TEXTS), min_size=1, max_size=6)


@pytest.mark.parametrize("extensions", [frozenset(), SITE_EXTENSIONS])
@settings(max_examples=300, deadline=None)
@given(lines=PAGE_LINES, separator=st.sampled_from(["\n\n", "\n"]))
@example(lines=[("", "a [x] and [^1]"), ("[x]: /y\n", "b")], separator="\n\n")
@example(lines=[("", "a [^1]"), ("[^1]: note\n", "b")], separator="\n\n")
def test_the_page_lends_only_the_inline_tokens_a_parse_of_their_own_makes(
        extensions, lines, separator):
    """The guard compares an English message lent by the page being read as it would
    compare its own inline parse of it: the same tokens, whatever else the page holds."""
    md = _parser(extensions)
    is_one_paragraph = one_paragraph_test(md)
    assert is_one_paragraph is not None
    env: dict = {}
    tokens = md.parse(separator.join(marker + text for marker, text in lines), env)
    parses.lend_page_inline(md, tokens, env, is_one_paragraph)
    try:
        for token in tokens:
            lent = parses.borrow_page_inline(md, token.content)
            if token.type != "inline" or lent is None:
                continue
            own = md.parseInline(token.content, {})[0]
            assert _inline_children(lent.children) == _inline_children(own.children)
    finally:
        parses.return_page_inline()
    assert parses.borrow_page_inline(md, tokens[0].content) is None


def test_a_page_with_link_definitions_or_footnotes_lends_nothing():
    md = _parser(SITE_EXTENSIONS)
    is_one_paragraph = one_paragraph_test(md)
    assert is_one_paragraph is not None
    for page in ("Read [the plan] first.\n\n[the plan]: /plan\n",
                 "Read the plan[^1] first.\n\n[^1]: A note.\n",
                 "Read [the plan](/plan) first.\n"):
        env: dict = {}
        tokens = md.parse(page, env)
        parses.lend_page_inline(md, tokens, env, is_one_paragraph)
        lent = parses.borrow_page_inline(md, tokens[1].content)
        parses.return_page_inline()
        assert (lent is tokens[1]) is page.endswith("(/plan) first.\n"), page


def _fields(tokens: list) -> list[dict]:
    return [token.as_dict() for token in tokens]


@pytest.mark.parametrize("extensions", [frozenset(), SITE_EXTENSIONS])
@settings(max_examples=300, deadline=None)
@given(text=MARKUP_TEXTS)
@example(text="Page 1: teachers")
def test_a_paragraph_made_from_a_kept_parse_is_the_whole_parse(extensions, text):
    """A message the Locale renders is made from the guard's inline parse: every field
    of every token, and the environment, as the whole parse makes them."""
    md = _parser(extensions)
    is_one_paragraph = one_paragraph_test(md)
    assert is_one_paragraph is not None
    if not is_one_paragraph(text):
        return
    env: dict = {}
    parses.keep(md, text, True, parses.Parse(md.parseInline(text, env), env))
    made = parses.kept_paragraph(md, text)
    assert made is not None
    whole_env: dict = {}
    whole = md.parse(text, whole_env)
    assert _fields(made[0]) == _fields(whole)
    assert made[1] == whole_env
    assert parses.kept_paragraph(md, text) is not None  # kept for the next asker
