"""Bad input is located and loses nothing; the published site is reproducible."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import TESTS, article, read_html, warnings_of
from hoc.synthetic import SiteShape, write_site


def copy_root(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(TESTS / "roots" / f"test-{name}", target)
    return target


def test_malformed_plural_forms_keeps_the_translations(make_app, tmp_path):
    srcdir = copy_root(tmp_path, "languages")
    po = srcdir / "locale" / "fr" / "LC_MESSAGES" / "full.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=x; plural=(n >;\\n"'),
        encoding="utf-8")
    app = make_app("html", srcdir=srcdir, confoverrides={"language": "fr"}, freshenv=True)
    app.build()
    assert f"{po}:1: WARNING: malformed Plural-Forms header" in warnings_of(app)
    body = article(read_html(Path(app.outdir) / "full.html"))
    assert "Seul paragraphe." in body.get_text()


def test_a_language_without_translations_builds_in_english(make_app, tmp_path):
    srcdir = copy_root(tmp_path, "languages")
    app = make_app("html", srcdir=srcdir, confoverrides={"language": "de"}, freshenv=True)
    app.build()
    assert "no translations for language 'de'" in warnings_of(app)
    soup = read_html(Path(app.outdir) / "full.html")
    assert soup.html["lang"] == "de"
    assert article(soup).find("p", string="Only paragraph.")["lang"] == "en"


def test_bad_front_matter_is_located_and_the_page_builds(make_app, tmp_path):
    srcdir = copy_root(tmp_path, "pages")
    (srcdir / "plain.md").write_text("---\ntitle: [unclosed\n---\n\n# Plain heading\n\nText.\n",
                                     encoding="utf-8")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert "plain.md:1: WARNING: Malformed YAML" in warnings_of(app)
    assert "Text." in article(read_html(Path(app.outdir) / "plain.html")).get_text()


def sphinx_command(root: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(root), str(root / "source"),
            str(out), "-q", "-D", "language=fr"]


def files(out: Path) -> dict[str, bytes]:
    return {str(path.relative_to(out)): path.read_bytes() for path in sorted(out.rglob("*"))
            if path.is_file() and ".doctrees" not in path.parts}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("integrity")
    write_site(root, SiteShape(pages=80, languages=("en", "fr"), sections=4))
    return root


def test_two_clean_builds_are_byte_identical(synthetic, tmp_path):
    for name in ("one", "two"):
        subprocess.run(sphinx_command(synthetic, tmp_path / name), check=True)
    assert files(tmp_path / "one") == files(tmp_path / "two")


def test_an_interrupted_build_run_again_equals_a_clean_build(synthetic, tmp_path):
    subprocess.run(sphinx_command(synthetic, tmp_path / "clean"), check=True)
    process = subprocess.Popen(sphinx_command(synthetic, tmp_path / "interrupted"))
    time.sleep(2.5)
    process.send_signal(signal.SIGKILL)
    process.wait()
    subprocess.run(sphinx_command(synthetic, tmp_path / "interrupted"), check=True)
    assert files(tmp_path / "interrupted") == files(tmp_path / "clean")
