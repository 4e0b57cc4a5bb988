"""Pegasus string tables: ``i18n/<lang>.yml`` and ``i18n/locales/<locale>/hourofcode/*.yml``.

Pegasus kept one YAML file per language (or, later, several files per locale), each nested
under the language code (``fr: {key: text}``), with groups of keys nested further
(``fr: {faq: {q1: text}}``, looked up by Rails as ``faq.q1``). Our string table is flat, so
nested keys are flattened with dots, the same names ``hoc_s('faq.q1')`` used.

Reading never stops at the first problem: a value that is not text, a bad key or a
duplicate is reported with its line and skipped, and the rest of the table is read. A
file that is not valid YAML is one ``file:line: reason`` problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from hoc.core.problems import Problem
from hoc.core.strings import KEY, YAML_NULL

LOCALE_TABLES = "locales"
"""``i18n/locales/<locale>/hourofcode/*.yml``: the later, split layout."""
_LANGUAGE_FILE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]+)?$")


@dataclass
class Table:
    """One language's strings, flattened, with the file and line of each key."""

    language: str
    texts: dict[str, str] = field(default_factory=dict)
    origins: dict[str, tuple[Path, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def merge(self, other: Table) -> None:
        """Add ``other``'s keys; a key defined twice keeps its first text (reported)."""
        for key, text in other.texts.items():
            if key in self.texts:
                path, line = other.origins[key]
                first_path, first_line = self.origins[key]
                self.problems.append(Problem(path, line, f"string {key!r} is defined again "
                                             f"(first in {first_path}:{first_line}); "
                                             "the first text is kept"))
                continue
            self.texts[key] = text
            self.origins[key] = other.origins[key]
        self.problems += other.problems


def language_of_locale(locale: str) -> str:
    """``es-ES`` → ``es``, ``zh-TW`` → ``zh_TW``: the code our folders use."""
    base, _, region = locale.replace("_", "-").partition("-")
    if base == "zh" and region:
        return f"zh_{region.upper()}"
    return base.lower()


def _yaml_problem(path: Path, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    return Problem(path, line, f"invalid YAML: {reason}" + (f" ({context})" if context else ""))


def _scalar_text(node: yaml.ScalarNode) -> str | None:
    if node.tag == YAML_NULL or node.value == "":
        return None
    return str(node.value)


def _flatten(node: yaml.MappingNode, prefix: str, path: Path, table: Table) -> None:
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        key = f"{prefix}{name}" if isinstance(name, str) else None
        if key is None or not KEY.match(key):
            table.problems.append(Problem(path, line, f"invalid string key {key or name!r}; "
                                          "skipped"))
            continue
        if isinstance(value_node, yaml.MappingNode):
            _flatten(value_node, key + ".", path, table)
            continue
        if not isinstance(value_node, yaml.ScalarNode):
            table.problems.append(Problem(path, line, f"string {key!r} is a list, not text; "
                                          "skipped"))
            continue
        text = _scalar_text(value_node)
        if text is None:
            # An empty value is an untranslated string in Pegasus tables: nothing to keep.
            continue
        if key in table.texts:
            first = table.origins[key][1]
            table.problems.append(Problem(path, line, f"duplicate string key {key!r} (first at "
                                          f"line {first}); the first text is kept"))
            continue
        table.texts[key] = text
        table.origins[key] = (path, line)


def read_table(path: Path, language: str) -> Table:
    """Read one table file for ``language``; nested under the language code or flat."""
    table = Table(language)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        table.problems.append(Problem(path, None, f"cannot read the string table: {exc}"))
        return table
    try:
        document = yaml.compose(raw, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        table.problems.append(_yaml_problem(path, exc))
        return table
    if document is None:
        return table
    if not isinstance(document, yaml.MappingNode):
        table.problems.append(Problem(path, document.start_mark.line + 1,
                                      "a string table must be a mapping of key: text"))
        return table
    root = document
    top = [(k.value, v) for k, v in document.value if isinstance(k, yaml.ScalarNode)]
    nested = [v for k, v in top if _matches_language(str(k), language)]
    if len(document.value) == 1 and nested and isinstance(nested[0], yaml.MappingNode):
        root = nested[0]
    _flatten(root, "", path, table)
    return table


def _matches_language(name: str, language: str) -> bool:
    return language_of_locale(name) == language or name == language


@dataclass(frozen=True)
class TableFile:
    """A string-table file of a Pegasus site and the language it holds."""

    language: str
    path: Path


def find_tables(i18n: Path) -> list[TableFile]:
    """Every string table under a Pegasus site's ``i18n/`` folder, by language."""
    found: list[TableFile] = []
    if not i18n.is_dir():
        return found
    for path in sorted(i18n.glob("*.yml")):
        if _LANGUAGE_FILE.match(path.stem):
            found.append(TableFile(language_of_locale(path.stem), path))
    locales = i18n / LOCALE_TABLES
    if locales.is_dir():
        for folder in sorted(p for p in locales.iterdir() if p.is_dir()):
            for path in sorted((folder / "hourofcode").glob("*.yml")):
                found.append(TableFile(language_of_locale(folder.name), path))
    return found


def read_tables(i18n: Path) -> dict[str, Table]:
    """Every language's table, its files merged in a stable order."""
    tables: dict[str, Table] = {}
    for table_file in find_tables(i18n):
        table = read_table(table_file.path, table_file.language)
        tables.setdefault(table_file.language, Table(table_file.language)).merge(table)
    return tables
