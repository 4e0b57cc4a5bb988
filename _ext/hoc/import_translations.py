"""Whole translated Pegasus pages into the page's PO file, block by block.

The English page has been imported and Sphinx has extracted its messages (its POT).
The translated page is aligned with the English page (:mod:`hoc.core.align`); each pair
whose English block is a message of the page and whose translation the guard accepts
fills that message. Everything else stays untranslated, so it shows in English, marked,
and the report says why. A msgstr a translator changed since the last import is kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from markdown_it import MarkdownIt

from hoc.core.align import align, blocks_of
from hoc.core.erb import rewrite
from hoc.core.erb_calls import ErbSettings
from hoc.core.guard import check_message
from hoc.core.pegasus_site import SourcePage
from hoc.import_report import Issue, LeftInEnglish, TranslationReport
from hoc.import_state import ImportState
from hoc.strings_import import read_catalog, write_catalog

_SPACE = re.compile(r"\s+")


def read_template(path: Path) -> Catalog:
    """A page's POT, as Sphinx's gettext builder wrote it."""
    with path.open("rb") as handle:
        return read_po(handle)


_NOT_WORDS = re.compile(r"\{[\w-]+\}`[^`]*`|\]\([^)]*\)|\{[^{}]*\}|<[^>]*>|`[^`]*`")


def has_words(msgid: str) -> bool:
    """Whether a message has text to translate: one made only of string roles, link
    targets, attributes, HTML or code (``{hoc_s}`key```) reads the same in every language."""
    return any(char.isalpha() for char in _NOT_WORDS.sub(" ", msgid))


def _normalize(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def merge_template(existing: Catalog, template: Catalog, language: str) -> Catalog:
    """``existing`` brought up to ``template`` (new messages added, gone ones obsolete,
    changed ones fuzzy), as ``make update-po`` would."""
    catalog = existing if len(existing) or existing.obsolete else Catalog(
        locale=language, project="Hour of Code", fuzzy=False)
    catalog.update(template, update_header_comment=False)
    return catalog


def import_page(language: str, docname: str, english_text: str, translated: SourcePage,
                template: Catalog, po_path: Path, state: ImportState, parser: MarkdownIt,
                settings: ErbSettings, views: Mapping[str, str]) -> TranslationReport:
    """Fill ``po_path`` from one translated page; returns what happened."""
    report = TranslationReport(source=str(translated.path))
    converted = rewrite(translated.path.read_text(encoding="utf-8", errors="replace"),
                        settings=settings, placeholders=translated.partial, views=views)
    report.not_converted = [Issue(str(translated.path), p.line, p.message)
                            for p in converted.problems]
    english_blocks = blocks_of(english_text, parser)
    translated_blocks = blocks_of(converted.text, parser)
    alignment = align(english_blocks, translated_blocks, parser)
    msgids = {message.id: message for message in template if message.id}
    by_normal = {_normalize(str(msgid)): str(msgid) for msgid in msgids}
    report.blocks = sum(1 for msgid in msgids if has_words(str(msgid)))
    catalog = merge_template(read_catalog(po_path, language), template, language)
    filled: set[str] = set()
    for english, translation in alignment.pairs:
        msgid = english.text if english.text in msgids else by_normal.get(
            _normalize(english.text))
        if not has_words(english.text):
            continue
        if msgid is None:
            report.left_in_english.append(LeftInEnglish(
                english.line, english.text, "not one message of the built page"))
            continue
        text = translation.text.strip()
        if _normalize(text) == _normalize(msgid):
            report.left_in_english.append(LeftInEnglish(
                english.line, english.text, "the translation keeps it in English"))
            continue
        reasons = check_message(msgid, text, parser)
        if reasons:
            report.left_in_english.append(LeftInEnglish(
                english.line, english.text, "the translation guard refuses it: "
                + "; ".join(reasons)))
            continue
        message = catalog.get(msgid)
        if message is None:
            continue
        current = message.string if isinstance(message.string, str) else ""
        if current == text and "fuzzy" not in message.flags:
            filled.add(msgid)
            state.note_message(language, docname, msgid, text)
            report.aligned += 1
            continue
        if not state.may_replace_message(language, docname, msgid, current):
            filled.add(msgid)
            report.kept += 1
            continue
        message.string = text
        message.flags.discard("fuzzy")
        filled.add(msgid)
        state.note_message(language, docname, msgid, text)
        report.aligned += 1
    for block, reason in alignment.unpaired_english:
        if has_words(block.text):
            report.left_in_english.append(LeftInEnglish(block.line, block.text, reason))
    for block, reason in alignment.unpaired_translated:
        report.unused_translated.append(LeftInEnglish(block.line, block.text, reason))
    # Whatever else the built page says and no block above accounts for is named too:
    # nothing stays English without a line in the report.
    accounted = filled | {_normalize(left.text) for left in report.left_in_english}
    for message_id, message in msgids.items():
        text = str(message_id)
        if has_words(text) and text not in accounted and _normalize(text) not in accounted:
            line = min((line for _, line in message.locations if isinstance(line, int)),
                       default=0)
            report.left_in_english.append(LeftInEnglish(
                line, text, "not among the blocks of either page"))
    write_catalog(catalog, po_path)
    return report
