"""Build every language, in parallel where the machine allows, then the chooser.

Each language is its own ``sphinx-build`` process with its own doctrees, exactly the
command a hosting service runs for one language, so a local build proves the hosted one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from hoc.chooser import write_chooser
from hoc.core.ahead import available_cpus
from hoc.project import Project
from hoc.redirects import write_root_redirects


@dataclass(frozen=True)
class LanguageBuild:
    """The outcome of one language's build."""

    language: str
    returncode: int
    output: str


def sphinx_command(project: Project, language: str, builddir: Path,
                   options: list[str]) -> list[str]:
    """``sphinx-build`` for one language, as documented for hosting services."""
    return [
        sys.executable, "-m", "sphinx", "-b", "html", "-c", str(project.root),
        str(project.source), str(builddir / "html" / language),
        "-d", str(builddir / "doctrees" / language),
        "-D", f"language={language}", *options,
    ]


def side_by_side_options(workers: int, cpus: int | None = None) -> list[str]:
    """Options for each of ``workers`` builds that run at once on ``cpus`` CPUs.

    A translated build checks its catalogs in a second process (``hoc_guard_ahead``),
    which pays off only on a CPU the build would leave idle. Languages built side by
    side fill the CPUs already: a second process per build would only contend with the
    other builds (measured with four languages two at a time on two CPUs: 0.69 of the
    serial time with it, against 0.58 without). The options come before the caller's,
    so ``-D hoc_guard_ahead=1`` in SPHINXOPTS still turns it on.
    """
    cpus = available_cpus() if cpus is None else cpus
    return ["-D", "hoc_guard_ahead=0"] if workers > 1 and 2 * workers > cpus else []


def build_language(project: Project, language: str, builddir: Path,
                   options: list[str]) -> LanguageBuild:
    result = subprocess.run(sphinx_command(project, language, builddir, options),
                            cwd=project.root, capture_output=True, text=True, check=False)
    return LanguageBuild(language, result.returncode, result.stdout + result.stderr)


def costliest_first(locale: Path, languages: list[str]) -> list[str]:
    """``languages`` in the order to start their builds: the most translated first.

    Every language builds every page; a translated one also reads, checks and renders
    its messages, so its build takes longer the more it has (BENCHMARKS.md: a fully
    translated build costs up to 1.2 times the English one). Started in that order, the
    short builds fill the gaps at the end instead of a long one running alone.
    """
    def translated_bytes(language: str) -> int:
        folder = locale / language / "LC_MESSAGES"
        return sum(path.stat().st_size for path in folder.rglob("*.po")) \
            if folder.is_dir() else 0

    return sorted(languages, key=translated_bytes, reverse=True)


def build_all(project: Project, languages: list[str], builddir: Path, options: list[str],
              jobs: int | None = None) -> int:
    """Build ``languages`` (at most ``jobs`` at once) and write the chooser; exit status."""
    workers = max(1, min(jobs or os.cpu_count() or 1, len(languages)))
    order = costliest_first(project.locale, languages)
    options = side_by_side_options(workers) + options
    with ThreadPoolExecutor(max_workers=workers) as pool:
        built = pool.map(lambda lang: build_language(project, lang, builddir, options), order)
        finished = dict(zip(order, built, strict=True))
    results = [finished[language] for language in languages]  # reported in the given order
    failed = 0
    for result in results:
        status = "ok" if result.returncode == 0 else f"FAILED ({result.returncode})"
        print(f"===== {result.language}: {status}")
        print(result.output.rstrip())
        failed += result.returncode != 0
    all_languages = project.languages()
    write_chooser(builddir / "html", all_languages, "Hour of Code")
    redirects = write_root_redirects(builddir / "html", project, all_languages)
    if redirects:
        print(f"Wrote {redirects} redirect pages for old URLs and {builddir / 'html'}/_redirects")
    print(f"Built {len(results) - failed} of {len(results)} languages into {builddir / 'html'}")
    return 1 if failed else 0
