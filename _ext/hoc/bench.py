"""``make bench``: build-time and memory benchmarks, measured side by side in one run.

Every figure is a real ``sphinx-build`` run of a generated site (:mod:`hoc.synthetic`) in
its own process; time is wall-clock, memory the process's peak resident size. Targets are
ratios between builds of the same run, so a busy machine slows both sides alike. The
harness prints the table and writes it to BENCHMARKS.md: results are never typed in.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polib

from hoc.synthetic import SiteShape, write_site


@dataclass(frozen=True)
class Run:
    """One build: what it was, how long it took, its peak memory (MiB)."""

    label: str
    seconds: float
    peak_mib: float


@dataclass(frozen=True)
class Ratio:
    """A comparison and its target (``ok`` says whether the target is met)."""

    what: str
    value: float
    target: str
    ok: bool


def sphinx(root: Path, out: Path, *options: str, label: str) -> Run:
    """Run one build in a child process and measure it."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(root),
               str(root / "source"), str(out), "-q", *options]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise RuntimeError(f"{label}: sphinx-build failed\n{errors}")
    # ru_maxrss is in KiB on Linux.
    return Run(label, seconds, usage.ru_maxrss / 1024)


def parallel(jobs: list[Callable[[], Run]], workers: int) -> float:
    """Wall-clock seconds to run ``jobs`` with ``workers`` processes at once."""
    from concurrent.futures import ThreadPoolExecutor

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda job: job(), jobs))
    return time.perf_counter() - started


def themes(work: Path, size: int) -> tuple[list[Run], list[Ratio]]:
    root = work / f"themes-{size}"
    write_site(root, SiteShape(pages=size))
    cached = sphinx(root, root / "cached", label=f"{size} pages, furo + cached navigation")
    basic = sphinx(root, root / "basic", "-D", "html_theme=basic",
                   label=f"{size} pages, basic theme")
    stock = sphinx(root, root / "stock", "-D", "hoc_nav_cache=0",
                   label=f"{size} pages, stock furo")
    ratios = [Ratio(f"cached furo / basic theme, {size} pages", cached.seconds / basic.seconds,
                    "≤ 1.3 at 1,000 pages", size < 1000 or cached.seconds <= 1.3 * basic.seconds),
              Ratio(f"stock furo / cached furo, {size} pages", stock.seconds / cached.seconds,
                    "≥ 10 at 1,000 pages", size < 1000 or stock.seconds >= 10 * cached.seconds)]
    return [cached, basic, stock], ratios


def extension_cost(work: Path, size: int) -> tuple[list[Run], list[Ratio]]:
    ours, plain = work / "extension", work / "plain"
    write_site(ours, SiteShape(pages=size))
    write_site(plain, SiteShape(pages=size, plain=True))
    on = sphinx(ours, ours / "out", "-D", "html_theme=basic",
                label=f"{size} pages with helpers and site links (basic theme)")
    off = sphinx(plain, plain / "out", "-D", "html_theme=basic",
                 label=f"{size} plain MyST pages, relative links (basic theme)")
    return [on, off], [Ratio("extension on / plain MyST", on.seconds / off.seconds, "≤ 1.05",
                             on.seconds <= 1.05 * off.seconds)]


def incremental(work: Path, size: int) -> tuple[list[Run], list[Ratio]]:
    root = work / "incremental"
    write_site(root, SiteShape(pages=size, languages=("en", "fr")))
    full = sphinx(root, root / "out", "-D", "language=fr", label=f"{size} pages, full (fr)")
    po = root / "locale" / "fr" / "LC_MESSAGES" / "s1" / "index.po"
    catalog = polib.pofile(str(po))
    catalog[0].msgstr += " (edited)"
    catalog.save()
    again = sphinx(root, root / "out", "-D", "language=fr",
                   label=f"{size} pages, after one msgstr edit (fr)")
    return [full, again], [Ratio("incremental after one msgstr / full build",
                                 again.seconds / full.seconds, "≤ 0.10",
                                 again.seconds <= 0.10 * full.seconds)]


def languages(work: Path, size: int) -> tuple[list[Run], list[Ratio]]:
    codes = ("en", "fr", "es", "ar")
    root = work / "languages"
    write_site(root, SiteShape(pages=size, languages=codes))
    runs: list[Run] = []

    def job(code: str, folder: str) -> Callable[[], Run]:
        def build() -> Run:
            run = sphinx(root, root / folder / code, "-D", f"language={code}",
                         label=f"{size} pages, {code} ({folder})")
            runs.append(run)
            return run
        return build

    serial = parallel([job(code, "serial") for code in codes], workers=1)
    both = parallel([job(code, "parallel") for code in codes], workers=2)
    summary = [Run(f"{len(codes)} languages one after the other", serial, 0.0),
               Run(f"{len(codes)} languages, 2 at a time", both, 0.0)]
    return runs + summary, [Ratio("all languages in parallel / one after the other",
                                  both / serial, "≤ 0.6", both <= 0.6 * serial)]


def table(runs: list[Run], ratios: list[Ratio]) -> str:
    lines = ["| build | seconds | peak memory (MiB) |", "| --- | ---: | ---: |"]
    lines += [f"| {run.label} | {run.seconds:.1f} | "
              f"{run.peak_mib:.0f} |" if run.peak_mib else f"| {run.label} | {run.seconds:.1f} | |"
              for run in runs]
    lines += ["", "| ratio | measured | target | met |", "| --- | ---: | --- | --- |"]
    lines += [f"| {ratio.what} | {ratio.value:.2f} | {ratio.target} | "
              f"{'yes' if ratio.ok else 'no'} |" for ratio in ratios]
    return "\n".join(lines)


def run_bench(sizes: list[int], output: Path | None) -> int:
    """Run every benchmark, print the tables, and write them to ``output``."""
    work = Path(tempfile.mkdtemp(prefix="hoc-bench-"))
    runs: list[Run] = []
    ratios: list[Ratio] = []
    middle = sizes[len(sizes) // 2]
    largest = sizes[-1]
    try:
        for size in sizes:
            more_runs, more_ratios = themes(work, size)
            runs += more_runs
            ratios += more_ratios
            print(table(more_runs, more_ratios), flush=True)
        # An incremental build's fixed cost (start-up, loading the environment) is what
        # a large site amortizes: measure it at the largest size.
        for benchmark, size in ((extension_cost, middle), (incremental, largest),
                                (languages, middle)):
            more_runs, more_ratios = benchmark(work, size)
            runs += more_runs
            ratios += more_ratios
            print(table(more_runs, more_ratios), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report = table(runs, ratios)
    print("\n" + report)
    if output is not None:
        output.write_text(
            "# Build benchmarks\n\n"
            "Written by `make bench` (`hoc bench`): generated sites of nested sections, "
            "each build a `sphinx-build` process of its own, measured side by side in one "
            f"run on a machine with {os.cpu_count()} cores. Do not edit by hand.\n\n"
            + report + "\n", encoding="utf-8")
        print(f"wrote {output}")
    return 0
