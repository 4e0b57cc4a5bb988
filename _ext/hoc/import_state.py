"""What the last ``hoc import-site`` wrote, so a re-import keeps what people edited since.

Re-running the import after the Pegasus site changed must update what changed and keep
what authors and translators edited in the meantime. The manifest
(``source/_data/pegasus-import.json``) records a hash of every file the import wrote, the
text of every string it wrote and the msgstr of every message it filled. A file, string or
message whose current content is still what the import wrote may be replaced; anything
else was edited by a person and is kept.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = "_data/pegasus-import.json"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class ImportState:
    """The manifest: files (path → hash), strings (language → key → text) and messages
    (language → docname → msgid → msgstr) as the last import wrote them."""

    files: dict[str, str] = field(default_factory=dict)
    strings: dict[str, dict[str, str]] = field(default_factory=dict)
    messages: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> ImportState:
        if not path.is_file():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        return cls(dict(data.get("files", {})), dict(data.get("strings", {})),
                   dict(data.get("messages", {})))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"files": self.files, "strings": self.strings, "messages": self.messages}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                        encoding="utf-8")

    def may_replace_string(self, language: str, key: str, current: str) -> bool:
        """Whether ``current`` (now in the table) is still what the import wrote."""
        return self.strings.get(language, {}).get(key) == current

    def may_replace_message(self, language: str, docname: str, msgid: str,
                            current: str) -> bool:
        """An empty msgstr, or the one the last import wrote, may be replaced."""
        if not current:
            return True
        return self.messages.get(language, {}).get(docname, {}).get(msgid) == current

    def note_message(self, language: str, docname: str, msgid: str, msgstr: str) -> None:
        self.messages.setdefault(language, {}).setdefault(docname, {})[msgid] = msgstr


def write_tracked(path: Path, text: str, state: ImportState, root: Path,
                  force: bool = False) -> str:
    """Write ``text`` unless a person changed the file since the import wrote it.

    Returns ``written``, ``unchanged`` or ``kept`` (edited since; or present before any
    import and not forced).
    """
    relative = path.relative_to(root).as_posix()
    if path.is_file():
        current = path.read_text(encoding="utf-8")
        if current == text:
            state.files[relative] = digest(text)
            return "unchanged"
        if not force and state.files.get(relative) != digest(current):
            return "kept"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    state.files[relative] = digest(text)
    return "written"
