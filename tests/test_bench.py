"""The benchmark harness: fair turns, honest medians, and a baseline that says the same."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_navcache import build

from hoc.bench import Ratio, Run, Timing, instructions, interleaved, table
from hoc.synthetic import SiteShape, write_site


def test_builds_take_turns_and_the_slow_one_runs_once():
    order: list[str] = []

    def build_of(label: str, seconds: float):
        def build() -> Timing:
            order.append(label)
            return Timing(seconds + len(order), 10.0 * len(order))
        return build

    runs = interleaved({"a": build_of("a", 1), "b": build_of("b", 2), "slow": build_of("slow", 9)},
                       repeats=3, once=frozenset({"slow"}))
    assert order == ["a", "b", "slow", "a", "b", "a", "b"]
    assert runs["a"].seconds == (2, 5, 7) and runs["a"].median == 5
    assert runs["slow"].seconds == (12,)
    assert runs["b"].peak_mib == 70.0  # the largest of its runs


def test_table_reports_median_range_and_verdict():
    report = table([Run("x", (3.0, 1.0, 2.0), 50.0), Run("y", (4.0,), 0.0)],
                   [Ratio("x / y", 0.5, "≤ 0.6", True), Ratio("y / x", 2.0, "≤ 1", False)])
    assert "| x | 2.0 | 3 | 1.0 – 3.0 | 50 |" in report
    assert "| y | 4.0 | 1 | 4.0 – 4.0 |  |" in report
    assert "| x / y | 0.50 | ≤ 0.6 | yes |" in report
    assert "| y / x | 2.00 | ≤ 1 | no |" in report


def page_texts(out: Path) -> dict[str, list[tuple[str, str]]]:
    """Each page's body, as (link target file name, text) pairs and paragraphs."""
    texts = {}
    for path in sorted(out.rglob("*.html")):
        body = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find(
            "div", class_="body")
        if body is None:
            continue
        links = [(str(a["href"]).rsplit("/", 1)[-1].split("#")[0], a.get_text())
                 for a in body.find_all("a") if "headerlink" not in (a.get("class") or [])]
        texts[str(path.relative_to(out))] = [
            *links, *(("", " ".join(p.get_text().split())) for p in body.find_all("p"))]
    return texts


def test_plain_baseline_shows_what_the_extension_site_shows(tmp_path):
    """The extension's cost is measured against plain MyST pages; they must say the
    same things and link to the same places, or the ratio compares different work."""
    write_site(tmp_path / "ours", SiteShape(pages=25, sections=2))
    write_site(tmp_path / "plain", SiteShape(pages=25, sections=2, plain=True))
    for name in ("ours", "plain"):
        build(tmp_path / name, tmp_path / name / "out", "-D", "html_theme=basic")
    ours, plain = page_texts(tmp_path / "ours" / "out"), page_texts(tmp_path / "plain" / "out")
    assert len(ours) >= 25 and ours.keys() == plain.keys()
    assert ours == plain
    sample = ours["s0/index.html"]
    assert ("plan.pdf", "plan") in sample
    assert any("Hello, organizer!" in text for _, text in sample)


def test_instruction_counts_come_from_valgrind(tmp_path, monkeypatch):
    """The count is read from Valgrind's summary; the build it wraps must succeed."""
    fake = tmp_path / "bin" / "valgrind"
    fake.parent.mkdir()
    # Runs the wrapped command (all arguments after Valgrind's own options) and reports
    # a count the way Valgrind does, on standard error.
    fake.write_text('#!/bin/sh\nwhile [ "${1#--}" != "$1" ]; do shift; done\n"$@" || exit 1\n'
                    'echo "==42== I   refs:      1,234,567" >&2\n', encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:{os.environ['PATH']}")
    write_site(tmp_path / "site", SiteShape(pages=3, sections=1))
    assert instructions(tmp_path / "site", tmp_path / "out", label="x") == 1_234_567
    assert (tmp_path / "out" / "index.html").is_file()
    (tmp_path / "site" / "source" / "index.md").write_text("```{nonsense}\n```\n")
    with pytest.raises(RuntimeError, match="x: sphinx-build under valgrind failed"):
        instructions(tmp_path / "site", tmp_path / "out", "-W", label="x")


def test_without_valgrind_there_is_no_count(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert instructions(tmp_path, tmp_path / "out", label="x") is None


def test_the_most_translated_languages_start_first(tmp_path):
    from hoc.build import costliest_first

    for language, size in (("fr", 300), ("es", 900), ("ar", 10)):
        folder = tmp_path / language / "LC_MESSAGES" / "how-to"
        folder.mkdir(parents=True)
        (folder / "page.po").write_text("#" * size, encoding="utf-8")
    assert costliest_first(tmp_path, ["en", "fr", "es", "ar", "de"]) == \
        ["es", "fr", "ar", "en", "de"]


def test_languages_built_side_by_side_leave_the_second_process_off():
    from hoc.build import side_by_side_options

    off = ["-D", "hoc_guard_ahead=0"]
    assert side_by_side_options(1, cpus=2) == []  # one build: its second process has a CPU
    assert side_by_side_options(2, cpus=2) == off
    assert side_by_side_options(2, cpus=4) == []  # a CPU to spare for each build
    assert side_by_side_options(3, cpus=4) == off


def test_build_all_passes_the_side_by_side_options_before_the_callers(tmp_path, monkeypatch):
    import hoc.build
    from hoc.project import Project

    commands: list[list[str]] = []
    monkeypatch.setattr(hoc.build, "available_cpus", lambda: 2)
    monkeypatch.setattr(hoc.build, "build_language",
                        lambda project, language, builddir, options:
                        commands.append(options) or hoc.build.LanguageBuild(language, 0, ""))
    monkeypatch.setattr(hoc.build, "write_chooser", lambda *args: None)
    monkeypatch.setattr(hoc.build, "write_root_redirects", lambda *args: 0)
    monkeypatch.setattr(Project, "languages", lambda self: ["en", "fr"])
    project = Project(tmp_path)
    assert hoc.build.build_all(project, ["en", "fr"], tmp_path / "_build", ["-W"], jobs=2) == 0
    assert commands == [["-D", "hoc_guard_ahead=0", "-W"]] * 2
    commands.clear()
    assert hoc.build.build_all(project, ["en", "fr"], tmp_path / "_build", ["-W"], jobs=1) == 0
    assert commands == [["-W"]] * 2
