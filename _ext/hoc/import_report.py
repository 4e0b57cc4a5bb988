"""What ``hoc import-site`` did, page by page and language by language.

The report is for the maintainer who must finish the move: for every page and
language, how many blocks were aligned and which were left in English (and why), which
helpers or Ruby were not converted, which files and partials are missing. It is
printed as a summary and written whole as JSON.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Issue:
    """One thing not converted or not found, where it is."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else \
            f"{self.file}: {self.message}"


@dataclass
class LeftInEnglish:
    """An English block that ships untranslated in one language, and why."""

    line: int
    text: str
    reason: str


@dataclass
class TranslationReport:
    """One translated page of one language."""

    source: str
    blocks: int = 0
    """Messages of the English page."""
    aligned: int = 0
    """Messages that got their translation from the Pegasus page."""
    kept: int = 0
    """Messages a translator edited since the last import, left as they are."""
    left_in_english: list[LeftInEnglish] = field(default_factory=list)
    unused_translated: list[LeftInEnglish] = field(default_factory=list)
    """Translated blocks with no English counterpart (translated from other English)."""
    not_converted: list[Issue] = field(default_factory=list)


@dataclass
class PageReport:
    """One English page (or partial, or navigation list) and its translations."""

    source: str
    target: str
    status: str = "written"
    """``written``, ``unchanged`` (same as last import), or ``kept`` (edited since)."""
    converted: dict[str, int] = field(default_factory=dict)
    not_converted: list[Issue] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    """Partials, files or images the page uses that the site does not have."""
    translations: dict[str, TranslationReport] = field(default_factory=dict)


@dataclass
class StringsReport:
    """One language's string table."""

    sources: list[str] = field(default_factory=list)
    imported: int = 0
    same_as_english: int = 0
    kept: int = 0
    added_to_english: list[str] = field(default_factory=list)
    unknown_keys: list[str] = field(default_factory=list)
    rejected: list[Issue] = field(default_factory=list)
    problems: list[Issue] = field(default_factory=list)


@dataclass
class ImportReport:
    """Everything one run of ``hoc import-site`` did."""

    source: str
    pages: dict[str, PageReport] = field(default_factory=dict)
    partials: dict[str, PageReport] = field(default_factory=dict)
    navigation: dict[str, PageReport] = field(default_factory=dict)
    strings: dict[str, StringsReport] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    redirects: dict[str, str] = field(default_factory=dict)
    skipped: list[Issue] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    languages_not_built: list[str] = field(default_factory=list)
    expected_warnings: list[str] = field(default_factory=list)
    """What the build of the imported site will warn about, and why it is expected."""

    def as_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.as_json(), encoding="utf-8")

    def totals(self) -> dict[str, Any]:
        """The numbers a summary starts with."""
        per_language: dict[str, Counter[str]] = {}
        for page in self.pages.values():
            for language, translation in page.translations.items():
                counts = per_language.setdefault(language, Counter())
                counts["pages"] += 1
                counts["blocks"] += translation.blocks
                counts["aligned"] += translation.aligned + translation.kept
                counts["left"] += len(translation.left_in_english)
        not_converted = sum(len(p.not_converted) for group in (self.pages, self.partials,
                                                               self.navigation)
                            for p in group.values())
        missing = sorted({m for p in [*self.pages.values(), *self.partials.values()]
                          for m in p.missing})
        return {"per_language": per_language, "not_converted": not_converted,
                "missing": missing}

    def summary(self) -> str:
        """A few lines for the terminal; the JSON has every detail."""
        totals = self.totals()
        lines = [f"Imported from {self.source}:",
                 f"  {len(self.pages)} pages, {len(self.partials)} partials, "
                 f"{len(self.navigation)} navigation lists, {len(self.files)} files, "
                 f"{len(self.redirects)} redirects"]
        for language, strings in sorted(self.strings.items()):
            lines.append(f"  strings {language}: {strings.imported} imported, "
                         f"{strings.same_as_english} same as English (left untranslated), "
                         f"{len(strings.unknown_keys)} unknown to English, "
                         f"{len(strings.rejected)} rejected, {strings.kept} kept")
        for language, counts in sorted(totals["per_language"].items()):
            share = counts["aligned"] / counts["blocks"] if counts["blocks"] else 0.0
            lines.append(f"  pages {language}: {counts['pages']} translated pages, "
                         f"{counts['aligned']} of {counts['blocks']} messages translated "
                         f"({share:.0%}), {counts['left']} left in English")
        for page in sorted(self.pages.values(), key=lambda p: p.target):
            for language, translation in sorted(page.translations.items()):
                lines.append(f"    {page.target} [{language}]: {translation.aligned} aligned, "
                             f"{len(translation.left_in_english)} left in English"
                             + (f", {translation.kept} kept" if translation.kept else ""))
        lines.append(f"  not converted: {totals['not_converted']} helper calls or Ruby "
                     "(see the report)")
        if totals["missing"]:
            lines.append(f"  missing: {', '.join(totals['missing'])}")
        if self.languages_not_built:
            lines.append("  imported but not in hoc_languages (not built): "
                         + ", ".join(self.languages_not_built))
        lines += [f"  skipped {issue}" for issue in self.skipped]
        lines += [f"  note: {note}" for note in self.notes]
        lines += [f"  the build will warn: {warning}" for warning in self.expected_warnings]
        return "\n".join(lines)
