"""What a block keeps through translation, and how well two blocks fit together.

A translation rewords everything a reader sees, but not what a page *is*: its block
kinds and heading levels, its link targets, ``{hoc_s}`` keys, inline code and images
(the guard makes translators keep them), the numbers in its text ("10,000", "2026",
"1)"), the shape of its lists and, roughly, its length. The aligner pairs blocks on
these features; this module computes them once per block and weighs a candidate pair.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt

from hoc.core.guard import markup_of

if TYPE_CHECKING:
    from hoc.core.align import Block

ANCHOR_KINDS = {"link": "links", "role": "helper keys", "code": "inline code",
                "image": "images"}
"""Markup items that identify a block across languages, and how a reason names them."""

_HIDDEN = re.compile(r"\{[^}\s]*\}`[^`]*`|`[^`]*`|\]\([^)]*\)|<[^>\s]*>")
"""Roles, inline code, link destinations and autolinks: text a reader never reads as words."""
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?")
_WORD = re.compile(r"[^\W\d_]+")
"""Words are letters only: numbers stay the same in every language."""

BASE = 6.0
"""What any kind-and-anchor-compatible pair is worth: pairing more blocks beats
pairing fewer, unless the evidence against a pair is strong."""


@dataclass(frozen=True)
class Features:
    """The parts of one block a translation keeps."""

    kind: str
    key: tuple[tuple[str, str], ...]
    """Every markup item the guard compares (links, roles, code, images...), sorted."""
    numbers: tuple[str, ...]
    """Digits of every number in the prose, separators dropped ("10 000" == "10,000")."""
    shape: tuple[int, int]
    """(position in its list, length of the list); (0, 0) outside lists."""
    size: int
    """Letters and digits in the prose."""
    words: frozenset[str]


def features_of(block: Block, parser: MarkdownIt) -> Features:
    """The features of ``block``, from one parse of its text."""
    items = markup_of(block.text, parser).items
    prose = _HIDDEN.sub(" ", block.text)
    numbers = sorted(re.sub(r"\D", "", match) for match in _NUMBER.findall(prose))
    words = _WORD.findall(prose.lower())
    size = sum(len(word) for word in words) + sum(len(number) for number in numbers)
    return Features(block.kind, tuple(sorted(items.elements())), tuple(numbers),
                    (block.item, block.items), size, frozenset(words))


def anchor_phrase(english: Features, translated: Features) -> str:
    """Which kinds of anchors differ between two blocks: "links", "links and inline code"."""
    differ = Counter(english.key)
    differ.subtract(translated.key)
    kinds = [ANCHOR_KINDS.get(kind, "markup") for (kind, _), count in differ.items()
             if count]
    names = sorted(set(kinds), key=kinds.index)
    return " and ".join(names) if names else "markup"


def _numbers(english: tuple[str, ...], translated: tuple[str, ...]) -> float:
    if english == translated:
        return 1.5 + 0.5 * min(len(english), 3) if english else 0.0
    if Counter(english) & Counter(translated):
        return -1.0
    return -3.0


def _shape(english: tuple[int, int], translated: tuple[int, int]) -> float:
    if english == (0, 0) and translated == (0, 0):
        return 0.0
    # Items come and go in drifted lists: a different place is no evidence against.
    if english == translated:
        return 1.0
    return 0.5 if english[0] == translated[0] else 0.0


def length_score(english: int, translated: int, factor: float) -> float:
    """How well the translated length fits the page's usual growth ``factor``.

    Sentence by sentence, translations vary around that factor by a few tens of
    percent; the score falls with the square of the log-distance (a log-normal fit).
    """
    distance = math.log((translated + 4) / (english + 4) / factor)
    return max(-3.0, 1.5 - 9.0 * distance * distance)


def weight(english: Features, translated: Features, distance: float, unique: bool,
           factor: float) -> float:
    """How strongly two blocks with the same kind and anchors correspond.

    ``distance`` is how far apart their relative positions in the pages are (0 to 1),
    ``unique`` whether their anchors occur once on each page, ``factor`` how much
    longer the translation's prose usually is than the English on this page.
    """
    score = BASE
    if english.key:
        score += 2.0 * min(len(english.key), 3) + (6.0 if unique else 0.0)
    score += _numbers(english.numbers, translated.numbers)
    score += _shape(english.shape, translated.shape)
    score += length_score(english.size, translated.size, factor)
    score -= distance
    return score


def english_overlap(english: Features, translated: Features) -> float:
    """Share of words two blocks have in common: near 1 when a "translation" is English.

    Blocks of fewer than four words share them by chance (names, cognates): 0.
    """
    if len(english.words) < 4 or len(translated.words) < 4:
        return 0.0
    return len(english.words & translated.words) / len(english.words | translated.words)
