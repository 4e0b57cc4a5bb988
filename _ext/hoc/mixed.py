"""English left inside translated messages, marked ``lang="en"`` where it shows.

A message Sphinx translated may still hold English sentences (a translator stopped half
way). :mod:`hoc.core.mixed` finds them; :func:`mark_english_left` wraps them in ``lang="en"``
(the whole message when nothing else is left), so browsers, screen readers and search
treat them as English, like an untranslated message. ``make stats``, ``make check`` and
the status page count such messages as *partly translated*.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from docutils import nodes
from markdown_it import MarkdownIt
from sphinx.environment import BuildEnvironment

from hoc.config import hoc_config
from hoc.core.mixed import Answers, MixedText, Span

Prejudged = tuple[str, tuple[str, ...], Answers]
"""A finder's language and brand names, and what it found (:func:`prejudge`)."""


@cache
def mixed_text(language: str, brands: tuple[str, ...]) -> MixedText:
    """One finder per language and process: every page of a build shares its answers."""
    return MixedText(language, brands)


def shown_text(text: str, parser: MarkdownIt) -> tuple[str, bool]:
    """The prose :func:`prose` will find in a paragraph rendered from the translation
    ``text``, foreseen from its inline tokens, and whether all of it is: the text stops
    before the first token whose rendered text is not simply its own (a role other than
    ``hoc_s``, an image, a line break, HTML)."""
    tokens = parser.parseInline(text, {})
    parts: list[str] = []
    for token in tokens[0].children or []:
        if token.type == "text":
            parts.append(token.content)
        elif token.type == "code_inline":
            parts.append(" " * len(token.content))  # code is blanked out
        elif token.type == "softbreak":
            parts.append("\n")
        elif token.type == "myst_role" and token.meta.get("name") == "hoc_s":
            # A string-table call: its node holds the call's text until the page is
            # written (hoc.strings), so that is what the page's prose has.
            parts.append(token.content)
        elif token.type not in _MARKS_ONLY:
            return "".join(parts), False
    return "".join(parts), True


_MARKS_ONLY = frozenset({"em_open", "em_close", "strong_open", "strong_close", "s_open",
                         "s_close", "link_open", "link_close"})
"""Inline tokens that add no text of their own."""


def prejudge(language: str, brands: tuple[str, ...], texts: Iterable[str],
             parser: MarkdownIt) -> Prejudged:
    """The English left in a page's translations, judged ahead by the process that
    checks the page's catalog (:mod:`hoc.guard`), for the build's finder to
    :func:`learn`: :func:`mark_english_left` then finds its answers known.

    Each answer is lingua's own on the same text, only computed elsewhere; a text whose
    prose is not foreseen right is simply not found known, and judged by the build."""
    finder = mixed_text(language, brands)
    known = finder.sizes()
    for text in texts:
        shown, whole = shown_text(text, parser)
        if whole:
            finder.english_spans(shown)
        else:
            # Its sentences before the first one not foreseen whole: those it shows.
            finder.judge_sentences(shown[:_last_sentence_end(shown)])
    return language, brands, finder.answers_since(*known)


def _last_sentence_end(text: str) -> int:
    return max(text.rfind(mark) for mark in ".!?…") + 1


def learn(prejudged: Prejudged) -> None:
    """Give this process's finder what :func:`prejudge` found in another."""
    language, brands, answers = prejudged
    mixed_text(language, brands).learn(answers)


def _in_code(text: nodes.Text, element: nodes.Element) -> bool:
    parent = text.parent
    while parent is not None and parent is not element:
        if isinstance(parent, nodes.literal | nodes.literal_block | nodes.raw):
            return True
        parent = parent.parent
    return False


def prose(element: nodes.Element) -> str:
    """The element's text with inline code blanked out (same length, so offsets hold):
    code is neither English nor French."""
    return "".join(" " * len(text) if _in_code(text, element) else str(text)
                   for text in element.findall(nodes.Text))


def mark_spans(element: nodes.Element, spans: tuple[Span, ...], language: str) -> None:
    """Wrap the characters ``spans`` cover (offsets into :func:`prose`) in inline nodes
    marked ``language``; markup inside a span keeps its own node, code is left alone."""
    offset = 0
    for text in list(element.findall(nodes.Text)):
        length = len(text)
        start, end = offset, offset + length
        offset = end
        cuts = [(max(span.start, start) - start, min(span.end, end) - start)
                for span in spans if span.start < end and span.end > start]
        if not cuts or text.parent is None or _in_code(text, element):
            continue
        value = str(text)
        pieces: list[nodes.Node] = []
        position = 0
        for cut_start, cut_end in cuts:
            if cut_start > position:
                pieces.append(nodes.Text(value[position:cut_start]))
            pieces.append(nodes.inline("", value[cut_start:cut_end],
                                       classes=[f"language-{language}"]))
            position = cut_end
        if position < length:
            pieces.append(nodes.Text(value[position:]))
        parent = text.parent
        index = parent.index(text)
        parent[index:index + 1] = pieces


def mark_english_left(env: BuildEnvironment,
                      messages: Iterable[tuple[nodes.Element, str]]) -> None:
    """Mark the English sentences of a translated page's translated ``messages`` (the
    page's walk by :class:`hoc.languages.MarkFallback`, after Sphinx's Locale set
    ``node["translated"]`` and the untranslated ones were marked)."""
    config = hoc_config(env)
    language = env.config.language or config.source_language
    if language == config.source_language:
        return
    source = config.source_language
    finder = mixed_text(language, tuple(config.brand_names))
    mark = f"language-{source}"
    for node, _message in messages:
        if not node.get("translated") or mark in node["classes"]:
            continue
        text = prose(node)
        spans = finder.english_spans(text)
        if not spans:
            continue
        if finder.is_all_english(text):
            node["classes"].append(mark)
        else:
            mark_spans(node, spans, source)
