"""Localized downloadable files: ``/files/plan.pdf`` → ``plan.fr.pdf`` when it exists.

Pegasus's ``localized_file`` served the reader's language variant of a file when there
was one. Variants sit beside the original as ``<stem>.<lang><ext>``; anything that would
leave the files folder (``..``, absolute paths, backslashes) names no file at all.
"""

from __future__ import annotations

import posixpath
from pathlib import Path, PurePosixPath

FILES_PREFIX = "/files/"


def safe_file_name(url_path: str) -> str | None:
    """The file name below ``/files/`` that ``url_path`` names, or ``None`` if unsafe."""
    if not url_path.startswith(FILES_PREFIX):
        return None
    name = url_path[len(FILES_PREFIX):]
    if not name or "\\" in name or "\x00" in name:
        return None
    normalized = posixpath.normpath(name)
    if normalized != name or normalized.startswith(("/", "..")) or "/../" in f"/{normalized}/":
        return None
    return normalized


def variant_name(name: str, language: str) -> str:
    """``plan.pdf`` → ``plan.fr.pdf``; ``docs/plan.pdf`` → ``docs/plan.fr.pdf``."""
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}.{language}{path.suffix}"))


def pick_file(files_dir: Path, name: str, language: str) -> str | None:
    """The name of the file to serve for ``language``: its variant, else the original."""
    for candidate in (variant_name(name, language), name):
        if (files_dir / candidate).is_file():
            return candidate
    return None
