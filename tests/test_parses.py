"""Parses shared between the guard and the page's render (hoc.core.parses)."""

from __future__ import annotations

import inspect
import re

from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers import mdit
from myst_parser.parsers.mdit import create_md_parser

from hoc.core import parses
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
