"""Structural limits of a translation: length, characters and nesting depth.

The markup guard (:mod:`hoc.core.guard`) stops what a translator could *inject*; these
limits stop what a translator could *break*. A message of a hundred thousand ``*`` parses
into emphasis nested so deep that the MyST renderer, which walks the tree recursively,
overflows Python's stack and takes the whole language's build with it; a two-megabyte
message ships a two-megabyte page; bidirectional overrides make a sentence display
something other than what it says ("Trojan Source"); control characters and lone
surrogates break the compiled catalogs. Every check here is one linear pass over the
text with no recursion, so it runs *before* anything parses the message and cannot
itself overflow, whatever the input.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class GuardLimits:
    """How far a translation may go (the ``hoc_guard_*`` configuration values)."""

    max_depth: int = 10
    """Deepest nesting of emphasis, links, quotes and lists together, emphasis counted
    in delimiter characters. Real messages reach three or four (a link in bold text);
    the MyST renderer overflows in the hundreds."""
    length_factor: int = 10
    """A msgstr may be this many times as long as its msgid, plus ``length_extra``."""
    length_extra: int = 200
    """Characters allowed beyond ``length_factor`` times the msgid (short messages such
    as "Home" legitimately grow several times over in some languages)."""

    def max_length(self, msgid: str) -> int:
        """The longest translation allowed for ``msgid``, in characters."""
        return self.length_factor * len(msgid) + self.length_extra

    def describe(self) -> str:
        """The limits in one line, to tell when guarded copies were made by other rules."""
        return (f"depth {self.max_depth}, length {self.length_factor}x"
                f"+{self.length_extra}")


DEFAULT_LIMITS = GuardLimits()

SETTINGS = {"max_depth": "hoc_guard_max_depth", "length_factor": "hoc_guard_length_factor",
            "length_extra": "hoc_guard_length_extra"}
"""The configuration value behind each limit."""


def limits_from_settings(settings: Mapping[str, Any]) -> GuardLimits:
    """The limits a ``conf.py`` sets (its names as run); a missing or bad value keeps the
    default, as the build does (the build also warns about it)."""
    values: dict[str, int] = {}
    for name, setting in SETTINGS.items():
        value = settings.get(setting)
        least = 0 if name == "length_extra" else 1
        if isinstance(value, int) and not isinstance(value, bool) and value >= least:
            values[name] = value
    return GuardLimits(**values)


# -- characters ------------------------------------------------------------------------

_EMBEDDINGS = frozenset("\u202a\u202b\u202c\u202d\u202e")
"""LRE, RLE, PDF, LRO, RLO: they reorder the text that follows until a PDF or line end."""
_ISOLATE_OPENERS = frozenset("\u2066\u2067\u2068")
"""LRI, RLI, FSI: harmless when closed by a PDI on the same line."""
_ISOLATE_CLOSER = "\u2069"
_ALLOWED_CONTROLS = frozenset("\t\n")


def _name(char: str) -> str:
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "")
    return f"{code} {name}" if name else code


_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
                      "\u2066-\u2069\ud800-\udfff]")
"""Every character :func:`character_problems` may refuse: controls (category Cc) but tab
and line feed, line and paragraph separators (Zl, Zp), embeddings, isolates, surrogates
(Cs); tests/test_guard_limits.py checks it against the categories."""


def character_problems(text: str) -> list[str]:
    """Characters a translation may not contain, one reason per kind (first occurrence).

    Kept: the marks right-to-left translators use (U+200E LRM, U+200F RLM, U+061C ALM),
    isolates that are closed on their line, and the joiners (U+200C ZWNJ, U+200D ZWJ)
    that Persian and Indic scripts need.
    """
    if _SUSPECT.search(text) is None:
        return []  # none of the characters looked at below: the usual translation
    found: dict[str, str] = {}
    open_isolates = 0
    for index, char in enumerate(text):
        if char in _EMBEDDINGS:
            found.setdefault("bidi", f"contains the bidirectional control {_name(char)} "
                             f"at character {index + 1} (it can make the text display "
                             "other than it reads)")
        elif char in _ISOLATE_OPENERS:
            open_isolates += 1
        elif char == _ISOLATE_CLOSER:
            if open_isolates == 0:
                found.setdefault("isolate", "closes a bidirectional isolate (U+2069) that "
                                 f"was never opened, at character {index + 1}")
            open_isolates = max(0, open_isolates - 1)
        elif char == "\n":
            if open_isolates:
                found.setdefault("isolate", "leaves a bidirectional isolate (U+2066 to "
                                 f"U+2068) open at the end of a line (character {index})")
            open_isolates = 0
        elif char in _ALLOWED_CONTROLS:
            continue
        else:
            category = unicodedata.category(char)
            if category == "Cc":
                found.setdefault("control", f"contains the control character "
                                 f"{_name(char)} at character {index + 1}")
            elif category in ("Zl", "Zp"):
                found.setdefault("separator", f"contains the invisible line break "
                                 f"{_name(char)} at character {index + 1}")
            elif category == "Cs":
                found.setdefault("surrogate", f"contains the unpaired surrogate "
                                 f"U+{ord(char):04X} at character {index + 1} (in a PO "
                                 "file, a byte that is not UTF-8 or a \\u escape)")
    if open_isolates:
        found.setdefault("isolate", "leaves a bidirectional isolate (U+2066 to U+2068) "
                         "open at its end")
    return list(found.values())


def length_problem(msgid: str, msgstr: str, limits: GuardLimits) -> str | None:
    """Why ``msgstr`` is too long for ``msgid``, or ``None``."""
    allowed = limits.max_length(msgid)
    if len(msgstr) <= allowed:
        return None
    return (f"it is {len(msgstr):,} characters long, more than the {allowed:,} allowed for "
            f"a {len(msgid):,}-character message (hoc_guard_length_factor, "
            "hoc_guard_length_extra)")


# -- nesting -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Depth:
    """The deepest nesting of each kind a message can reach (an upper bound)."""

    emphasis: int = 0
    links: int = 0
    quotes: int = 0
    lists: int = 0

    @property
    def deepest(self) -> tuple[str, int]:
        """The kind that nests deepest and how deep."""
        kinds = {"emphasis": self.emphasis, "links": self.links, "quotes": self.quotes,
                 "lists": self.lists}
        name = max(kinds, key=lambda kind: kinds[kind])
        return name, kinds[name]

    @property
    def total(self) -> int:
        """Every kind stacked: a quote holding a list holding a link holding bold text."""
        return self.emphasis + self.links + self.quotes + self.lists


_EMPHASIS = frozenset("*_~")


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _block_markers(line: str) -> tuple[int, int, int]:
    """Quote markers, list markers and the content column at the start of ``line``."""
    quotes = lists = 0
    i, n = 0, len(line)
    while True:
        while i < n and line[i] in " \t":
            i += 1
        if i < n and line[i] == ">":
            quotes += 1
            i += 1
            continue
        if i < n and line[i] in "-+*" and (i + 1 == n or line[i + 1] in " \t"):
            lists += 1
            i += 1
            continue
        digits = i
        while i < n and line[i].isdigit() and i - digits < 9:
            i += 1
        if digits < i < n and line[i] in ".)" and (i + 1 == n or line[i + 1] in " \t"):
            lists += 1
            i += 1
            continue
        return quotes, lists, i


def nesting_depth(text: str) -> Depth:
    """How deep ``text`` can nest, from one pass over it and without parsing it.

    The counts are upper bounds, never below what a CommonMark parser builds: every
    emphasis level needs a character of a left-flanking delimiter run still open, every link
    level an open ``[``, every quote level a ``>`` on its line, every list level a marker
    on its line or one above it that the line is indented under. Backslash escapes are
    honoured; code spans are not skipped (a bound may only err on the high side).
    """
    emphasis = links = 0
    deepest_emphasis = deepest_links = deepest_quotes = deepest_lists = 0
    columns: list[int] = []  # content columns of the list items still open
    i, n = 0, len(text)
    line_start = True
    while i < n:
        if line_start:
            line_start = False
            end = text.find("\n", i)
            line = text[i:] if end < 0 else text[i:end]
            if line.strip():
                indent = len(line) - len(line.lstrip(" \t"))
                while columns and columns[-1] > indent:
                    columns.pop()
                quotes, lists, content = _block_markers(line)
                columns += [content] * lists
                deepest_quotes = max(deepest_quotes, quotes)
                deepest_lists = max(deepest_lists, len(columns))
        char = text[i]
        if char == "\\" and text[i + 1:i + 2] != "\n":
            i += 2
            continue
        if char == "\n":
            line_start = True
        elif char in _EMPHASIS:
            end = i
            while end < n and text[end] == char:
                end += 1
            before = text[i - 1] if i else " "
            after = text[end] if end < n else " "
            left = not after.isspace() and (not _is_punctuation(after) or before.isspace()
                                            or _is_punctuation(before))
            right = not before.isspace() and (not _is_punctuation(before) or after.isspace()
                                              or _is_punctuation(after))
            # One level per character: a run of two can open two emphases; a single
            # ``~`` is ordinary text (strikethrough takes two).
            levels = 0 if text[i:end] == "~" else end - i
            if levels and right and emphasis:
                emphasis = max(0, emphasis - levels)
            elif levels and left:
                emphasis += levels
                deepest_emphasis = max(deepest_emphasis, emphasis)
            i = end
            continue
        elif char == "[":
            links += 1
            deepest_links = max(deepest_links, links)
        elif char == "]":
            links = max(0, links - 1)
        i += 1
    return Depth(deepest_emphasis, deepest_links, deepest_quotes, deepest_lists)


def depth_problem(text: str, limits: GuardLimits, what: str = "it") -> str | None:
    """Why ``text`` nests too deep to be parsed safely, or ``None``."""
    if "\n" not in text:
        # One line: its lists and quotes are the markers at its start, and each level
        # of emphasis or links takes a character of its own (``*_~`` or ``[``). A bound
        # within the limit, counted at C speed, spares the walk.
        quotes, lists, _ = _block_markers(text)
        if sum(map(text.count, "*_~[")) + quotes + lists <= limits.max_depth:
            return None
    depth = nesting_depth(text)
    if depth.total <= limits.max_depth:
        return None
    kind, levels = depth.deepest
    return (f"{what} nests markup {depth.total:,} levels deep ({kind}: {levels:,}), more "
            f"than the {limits.max_depth} allowed (hoc_guard_max_depth)")


def limit_problems(msgid: str, msgstr: str, limits: GuardLimits,
                   markup: bool = True) -> list[str]:
    """Every limit ``msgstr`` breaks; an empty list means it is safe to parse.

    The length comes first: a message far too long is refused without reading it
    through. ``markup`` is false for plain-text messages (the string table), which are
    never parsed and so cannot nest.
    """
    too_long = length_problem(msgid, msgstr, limits)
    if too_long:
        return [too_long]
    problems = character_problems(msgstr)
    if markup:
        too_deep = depth_problem(msgstr, limits)
        if too_deep:
            problems.append(too_deep)
    return problems
