"""The string table: English ``strings.yml`` plus one ``strings.po`` per language.

This is the Sphinx-free core of the ``hoc_s`` helper. The English table is a flat YAML
mapping ``key: text``; a translation is the ``strings.po`` message whose ``msgctxt`` is
the key. Lookups fall back to English when a message is missing, empty or fuzzy, and
say which language answered so the page can mark English text with ``lang="en"``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from hoc.core.guard_limits import DEFAULT_LIMITS, GuardLimits
from hoc.core.problems import Problem

PLACEHOLDER = re.compile(r"%\{([A-Za-z_][A-Za-z0-9_]*)\}")
YAML_NULL = "tag:yaml.org,2002:null"
KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class Lookup:
    """The text for a key and the language it is really in."""

    text: str
    language: str


@dataclass
class StringTable:
    """English strings and their translations for one language."""

    english: dict[str, str] = field(default_factory=dict)
    translated: dict[str, str] = field(default_factory=dict)
    language: str = "en"
    source_language: str = "en"
    lines: dict[str, int] = field(default_factory=dict)
    """The line of each key in the English file, for gettext source references."""

    def __contains__(self, key: str) -> bool:
        return key in self.english

    def lookup(self, key: str) -> Lookup | None:
        """The text for ``key`` in the table's language, else English, else ``None``."""
        if key not in self.english:
            return None
        translated = self.translated.get(key)
        if translated:
            return Lookup(translated, self.language)
        return Lookup(self.english[key], self.source_language)


def load_english(path: Path) -> tuple[dict[str, str], dict[str, int], list[Problem]]:
    """Read the flat English table, returning texts, key lines and problems.

    A missing table is an empty one: a site may not use ``hoc_s`` at all, and an unknown
    key is reported where it is used.
    Problems (bad YAML, a non-mapping document, non-text values, bad or duplicate keys)
    are reported with their line; every good entry is still returned.
    """
    problems: list[Problem] = []
    if not path.exists():
        return {}, {}, []
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return {}, {}, [Problem(path, None, f"cannot read the string table: {exc}")]
    try:
        document = yaml.compose(raw, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        return {}, {}, [Problem(path, line, f"malformed YAML: {reason}")]
    if document is None:
        return {}, {}, []
    if not isinstance(document, yaml.MappingNode):
        line = document.start_mark.line + 1
        return {}, {}, [Problem(path, line, "the string table must be a mapping of key: text")]
    texts: dict[str, str] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in document.value:
        line = key_node.start_mark.line + 1
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, str) or not KEY.match(key):
            problems.append(Problem(path, line, f"invalid string key {key!r}"))
            continue
        if key in texts:
            problems.append(Problem(path, line, f"duplicate string key {key!r} "
                                    f"(first defined at line {lines[key]})"))
            continue
        if not isinstance(value_node, yaml.ScalarNode) or value_node.tag == YAML_NULL:
            problems.append(Problem(path, line, f"string {key!r} must be text, not a "
                                    f"{_kind(value_node)}"))
            continue
        texts[key] = str(value_node.value)
        lines[key] = line
    return texts, lines, problems


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "mapping"
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return "empty value"


def load_translations(path: Path, english: Mapping[str, str],
                      limits: GuardLimits = DEFAULT_LIMITS,
                      ) -> tuple[dict[str, str], list[Problem]]:
    """Read ``strings.po``: translated, non-fuzzy messages keyed by ``msgctxt``.

    A message whose key is not in the English table is reported (it would never be
    used); a syntax error is reported with its line and no translation is used.
    """
    from hoc.core.guard import check_string  # local: guard imports this module
    from hoc.core.pofiles import read_po

    catalog, problems = read_po(path)
    if catalog is None:
        return {}, problems
    translations: dict[str, str] = {}
    for entry in catalog:
        if entry.obsolete or not entry.msgctxt:
            continue
        if entry.msgctxt not in english:
            problems.append(Problem(path, entry.linenum,
                                    f"translation for unknown string key {entry.msgctxt!r}"))
            continue
        if not entry.msgstr or "fuzzy" in entry.flags:
            continue
        reasons = check_string(entry.msgid, entry.msgstr, limits)
        if reasons:
            problems.append(Problem(path, entry.linenum,
                                    f"translation of string {entry.msgctxt!r} rejected: "
                                    f"{'; '.join(reasons)}; the English text is shown",
                                    kind="guard"))
            continue
        translations[entry.msgctxt] = entry.msgstr
    return translations, problems


def load_table(english_path: Path, po_path: Path | None, language: str,
               source_language: str = "en", defaults: Path | None = None,
               limits: GuardLimits = DEFAULT_LIMITS,
               ) -> tuple[StringTable, list[Problem]]:
    """The whole table for ``language`` (``po_path`` is ``None`` for English).

    ``defaults`` holds English texts a site need not define (our interface texts);
    the site's own table wins where both define a key.
    """
    english, lines, problems = load_english(english_path)
    if defaults is not None:
        default_texts, _, default_problems = load_english(defaults)
        english = default_texts | english
        problems = default_problems + problems
    translated: dict[str, str] = {}
    if po_path is not None and po_path.is_file():
        translated, po_problems = load_translations(po_path, english, limits)
        problems += po_problems
    table = StringTable(english, translated, language, source_language, lines)
    return table, problems


def fill_placeholders(text: str, values: Mapping[str, str]) -> tuple[str, list[str]]:
    """Replace ``%{name}`` with ``values[name]``; return the text and unfilled names.

    An unfilled placeholder stays in the text as written, so nothing is lost silently.
    """
    missing: list[str] = []

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in values:
            return values[name]
        missing.append(name)
        return match.group(0)

    return PLACEHOLDER.sub(replace, text), missing


CALL = re.compile(r"\{hoc_s\}`([^`]*)`")
"""A ``hoc_s`` role written inside a plain string, as in a front-matter ``title``."""


def parse_call(text: str) -> tuple[str, dict[str, str]]:
    """Split the role text ``key name=value other="two words"`` into key and values.

    Raises ``ValueError`` with a reason a reader understands when it is malformed.
    """
    import shlex

    try:
        words = shlex.split(text)
    except ValueError as exc:
        raise ValueError(f"cannot read {text!r}: {exc}") from None
    if not words:
        raise ValueError("empty string key")
    key, *assignments = words
    if not KEY.match(key):
        raise ValueError(f"invalid string key {key!r}")
    values: dict[str, str] = {}
    for assignment in assignments:
        name, equals, value = assignment.partition("=")
        if not equals or not PLACEHOLDER.fullmatch(f"%{{{name}}}"):
            raise ValueError(f"expected name=value after the key, not {assignment!r}")
        values[name] = value
    return key, values
