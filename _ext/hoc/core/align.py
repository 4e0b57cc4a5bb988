"""Align a translated Pegasus page with its English page, block by block.

Pegasus kept one whole translated copy of each page per language, usually made from an
older (sometimes newer) English page: blocks were inserted, deleted, moved and
reworded since. To bring such a copy into gettext we pair its blocks (headings, list
items, paragraphs, table cells) with the English page's blocks on what translation
keeps (see :mod:`hoc.core.align_features`):

1. candidates are blocks of the same kind with the same anchors (link targets, helper
   keys, inline code, images); anchorless blocks only near their expected place, which
   the blocks with unique anchors tell;
2. the heaviest order-preserving set of candidates pairs (:mod:`hoc.core.align_chain`),
   weighed by anchors, numbers, list shape, length and position;
3. a pair another block fits as well is undecidable and left out ("ambiguous"), and so
   are the pairs the chain makes across a block with unique anchors where keeping that
   block in order fits as well; a block whose unique anchors moved elsewhere on the
   page pairs where it went;
4. a pair the translation guard would reject, or a "translation" that is the English
   of another version, is left out;
5. every block left over gets its reason, e.g. the neighbour whose links changed.

Never all or nothing: every block that still corresponds pairs, every other one is
reported with why.
"""

from __future__ import annotations

import bisect
import math
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from markdown_it import MarkdownIt

from hoc.core.align_chain import heaviest_chain
from hoc.core.align_features import (
    BASE,
    Features,
    anchor_phrase,
    english_overlap,
    features_of,
    weight,
)
from hoc.core.erb import FRONT_MATTER, rewrite
from hoc.core.guard import check_message

AMBIGUITY = 1.0
"""Two candidates whose weights differ by less than this are a coin toss: refuse."""
UNIQUE_IN_CHAIN = BASE - 1.0
"""Chain weight of a pair with unique anchors (see :func:`_candidates`)."""
OLD_ENGLISH = 0.8
"""Word overlap above which a differing "translation" is English of another version."""
NO_ENGLISH = "no counterpart in the translation"
NO_TRANSLATION = "no counterpart in the English page"
KEPT_ENGLISH = "the translation keeps it in English"

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass(frozen=True)
class Block:
    """One translatable block: its kind, its Markdown (a msgid or msgstr) and its line.

    A list item also knows its position in its list (``item``, from 1) and the
    list's length (``items``); both are 0 outside lists.
    """

    kind: str
    text: str
    line: int
    item: int = 0
    items: int = 0


class Unpaired(NamedTuple):
    """A block left unpaired, and why; reads like its block (``.text``, ``.line``)."""

    block: Block
    reason: str

    @property
    def kind(self) -> str:
        return self.block.kind

    @property
    def text(self) -> str:
        return self.block.text

    @property
    def line(self) -> int:
        return self.block.line


@dataclass(frozen=True)
class Alignment:
    """English blocks paired with translated ones, and the blocks left unpaired, each
    with the reason it is."""

    pairs: list[tuple[Block, Block]]
    """In English page order; includes blocks the translation kept in English."""
    unpaired_english: list[Unpaired]
    unpaired_translated: list[Unpaired]
    doubtful: list[Unpaired] = field(default_factory=list)
    """English blocks of ``pairs`` whose translation may be of other English (their
    numbers differ: a date or an amount changed since): import them as fuzzy."""

    @property
    def translations(self) -> list[tuple[Block, Block]]:
        """The pairs that carry a translation (text differs from the English)."""
        return [(english, other) for english, other in self.pairs
                if english.text != other.text]

    @property
    def kept_in_english(self) -> list[Block]:
        """English blocks whose counterpart is the same English text."""
        return [english for english, other in self.pairs if english.text == other.text]

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready summary, for reports."""
        def unpaired(blocks: list[Unpaired]) -> list[dict[str, Any]]:
            return [{"line": block.line, "kind": block.kind, "text": block.text,
                     "reason": reason} for block, reason in blocks]

        english = len(self.pairs) + len(self.unpaired_english)
        return {
            "english_blocks": english,
            "translated": len(self.translations),
            "kept_in_english": len(self.kept_in_english),
            "share": len(self.translations) / english if english else 1.0,
            "pairs": [[left.line, right.line] for left, right in self.pairs],
            "unpaired_english": unpaired(self.unpaired_english),
            "unpaired_translated": unpaired(self.unpaired_translated),
            "doubtful": unpaired(self.doubtful),
        }


def blocks_of(markdown: str, parser: MarkdownIt) -> list[Block]:
    """The translatable blocks of a page (front matter and ERB handled), in order,
    the Markdown bodies of colon-fenced directives (``:::{hoc-if}``) included."""
    text = rewrite(markdown).text
    front = FRONT_MATTER.match(text)
    offset = 0
    if front:
        offset = text.count("\n", 0, front.end())
        text = text[front.end():]
    found: list[tuple[str, str, int, int, int]] = []
    list_sizes: list[int] = []
    _collect(text, offset, parser, found, list_sizes)
    return [Block(kind, content, line, item, list_sizes[number] if number >= 0 else 0)
            for kind, content, line, number, item in found]


_OPTION = re.compile(r":[\w-]+:(?:\s.*)?")


def _directive_body(content: str) -> tuple[str, int]:
    """A colon fence's body without its leading ``:option: value`` lines, and how many
    lines those took."""
    lines = content.split("\n")
    skipped = 0
    while skipped < len(lines) and _OPTION.fullmatch(lines[skipped].strip()):
        skipped += 1
    return "\n".join(lines[skipped:]), skipped


def _collect(text: str, offset: int, parser: MarkdownIt,
             found: list[tuple[str, str, int, int, int]], list_sizes: list[int]) -> None:
    """Add the blocks of ``text`` (whose first line is line ``offset + 1`` of the page)
    to ``found``: (kind, text, line, list number, place in the list)."""
    kinds: list[str] = []
    lists: list[int] = []
    for token in parser.parse(text):
        if token.nesting == 1:
            kinds.append(token.tag or token.type)
            if token.type in ("bullet_list_open", "ordered_list_open"):
                lists.append(len(list_sizes))
                list_sizes.append(0)
            elif token.type == "list_item_open" and lists:
                list_sizes[lists[-1]] += 1
        elif token.nesting == -1 and kinds:
            kinds.pop()
            if token.type in ("bullet_list_close", "ordered_list_close") and lists:
                lists.pop()
        elif token.type == "colon_fence" and token.info.strip().startswith("{") \
                and token.map:
            # A directive whose body is Markdown (conditions, admonitions): its
            # paragraphs are messages of the page like any other.
            body, options = _directive_body(token.content)
            _collect(body, offset + token.map[0] + 1 + options, parser, found, list_sizes)
        elif token.type == "inline" and token.content.strip():
            kind = next((k for k in reversed(kinds) if k in ("li", "td", "th", *_HEADINGS)),
                        "p")
            line = (token.map[0] if token.map else 0) + offset + 1
            in_list = kind == "li" and bool(lists)
            found.append((kind, token.content, line, lists[-1] if in_list else -1,
                          list_sizes[lists[-1]] if in_list else 0))


@dataclass
class _Pages:
    """Both pages' features and the lookups the steps share."""

    english: list[Block]
    translated: list[Block]
    parser: MarkdownIt

    def __post_init__(self) -> None:
        self.left = [features_of(block, self.parser) for block in self.english]
        self.right = [features_of(block, self.parser) for block in self.translated]
        self.left_groups: dict[tuple[str, tuple[tuple[str, str], ...]], list[int]] = \
            defaultdict(list)
        self.right_groups: dict[tuple[str, tuple[tuple[str, str], ...]], list[int]] = \
            defaultdict(list)
        for i, features in enumerate(self.left):
            self.left_groups[features.kind, features.key].append(i)
        for j, features in enumerate(self.right):
            self.right_groups[features.kind, features.key].append(j)
        unique = [(i, self.right_groups[self.left[i].kind, self.left[i].key][0])
                  for i in range(len(self.left)) if self.is_unique(i)]
        # How much longer the translation's prose is, from the blocks sure to
        # correspond; few of them pull towards 1 (one reworded block is no trend: it
        # takes a dozen to count for two thirds).
        logs = sorted(math.log((self.right[j].size + 4) / (self.left[i].size + 4))
                      for i, j in unique)
        middle = statistics.median(logs) if logs else 0.0
        self.factor = math.exp(middle * len(logs) / (len(logs) + 6))
        ordered = heaviest_chain([(i, j, 1.0) for i, j in unique], len(self.right))
        self.landmarks = [(-1, -1), *(unique[c] for c in ordered),
                          (len(self.left), len(self.right))]

    def group(self, i: int) -> tuple[str, tuple[tuple[str, str], ...]]:
        return self.left[i].kind, self.left[i].key

    def is_unique(self, i: int) -> bool:
        """Anchors that occur once on each page identify a block wherever it went."""
        group = self.group(i)
        return bool(group[1]) and len(self.left_groups[group]) == 1 \
            and len(self.right_groups.get(group, ())) == 1

    def expected(self, i: int) -> float:
        """Where block ``i`` should be in the translation, between the landmarks."""
        at = bisect.bisect_left(self.landmarks, (i, -2))
        (i0, j0), (i1, j1) = self.landmarks[at - 1], self.landmarks[at]
        if i1 == i:
            return float(j1)
        return j0 + (j1 - j0) * (i - i0) / (i1 - i0)

    def weight(self, i: int, j: int) -> float:
        distance = abs((i + 0.5) / len(self.left) - (j + 0.5) / len(self.right))
        return weight(self.left[i], self.right[j], distance, self.is_unique(i), self.factor)


def _candidates(pages: _Pages) -> list[tuple[int, int, float]]:
    """The weighted pairs the order-preserving chain chooses from.

    A block with unique anchors pairs wherever it is, so in the chain it weighs only
    what keeping the order costs: as much as one anchorless pair with no evidence for
    it. The chain then keeps a well-fitting anchorless pair rather than a unique block
    that moved across it (which pairs afterwards, on its own), but does not cross a
    unique block to pair a doubtful one.
    """
    band = max(16, (len(pages.left) + len(pages.right)) // 6)
    candidates: list[tuple[int, int, float]] = []
    for i in range(len(pages.left)):
        members = pages.right_groups.get(pages.group(i), [])
        if pages.is_unique(i):
            window = members
        else:
            centre = pages.expected(i)
            window = members[bisect.bisect_left(members, centre - band):
                             bisect.bisect_right(members, centre + band)]
        for j in window:
            if pages.is_unique(i):
                candidates.append((i, j, UNIQUE_IN_CHAIN))
                continue
            score = pages.weight(i, j)
            if score > 0:
                candidates.append((i, j, score))
    return candidates


def _count(number: int) -> str:
    return {2: "two", 3: "three", 4: "four"}.get(number, str(number))


def _lines(blocks: list[Block], indexes: list[int]) -> str:
    return ", ".join(str(blocks[index].line) for index in sorted(indexes))


def _crossings(pages: _Pages, candidates: list[tuple[int, int, float]],
               chain: list[tuple[int, int]], left_reasons: dict[int, str],
               right_reasons: dict[int, str]) -> None:
    """Leave out the pairs the chain makes across a block with unique anchors where
    keeping that block in order weighs about as much.

    A chain that leaves out a block with unique anchors tells that this block moved; the
    heaviest chain that keeps it tells that the anchorless blocks it crosses moved
    instead. Where the two weigh within :data:`AMBIGUITY` of each other, the
    translation does not tell which happened (often blocks that differ only in length,
    which the chain swaps across the unique one): the blocks without unique anchors they
    pair differently are ambiguous.
    """
    weights = {(i, j): score for i, j, score in candidates}
    total = sum(weights[pair] for pair in chain)
    chained = {i for i, _ in chain}
    for unique in range(len(pages.left)):
        if not pages.is_unique(unique) or unique in chained:
            continue
        place = pages.right_groups[pages.group(unique)][0]
        through = [(i, j, score) for i, j, score in candidates
                   if (i < unique and j < place) or (i > unique and j > place)]
        through.append((unique, place, UNIQUE_IN_CHAIN))
        in_order = [through[c] for c in heaviest_chain(through, len(pages.right))]
        if total - sum(score for _, _, score in in_order) >= AMBIGUITY:
            continue
        line = pages.english[unique].line
        for i, j in set(chain) ^ {(i, j) for i, j, _ in in_order}:
            if pages.is_unique(i):
                continue  # pairs wherever it went
            left_reasons.setdefault(
                i, f"ambiguous: either it or English line {line} (unique anchors) moved")
            right_reasons.setdefault(
                j, f"ambiguous: either its English or English line {line} (unique anchors) "
                   "moved")


def _ambiguities(pages: _Pages, chain: list[tuple[int, int]],
                 left_reasons: dict[int, str], right_reasons: dict[int, str]) -> None:
    """Drop chain pairs that another unpaired block in the same stretch fits as well."""
    bounds = [(-1, -1), *chain, (len(pages.left), len(pages.right))]
    for at, (i, j) in enumerate(chain, start=1):
        (low_i, low_j), (high_i, high_j) = bounds[at - 1], bounds[at + 1]
        score = pages.weight(i, j) - AMBIGUITY
        rivals_left = [k for k in pages.left_groups[pages.group(i)]
                       if low_i < k < high_i and k != i and pages.weight(k, j) >= score]
        members = pages.right_groups[pages.group(i)]
        rivals_right = [k for k in members
                        if low_j < k < high_j and k != j and pages.weight(i, k) >= score]
        if rivals_left:
            fits = [i, *rivals_left]
            for k in fits:
                left_reasons[k] = (f"ambiguous: translated line {pages.translated[j].line} "
                                   f"fits {_count(len(fits))} English blocks "
                                   f"(lines {_lines(pages.english, fits)})")
            right_reasons[j] = (f"ambiguous: {_count(len(fits))} English candidates "
                                f"(lines {_lines(pages.english, fits)})")
        if rivals_right:
            fits = [j, *rivals_right]
            left_reasons[i] = (f"ambiguous: {_count(len(fits))} candidates in the "
                               f"translation (lines {_lines(pages.translated, fits)})")
            for k in fits:
                right_reasons[k] = (f"ambiguous: English line {pages.english[i].line} fits "
                                    f"{_count(len(fits))} translated blocks "
                                    f"(lines {_lines(pages.translated, fits)})")


def _sections(blocks: list[Block]) -> list[int]:
    """For each block, the index of the heading it stands under (-1 before any)."""
    heading = -1
    sections = []
    for index, block in enumerate(blocks):
        if block.kind in _HEADINGS:
            heading = index
        sections.append(heading)
    return sections


def _follow_sections(pages: _Pages, matched: dict[int, int], chain: list[tuple[int, int]],
                     left_reasons: dict[int, str], right_reasons: dict[int, str]) -> None:
    """Pair each heading with the heading whose section holds most of its section's
    translations: headings rarely have anchors, but their sections do, and a section
    that moved takes its heading along.

    Where two headings' sections went under the same translated heading, the later
    heading is not in the translation (deleted, or added to the English since): the
    translated heading is the one whose pair keeps the page order of ``chain`` (the
    pairs in page order), as taking the later one would move the earlier section's
    blocks above their heading. Only among headings that all keep that order, or all
    break it (sections that moved), does the one with more of its section there take
    it; a tie moves nothing.

    A heading the chain paired in order keeps that pair unless its whole section went
    elsewhere, mostly under one other heading, its place in the chain counting as one
    more block of it: a section that moved takes its heading along, but an empty
    section or a single paragraph that moved leaves the heading where the chain read it,
    and so does a section split by a heading that moved into it. Nor does another
    heading take that pair: its section there tells that it, or a paragraph of it,
    moved, or that it was deleted and its section fell to the heading before it, while
    the chain read the pair in page order.
    """
    left_sections, right_sections = _sections(pages.english), _sections(pages.translated)
    votes: dict[int, Counter[int]] = defaultdict(Counter)
    for i, j in matched.items():
        if pages.english[i].kind not in _HEADINGS and left_sections[i] >= 0:
            votes[left_sections[i]][right_sections[j]] += 1
    # A translated heading that most of another heading's section stands under is that
    # heading's translation, not the one of a heading none of whose section came along
    # (the chain may have read it by a step number that was renumbered since).
    content_size = Counter(left_sections[k] for k, block in enumerate(pages.english)
                           if block.kind not in _HEADINGS and left_sections[k] >= 0)
    majority: dict[int, set[int]] = defaultdict(set)
    for other, ballot in votes.items():
        (place, count), = ballot.most_common(1)
        if place >= 0 and 2 * count > ballot.total():
            majority[place].add(other)
    kept = {i: j for i, j in chain if pages.english[i].kind in _HEADINGS
            and not _section_left(votes.get(i, Counter()), j)
            and not (not votes.get(i) and content_size[i] and majority[j] - {i})}
    taken = set(kept.values())
    claims: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, ballot in sorted(votes.items()):
        (j, count), = ballot.most_common(1)
        # Only a heading with the same anchors can be this heading's translation.
        if i not in kept and j not in taken and j >= 0 and 2 * count > ballot.total() \
                and pages.right[j].kind == pages.left[i].kind \
                and pages.right[j].key == pages.left[i].key:
            claims[j].append((count, i))
    # The chain's pairs of section content, the evidence the votes come from; its
    # heading pairs are what this step decides.
    content = [(i, j) for i, j in chain if pages.english[i].kind not in _HEADINGS]
    for j, claimants in sorted(claims.items()):
        in_order = [(count, i) for count, i in claimants
                    if not _crosses(content, i, j)]
        claimants = sorted(in_order or claimants, reverse=True)
        (count, i), rest = claimants[0], claimants[1:]
        if matched.get(i) == j or (rest and rest[0][0] == count):
            continue
        for left, right in list(matched.items()):
            if left == i or right == j:
                del matched[left]
        matched[i] = j
        left_reasons.pop(i, None)
        right_reasons.pop(j, None)


def _section_left(ballot: Counter[int], place: int) -> bool:
    """Whether a heading's section left the translated heading ``place`` the chain paired
    it with: none of it is there, and more than half of it and that place is under one
    other heading (``ballot``: how many of its blocks are under each)."""
    return not ballot[place] and 2 * max(ballot.values(), default=0) > ballot.total() + 1


def _crosses(chain: list[tuple[int, int]], i: int, j: int) -> bool:
    """Whether pairing ``i`` with ``j`` breaks the page order of ``chain`` (pairs in
    increasing order on both pages, neither ``i`` nor ``j`` among them)."""
    at = bisect.bisect_left(chain, (i, -1))
    return (at > 0 and chain[at - 1][1] > j) or (at < len(chain) and chain[at][1] < j)


def _refusal(pages: _Pages, i: int, j: int) -> tuple[str, str] | None:
    """Why a pair must not be imported as a translation (English and translated side)."""
    english, translated = pages.english[i], pages.translated[j]
    if english.text == translated.text:
        return None
    if english_overlap(pages.left[i], pages.right[j]) >= OLD_ENGLISH:
        return (f"{KEPT_ENGLISH} (other English wording, line {translated.line})",
                f"{KEPT_ENGLISH} (other English wording than line {english.line})")
    problems = "; ".join(check_message(english.text, translated.text, pages.parser))
    if problems:
        return (f"the translation guard would reject line {translated.line}: {problems}",
                f"the translation guard would reject it for English line {english.line}: "
                f"{problems}")
    return None


def _leftovers(pages: _Pages, pairs: list[tuple[int, int]], chain: list[tuple[int, int]],
               left_reasons: dict[int, str], right_reasons: dict[int, str]) -> None:
    """Give every unpaired block its reason; neighbours whose anchors changed meet.

    ``chain`` (the pairs in page order, without moved blocks) splits both pages into
    stretches; only blocks of the same stretch can be versions of each other.
    """
    paired_left = {i for i, _ in pairs}
    paired_right = {j for _, j in pairs}
    starts_left = [i for i, _ in chain]
    starts_right = [j for _, j in chain]
    stretches: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in range(len(pages.left)):
        if i not in left_reasons and i not in paired_left:
            stretches[bisect.bisect_left(starts_left, i)][0].append(i)
    for j in range(len(pages.right)):
        if j not in right_reasons and j not in paired_right:
            stretches[bisect.bisect_left(starts_right, j)][1].append(j)
    for lefts, rights in stretches.values():
        start = 0
        for i in lefts:
            kind = pages.left[i].kind
            same_kind = [j for j in rights[start:] if pages.right[j].kind == kind]
            only = len(same_kind) == 1 and \
                sum(pages.left[k].kind == kind for k in lefts) == 1
            match = next((j for j in same_kind
                          if _related(pages.left[i], pages.right[j], only)), None)
            if match is None:
                continue
            start = rights.index(match) + 1
            english, translated = pages.english[i], pages.translated[match]
            phrase = anchor_phrase(pages.left[i], pages.right[match])
            details = "; ".join(check_message(english.text, translated.text, pages.parser))
            left_reasons[i] = (f"translation of older English: {phrase} differ "
                               f"(line {translated.line} {details})")
            right_reasons[match] = (f"translation of older English: {phrase} differ "
                                    f"(English line {english.line}: {details})")
    for lefts, rights in stretches.values():
        for i in lefts:
            left_reasons.setdefault(i, NO_ENGLISH)
        for j in rights:
            right_reasons.setdefault(j, NO_TRANSLATION)


def _related(english: Features, translated: Features, only: bool) -> bool:
    """Whether two unpaired blocks of one stretch are versions of the same block: they
    share anchors or numbers, or have anchors of the same kinds and the same list
    position (or are the only ones of their kind there)."""
    if set(english.key) & set(translated.key):
        return True
    if english.numbers and english.numbers == translated.numbers:
        return True
    same_kinds = bool(english.key) and \
        sorted(kind for kind, _ in english.key) == sorted(kind for kind, _ in translated.key)
    return same_kinds and (only or english.shape[0] == translated.shape[0] != 0)


def align(english: list[Block], translated: list[Block], parser: MarkdownIt) -> Alignment:
    """Pair every English block with its translation where one corresponds; report the
    rest with a reason. ``parser`` is the MyST parser the build uses."""
    if not english or not translated:
        return Alignment([], [Unpaired(block, NO_ENGLISH) for block in english],
                         [Unpaired(block, NO_TRANSLATION) for block in translated])
    pages = _Pages(english, translated, parser)
    candidates = _candidates(pages)
    chain = [candidates[c][:2] for c in heaviest_chain(candidates, len(translated))]
    left_reasons: dict[int, str] = {}
    right_reasons: dict[int, str] = {}
    _crossings(pages, candidates, chain, left_reasons, right_reasons)
    _ambiguities(pages, chain, left_reasons, right_reasons)
    chain = [(i, j) for i, j in chain if i not in left_reasons and j not in right_reasons]
    chained_left = {i for i, _ in chain}
    chained_right = {j for _, j in chain}
    moved = [(i, pages.right_groups[pages.group(i)][0]) for i in range(len(english))
             if pages.is_unique(i) and i not in chained_left and i not in left_reasons]
    matched = dict(chain)
    matched.update((i, j) for i, j in moved if j not in chained_right and j not in right_reasons)
    _follow_sections(pages, matched, chain, left_reasons, right_reasons)
    chain = [(i, j) for i, j in chain if matched.get(i) == j]
    pairs: list[tuple[int, int]] = []
    for i, j in sorted(matched.items()):
        refusal = _refusal(pages, i, j)
        if refusal is None:
            pairs.append((i, j))
        else:
            left_reasons[i], right_reasons[j] = refusal
    kept = set(pairs)
    _leftovers(pages, pairs, [pair for pair in chain if pair in kept], left_reasons,
               right_reasons)
    paired_left = {i for i, _ in pairs}
    paired_right = {j for _, j in pairs}
    renumbered = {j: text for i, j in pairs
                  if (text := _renumbered(english[i], translated[j])) is not None}
    doubtful = [Unpaired(english[i], _numbers_differ(pages.left[i], pages.right[j]))
                for i, j in pairs if english[i].text != translated[j].text
                and pages.left[i].numbers != pages.right[j].numbers and j not in renumbered]
    return Alignment(
        [(english[i], replace(translated[j], text=renumbered[j]) if j in renumbered
          else translated[j]) for i, j in pairs],
        [Unpaired(block, left_reasons[i]) for i, block in enumerate(english)
         if i not in paired_left],
        [Unpaired(block, right_reasons[j]) for j, block in enumerate(translated)
         if j not in paired_right],
        doubtful)


_STEP = re.compile(r"\A(\d{1,3})(?=[.)]\s)")
"""A heading's step number (``2. Spread the word``, ``2) ...``)."""


def _renumbered(english: Block, translated: Block) -> str | None:
    """The translated heading with the English step number, when that number is all
    that differs between their numbers (the translation was made before a step was
    added or removed); ``None`` otherwise."""
    if english.kind not in _HEADINGS or translated.kind not in _HEADINGS:
        return None
    ours, theirs = _STEP.match(english.text), _STEP.match(translated.text)
    if ours is None or theirs is None or ours.group(1) == theirs.group(1):
        return None
    rest = _NUMBERS.findall(english.text[ours.end():]), \
        _NUMBERS.findall(translated.text[theirs.end():])
    if sorted(rest[0]) != sorted(rest[1]):
        return None
    return ours.group(1) + translated.text[theirs.end():]


_NUMBERS = re.compile(r"\d+")


def _numbers_differ(english: Features, translated: Features) -> str:
    def listed(numbers: tuple[str, ...]) -> str:
        return ", ".join(numbers) or "none"

    return (f"numbers differ ({listed(english.numbers)} in English, "
            f"{listed(translated.numbers)} in the translation)")
