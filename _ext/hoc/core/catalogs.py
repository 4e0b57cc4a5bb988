"""Translation status and quality of PO files: what ``make stats`` and ``make check`` say.

Both read the translators' PO files directly (no build needed) and judge each message
with the same rules the build applies: a message is *translated* when its msgstr is
usable, *fuzzy* when flagged so, *untranslated* when empty, and *rejected* when the
translation guard refuses it. A rejected message counts as not translated, because that
is what readers see. A usable msgstr that still holds English sentences
(:mod:`hoc.core.mixed`) is *partly translated*: readers meet English in it. A message of
the templates that a PO file lacks is untranslated.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polib
from markdown_it import MarkdownIt

from hoc.core.guard import STRINGS_DOMAIN, check_in_catalog
from hoc.core.guard_limits import DEFAULT_LIMITS, GuardLimits
from hoc.core.mixed import MixedText
from hoc.core.pofiles import header_problems, read_po, read_unchanged
from hoc.core.problems import Problem

PUBLISHED = "_translations"
"""Where a translated site publishes its PO files (``_translations/<page>.po``)."""

STRINGS = STRINGS_DOMAIN


@dataclass
class Status:
    """Message counts of one catalog (or a sum of them)."""

    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    rejected: int = 0
    partly: int = 0
    """Translated, but with English sentences left in (not counted in ``translated``)."""

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated + self.rejected + self.partly

    @property
    def share(self) -> float:
        """The share of messages readers see translated (1.0 for an empty catalog)."""
        return self.translated / self.total if self.total else 1.0

    def __iadd__(self, other: Status) -> Status:
        self.translated += other.translated
        self.fuzzy += other.fuzzy
        self.untranslated += other.untranslated
        self.rejected += other.rejected
        self.partly += other.partly
        return self


@dataclass
class CatalogReport:
    """One PO file: its domain (``how-to/districts``, ``strings``), status, problems."""

    language: str
    domain: str
    path: Path
    status: Status = field(default_factory=Status)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    """What a translator should see but that does not fail ``make check`` (English left
    inside a translation)."""


def catalog_files(locale_dir: Path, language: str) -> Iterator[tuple[str, Path]]:
    """``(domain, path)`` of every PO file of a language, sorted."""
    messages = locale_dir / language / "LC_MESSAGES"
    if messages.is_dir():
        for path in sorted(messages.rglob("*.po")):
            yield path.relative_to(messages).with_suffix("").as_posix(), path


def _template_keys(pot: Path) -> set[tuple[str | None, str]] | None:
    if not pot.is_file():
        return None
    return {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(pot))
            if entry.msgid}


def prose(parser: MarkdownIt, markdown: str) -> str:
    """The words a reader sees of a Markdown message: text of its inline tokens, inline
    code and link targets left out."""
    words: list[str] = []
    for token in parser.parse(markdown):
        for child in token.children or ():
            if child.type == "text":
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
    return "".join(words)


def examine(language: str, domain: str, path: Path, parser: MarkdownIt,
            template: Path | None = None,
            limits: GuardLimits = DEFAULT_LIMITS,
            mixed: MixedText | None = None) -> CatalogReport:
    """Count and check every message of one PO file."""
    report = CatalogReport(language, domain, path)
    catalog, problems = read_po(path)
    report.problems += problems
    if catalog is None:
        return report
    report.problems += header_problems(catalog, path)
    current = _template_keys(template) if template is not None else None
    seen: dict[tuple[str | None, str], int | None] = {}
    for entry in catalog:
        key = (entry.msgctxt, entry.msgid)
        if entry.obsolete:
            continue
        if key in seen:
            report.problems.append(Problem(path, entry.linenum, "duplicate message "
                                           f"(first at line {seen[key]})"))
            continue
        seen[key] = entry.linenum
        if current is not None and key not in current:
            report.problems.append(Problem(
                path, entry.linenum, f"stale message {entry.msgid[:50]!r}: its English text "
                "is gone (run `make update-po`)"))
        if "fuzzy" in entry.flags:
            report.status.fuzzy += 1
            continue
        if not entry.msgstr:
            report.status.untranslated += 1
            continue
        reasons = check_in_catalog(domain, entry.msgid, entry.msgstr, parser, limits)
        if reasons:
            report.status.rejected += 1
            report.problems.append(Problem(path, entry.linenum,
                                           f"translation rejected: {'; '.join(reasons)}",
                                           kind="guard"))
        elif mixed is not None and mixed.english_spans(
                entry.msgstr if domain == STRINGS else prose(parser, entry.msgstr)):
            report.status.partly += 1
            report.notes.append(Problem(path, entry.linenum,
                                        f"partly translated: English left in {_short(entry)}"))
        else:
            report.status.translated += 1
    if current is not None:
        # In the templates, not in the PO file: readers see it in English.
        report.status.untranslated += len(current - set(seen))
    return report


def _short(entry: polib.POEntry) -> str:
    flat = " ".join(entry.msgid.split())
    return repr(flat if len(flat) <= 50 else flat[:47] + "...")


def examine_language(locale_dir: Path, language: str, parser: MarkdownIt,
                     templates: Path | None = None,
                     limits: GuardLimits = DEFAULT_LIMITS,
                     mixed: MixedText | None = None) -> list[CatalogReport]:
    """Every PO file of one language (templates: the folder ``make gettext`` fills)."""
    return [examine(language, domain, path, parser,
                    templates / f"{domain}.pot" if templates else None, limits, mixed)
            for domain, path in catalog_files(locale_dir, language)]


REJECTED_COMMENT = "rejected by the translation guard: see `make check`"


def _rejects(entry: polib.POEntry, domain: str, parser: MarkdownIt,
             limits: GuardLimits) -> bool:
    """Whether the guard refuses the message's translation (as it would in a build)."""
    if not entry.msgstr:
        return False
    return bool(check_in_catalog(domain, entry.msgid, entry.msgstr, parser, limits))


def without_rejected(catalog: polib.POFile, domain: str, parser: MarkdownIt,
                     limits: GuardLimits = DEFAULT_LIMITS) -> polib.POFile:
    """A copy of ``catalog`` safe to publish: rejected translations are emptied (and
    say so), so no output file ever carries what the guard refused."""
    copy = polib.POFile(wrapwidth=76)
    copy.metadata = dict(catalog.metadata)
    for entry in catalog:
        if entry.obsolete:
            continue
        clean = polib.POEntry(msgid=entry.msgid, msgstr=entry.msgstr, msgctxt=entry.msgctxt,
                              occurrences=entry.occurrences, flags=list(entry.flags),
                              comment=entry.comment)
        if _rejects(entry, domain, parser, limits):
            clean.msgstr = ""
            clean.tcomment = REJECTED_COMMENT
        copy.append(clean)
    return copy


def published_as_is(path: Path, catalog: polib.POFile, domain: str, parser: MarkdownIt,
                    limits: GuardLimits = DEFAULT_LIMITS) -> bool:
    """Whether the PO file at ``path`` (read as ``catalog``) may be published byte for
    byte instead of as :func:`without_rejected` writes it.

    So it may when the copy would carry the same translations: none is rejected, none is
    obsolete (the copy leaves those out, unchecked), no message has plural forms (the
    copy keeps only ``msgstr``), and the file is read without mending
    (:func:`hoc.core.pofiles.read_unchanged`). Translators then get back the file they
    wrote, comments and line wrapping included, and a build need not write it out again.
    """
    if any(entry.obsolete or entry.msgid_plural or entry.msgstr_plural
           or _rejects(entry, domain, parser, limits) for entry in catalog):
        return False
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return read_unchanged(data)


def publish_catalog(path: Path, domain: str, target: Path, as_is: bool | None,
                    parser: MarkdownIt, limits: GuardLimits) -> bool:
    """Publish one PO file at ``target``: byte for byte when it may be
    (:func:`~hoc.core.catalogs.published_as_is`; ``as_is`` is that answer when its
    page's read found it), else rewritten without what the guard rejected. The same
    file is published either way; ``False`` when the PO file cannot be read."""
    catalog = None
    if as_is is None:
        catalog, _ = read_po(path)  # problems were reported when the build read it
        if catalog is None:
            return False
        as_is = published_as_is(path, catalog, domain, parser, limits)
    target.parent.mkdir(parents=True, exist_ok=True)
    if as_is:
        shutil.copyfile(path, target)
        return True
    if catalog is None:
        catalog, _ = read_po(path)
        if catalog is None:
            return False
    without_rejected(catalog, domain, parser, limits).save(str(target))
    return True
