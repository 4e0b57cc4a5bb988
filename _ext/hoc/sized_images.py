"""Resized Pegasus images (``/images/fit-250/x.png``) made when a build publishes.

Pages link to a sized path as Pegasus pages did; :func:`hoc.core.files.pick_file`
chooses the original (or its language variant) it is made from, and the page records
that choice like any file link (:class:`hoc.files.FileLinkCollector`). When the build
publishes the images folder, each size a page of the build asks for is made with
Pillow (:mod:`hoc.core.sized`) into ``<lang>/images/<sized path>``. Made images are kept
between builds in the doctree folder, named after what they are made from (the
original's path, time stamp and size, and the sizing), so a build makes only the sizes
whose original changed. A Markdown image of a sized path gets the made image's width
and height, so the page does not move as it loads.

An original Pillow cannot read is a located ``hoc.file`` warning where the page shows
it, and the original is published at the sized path instead; never a traceback.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from sphinx.application import Sphinx

from hoc.core.files import IMAGES, made_from
from hoc.core.madefrom import file_stamp
from hoc.core.sized import Sizing, resize, sized_dimensions, upright_size
from hoc.warnings_ import HocWarning, warn

CACHE = "hoc-sized-images"
"""The folder below the doctree folder that keeps made images between builds."""

IMAGE_ERRORS = (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError)
"""What Pillow raises on a file it cannot read (a broken or hostile image)."""


def sized_size(images_dir: Path, chosen: str, location: object) -> tuple[int, int] | None:
    """The width and height the made image of ``chosen`` will have; ``None`` when
    ``chosen`` is served as it is, or (with a warning) when its original is unreadable."""
    made = made_from(images_dir, chosen)
    if made is None:
        return None
    sizing, original = made
    try:
        with Image.open(images_dir / original) as image:
            return sized_dimensions(sizing, *upright_size(image))
    except IMAGE_ERRORS as exc:
        warn(f"cannot read image {original!r} to size it ({sizing.describe()}): {exc}; "
             "it is shown at its own size", HocWarning.FILE, location=location)
        return None


def _cached(cache: Path, source: Path, sizing: Sizing) -> Path:
    """Where the made image of ``source`` sized so is kept (same suffix as the source)."""
    key = f"{source}|{file_stamp(source)}|{sizing.describe()}"
    return cache / (hashlib.sha256(key.encode()).hexdigest()[:32] + source.suffix.lower())


def make_sized(source: Path, sizing: Sizing, target: Path, cache: Path) -> bool:
    """Make ``source`` sized so at ``target``, from the cache when it is there; whether
    it could be made (if not, the caller publishes the original)."""
    kept = _cached(cache, source, sizing)
    if not kept.is_file():
        try:
            with Image.open(source) as image:
                image_format = image.format
                sized = resize(image, sizing)
                cache.mkdir(parents=True, exist_ok=True)
                partial = kept.with_suffix(kept.suffix + ".part")
                sized.save(partial, format=image_format)
                partial.replace(kept)
        except IMAGE_ERRORS:
            return False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(kept, target)
    return True


def publish_sized_images(app: Sphinx, images_dir: Path, chosen_names: set[str]) -> None:
    """Make every sized image the pages ask for in ``<outdir>/images``."""
    out = Path(app.outdir) / IMAGES.published
    cache = Path(app.doctreedir) / CACHE
    for chosen in sorted(chosen_names):
        made = made_from(images_dir, chosen)
        if made is None:
            continue
        sizing, original = made
        target = out / chosen
        if not make_sized(images_dir / original, sizing, target, cache):
            # Unreadable (warned where a page shows it): the original, unsized.
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(images_dir / original, target)
