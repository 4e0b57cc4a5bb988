"""Localized files and images: ``/files/plan.pdf`` → ``plan.fr.pdf`` when it exists.

Pegasus's ``localized_file`` and ``localized_image`` served the reader's language variant
of a file or image when there was one. Variants sit beside the original as
``<stem>.<lang><ext>``; anything that would leave the folder (``..``, absolute paths,
backslashes) names no file at all. Both folders are published the same way, at a stable
path in every language's site, so one mechanism serves them.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

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


SIZED = re.compile(r"^(?:fit|fill)-\d+(?:x\d+)?/|^\d+x\d+/")
"""Pegasus resized images on the fly: ``/images/fit-200/x.png`` was ``x.png``, 200 wide."""


def pick_file(files_dir: Path, name: str, language: str) -> str | None:
    """The name of the file to serve for ``language``: its variant, else the original.

    A resized Pegasus image path (``fit-200/x.png``) that does not exist as a file is
    served from the original image (``x.png``), which the page scales to fit.
    """
    names = [name]
    original = SIZED.sub("", name)
    if original != name:
        names.append(original)
    for each in names:
        for candidate in (variant_name(each, language), each):
            if (files_dir / candidate).is_file():
                return candidate
    return None
