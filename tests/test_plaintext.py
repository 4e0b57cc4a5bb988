"""Bare-text messages told without a parse give what the parse gives (hoc.core.plaintext):
the same tokens, the same guard verdict, the same rendered nodes."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.utils import new_document
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.docutils_ import Parser as DocutilsParser
from myst_parser.parsers.mdit import create_md_parser
from sphinx.transforms.i18n import _publish_msgstr

from hoc.core.guard import Markup, markup_of, myst_parser
from hoc.core.plaintext import one_paragraph_test, plain_text_test
from hoc.fastlocale import ReusableRenderer, publish_plain, render_plain

SITE_EXTENSIONS = frozenset({"attrs_inline", "colon_fence", "deflist"})

# Letters, digits, spaces of several kinds, every ASCII punctuation mark (terminators
# and not), accents, quotes, line and paragraph separators, controls.
ALPHABET = st.sampled_from(list(
    "abcXYZ019 éÀçœ’«»—…\t\u00a0\u2028\u2029\u200b\x0b\x0c\x1c\x85"
    "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\n\r\x00"))
# Mostly what no terminator starts, so that many texts are plain and their edges
# (leading or odd spaces, separators, digits then "." or ")") are tried.
PLAINISH = st.sampled_from(list(
    "abcXYZ019 éÀçœ’«»—…\t\u00a0\u2028\u2029\u200b\x0b\x0c\x1c\x85\"'(),./;?|"))
TEXTS = (st.text(ALPHABET, min_size=1, max_size=24)
         | st.text(PLAINISH, min_size=1, max_size=30)
         | st.from_regex(r"\A[A-Za-zé ]{0,6}[0-9]{1,3}[.)]?[ a-z()]{0,8}\Z"))


def _parser(extensions: frozenset[str]) -> MarkdownIt:
    return create_md_parser(MdParserConfig(enable_extensions=set(extensions)), RendererHTML)


def _plain_tokens(md: MarkdownIt, text: str) -> bool:
    tokens = md.parse(text)
    if [token.type for token in tokens] != ["paragraph_open", "inline", "paragraph_close"]:
        return False
    children = tokens[1].children or []
    return (tokens[1].content == text and len(children) == 1
            and children[0].type == "text" and children[0].content == text)


# Markup of every kind after a first letter: links, roles, code, emphasis, HTML,
# footnotes, attributes, and what would start a block anywhere but at the start.
MARKUP_TEXTS = st.builds(
    lambda first, rest: first + "".join(rest), st.sampled_from(["a", "Word", "é", "x "]),
    st.lists(st.sampled_from([
        "a", "Z", "é", " ", "word", "[link](/a/b)", "{hoc_s}`key`", "`code`", "*em*",
        "**strong**", "<b>", "[^1]", "{.cls}", "\\", "# ", "- ", "1. ", "> ", ":::",
        "```", "|", "(x)=", "%", "---", "+++", "[x]: /y", "\t", "\u00a0", "\u2028",
        "_", "~", "$", ":"]), min_size=1, max_size=12))


def _inline_children(tokens: list) -> list[tuple[object, ...]]:
    return [(token.type, token.tag, token.content, token.markup, token.info,
             sorted((token.attrs or {}).items()), sorted(token.meta.items()))
            for token in tokens]


@pytest.mark.parametrize("extensions", [frozenset(), SITE_EXTENSIONS])
@settings(max_examples=600, deadline=None)
@given(text=MARKUP_TEXTS | TEXTS)
@example(text="Le [plan](/files/plan.pdf) et `code`")
@example(text="a\u2028- b")
def test_a_text_told_one_paragraph_parses_inline_as_it_parses_whole(extensions, text):
    """What the guard and the page's translated paragraphs parse inline, without the
    block rules, has the inline tokens the whole parse finds in its one paragraph."""
    md = _parser(extensions)
    is_one_paragraph = one_paragraph_test(md)
    assert is_one_paragraph is not None
    if not is_one_paragraph(text):
        return
    whole = md.parse(text, {})
    assert [token.type for token in whole] == ["paragraph_open", "inline",
                                               "paragraph_close"]
    inline = md.parseInline(text, {})
    assert len(inline) == 1 and inline[0].content == whole[1].content == text
    assert _inline_children(inline[0].children) == _inline_children(whole[1].children)


@pytest.mark.parametrize("extensions", [frozenset(), SITE_EXTENSIONS])
@settings(max_examples=600, deadline=None)
@given(text=TEXTS)
@example(text="Une section")
@example(text="2024. Une année")
@example(text="1) Préparez-vous")
@example(text="    code")
@example(text="Page 3 : familles")
def test_a_text_told_plain_parses_to_one_text_token_equal_to_it(extensions, text):
    md = _parser(extensions)
    is_plain = plain_text_test(md)
    assert is_plain is not None
    if is_plain(text):
        assert _plain_tokens(md, text)
        assert markup_of(text, myst_parser(extensions)) == Markup(("paragraph",))


def test_ordinary_sentences_are_plain_and_markup_is_not():
    is_plain = plain_text_test(_parser(SITE_EXTENSIONS))
    assert is_plain is not None
    for text in ("Une section", "Plus d’informations sur les élèves.", "Étape 2 (facultative)",
                 "¿Qué es la Hora del Código?", "ساعة البرمجة في مدرستك", "Terme 26"):
        assert is_plain(text), text
    for text in ("Voir la [page](/x)", "un *mot*", "1. Liste", "2024) année", " espace",
                 "deux\nlignes", "a & b", "le `code`", "x: y", "C'est {hoc_s}`greeting`"):
        assert not is_plain(text), text


@pytest.mark.parametrize("options", [{"typographer": True}, {"linkify": True}])
def test_parsers_that_rewrite_text_tell_nothing_plain(options):
    md = _parser(frozenset())
    md.options.update(options)
    assert plain_text_test(md) is None


def _state(document: nodes.document) -> list[Any]:
    """Every node's kind, attributes, raw source, line, source and parent, in order."""
    state: list[Any] = [document.current_line]
    for node in document.findall():
        parent = node.parent
        state.append((type(node).__name__, str(node), node.line, node.source,
                      getattr(node, "rawsource", None),
                      getattr(node, "attributes", None),
                      type(parent).__name__ if parent is not None else None,
                      node.document is document))
    return state


@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
@example(text="Plus d’informations sur les élèves.")
def test_rendering_a_plain_text_unparsed_gives_what_myst_renders(text):
    """render_plain against MyST's renderer, on documents set up as Sphinx's Locale sets
    up a message's document: same nodes, lines, sources, settings, page metadata."""
    config = MdParserConfig(enable_extensions=set(SITE_EXTENSIONS), heading_anchors=3)
    md = create_md_parser(config, ReusableRenderer)
    is_plain = plain_text_test(md)
    assert is_plain is not None
    if not is_plain(text):
        return
    results = []
    for render in ("myst", "plain"):
        options = get_default_settings(DocutilsParser)
        options.env = SimpleNamespace(metadata={"page": {"title": "x"}}, docname="page")
        document = new_document("page.md:12:<translated>", options)
        if render == "myst":
            md.options["document"] = document
            md.render(text)
        else:
            render_plain(text, document, config)
        results.append((_state(document), options.env.metadata,
                        {name: getattr(options, name) for name in vars(options)
                         if name.startswith("myst_")},
                        getattr(document, "myst_slugs", None)))
    assert results[0] == results[1]


def _published(node: nodes.Element) -> list[Any]:
    """A published message's nodes: kind, text, line, source and attributes, in order."""
    return [(type(found).__name__, str(found), found.line, found.source,
             getattr(found, "attributes", None)) for found in node.findall()]


@pytest.mark.sphinx("html", testroot="locale-forms", confoverrides={"language": "fr"})
def test_a_bare_text_message_is_published_as_sphinxs_locale_publishes_it(app):
    """publish_plain against Sphinx's _publish_msgstr: the same nodes, and the same
    settings and page word count left behind; any other message is left to Sphinx."""
    app.build()
    env = app.env
    markdown, rst = str(app.srcdir / "markdown.md"), str(app.srcdir / "prose.rst")
    previous, env.current_document.docname = env.docname, "markdown"
    plain = ["Une phrase toute simple.", "Plus d’informations sur les élèves",
             "Trois mots ici"]
    try:
        for text in [*plain, "*emphase*", "Titre\n==========", "---", "1. liste",
                     "a `code` b"]:
            results = []
            for publish in ("sphinx", "ours"):
                options = get_default_settings(DocutilsParser)
                options.env = env
                env.metadata["markdown"] = {}
                page = new_document(markdown, options)
                if publish == "sphinx":
                    made: nodes.Element | None = _publish_msgstr(
                        text, markdown, 7, config=app.config, env=env,
                        registry=env._registry, settings=options)
                else:
                    made = publish_plain(text, markdown, 7, options, page)
                    assert (made is not None) == (text in plain), text
                    if made is None:
                        break
                    assert all(leaf.document is page for leaf in made.findall(nodes.Text))
                results.append((_published(made), dict(env.metadata["markdown"]),
                                {name: getattr(options, name) for name in vars(options)
                                 if name.startswith("myst_")}))
            else:
                assert results[0] == results[1], text
        # A message of a page another parser reads is Sphinx's to publish.
        options = get_default_settings(DocutilsParser)
        options.env = env
        assert publish_plain(plain[0], rst, 7, options, new_document(rst, options)) is None
    finally:
        env.current_document.docname = previous
