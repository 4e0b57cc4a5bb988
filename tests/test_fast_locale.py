"""Translated messages parsed with parsers kept for the build give the pages Sphinx's own
Locale path gives (``hoc_fast_locale``), byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from docutils.frontend import get_default_settings
from docutils.utils import new_document
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import DocutilsRenderer
from myst_parser.parsers.docutils_ import Parser as DocutilsParser
from myst_parser.parsers.mdit import create_md_parser
from test_navcache import build

from hoc.build import build_language
from hoc.fastlocale import ReusableRenderer
from hoc.project import Project
from hoc.synthetic import SiteShape, write_site

PROJECT = Path(__file__).resolve().parent.parent


def html_files(out: Path) -> dict[str, bytes]:
    """Every published HTML page and search index (what the two paths could change)."""
    return {str(path.relative_to(out)): path.read_bytes()
            for path in sorted(out.rglob("*")) if path.suffix in (".html", ".js")
            and "_static" not in path.parts}


def test_the_renderer_keeps_the_state_myst_sets_up():
    """Our renderer sets up, for a given document, every attribute MyST's does: a MyST
    release that adds state to ``setup_render`` fails here."""
    settings = get_default_settings(DocutilsParser)
    document = new_document("<test>", settings)
    config = MdParserConfig()
    theirs = create_md_parser(config, DocutilsRenderer)
    ours = create_md_parser(config, ReusableRenderer)
    for md in (theirs, ours):
        md.options["document"] = document
        md.options["myst_config"] = config
        md.renderer.setup_render(md.options, {})
    assert set(vars(ours.renderer)) == set(vars(theirs.renderer))


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_the_real_site_is_the_same_with_the_stock_path(site, tmp_path, language):
    """The shipped site (fast path, the default) against Sphinx's own Locale path."""
    stock = build_language(Project(PROJECT), language, tmp_path,
                           ["-W", "--keep-going", "-D", "hoc_fast_locale=0"])
    assert stock.returncode == 0, stock.output
    ours, theirs = html_files(site / language), html_files(tmp_path / "html" / language)
    assert len(ours) > 10 and ours.keys() == theirs.keys()
    different = [name for name in ours if ours[name] != theirs[name]]
    assert different == []


def test_a_synthetic_translated_site_is_the_same_with_the_stock_path(tmp_path):
    write_site(tmp_path / "site", SiteShape(pages=30, sections=3, languages=("en", "fr"),
                                            rich=True))
    outputs = {}
    for flag in ("1", "0"):
        out = tmp_path / f"out-{flag}"
        build(tmp_path / "site", out, "-D", "language=fr", "-D", f"hoc_fast_locale={flag}",
              "-d", str(tmp_path / f"doctrees-{flag}"))
        outputs[flag] = html_files(out)
    assert len(outputs["1"]) > 30
    assert outputs["1"] == outputs["0"]
