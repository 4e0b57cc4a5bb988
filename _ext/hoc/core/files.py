"""Localized files and images: ``/files/plan.pdf`` → ``plan.fr.pdf`` when it exists.

Pegasus's ``localized_file`` and ``localized_image`` served the reader's language variant
of a file or image when there was one. Variants sit beside the original as
``<stem>.<lang><ext>``; anything that would leave the folder (``..``, absolute paths,
backslashes) names no file at all. Both folders are published the same way, at a stable
path in every language's site, so one mechanism serves them.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from hoc.core.sized import Sizing, sized_name, split_sized

FILES_PREFIX = "/files/"
IMAGES_PREFIX = "/images/"


@dataclass(frozen=True)
class PublishedFolder:
    """A source folder published as is in every language's site."""

    prefix: str
    """The site path authors link to (``/files/``), as Pegasus pages did."""
    published: str
    """The folder it is published as, below each language's root (``files``)."""
    config: str
    """The ``HocConfig`` field naming the source folder (``files_dir``)."""


FILES = PublishedFolder(FILES_PREFIX, "files", "files_dir")
IMAGES = PublishedFolder(IMAGES_PREFIX, "images", "images_dir")
PUBLISHED_FOLDERS = (FILES, IMAGES)


def published_folder(url_path: str) -> PublishedFolder | None:
    """The published folder a site path points into (``/images/x.png``), if any."""
    return next((folder for folder in PUBLISHED_FOLDERS
                 if url_path.startswith(folder.prefix)), None)


def safe_file_name(url_path: str, prefix: str = FILES_PREFIX) -> str | None:
    """The file name below ``prefix`` that ``url_path`` names, or ``None`` if unsafe."""
    if not url_path.startswith(prefix):
        return None
    name = url_path[len(prefix):]
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
    """The name of the file to serve for ``language``: its variant, else the original.

    A resized Pegasus image path (``fit-200/x.png``, :mod:`hoc.core.sized`) that does
    not exist as a file is made at build time from the original's variant for the
    language, else the original: its name is the sized path of that file
    (``fit-200/x.fr.png``).
    """
    for candidate in (variant_name(name, language), name):
        if (files_dir / candidate).is_file():
            return candidate
    sized = split_sized(name)
    if sized is not None:
        original = pick_file(files_dir, sized[1], language)
        if original is not None:
            return sized_name(name, original)
    return None


def made_from(files_dir: Path, chosen: str) -> tuple[Sizing, str] | None:
    """For a chosen name that is to be made (no such file), how it is sized and the
    original it is made from; ``None`` for a file served as it is."""
    if (files_dir / chosen).is_file():
        return None
    return split_sized(chosen)
