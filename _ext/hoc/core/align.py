"""Align a translated Pegasus page with its English page, block by block.

Pegasus kept one whole translated copy of each page per language. To bring such a copy
into gettext, we pair its blocks (headings, list items, paragraphs, table cells) with the
English page's blocks. Pairs are made only where the block kinds and their link targets
and inline code agree in sequence; anything else is reported, never guessed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from markdown_it import MarkdownIt

from hoc.core.erb import FRONT_MATTER, rewrite
from hoc.core.guard import markup_of


@dataclass(frozen=True)
class Block:
    """One translatable block: its kind, its Markdown (a msgid or msgstr) and its line."""

    kind: str
    text: str
    line: int


@dataclass(frozen=True)
class Alignment:
    """English blocks paired with translated ones, and the blocks left unpaired."""

    pairs: list[tuple[Block, Block]]
    unpaired_english: list[Block]
    unpaired_translated: list[Block]


def blocks_of(markdown: str, parser: MarkdownIt) -> list[Block]:
    """The translatable blocks of a page (front matter and ERB handled), in order."""
    text = rewrite(markdown).text
    front = FRONT_MATTER.match(text)
    offset = 0
    if front:
        offset = text.count("\n", 0, front.end())
        text = text[front.end():]
    blocks: list[Block] = []
    kinds: list[str] = []
    for token in parser.parse(text):
        if token.nesting == 1:
            kinds.append(token.tag or token.type)
        elif token.nesting == -1 and kinds:
            kinds.pop()
        elif token.type == "inline" and token.content.strip():
            kind = next((k for k in reversed(kinds) if k in ("li", "td", "th", "h1", "h2",
                                                               "h3", "h4", "h5", "h6")), "p")
            line = (token.map[0] if token.map else 0) + offset + 1
            blocks.append(Block(kind, token.content, line))
    return blocks


def _signature(block: Block, parser: MarkdownIt) -> tuple[str, tuple[tuple[str, str], ...]]:
    items = markup_of(block.text, parser).items
    anchors = tuple(sorted((kind, value) for kind, value in items.elements()
                           if kind in ("link", "code", "role", "image")))
    return block.kind, anchors


def align(english: list[Block], translated: list[Block], parser: MarkdownIt) -> Alignment:
    """Pair blocks whose kind and links/code agree, in order; report the rest."""
    left = [_signature(block, parser) for block in english]
    right = [_signature(block, parser) for block in translated]
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    pairs: list[tuple[Block, Block]] = []
    lost_english: list[Block] = []
    lost_translated: list[Block] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += list(zip(english[i1:i2], translated[j1:j2], strict=True))
        else:
            lost_english += english[i1:i2]
            lost_translated += translated[j1:j2]
    return Alignment(pairs, lost_english, lost_translated)
