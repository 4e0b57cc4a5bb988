"""Named navigation lists (``source/_data/navigation.yml``) for the ``nav:`` key.

Pegasus pages said ``nav: how_to_nav`` to show a list of sibling guides. A list is a
sequence of ``{label: <string key>, url: <site-absolute URL>}``; labels come from the
string table so they are translated like every other string. An entry with no string
key says ``text: <literal label>`` instead, shown as is (and marked English).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from hoc.core.problems import Problem


@dataclass(frozen=True)
class NavItem:
    """One entry: the string key of its label and the site-absolute URL it opens."""

    label: str
    url: str
    line: int
    text: str = ""
    """A literal label, for an entry without a string key (``label`` is empty)."""


def load_navigation(path: Path) -> tuple[dict[str, list[NavItem]], list[Problem]]:
    """Read every list; malformed entries are reported with their line and skipped."""
    if not path.is_file():
        return {}, []
    try:
        document = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [Problem(path, None, f"cannot read navigation lists: {exc}")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return {}, [Problem(path, mark.line + 1 if mark else None, f"malformed YAML: {exc}")]
    if document is None:
        return {}, []
    if not isinstance(document, yaml.MappingNode):
        return {}, [Problem(path, document.start_mark.line + 1,
                            "navigation lists must be a mapping of name: list")]
    lists: dict[str, list[NavItem]] = {}
    problems: list[Problem] = []
    for name_node, items_node in document.value:
        name = str(name_node.value)
        if not isinstance(items_node, yaml.SequenceNode):
            problems.append(Problem(path, name_node.start_mark.line + 1,
                                    f"navigation list {name!r} must be a list"))
            continue
        items: list[NavItem] = []
        for item_node in items_node.value:
            line = item_node.start_mark.line + 1
            entry = _scalar_mapping(item_node)
            if entry is None or not (entry.get("label") or entry.get("text")) or \
                    not entry.get("url"):
                problems.append(Problem(path, line, f"an entry of {name!r} needs "
                                        "'label' (a string key) and 'url'"))
                continue
            items.append(NavItem(entry.get("label", ""), entry["url"], line,
                                 entry.get("text", "")))
        lists[name] = items
    return lists, problems


def _scalar_mapping(node: yaml.Node) -> dict[str, str] | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    result: dict[str, str] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode) or not isinstance(value, yaml.ScalarNode):
            return None
        result[str(key.value)] = str(value.value)
    return result
