"""Aligning translated Pegasus pages that drifted from their English page."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from dataclasses import dataclass, replace

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import TESTS
from hoc.core.align import KEPT_ENGLISH, NO_ENGLISH, NO_TRANSLATION, Block, align, blocks_of
from hoc.core.align_chain import heaviest_chain
from hoc.core.guard import check_message, markup_of, myst_parser

PARSER = myst_parser(frozenset({"attrs_inline", "colon_fence", "deflist"}))
DATA = TESTS / "data" / "align"


def aligned(english: str, translated: str):
    return align(blocks_of(english, PARSER), blocks_of(translated, PARSER), PARSER)


def pairs_by_line(result) -> dict[int, int]:
    return {left.line: right.line for left, right in result.pairs}


def reasons(unpaired) -> dict[int, str]:
    return {block.line: reason for block, reason in unpaired}


# -- blocks ---------------------------------------------------------------------------------

def test_list_items_know_their_place_in_their_list():
    blocks = blocks_of("- a\n- b\n  1. x\n  2. y\n  3. z\n- c\n\n* d\n\ntext\n", PARSER)
    shapes = [(b.text, b.kind, b.item, b.items) for b in blocks]
    assert shapes == [("a", "li", 1, 3), ("b", "li", 2, 3), ("x", "li", 1, 3),
                      ("y", "li", 2, 3), ("z", "li", 3, 3), ("c", "li", 3, 3),
                      ("d", "li", 1, 1), ("text", "p", 0, 0)]


def test_unpaired_blocks_read_like_blocks_and_unpack_with_their_reason():
    result = aligned("# A\n\nOne [x](/x).\n", "# B\n")
    (block, reason), = result.unpaired_english
    assert (block.line, block.text, reason) == (3, "One [x](/x).", NO_ENGLISH)
    assert result.unpaired_english[0].line == 3
    assert result.as_dict()["unpaired_english"] == [
        {"line": 3, "kind": "p", "text": "One [x](/x).", "reason": NO_ENGLISH}]


def test_empty_pages():
    result = aligned("", "# Titre\n")
    assert result.pairs == [] and reasons(result.unpaired_translated) == {1: NO_TRANSLATION}


# -- the chain ------------------------------------------------------------------------------

def test_heaviest_chain_is_order_preserving_and_heaviest():
    candidates = [(0, 1, 5.0), (1, 0, 5.0), (1, 2, 1.0), (2, 3, 1.0), (0, 0, 1.0)]
    chain = [candidates[c][:2] for c in heaviest_chain(candidates, 4)]
    assert chain == [(0, 1), (1, 2), (2, 3)]
    # One English block pairs once, even with two candidates after the same prefix.
    twice = [(0, 0, 1.0), (0, 1, 1.0)]
    assert [twice[c][:2] for c in heaviest_chain(twice, 2)] == [(0, 0)]


@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6),
                          st.floats(0.1, 10, allow_nan=False)), max_size=25))
def test_heaviest_chain_matches_a_full_table(candidates):
    chain = heaviest_chain(candidates, 7)
    picked = [candidates[c] for c in chain]
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in itertools.pairwise(picked))
    table = [[0.0] * 8 for _ in range(8)]
    best = {}
    for i, j, w in candidates:
        best[i, j] = max(best.get((i, j), 0.0), w)
    for i in range(1, 8):
        for j in range(1, 8):
            table[i][j] = max(table[i - 1][j], table[i][j - 1],
                              table[i - 1][j - 1] + best.get((i - 1, j - 1), 0.0))
    assert sum(c[2] for c in picked) == pytest.approx(table[7][7])


# -- drifted fixtures -----------------------------------------------------------------------

def fixture(name: str, language: str):
    return aligned((DATA / f"{name}.en.md").read_text(encoding="utf-8"),
                   (DATA / f"{name}.{language}.md").read_text(encoding="utf-8"))


def test_club_page_translated_from_older_english():
    result = fixture("club", "fr")
    pairs = pairs_by_line(result)
    # Headings, prose, the image and the helper-key paragraph pair through the drift;
    # the two list items the translation swapped pair by their unique links.
    assert pairs == {9: 9, 11: 11, 13: 13, 15: 16, 16: 15, 20: 19, 22: 21, 24: 23, 26: 25,
                     28: 29, 32: 33, 34: 35}
    english = reasons(result.unpaired_english)
    assert english[18] == NO_ENGLISH  # added to the English after the translation
    assert english[17].startswith("translation of older English: links differ")
    assert "'/files/invitation.pdf'" in english[17]
    assert english[30].startswith("translation of older English: links differ")
    translated = reasons(result.unpaired_translated)
    assert translated == {
        17: translated[17], 27: NO_TRANSLATION, 31: translated[31]}
    assert "English line 17" in translated[17]
    # Kept in English: paired (so it counts as untranslated), not imported.
    assert [b.line for b in result.kept_in_english] == [32]
    # The intro's number changed since: paired, flagged for a fuzzy import.
    assert [(b.line, reason) for b, reason in result.doubtful] == [
        (11, "numbers differ (2000, 5 in English, 1000, 5 in the translation)")]


def test_prizes_page_with_table_old_english_and_a_deleted_paragraph():
    result = fixture("prizes", "es")
    pairs = pairs_by_line(result)
    assert pairs[5] == 5  # heading kept in English pairs...
    assert [b.line for b in result.kept_in_english] == [5]  # ...and is not a translation
    assert [(left.text, right.text) for left, right in result.pairs if left.line == 9] == [
        ("10 laptops", "10 portátiles"),
        ("one school in every country", "una escuela en cada país")]
    assert pairs[20] == 18  # the short paragraph, not its longer deleted neighbour
    english = reasons(result.unpaired_english)
    assert english == {12: english[12], 18: NO_ENGLISH}
    assert english[12].startswith(KEPT_ENGLISH)  # older English wording is not French
    assert reasons(result.unpaired_translated)[22] == NO_TRANSLATION


def test_moved_sections_take_their_headings_along():
    result = fixture("kit", "fr")
    pairs = pairs_by_line(result)
    # "Videos" moved to the top: its heading follows its paragraph and list.
    assert (pairs[20], pairs[22], pairs[24]) == (5, 7, 9)
    # "Posters" stays put, and pairs with the heading over its items, not "Vidéos".
    assert (pairs[5], pairs[7], pairs[9], pairs[10]) == (12, 14, 15, 16)
    assert (pairs[12], pairs[27], pairs[33]) == (18, 25, 29)
    # Removed items and the English-only paragraph; the video item whose link changed.
    assert set(reasons(result.unpaired_english)) == {8, 17, 25, 31}
    assert set(reasons(result.unpaired_translated)) == {10, 33}
    assert len(result.translations) == 17


def test_two_equal_candidates_are_ambiguous():
    english = "# T\n\n## A\n\nSame words here.\n\nSame words here.\n\n## B\n"
    result = aligned(english, "# t\n\n## a\n\nMots pareils ici.\n\n## b\n")
    english_reasons = reasons(result.unpaired_english)
    assert english_reasons.keys() == {5, 7}
    assert english_reasons[5].startswith("ambiguous: translated line 5 fits two English")
    assert reasons(result.unpaired_translated)[5].startswith("ambiguous: two English")
    assert pairs_by_line(result) == {1: 1, 3: 3, 9: 7}


def test_a_deleted_headings_section_falls_to_the_heading_before_it():
    # "## B" was added after the translation: its list sits under "## a". Pairing "## a"
    # with "## B" (more of its section there) would move "Some words." below it.
    english = "# T\n\n## A\n\nSome words.\n\n## B\n\n- one\n- two\n"
    result = aligned(english, "# t\n\n## a\n\nQuelques mots.\n\n- un\n- deux\n")
    assert pairs_by_line(result) == {1: 1, 3: 3, 5: 5, 9: 7, 10: 8}
    assert reasons(result.unpaired_english) == {7: NO_ENGLISH}


def test_blocks_alike_across_a_moved_unique_block_are_ambiguous():
    # Either the linked paragraph moved up, or the short one moved down: its length alone
    # does not tell which ("aa aa" would pair with "aae" and "aa" with "aae aae").
    result = aligned("# T\n\naa\n\naa aa\n\naa [link](/page)\n",
                     "# T\n\naae aae\n\naae [liene](/page)\n\naae\n")
    assert pairs_by_line(result) == {1: 1, 7: 5}
    assert reasons(result.unpaired_english) == {
        3: "ambiguous: either it or English line 7 (unique anchors) moved",
        5: "ambiguous: either it or English line 7 (unique anchors) moved"}
    assert set(reasons(result.unpaired_translated)) == {3, 7}


def test_a_pair_the_guard_would_reject_is_reported():
    result = aligned("# T\n\nSee [the map](/map).\n", "# T\n\n1. Voir [la carte](/map).\n")
    # A list item is not a paragraph: kinds differ, nothing pairs it.
    assert 3 in reasons(result.unpaired_english)
    result = aligned("# Title\n\nSee [the map](/map).\n",
                     "# Titre\n\nVoir [la carte](/map) <!-- x -->.\n")
    assert pairs_by_line(result) == {1: 1}
    assert "adds raw HTML" in reasons(result.unpaired_english)[3]


def test_import_share_on_the_fixtures_beats_sequence_matching():
    """The share of English blocks that get a translation, on the drifted fixtures."""
    imported = total = 0
    for name, language in (("club", "fr"), ("prizes", "es"), ("kit", "fr")):
        result = fixture(name, language)
        imported += len(result.translations)
        total += len(result.pairs) + len(result.unpaired_english)
    assert imported / total >= 0.7


# -- property tests -------------------------------------------------------------------------

LETTERS = "abcdefghijklmnopqrstuvwxyz"
WORD = st.text(LETTERS, min_size=2, max_size=9)


@dataclass(frozen=True)
class Spec:
    """One generated block: its id, kind and pieces (words, numbers, anchors)."""

    ident: int
    kind: str
    pieces: tuple[tuple[str, str], ...]

    def render(self, translate: bool) -> str:
        out = []
        for kind, value in self.pieces:
            if kind == "word":
                out.append(value[::-1] + "e" if translate else value)
            elif kind == "number":
                number = int(value)
                out.append(f"{number:,}".replace(",", "\u00a0" if translate else ","))
            elif kind == "link":
                label = "liene" if translate else "link"
                out.append(f"[{label} {value.strip('/')[:3]}]({value})")
            elif kind == "role":
                out.append(f"{{hoc_s}}`{value}`")
            else:
                out.append(f"`{value}`")
        return " ".join(out)

    @property
    def anchors(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted(p for p in self.pieces if p[0] in ("link", "role", "code")))


@st.composite
def specs(draw, ident: int, kind: str, fresh: bool = False) -> Spec:
    words = draw(st.lists(WORD, min_size=1, max_size=10))
    pieces = [("word", words[0])] + [("word", w) for w in words[1:]]
    # Inserted blocks ("fresh") never share anchors with the English page.
    kinds = ["link", "role", "code", "number"] + ([] if fresh else ["shared"])
    extras = draw(st.lists(st.sampled_from(kinds), max_size=3))
    for extra in extras:
        at = draw(st.integers(1, len(pieces)))
        if extra == "number":
            piece = ("number", str(draw(st.integers(1, 50_000))))
        elif extra == "shared":
            piece = ("link", draw(st.sampled_from(["/shared", "/other"])))
        elif extra == "link":
            piece = ("link", f"/{'new' if fresh else 'page'}-{ident}-{len(pieces)}")
        elif extra == "role":
            piece = ("role", f"{'new' if fresh else 'key'}_{ident}")
        else:
            piece = ("code", f"{'new' if fresh else 'code'}{ident}")
        pieces.insert(at, piece)
    return Spec(ident, kind, tuple(pieces))


@st.composite
def pages(draw) -> list[list[Spec]]:
    """A page as units: a heading, a paragraph, or a list of items."""
    units: list[list[Spec]] = []
    ident = 0
    for _ in range(draw(st.integers(1, 14))):
        kind = draw(st.sampled_from(["h2", "p", "p", "li"]))
        count = draw(st.integers(1, 4)) if kind == "li" else 1
        unit = []
        for _ in range(count):
            unit.append(draw(specs(ident, kind)))
            ident += 1
        units.append(unit)
    return units


def render(units: list[list[Spec]], translate: bool) -> tuple[str, list[int]]:
    """The Markdown of a page and the spec id of each of its blocks, in order."""
    parts, order = [], []
    for number, unit in enumerate(units):
        if unit[0].kind == "h2":
            parts.append("## " + unit[0].render(translate))
        elif unit[0].kind == "p":
            parts.append(unit[0].render(translate))
        else:
            bullet = "-" if number % 2 else "*"
            parts.append("\n".join(f"{bullet} {s.render(translate)}" for s in unit))
        order += [s.ident for s in unit]
    return "# " + ("Titree" if translate else "Title") + "\n\n" + "\n\n".join(parts) + "\n", \
        [-1, *order]


@dataclass
class Drift:
    """What happened to the translation: which English blocks lost it, which moved,
    which were reworded or got another link."""

    deleted: set[int]
    moved: set[int]
    reworded: set[int]
    relinked: set[int]


@st.composite
def drifted(draw, anchored_only: bool = False):
    """An English page and a translation of a drifted version of it.

    The drift is a story the oracles check the pairs against, so it avoids the edits
    whose pages tell another story just as well (no aligner could know which happened):

    - an inserted block has an anchor of its own: an anchorless one is, to any aligner,
      a rewording of a deleted block of its kind nearby, as translations reword every
      word;
    - which of two lookalike blocks (see :func:`alike`) moved or was deleted is no
      fact the pages record, yet the oracles ask it where a block moved across them:
      "this twin moved down across a block" and "that block moved up across the other
      twin" make the same pages, so do "this twin was deleted and a block moved across
      the other" and the other way round (lookalikes that are not twins differ only in
      what the aligner cannot go by). So a lookalike never moves, and is deleted (or
      relinked) only in a drift that moves nothing (which still drifts the sections of
      twin headings);
    - with ``anchored_only`` (only blocks with unique anchors drift), one block moves at
      most: two that moved up together across an anchorless block make the same pages
      as that block moving down across them, a story of fewer moves.
    """
    english = draw(pages())
    units = [list(unit) for unit in english]
    drift = Drift(set(), set(), set(), set())
    fresh = 1000
    blocks = [spec for unit in english for spec in unit]
    lookalikes = {one.ident for one in blocks for other in blocks
                  if one is not other and alike(one, other)}
    for _ in range(draw(st.integers(0, 6))):
        operation = draw(st.sampled_from(["delete", "insert", "move", "reword", "relink"]))
        spots = [(u, k) for u, unit in enumerate(units) for k, spec in enumerate(unit)
                 if not anchored_only or unique_anchor(spec, english)]
        if operation == "insert":
            spec = draw(specs(fresh, "p", fresh=True))
            if not spec.anchors:
                spec = replace(spec, pieces=(*spec.pieces, ("link", f"/new-{fresh}")))
            units.insert(draw(st.integers(0, len(units))), [spec])
            fresh += 1
            continue
        if not spots:
            continue
        u, k = draw(st.sampled_from(spots))
        spec = units[u][k]
        # A relinked block's translation pairs with nothing: it is lost like a deleted one.
        lost = (drift.deleted | drift.relinked) & lookalikes
        if operation == "delete" and not (spec.ident in lookalikes and drift.moved):
            del units[u][k]
            drift.deleted.add(spec.ident)
        elif operation == "move" and unit_is_single(units[u]) \
                and spec.ident not in lookalikes and not lost \
                and not (anchored_only and drift.moved):
            del units[u]
            units.insert(draw(st.integers(0, len(units))), [spec])
            drift.moved.add(spec.ident)
        elif operation == "reword":
            words = draw(st.lists(WORD, min_size=1, max_size=10))
            kept = [p for p in spec.pieces if p[0] != "word"]
            pieces = [("word", words[0]), *kept, *[("word", w) for w in words[1:]]]
            units[u][k] = replace(spec, pieces=tuple(pieces))
            drift.reworded.add(spec.ident)
        elif operation == "relink" and not (spec.ident in lookalikes and drift.moved):
            units[u][k] = replace(spec, pieces=(*spec.pieces, ("link", f"/moved-{fresh}")))
            fresh += 1
            drift.relinked.add(spec.ident)
        units = [unit for unit in units if unit]
    return english, units, drift


def alike(one: Spec, other: Spec) -> bool:
    """Whether the aligner may take one block's translation for the other's.

    Translations reword every word, and their numbers and lengths change with the
    English they were made from: those only weigh which of nearby candidates pair. What
    keeps two blocks apart is their kind and anchors.
    """
    return (one.kind, one.anchors) == (other.kind, other.anchors)


def unit_is_single(unit: list[Spec]) -> bool:
    return len(unit) == 1 and unit[0].kind in ("p", "h2")


def unique_anchor(spec: Spec, english: list[list[Spec]]) -> bool:
    anchors = Counter((s.kind, s.anchors) for unit in english for s in unit)
    return bool(spec.anchors) and anchors[spec.kind, spec.anchors] == 1


def run(english_units, translated_units):
    english_text, english_ids = render(english_units, translate=False)
    translated_text, translated_ids = render(translated_units, translate=True)
    english = blocks_of(english_text, PARSER)
    translated = blocks_of(translated_text, PARSER)
    assert len(english) == len(english_ids) and len(translated) == len(translated_ids)
    result = align(english, translated, PARSER)
    ids = {id(b): n for b, n in zip(english, english_ids, strict=True)}
    ids |= {id(b): n for b, n in zip(translated, translated_ids, strict=True)}
    return english, translated, result, ids


def check_partition(english: list[Block], translated: list[Block], result) -> None:
    left = [b for b, _ in result.pairs] + [b for b, _ in result.unpaired_english]
    right = [b for _, b in result.pairs] + [b for b, _ in result.unpaired_translated]
    assert sorted(map(id, left)) == sorted(map(id, english))
    assert sorted(map(id, right)) == sorted(map(id, translated))
    assert all(reason for _, reason in result.unpaired_english + result.unpaired_translated)


def same_words(ident: int, kind: str) -> Spec:
    return Spec(ident, kind, (("word", "aa"),))


def worded(ident: int, kind: str, *words: str) -> Spec:
    return Spec(ident, kind, tuple(("word", word) for word in words))


def linked(ident: int, kind: str) -> Spec:
    """A block like :func:`same_words` identified by a link of its own."""
    return Spec(ident, kind, (("word", "aa"), ("link", f"/page-{ident}-1")))


# Identically worded headings, no anchors: heading 7 is gone, so its list sits under the
# translated heading with paragraph 6. That heading is 5, whose paragraph pairs in order
# after it, not 7 (more of its section there), which would put paragraph 6 above it.
SAME_HEADINGS = (
    [[same_words(n, "li") for n in range(4)], [same_words(4, "h2")], [same_words(5, "h2")],
     [same_words(6, "p")], [same_words(7, "h2")], [same_words(8, "li"), same_words(9, "li")]],
    [[same_words(5, "h2")], [same_words(6, "p")], [same_words(8, "li"), same_words(9, "li")]],
    Drift({0, 1, 2, 3, 4, 7}, set(), set(), set()))

# A linked paragraph moved up into the section of the heading before its own, which had
# none: that heading, paired in order, keeps its translation (one block that moved is a
# paragraph that moved, not a section taking its heading along).
PARAGRAPH_MOVED_UP = (
    [[same_words(0, "h2")], [same_words(1, "h2")], [linked(2, "p")], [linked(3, "h2")]],
    [[same_words(0, "h2")], [linked(2, "p")], [same_words(1, "h2")], [linked(3, "h2")]],
    Drift(set(), {2}, set(), set()))

# The same with the paragraph moved to the top, across a list and several headings.
PARAGRAPH_MOVED_TO_TOP = (
    [[same_words(0, "h2")], [same_words(1, "h2")], [same_words(2, "h2")],
     [same_words(n, "li") for n in range(3, 7)], [same_words(7, "h2")],
     [same_words(8, "h2")], [linked(9, "p")], [same_words(10, "h2")]],
    [[same_words(0, "h2")], [linked(9, "p")], [same_words(1, "h2")], [same_words(2, "h2")],
     [same_words(n, "li") for n in range(3, 7)], [same_words(7, "h2")],
     [same_words(8, "h2")], [same_words(10, "h2")]],
    Drift(set(), {9}, set(), set()))

# A heading moved into the middle of the next heading's section: that heading, paired in
# order, keeps its translation, though most of its section is now under the moved one.
# (drifted() no longer moves lookalike headings; this and the next example keep the
# aligner's reading where it is the drift's story.)
HEADING_MOVED_INTO_A_SECTION = (
    [[worded(0, "h2", "aaaaaaaaaaaa")], [worded(1, "h2", "aa", "aa")],
     *([same_words(n, "p")] for n in (2, 3, 4))],
    [[worded(1, "h2", "aa", "aa")], [same_words(2, "p")], [worded(0, "h2", "aaaaaaaaaaaa")],
     [same_words(3, "p")], [same_words(4, "p")]],
    Drift(set(), {0}, set(), set()))

# Heading 3 was deleted and its paragraphs fell to heading 2, whose own section is empty:
# heading 2, paired in order, keeps its translation, which heading 3 does not take.
HEADING_DELETED_AFTER_AN_EMPTY_SECTION = (
    [[same_words(0, "h2")], [linked(1, "h2")], [same_words(2, "h2")],
     [worded(3, "h2", "aa", "aa", "aa")], [same_words(4, "p")], [same_words(5, "p")]],
    [[same_words(0, "h2")], [same_words(2, "h2")], [same_words(4, "p")], [same_words(5, "p")],
     [linked(1, "h2")]],
    Drift({3}, {1}, set(), set()))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drifted())
@example(SAME_HEADINGS)
@example(PARAGRAPH_MOVED_UP)
@example(PARAGRAPH_MOVED_TO_TOP)
@example(HEADING_MOVED_INTO_A_SECTION)
@example(HEADING_DELETED_AFTER_AN_EMPTY_SECTION)
def test_drifted_translations(case):
    english_units, translated_units, drift = case
    english, translated, result, ids = run(english_units, translated_units)
    check_partition(english, translated, result)
    counts = Counter((b.kind, tuple(sorted(markup_of(b.text, PARSER).items.elements())))
                     for b in english)
    paired = {ids[id(left)]: ids[id(right)] for left, right in result.pairs}
    for left, right in result.pairs:
        # No pair joins blocks whose kinds or anchors differ; the guard accepts it.
        assert left.kind == right.kind
        assert markup_of(left.text, PARSER).items == markup_of(right.text, PARSER).items
        assert check_message(left.text, right.text, PARSER) == []
    touched = drift.deleted | drift.relinked
    present = {ids[id(b)] for b in translated}
    for block in english:
        ident = ids[id(block)]
        key = (block.kind, tuple(sorted(markup_of(block.text, PARSER).items.elements())))
        unique = bool(key[1]) and counts[key] == 1
        if unique and ident not in touched and ident in present:
            # Unique anchors pair their block wherever it went and however reworded.
            assert paired.get(ident) == ident, (block, result)
        if unique and ident in touched:
            assert ident not in paired
    # Blocks that are not identified by unique anchors pair in page order; a heading
    # may leave that order only to follow its own section where it moved.
    ordered = sorted((left.line, right.line) for left, right in result.pairs
                     if left.kind != "h2" and (
                         counts[left.kind, tuple(sorted(markup_of(left.text, PARSER)
                                                        .items.elements()))] > 1
                         or not markup_of(left.text, PARSER).items))
    assert [right for _, right in ordered] == sorted(right for _, right in ordered)
    chained = sorted((left.line, right.line, ids[id(left)], ids[id(right)])
                     for left, right in result.pairs)
    for at, (_, line, ident, other) in enumerate(chained):
        if any(later < line for _, later, _, _ in chained[at + 1:]) \
                or any(earlier > line for _, earlier, _, _ in chained[:at]):
            assert ident == other, ("a heading out of order is not its own", result)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drifted(anchored_only=True))
@example(PARAGRAPH_MOVED_UP)
@example(PARAGRAPH_MOVED_TO_TOP)
def test_blocks_untouched_by_drift_pair_with_their_translation(case):
    english_units, translated_units, drift = case
    english, translated, result, ids = run(english_units, translated_units)
    check_partition(english, translated, result)
    paired = {ids[id(left)]: ids[id(right)] for left, right in result.pairs}
    touched = drift.deleted | drift.relinked
    for block in english:
        ident = ids[id(block)]
        if ident not in touched:
            assert paired.get(ident) == ident, (block, result)
        else:
            assert ident not in paired
    for block, reason in result.unpaired_translated:
        assert ids[id(block)] >= 1000 or ids[id(block)] in drift.relinked, reason


def test_the_drift_tells_no_story_the_pages_tell_otherwise():
    """Why :func:`drifted` inserts no anchorless block and moves no lookalike: each of
    these edits makes the same pages as another one (both found as counterexamples), and
    the oracles would hold the aligner to the story the drift happened to tell."""
    translated = render([[same_words(0, "h2")], [linked(2, "p")], [same_words(1, "h2")]],
                        translate=True)[0]
    # The first of two twin headings moved below the paragraph, or the paragraph moved
    # up between them: the aligner reads the second story, pairing the twins in order.
    assert render([[same_words(1, "h2")], [linked(2, "p")], [same_words(0, "h2")]],
                  translate=True)[0] == translated
    english = [[same_words(0, "h2")], [same_words(1, "h2")], [linked(2, "p")]]
    _, _, result, ids = run(english, [[same_words(0, "h2")], [linked(2, "p")],
                                      [same_words(1, "h2")]])
    assert [(ids[id(left)], ids[id(right)]) for left, right in result.pairs] == [
        (-1, -1), (0, 0), (1, 1), (2, 2)]
    # A paragraph deleted and an anchorless one inserted above the linked heading, or
    # the paragraph moved up: the aligner reads the second story.
    heading, paragraph = linked(0, "h2"), same_words(1, "p")
    inserted = replace(paragraph, ident=1000)
    assert render([[inserted], [heading]], translate=True)[0] == \
        render([[paragraph], [heading]], translate=True)[0]
    _, _, result, ids = run([[heading], [paragraph]], [[paragraph], [heading]])
    assert [(ids[id(left)], ids[id(right)]) for left, right in result.pairs] == [
        (-1, -1), (0, 0), (1, 1)]


# -- a long page ---------------------------------------------------------------------------

def big_page(seed: int, blocks: int) -> list[list[Spec]]:
    rng = random.Random(seed)
    units, ident = [], 0
    while ident < blocks:
        kind = rng.choice(["h2", "p", "p", "p", "li"])
        unit = []
        for _ in range(rng.randint(2, 6) if kind == "li" else 1):
            pieces = [("word", "".join(rng.choices(LETTERS, k=rng.randint(2, 8))))
                      for _ in range(rng.randint(4, 30))]
            if rng.random() < 0.4:
                pieces.insert(1, ("link", f"/page-{ident}" if rng.random() < 0.7
                                  else "/shared"))
            if rng.random() < 0.2:
                pieces.insert(2, ("number", str(rng.randint(1, 3000))))
            unit.append(Spec(ident, kind, tuple(pieces)))
            ident += 1
        units.append(unit)
    return units


def test_a_300_block_page_with_many_edits_keeps_most_pairs():
    english = big_page(7, 300)
    rng = random.Random(8)
    translated = [list(unit) for unit in english]
    for _ in range(30):
        del translated[rng.randrange(len(translated))]
    for n in range(20):
        translated.insert(rng.randrange(len(translated)),
                          [Spec(1000 + n, "p", (("word", "extra"), ("word", f"w{n}x")))])
    english_blocks = blocks_of(render(english, False)[0], PARSER)
    translated_blocks = blocks_of(render(translated, True)[0], PARSER)
    assert len(english_blocks) >= 300
    result = align(english_blocks, translated_blocks, PARSER)
    assert len(result.pairs) >= 0.75 * len(translated_blocks) - 20


RENUMBERED_EN = """# Promote

Intro text about promoting your event in many ways.

## 1. Sign up to host

Register your event on the [map](/map) so others find it.

## 2. Spread the word

Tell your [community](/promote) about the event this year.

## 3. Ask your whole school

Invite [every class](/how-to/districts) to take part in it.
"""

RENUMBERED_ES = """# Promociona

Texto de introducción sobre cómo promocionar tu evento de muchas maneras.

## 1. Corre la voz

Cuéntaselo a tu [comunidad](/promote) sobre el evento de este año.

## 2. Pide a toda tu escuela

Invita a [todas las clases](/how-to/districts) a participar en él.
"""


def test_renumbered_steps_pair_by_their_sections_and_take_the_english_number():
    """A translation made before a first step was added: its "1. Corre la voz" is the
    English step 2 (its section went there), never the new step 1, and it comes over
    as "2. Corre la voz", not doubtful; the new step stays untranslated."""
    result = align(blocks_of(RENUMBERED_EN, PARSER), blocks_of(RENUMBERED_ES, PARSER), PARSER)
    pairs = {english.text: translated.text for english, translated in result.pairs}
    assert pairs["2. Spread the word"] == "2. Corre la voz"
    assert pairs["3. Ask your whole school"] == "3. Pide a toda tu escuela"
    assert "1. Sign up to host" not in pairs
    assert [left.block.text for left in result.unpaired_english] == [
        "1. Sign up to host", "Register your event on the [map](/map) so others find it."]
    assert result.doubtful == []
