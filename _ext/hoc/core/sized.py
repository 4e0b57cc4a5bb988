"""Pegasus's resized image paths, made at build time.

Pegasus resized images as it served them: ``/images/fit-250/x.png`` was ``x.png`` made
250 pixels wide, ``/images/fill-260x200/x.jpg`` was ``x.jpg`` cut to fill 260 × 200,
and the size may sit deeper in the path (``/images/social-media/fit-250/x.png`` is
``social-media/x.png``). A static site cannot resize on request, so the build makes
each size a page asks for, from the original (or its language variant), with Pillow.

- ``fit-W`` scales to ``W`` wide; ``fit-WxH`` and ``WxH`` scale to fit inside ``W × H``;
  both keep the proportions and never enlarge (a browser enlarges as well as we would).
- ``fill-WxH`` scales to cover ``W × H`` and cuts the overflow evenly from both sides;
  ``fill-W`` is a square.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from PIL import Image, ImageOps

_SEGMENT = re.compile(r"^(?:(?P<mode>fit|fill)-(?P<width>\d{1,5})(?:x(?P<height>\d{1,5}))?"
                      r"|(?P<box_width>\d{1,5})x(?P<box_height>\d{1,5}))$")


@dataclass(frozen=True)
class Sizing:
    """How Pegasus sized an image: ``fit`` or ``fill``, a width, maybe a height."""

    mode: str
    width: int
    height: int | None = None

    def describe(self) -> str:
        return f"{self.mode}-{self.width}" + (f"x{self.height}" if self.height else "")


def split_sized(name: str) -> tuple[Sizing, str] | None:
    """``social-media/fit-250/x.png`` → (fit 250, ``social-media/x.png``); ``None``
    for a path with no size in it, or a size of zero."""
    parts = PurePosixPath(name).parts
    for index, part in enumerate(parts[:-1]):
        match = _SEGMENT.match(part)
        if match is None:
            continue
        if match.group("mode"):
            height = int(match.group("height")) if match.group("height") else None
            sizing = Sizing(match.group("mode"), int(match.group("width")), height)
        else:
            sizing = Sizing("fit", int(match.group("box_width")),
                            int(match.group("box_height")))
        if sizing.width == 0 or sizing.height == 0:
            return None
        return sizing, str(PurePosixPath(*parts[:index], *parts[index + 1:]))
    return None


def sized_name(name: str, original: str) -> str:
    """The sized path of ``name`` with its file name taken from ``original`` (the
    language variant chosen for it): ``fit-250/x.png``, ``x.fr.png`` → ``fit-250/x.fr.png``."""
    return str(PurePosixPath(name).with_name(PurePosixPath(original).name))


def sized_dimensions(sizing: Sizing, width: int, height: int) -> tuple[int, int]:
    """The width and height of a ``width`` × ``height`` image once sized."""
    if sizing.mode == "fill":
        return sizing.width, sizing.height or sizing.width
    scale = min(1.0, sizing.width / width,
                (sizing.height / height) if sizing.height else 1.0)
    return max(1, round(width * scale)), max(1, round(height * scale))


_ROTATED = frozenset({5, 6, 7, 8})
"""EXIF orientations that turn the picture a quarter: width and height swap."""


def upright_size(image: Image.Image) -> tuple[int, int]:
    """``image``'s width and height as shown (its EXIF orientation applied), read from
    its header only."""
    width, height = image.size
    orientation = image.getexif().get(0x0112)
    return (height, width) if orientation in _ROTATED else (width, height)


def resize(image: Image.Image, sizing: Sizing) -> Image.Image:
    """``image`` sized as Pegasus sized it (its orientation tag applied first)."""
    upright = ImageOps.exif_transpose(image)
    size = sized_dimensions(sizing, *upright.size)
    if sizing.mode == "fill":
        return ImageOps.fit(upright, size, Image.Resampling.LANCZOS)
    if size == upright.size:
        return upright.copy()
    return upright.resize(size, Image.Resampling.LANCZOS)
