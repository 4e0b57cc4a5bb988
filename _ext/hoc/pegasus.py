"""Bringing a Pegasus site over: pages, string tables and whole translated pages.

The command-line tools behind ``hoc migrate``, ``hoc import-strings`` and
``hoc import-translation``; each reads Pegasus files and writes our formats.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from hoc.core.align import align, blocks_of
from hoc.core.erb import rewrite
from hoc.core.guard import myst_parser
from hoc.project import Project


@dataclass
class Report:
    """What a tool did and what it could not do (``file:line: message``)."""

    written: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def print(self) -> int:
        for path in self.written:
            print(f"wrote {path}")
        for problem in self.problems:
            print(problem, file=sys.stderr)
        return 1 if self.problems else 0


def migrate(sources: list[Path], output: Path | None) -> Report:
    """Rewrite Pegasus pages (files or whole folders) as MyST, in place or to ``output``."""
    report = Report()
    for source in sources:
        files = sorted(source.rglob("*.md")) if source.is_dir() else [source]
        for path in files:
            result = rewrite(path.read_text(encoding="utf-8"))
            report.problems += [f"{path}:{p.line}: {p.message}" for p in result.problems]
            if output is None:
                target = path
            elif source.is_dir():
                target = output / path.relative_to(source)
            else:
                target = output if output.suffix == ".md" else output / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(result.text, encoding="utf-8")
            report.written.append(target)
    return report


def _load_table(path: Path, language: str) -> dict[str, str]:
    """A Pegasus string table: ``{lang: {key: text}}`` or a flat mapping."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: a string table must be a mapping")
    if len(data) == 1 and language in data and isinstance(data[language], dict):
        data = data[language]
    table: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            table[str(key)] = str(value)
    return table


def _read_catalog(path: Path, language: str) -> Catalog:
    if path.is_file():
        with path.open("rb") as handle:
            return read_po(handle, locale=language)
    return Catalog(locale=language, project="Hour of Code", fuzzy=False)


def _write_catalog(catalog: Catalog, path: Path) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=76, omit_header=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def import_strings(project: Project, language: str, source: Path) -> Report:
    """English table → ``strings.yml``; a translated one → ``strings.po`` of ``language``."""
    report = Report()
    table = _load_table(source, language)
    strings_file = project.source / "_data" / "strings.yml"
    english = _load_table(strings_file, "en") if strings_file.is_file() else {}
    if language == project.languages()[0]:
        merged = english | table
        lines = ["# The English string table (imported from Pegasus and kept here)."]
        lines += [yaml.safe_dump({key: text}, allow_unicode=True, width=10_000).rstrip()
                  for key, text in merged.items()]
        strings_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
        report.written.append(strings_file)
        return report
    po_path = project.locale / language / "LC_MESSAGES" / "strings.po"
    catalog = _read_catalog(po_path, language)
    for key, text in table.items():
        if key not in english:
            report.problems.append(f"{source}: key {key!r} is not in {strings_file}; skipped")
            continue
        existing = catalog.get(english[key], context=key)
        if existing is not None:
            existing.string = text
            existing.flags.discard("fuzzy")
        else:
            catalog.add(english[key], text, context=key)
    _write_catalog(catalog, po_path)
    report.written.append(po_path)
    return report


def import_translation(project: Project, language: str, docname: str, source: Path,
                       translated: Path) -> Report:
    """Fill ``<docname>.po`` of ``language`` from a whole translated Pegasus page."""
    report = Report()
    parser = myst_parser(frozenset(project.myst_extensions()))
    english_blocks = blocks_of(source.read_text(encoding="utf-8"), parser)
    translated_blocks = blocks_of(translated.read_text(encoding="utf-8"), parser)
    alignment = align(english_blocks, translated_blocks, parser)
    po_path = project.locale / language / "LC_MESSAGES" / f"{docname}.po"
    catalog = _read_catalog(po_path, language)
    for english, translation in alignment.pairs:
        # A block the translation left in English is untranslated, not translated.
        text = "" if translation.text == english.text else translation.text
        message = catalog.get(english.text)
        if message is None:
            catalog.add(english.text, text, locations=[(str(source), english.line)])
        else:
            message.string = text
            message.flags.discard("fuzzy")
    report.problems += [f"{source}:{block.line}: English {block.kind} has no counterpart in "
                        f"the translation: {block.text[:60]!r}"
                        for block in alignment.unpaired_english]
    report.problems += [f"{translated}:{block.line}: translated {block.kind} has no English "
                        f"counterpart: {block.text[:60]!r}"
                        for block in alignment.unpaired_translated]
    _write_catalog(catalog, po_path)
    report.written.append(po_path)
    return report
