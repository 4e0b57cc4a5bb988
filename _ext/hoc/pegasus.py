"""Bringing a Pegasus site over: pages, string tables and whole translated pages.

The command-line tools behind ``hoc migrate``, ``hoc import-strings`` and
``hoc import-translation``; each reads Pegasus files and writes our formats.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from hoc.core.align import align, blocks_of
from hoc.core.erb import ErbSettings, rewrite
from hoc.core.guard import myst_parser
from hoc.core.strings import load_english
from hoc.core.tables import read_table
from hoc.import_state import ImportState
from hoc.project import Project
from hoc.strings_import import (
    import_english,
    import_translated,
    read_catalog,
    write_catalog,
    write_strings_yml,
)


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


def erb_settings(start: Path | None = None) -> ErbSettings:
    """``hoc_country`` and the host of ``hoc_base_url`` from the project's ``conf.py``
    around ``start``, else around the current folder, else the defaults: the values ERB
    becomes where no role can stand."""
    for place in (start, None):
        try:
            values = Project.find(place).settings()
            break
        except SystemExit:
            continue
    else:
        return ErbSettings()
    return ErbSettings.from_config(values.get("hoc_country"), values.get("hoc_base_url"))


def migrate(sources: list[Path], output: Path | None) -> Report:
    """Rewrite Pegasus pages (files or whole folders) as MyST, in place or to ``output``."""
    report = Report()
    settings = erb_settings(sources[0] if sources else None)
    for source in sources:
        files = sorted(source.rglob("*.md")) if source.is_dir() else [source]
        for path in files:
            result = rewrite(path.read_text(encoding="utf-8"), settings=settings,
                             placeholders=path.name.endswith(".md.partial"))
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


def import_strings(project: Project, language: str, source: Path,
                   english_source: Path | None = None) -> Report:
    """English table → ``strings.yml``; a translated one → ``strings.po`` of ``language``.

    Every key is imported (nested groups flattened as ``group.key``). A translated key
    English lacks is added to English when ``english_source`` (the English Pegasus table)
    has it, and otherwise reported and kept as an obsolete message.
    """
    report = Report()
    table = read_table(source, language)
    strings_file = project.source / "_data" / "strings.yml"
    state = ImportState()
    if language == project.languages()[0]:
        english_report = import_english(table, strings_file, state, force=True)
        report.problems += [str(issue) for issue in english_report.problems]
        report.written.append(strings_file)
        return report
    english, _, _ = load_english(strings_file)
    pegasus_english = read_table(english_source, project.languages()[0]) if english_source \
        else None
    if pegasus_english is not None:
        report.problems += [str(problem) for problem in pegasus_english.problems]
    po_path = project.locale / language / "LC_MESSAGES" / "strings.po"
    strings, added = import_translated(table, english, po_path, state,
                                       pegasus_english.texts if pegasus_english else None,
                                       force=True)
    if added:
        write_strings_yml(strings_file, english | added)
        report.written.append(strings_file)
    report.problems += [str(issue) for issue in [*strings.problems, *strings.rejected]]
    report.written.append(po_path)
    print(f"{language}: {strings.imported} strings imported, {strings.same_as_english} same "
          f"as English (left untranslated), {len(strings.unknown_keys)} unknown to English")
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
    catalog = read_catalog(po_path, language)
    doubtful = {block: reason for block, reason in alignment.doubtful}
    for english, translation in alignment.pairs:
        # A block the translation left in English is untranslated, not translated: it
        # adds the message but never replaces a translation the catalog already has.
        kept = translation.text == english.text
        message = catalog.get(english.text)
        if message is None:
            message = catalog.add(english.text, "" if kept else translation.text,
                                  locations=[(str(source), english.line)])
        elif not kept:
            message.string = translation.text
            message.flags.discard("fuzzy")
        if english in doubtful:
            # Kept for the translator to check, shipped in English until then.
            message.flags.add("fuzzy")
            report.problems.append(f"{source}:{english.line}: imported as fuzzy "
                                   f"({doubtful[english]}): {english.text[:60]!r}")
    report.problems += [f"{source}:{block.line}: English {block.kind} has no counterpart "
                        f"imported ({reason}): {block.text[:60]!r}"
                        for block, reason in alignment.unpaired_english]
    report.problems += [f"{translated}:{block.line}: translated {block.kind} not imported "
                        f"({reason}): {block.text[:60]!r}"
                        for block, reason in alignment.unpaired_translated]
    write_catalog(catalog, po_path)
    report.written.append(po_path)
    return report
