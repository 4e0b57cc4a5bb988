"""English left inside a translated message: which sentences of it are still English.

A translator sometimes translates half a paragraph and leaves the rest in English. Such a
message is not untranslated (its msgstr is there), so it would ship unmarked and count as
done. We find those sentences with lingua, a language identifier made for short and mixed
text, comparing only English with the message's language (two models, not seventy-five).

What must not be marked: a French sentence naming a brand (Hour of Code, Code.org,
Facebook) or using a short English loanword ("un week-end de hackathon"). So brand names
are taken out of a sentence before it is judged, a sentence needs a few words of its own
to be judged at all, and only a sentence English holds with high confidence is marked.

Each sentence is first screened by lingua's low-accuracy mode (trigram models only:
a tenth of the memory, loaded in milliseconds), and only a sentence that mode finds
possibly English is judged by the high-accuracy mode (all n-gram models, about 80 MiB
more for two languages). A translated site that holds no English never loads those.
On every message of our catalogs, each sentence the high-accuracy mode holds English
the screen rates 0.98 or more, far above :data:`SCREEN` (tests/test_mixed.py).
The detectors are built once per process (:func:`detector`), and a :class:`MixedText`
keeps what it found per text and per sentence, so a build judges each message once, and
a sentence several messages share (a closing line, a call to action) once as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from typing import Any

SOURCE = "en"
BRANDS: tuple[str, ...] = (
    "Hour of Code", "Code.org", "Code Studio", "Facebook", "Twitter", "Instagram",
    "LinkedIn", "YouTube", "TikTok", "Minecraft", "Scratch", "Khan Academy", "Google",
    "Microsoft", "Apple", "Amazon", "Star Wars", "Frozen", "Moana", "Pegasus", "GitHub",
    "Sphinx", "Furo",
)
"""Names that read as English words but are the same in every language."""
MIN_WORDS = 4
"""Fewer words than this (brands left out) is too little to tell a language apart."""
THRESHOLD = 0.95
"""lingua's confidence that a sentence is English above which it is marked."""
SCREEN = 0.5
"""The low-accuracy confidence below which a sentence is not English, unasked."""

_SENTENCE = re.compile(r"[^.!?…]*(?:[.!?…]+|$)")
_WORD = re.compile(r"[^\W\d_]{2,}")
_URL = re.compile(r"\S+://\S+|\S+@\S+\.\S+|\S+/\S+|\b[\w-]+\.(?:org|com|net|pdf|html)\b")


@dataclass(frozen=True)
class Span:
    """Characters ``start`` to ``end`` of a text are English."""

    start: int
    end: int


@dataclass(frozen=True)
class Detector:
    """lingua's two modes for English and one other language: ``screen`` (low accuracy)
    and ``judge`` (high accuracy, whose models load on first use)."""

    screen: Any
    judge: Any
    english: Any

    def is_english(self, sentence: str, threshold: float) -> bool:
        """Whether the high-accuracy mode holds ``sentence`` English (``threshold``),
        asked only when the screen finds it possibly English."""
        if self.screen.compute_language_confidence(sentence, self.english) < SCREEN:
            return False
        return bool(self.judge.compute_language_confidence(sentence, self.english)
                    >= threshold)


@cache
def detector(language: str) -> Detector | None:
    """lingua's detectors for English and ``language``, built once per process;
    ``None`` when lingua does not know the language (nothing is then marked)."""
    try:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder
    except ImportError:  # pragma: no cover - lingua is a dependency
        return None
    try:
        other = Language.from_iso_code_639_1(getattr(IsoCode639_1, language.upper()))
    except (AttributeError, ValueError):
        return None
    if other == Language.ENGLISH:
        return None
    # The judge is the high accuracy mode (all n-gram models): the trigram-only mode
    # takes a French sentence with two loanwords ("Le meeting du lundi est un vrai
    # best-of") for English, so it only screens.
    builder = LanguageDetectorBuilder.from_languages(Language.ENGLISH, other)
    return Detector(screen=builder.with_low_accuracy_mode().build(),
                    judge=LanguageDetectorBuilder.from_languages(Language.ENGLISH,
                                                                 other).build(),
                    english=Language.ENGLISH)


def sentences(text: str) -> Iterable[Span]:
    """Sentences of ``text``, whitespace trimmed. A clause after ``:`` or ``;`` stays in
    its sentence: alone, a list of loanwords ("stand-up, brainstorming et e-mail")
    would read as English."""
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            yield Span(start, end)


@cache
def _names(brands: tuple[str, ...]) -> re.Pattern[str]:
    """Brand names (longest first), addresses and file names, as one expression."""
    names = "|".join(re.escape(brand) for brand in sorted(brands, key=len, reverse=True))
    return re.compile(f"{names}|{_URL.pattern}" if names else _URL.pattern, re.IGNORECASE)


def without_names(sentence: str, brands: Sequence[str]) -> str:
    """The sentence with brand names, addresses and file names left out."""
    return _names(tuple(brands)).sub(" ", sentence)


@dataclass
class MixedText:
    """Finds English sentences in texts of one language; remembers every answer."""

    language: str
    brands: tuple[str, ...] = BRANDS
    min_words: int = MIN_WORDS
    threshold: float = THRESHOLD
    _found: dict[str, tuple[Span, ...]] = field(default_factory=dict, repr=False)
    _sentences: dict[str, bool] = field(default_factory=dict, repr=False)

    def english_spans(self, text: str) -> tuple[Span, ...]:
        """The English sentences of ``text`` (none when the language is English)."""
        found = self._found.get(text)
        if found is None:
            found = self._judge(text)
            self._found[text] = found
        return found

    def judge_sentences(self, text: str) -> None:
        """Judge the sentences of ``text`` (a part of a text known to end a sentence),
        remembering each judgment but not the text's spans."""
        self._judge(text)

    def _judge(self, text: str) -> tuple[Span, ...]:
        if self.language == SOURCE or not _WORD.search(text):
            return ()
        model = detector(self.language)
        if model is None:
            return ()
        spans = []
        for span in sentences(text):
            rest = without_names(text[span.start:span.end], self.brands)
            if len(_WORD.findall(rest)) < self.min_words:
                continue
            english = self._sentences.get(rest)
            if english is None:
                english = self._sentences[rest] = model.is_english(rest, self.threshold)
            if english:
                spans.append(span)
        return tuple(_merge(text, spans))

    def answers_since(self, found: int, judged: int) -> Answers:
        """What this finder learnt after it knew ``found`` texts and ``judged``
        sentences (the sizes :meth:`sizes` gave then)."""
        return (tuple(islice(self._found.items(), found, None)),
                tuple(islice(self._sentences.items(), judged, None)))

    def sizes(self) -> tuple[int, int]:
        """How many texts and sentences this finder knows."""
        return len(self._found), len(self._sentences)

    def learn(self, answers: Answers) -> None:
        """Take answers another finder of the same language and settings found
        (another process's: :func:`hoc.mixed.prejudge`)."""
        found, judged = answers
        for text, spans in found:
            self._found.setdefault(text, spans)
        for sentence, english in judged:
            self._sentences.setdefault(sentence, english)

    def is_all_english(self, text: str) -> bool:
        """Every word of ``text`` is in an English sentence (the whole message)."""
        spans = self.english_spans(text)
        if not spans:
            return False
        outside = "".join(text[a.end:b.start] for a, b in
                          zip((Span(0, 0), *spans), (*spans, Span(len(text), len(text))),
                              strict=True))
        return not _WORD.search(without_names(outside, self.brands))


Answers = tuple[tuple[tuple[str, tuple[Span, ...]], ...], tuple[tuple[str, bool], ...]]
"""What a finder found per text, and its judgment per sentence."""


def _merge(text: str, spans: list[Span]) -> list[Span]:
    """Adjacent English sentences as one span (one mark for one passage)."""
    merged: list[Span] = []
    for span in spans:
        if merged and not text[merged[-1].end:span.start].strip():
            merged[-1] = Span(merged[-1].start, span.end)
        else:
            merged.append(span)
    return merged
