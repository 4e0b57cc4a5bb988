"""The ``hoc`` command line, run as a maintainer runs it."""

from __future__ import annotations

import pytest

from conftest import LANGUAGES, PROJECT, read_html
from hoc.build import sphinx_command
from hoc.cli import main
from hoc.project import Project


def test_build_one_language_and_the_chooser(tmp_path, capsys):
    status = main(["--project", str(PROJECT), "build", "--lang", "fr",
                   "--builddir", str(tmp_path), "--sphinxopts", "-W --keep-going"])
    assert status == 0
    html = tmp_path / "html"
    assert sorted(p.name for p in html.iterdir() if p.is_dir()) == ["fr"]
    assert (html / "fr" / "how-to" / "districts.html").is_file()
    chooser = read_html(html / "index.html")
    assert [a["hreflang"] for a in chooser.find_all("a")] == LANGUAGES
    assert chooser.find("a", hreflang="ar")["dir"] == "rtl"
    assert "===== fr: ok" in capsys.readouterr().out


def test_unknown_language_is_refused(tmp_path):
    with pytest.raises(SystemExit, match="unknown language"):
        main(["--project", str(PROJECT), "build", "--lang", "xx", "--builddir", str(tmp_path)])


def test_a_failing_language_fails_the_build_with_a_clear_message(tmp_path, capsys):
    status = main(["--project", str(PROJECT), "build", "--lang", "en", "--builddir",
                   str(tmp_path), "--sphinxopts", "-W -D hoc_base_url=42"])
    assert status == 1
    out = capsys.readouterr().out
    assert "===== en: FAILED" in out
    assert "hoc_base_url must be an absolute http(s) URL or empty, not '42'" in out
    assert "Traceback" not in out


def test_the_host_command_is_plain_sphinx_build(tmp_path):
    command = sphinx_command(Project(PROJECT), "fr", tmp_path, [])
    assert command[1:5] == ["-m", "sphinx", "-b", "html"]
    assert command[command.index("-c") + 1] == str(PROJECT)
    assert command[-2:] == ["-D", "language=fr"]
