"""Pegasus's resized image paths (``/images/fit-250/x.png``) made at build time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from conftest import read_html, warnings_of
from hoc.core.sized import Sizing, sized_dimensions, split_sized
from hoc.sized_images import CACHE

PAGE = """# Sized

![Wide](/images/fit-100/photo.png)

![Box](/images/fit-50x50/photo.png)

![Filled](/images/fill-60x40/photo.jpg)

![Deep](/images/social/fit-30/icon.png)

![Small](/images/fit-900/photo.png)

![Broken](/images/fit-20/broken.png)

<img src="/images/fill-20x20/photo.png" alt="Raw">
"""


@pytest.fixture
def sized_root(tmp_path, rootdir) -> Path:
    """The images test root with originals (a French variant of one) and a page that
    asks for them in Pegasus's sizes."""
    srcdir = tmp_path / "sized"
    shutil.copytree(rootdir / "test-images", srcdir)
    images = srcdir / "images"
    Image.new("RGB", (400, 200), (200, 0, 0)).save(images / "photo.png")
    Image.new("RGB", (400, 200), (0, 0, 200)).save(images / "photo.fr.png")
    Image.new("RGB", (300, 300), (0, 200, 0)).save(images / "photo.jpg", quality=95)
    (images / "social").mkdir()
    Image.new("RGBA", (90, 60), (0, 0, 0, 0)).save(images / "social" / "icon.png")
    (images / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really a picture")
    (srcdir / "sized.md").write_text(PAGE, encoding="utf-8")
    return srcdir


def _size(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:
        return image.size


def _colour(path: Path) -> tuple[int, ...]:
    with Image.open(path) as image:
        return tuple(image.convert("RGB").getpixel((image.width // 2, image.height // 2)))


def test_each_size_is_made_with_its_width_and_height(make_app, sized_root):
    app = make_app("html", srcdir=sized_root, freshenv=True)
    app.build()
    out = Path(app.outdir)
    images = out / "images"
    assert _size(images / "fit-100" / "photo.png") == (100, 50)
    assert _size(images / "fit-50x50" / "photo.png") == (50, 25)
    assert _size(images / "fill-60x40" / "photo.jpg") == (60, 40)
    assert _size(images / "social" / "fit-30" / "icon.png") == (30, 20)
    assert _size(images / "fit-900" / "photo.png") == (400, 200)  # never enlarged
    assert _size(images / "fill-20x20" / "photo.png") == (20, 20)  # raw HTML too
    soup = read_html(out / "sized.html")
    shown = {img["alt"]: (img.get("src"), img.get("width"), img.get("height"))
             for img in soup.find_all("img") if img.get("alt")}
    assert shown["Wide"] == ("images/fit-100/photo.png", "100", "50")
    assert shown["Filled"] == ("images/fill-60x40/photo.jpg", "60", "40")
    assert shown["Deep"] == ("images/social/fit-30/icon.png", "30", "20")
    assert shown["Raw"][0] == "images/fill-20x20/photo.png"
    warnings = warnings_of(app)
    assert "sized.md:13: WARNING: cannot read image 'broken.png' to size it (fit-20)" \
        in warnings
    # The original stands in for a size that cannot be made.
    assert (images / "fit-20" / "broken.png").read_bytes() == \
        (sized_root / "images" / "broken.png").read_bytes()


def test_french_pages_get_sizes_of_the_french_variant(make_app, sized_root):
    app = make_app("html", srcdir=sized_root, freshenv=True,
                   confoverrides={"language": "fr"})
    app.build()
    images = Path(app.outdir) / "images"
    assert _colour(images / "fit-100" / "photo.fr.png")[2] > 150  # blue: the variant
    soup = read_html(Path(app.outdir) / "sized.html")
    wide = soup.find("img", alt="Wide")
    assert wide["src"] == "images/fit-100/photo.fr.png"
    assert (wide["width"], wide["height"]) == ("100", "50")


def test_made_images_are_kept_between_builds(make_app, sized_root):
    app = make_app("html", srcdir=sized_root, freshenv=True)
    app.build()
    cache = Path(app.doctreedir) / CACHE
    kept = {path.name: path.stat().st_mtime_ns for path in cache.iterdir()}
    assert len(kept) == 6  # every size of a readable original
    app.build(force_all=True)
    assert {path.name: path.stat().st_mtime_ns for path in cache.iterdir()} == kept
    # A changed original is made again.
    Image.new("RGB", (200, 200), (0, 0, 0)).save(sized_root / "images" / "photo.png")
    app.build()
    assert _size(Path(app.outdir) / "images" / "fit-100" / "photo.png") == (100, 100)


@pytest.mark.parametrize(("name", "expected"), [
    ("fit-250/x.png", (Sizing("fit", 250), "x.png")),
    ("fill-260x200/x.jpg", (Sizing("fill", 260, 200), "x.jpg")),
    ("social-media/fit-250/x.png", (Sizing("fit", 250), "social-media/x.png")),
    ("120x80/x.png", (Sizing("fit", 120, 80), "x.png")),
    ("x.png", None),
    ("fit-250.png", None),
    ("fit-0/x.png", None),
    ("fitness/x.png", None),
])
def test_sized_paths_are_read_as_pegasus_wrote_them(name, expected):
    assert split_sized(name) == expected


@given(st.sampled_from(["fit", "fill"]), st.integers(1, 3000), st.one_of(
    st.none(), st.integers(1, 3000)), st.integers(1, 5000), st.integers(1, 5000))
def test_sizes_fit_their_box(mode, width, height, original_width, original_height):
    made = sized_dimensions(Sizing(mode, width, height), original_width, original_height)
    if mode == "fill":
        assert made == (width, height or width)
    else:
        assert 1 <= made[0] <= min(width, original_width)
        assert made[1] <= max(1, original_height)
        if height is not None:
            assert made[1] <= max(height, 1)
