"""Pegasus string tables into ours: English into ``strings.yml``, the rest into ``strings.po``.

Every key is imported; nothing stops at the first problem. A translated text that is
the English text again (Pegasus copied English into untranslated keys) stays
untranslated, so the status is honest. A translation the guard would refuse is left
out and reported. A key the English table lacks is added to English when the English
Pegasus table has it, and otherwise reported and kept as an obsolete message, so no
translator's work is lost.
"""

from __future__ import annotations

import io
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from hoc.core.guard import check_string
from hoc.core.strings import load_english
from hoc.core.tables import Table
from hoc.import_report import Issue, StringsReport
from hoc.import_state import ImportState

HEADER = ("# The English string table. Pages use a key with {hoc_s}`key`; navigation\n"
          "# lists in navigation.yml name keys too. Keep %{...} placeholders as they are.\n")


def read_catalog(path: Path, language: str) -> Catalog:
    """A PO file, or a new empty catalog for ``language``."""
    if path.is_file():
        with path.open("rb") as handle:
            return read_po(handle, locale=language)
    return Catalog(locale=language, project="Hour of Code", fuzzy=False)


def write_catalog(catalog: Catalog, path: Path) -> None:
    """Write a PO file the way ``make update-po`` does (76 columns)."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=76, omit_header=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_bytes() != buffer.getvalue():
        path.write_bytes(buffer.getvalue())


def write_strings_yml(path: Path, texts: dict[str, str]) -> None:
    """The flat English table, one ``key: text`` a line, in the given order."""
    lines = [HEADER.rstrip("\n")]
    lines += [yaml.safe_dump({key: text}, allow_unicode=True, width=10_000).rstrip()
              for key, text in texts.items()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def import_english(table: Table, strings_file: Path, state: ImportState,
                   force: bool = False) -> StringsReport:
    """Merge the English table into ``strings.yml``, keeping what authors edited."""
    report = StringsReport(sources=sorted({str(p) for p, _ in table.origins.values()}))
    report.problems += [Issue(str(p.path), p.line, p.message) for p in table.problems]
    current, _, _ = load_english(strings_file)
    recorded = state.strings.setdefault("en", {})
    merged = dict(current)
    for key, text in table.texts.items():
        now = current.get(key)
        if now is None or now == text or force or recorded.get(key) == now:
            merged[key] = text
            recorded[key] = text
            report.imported += 1
        else:
            report.kept += 1
    write_strings_yml(strings_file, merged)
    return report


def import_translated(table: Table, english: dict[str, str], po_path: Path,
                      state: ImportState, pegasus_english: dict[str, str] | None = None,
                      force: bool = False) -> tuple[StringsReport, dict[str, str]]:
    """Fill ``strings.po`` of ``table.language``; returns the report and the English keys
    to add (those only the English Pegasus table knew). ``force`` replaces translations
    a person edited since the last import too."""
    language = table.language
    report = StringsReport(sources=sorted({str(p) for p, _ in table.origins.values()}))
    report.problems += [Issue(str(p.path), p.line, p.message) for p in table.problems]
    added: dict[str, str] = {}
    for key in table.texts:
        if key not in english and pegasus_english and key in pegasus_english:
            added[key] = pegasus_english[key]
    report.added_to_english = sorted(added)
    english = english | added
    existing = read_catalog(po_path, language)
    catalog = Catalog(locale=language, project="Hour of Code", fuzzy=False)
    catalog.mime_headers = existing.mime_headers
    recorded = state.strings.setdefault(language, {})
    for key, source in english.items():
        old = existing.get(source, context=key)
        old_text = old.string if old is not None and isinstance(old.string, str) else ""
        text = table.texts.get(key)
        flags: set[str] = set(old.flags) if old is not None else set()
        if old_text and not force and not state.may_replace_string(language, key, old_text):
            report.kept += 1
            catalog.add(source, old_text, context=key, flags=flags)
            continue
        if text is None:
            catalog.add(source, old_text, context=key, flags=flags)
            continue
        if text == source:
            report.same_as_english += 1
            catalog.add(source, "", context=key)
            continue
        reasons = check_string(source, text)
        if reasons:
            path, line = table.origins[key]
            report.rejected.append(Issue(str(path), line, f"string {key!r}: "
                                         + "; ".join(reasons)))
            catalog.add(source, "", context=key)
            continue
        catalog.add(source, text, context=key)
        recorded[key] = text
        report.imported += 1
    for key, text in table.texts.items():
        if key not in english:
            report.unknown_keys.append(key)
            path, line = table.origins[key]
            # No English text to translate: the key stands in for it, so the translation
            # waits, obsolete, until English gains the key and `make update-po` revives it.
            catalog.obsolete[(key, key)] = Message(key, text, context=key)
            report.problems.append(Issue(str(path), line, f"key {key!r} is not in the English "
                                         "table; kept as an obsolete message"))
    write_catalog(catalog, po_path)
    return report, added
