"""``make bench``: build-time and memory benchmarks, measured side by side in one run.

Every figure is a real ``sphinx-build`` run of a generated site (:mod:`hoc.synthetic`) in
its own process; time is wall-clock, memory the process's peak resident size. Targets are
ratios between builds of the same run, so a busy machine slows both sides alike. The
harness prints the table and writes it to BENCHMARKS.md: results are never typed in.
"""

from __future__ import annotations

import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polib

from hoc.build import costliest_first, side_by_side_options
from hoc.synthetic import SiteShape, write_site


@dataclass(frozen=True)
class Run:
    """One build, measured ``len(seconds)`` times: what it was, its times, its peak
    memory (MiB, the largest of the runs)."""

    label: str
    seconds: tuple[float, ...]
    peak_mib: float

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @classmethod
    def of(cls, label: str, timings: list[Timing]) -> Run:
        """The runs of one build, gathered."""
        return cls(label, tuple(t.seconds for t in timings), max(t.peak_mib for t in timings))


@dataclass(frozen=True)
class Ratio:
    """A comparison and its target (``ok`` says whether the target is met)."""

    what: str
    value: float
    target: str
    ok: bool | None
    """``None``: a measure with no target, shown for what it explains."""


@dataclass(frozen=True)
class Timing:
    """One build's wall-clock seconds and peak resident memory (MiB)."""

    seconds: float
    peak_mib: float


def child_environment() -> dict[str, str]:
    """The environment of the measured builds: bytecode may be written, as on a
    maintainer's machine (a first build would otherwise compile our modules every time)."""
    environment = dict(os.environ)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


def html_build(root: Path, out: Path, *options: str) -> list[str]:
    """The ``sphinx-build`` command of a generated site's HTML build."""
    return [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(root),
            str(root / "source"), str(out), "-q", *options]


def sphinx(root: Path, out: Path, *options: str, label: str, fresh: bool = True) -> Timing:
    """Run one build in a child process and measure it (``fresh``: from scratch)."""
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
    return measured(html_build(root, out, *options), label)


def measured(command: list[str], label: str) -> Timing:
    """Run a command in a child process; its wall-clock time and peak memory."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env=child_environment())
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise RuntimeError(f"{label}: {command[2:4]} failed\n{errors}")
    # ru_maxrss is in KiB on Linux.
    return Timing(seconds, usage.ru_maxrss / 1024)


def instructions(root: Path, out: Path, *options: str, label: str) -> int | None:
    """Machine instructions one build executes, counted by Valgrind (``None`` without it).

    Unlike time, the count does not depend on what else the machine is doing: two runs
    agree to a few parts per million, so a difference of a few percent between two
    builds is measurable on a shared machine. Hash randomization is fixed for the same
    reason. Valgrind runs the build about 15 times slower.
    """
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    shutil.rmtree(out, ignore_errors=True)
    command = [valgrind, "--tool=cachegrind", "--cache-sim=no",
               "--cachegrind-out-file=/dev/null", *html_build(root, out, *options)]
    result = subprocess.run(command, capture_output=True, text=True, check=False,
                            env={**child_environment(), "PYTHONHASHSEED": "0"})
    if result.returncode != 0:
        raise RuntimeError(f"{label}: sphinx-build under valgrind failed\n{result.stderr}")
    counted = re.search(r"I\s+refs:\s+([\d,]+)", result.stderr)
    if counted is None:
        raise RuntimeError(f"{label}: no instruction count from valgrind\n{result.stderr}")
    return int(counted.group(1).replace(",", ""))


def interleaved(builds: dict[str, Callable[[], Timing]], repeats: int,
                once: frozenset[str] = frozenset()) -> dict[str, Run]:
    """Measure each build ``repeats`` times, taking turns (A B A B ...), so a slow
    moment of a shared machine falls on every side alike; builds in ``once`` run only
    in the first round (too slow to repeat, and far from their target)."""
    timings: dict[str, list[Timing]] = {label: [] for label in builds}
    for round_ in range(repeats):
        for label, build in builds.items():
            if round_ == 0 or label not in once:
                timings[label].append(build())
    return {label: Run.of(label, runs) for label, runs in timings.items()}


def parallel(jobs: list[Callable[[], object]], workers: int) -> Timing:
    """Wall-clock seconds to run ``jobs`` with ``workers`` processes at once."""
    from concurrent.futures import ThreadPoolExecutor

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda job: job(), jobs))
    return Timing(time.perf_counter() - started, 0.0)


def themes(work: Path, size: int, repeats: int) -> tuple[list[Run], list[Ratio]]:
    root = work / f"themes-{size}"
    write_site(root, SiteShape(pages=size))
    cached, basic, stock = (f"{size} pages, furo + cached navigation",
                            f"{size} pages, basic theme", f"{size} pages, stock furo")
    runs = interleaved({
        cached: lambda: sphinx(root, root / "cached", label=cached),
        basic: lambda: sphinx(root, root / "basic", "-D", "html_theme=basic", label=basic),
        stock: lambda: sphinx(root, root / "stock", "-D", "hoc_nav_cache=0", label=stock),
    }, repeats, once=frozenset({stock}) if size >= 1000 else frozenset())
    on_cache, on_basic, on_stock = runs[cached].median, runs[basic].median, runs[stock].median
    ratios = [Ratio(f"cached furo / basic theme, {size} pages", on_cache / on_basic,
                    "≤ 1.3 at 1,000 pages", size < 1000 or on_cache <= 1.3 * on_basic),
              Ratio(f"stock furo / cached furo, {size} pages", on_stock / on_cache,
                    "≥ 10 at 1,000 pages", size < 1000 or on_stock >= 10 * on_cache)]
    return list(runs.values()), ratios


def extension_cost(work: Path, size: int, repeats: int) -> tuple[list[Run], list[Ratio]]:
    ours, plain = work / "extension", work / "plain"
    write_site(ours, SiteShape(pages=size))
    write_site(plain, SiteShape(pages=size, plain=True))
    on = f"{size} pages with helpers and site links (basic theme)"
    off = f"{size} plain MyST pages, same text, relative links (basic theme)"
    runs = interleaved({
        on: lambda: sphinx(ours, ours / "out", "-D", "html_theme=basic", label=on),
        off: lambda: sphinx(plain, plain / "out", "-D", "html_theme=basic", label=off),
    }, repeats)
    ratio = runs[on].median / runs[off].median
    ratios = [Ratio("extension on / plain MyST, time", ratio, "≤ 1.05", ratio <= 1.05)]
    counts = [instructions(ours, ours / "counted", "-D", "html_theme=basic", label=on),
              instructions(plain, plain / "counted", "-D", "html_theme=basic", label=off)]
    if counts[0] is not None and counts[1] is not None:
        ratio = counts[0] / counts[1]
        ratios.append(Ratio(f"extension on / plain MyST, instructions executed "
                            f"({counts[0] / 1e9:.2f} / {counts[1] / 1e9:.2f} billion)",
                            ratio, "≤ 1.05", ratio <= 1.05))
    return list(runs.values()), ratios


REWORDING = " (révisé)"


def incremental(work: Path, size: int, repeats: int) -> tuple[list[Run], list[Ratio]]:
    root = work / "incremental"
    write_site(root, SiteShape(pages=size, languages=("en", "fr")))
    po = root / "locale" / "fr" / "LC_MESSAGES" / "s1" / "index.po"
    full, again = f"{size} pages, full (fr)", f"{size} pages, after one msgstr edit (fr)"

    def edit_and_build() -> Timing:
        # A translator's rewording: one French word added or taken away (appending
        # English again and again would make the message read as English).
        catalog = polib.pofile(str(po))
        text = catalog[0].msgstr
        catalog[0].msgstr = text.removesuffix(REWORDING) if text.endswith(REWORDING) \
            else text + REWORDING
        catalog.save()
        return sphinx(root, root / "out", "-D", "language=fr", label=again, fresh=False)

    runs = interleaved({
        full: lambda: sphinx(root, root / "out", "-D", "language=fr", label=full),
        again: edit_and_build,
    }, repeats)
    ratio = runs[again].median / runs[full].median
    return list(runs.values()), [Ratio("incremental after one msgstr / full build", ratio,
                                       "≤ 0.10", ratio <= 0.10)]


def languages(work: Path, size: int, repeats: int) -> tuple[list[Run], list[Ratio]]:
    codes = ("en", "fr", "es", "ar")
    root = work / "languages"
    write_site(root, SiteShape(pages=size, languages=codes))

    each: dict[str, list[Timing]] = {}

    def job(code: str, folder: str, workers: int) -> Callable[[], Timing]:
        label = f"{size} pages, {code} ({folder})"
        options = side_by_side_options(workers)  # as make html runs them

        def build() -> Timing:
            timing = sphinx(root, root / folder / code, "-D", f"language={code}", *options,
                            label=label)
            each.setdefault(label, []).append(timing)
            return timing
        return build

    serial = f"{len(codes)} languages one after the other"
    both = f"{len(codes)} languages, 2 at a time"
    # In the order make html starts them (the most translated first).
    order = costliest_first(root / "locale", list(codes))
    runs = interleaved({
        serial: lambda: parallel([job(code, "serial", 1) for code in order], workers=1),
        both: lambda: parallel([job(code, "parallel", 2) for code in order], workers=2),
    }, repeats)
    ratio = runs[both].median / runs[serial].median
    per_language = [Run.of(label, timings) for label, timings in each.items()]
    return per_language + list(runs.values()), [
        Ratio("all languages in parallel / one after the other", ratio, "≤ 0.6", ratio <= 0.6)]


def translated(work: Path, size: int, repeats: int) -> tuple[list[Run], list[Ratio]]:
    """A fully translated language against English, on pages with as many messages as
    the real site's: ours with parsers kept for the build, ours through Sphinx's own
    Locale path (``hoc_fast_locale=0``), and stock Sphinx with plain MyST pages."""
    ours, plain = work / f"translated-{size}", work / f"translated-plain-{size}"
    write_site(ours, SiteShape(pages=size, languages=("en", "fr"), rich=True))
    write_site(plain, SiteShape(pages=size, languages=("en", "fr"), rich=True, plain=True))
    english, french = f"{size} rich pages, en", f"{size} rich pages, fr"
    untranslated = f"{size} rich pages, fr without its catalogs"
    locale = f"{size} rich pages, fr, Sphinx's Locale path (hoc_fast_locale=0)"
    # Against stock Sphinx, both on the basic theme: stock furo's navigation, not
    # translation, would otherwise be most of the difference.
    basic = f"{size} rich pages, fr (basic theme)"
    stock = f"{size} rich plain MyST pages, fr, stock Sphinx (basic theme)"
    runs = interleaved({
        english: lambda: sphinx(ours, ours / "en", "-D", "language=en", label=english),
        french: lambda: sphinx(ours, ours / "fr", "-D", "language=fr", label=french),
        untranslated: lambda: sphinx(ours, ours / "fr-none", "-D", "language=fr",
                                     "-D", "locale_dirs=none", label=untranslated),
        locale: lambda: sphinx(ours, ours / "fr-locale", "-D", "language=fr",
                               "-D", "hoc_fast_locale=0", label=locale),
        basic: lambda: sphinx(ours, ours / "fr-basic", "-D", "language=fr",
                              "-D", "html_theme=basic", label=basic),
        stock: lambda: sphinx(plain, plain / "fr", "-D", "language=fr",
                              "-D", "html_theme=basic", label=stock),
    }, repeats)
    time_ratio = runs[french].median / runs[english].median
    memory_ratio = runs[french].peak_mib / runs[english].peak_mib
    return list(runs.values()), [
        Ratio(f"translated / English, time, {size} pages", time_ratio, "≤ 1.2",
              time_ratio <= 1.2),
        Ratio(f"translated / English, peak memory, {size} pages", memory_ratio, "≤ 1.2",
              memory_ratio <= 1.2),
        # What a French build costs before any message is translated (French stemming,
        # the French interface), and what translating the messages adds to that.
        Ratio(f"fr without its catalogs / English, time, {size} pages",
              runs[untranslated].median / runs[english].median, "(what French costs)", None),
        Ratio(f"translated / fr without its catalogs, time, {size} pages",
              runs[french].median / runs[untranslated].median,
              "(what translating costs)", None),
        Ratio(f"fr: ours / Sphinx's Locale path, {size} pages",
              runs[french].median / runs[locale].median, "< 1",
              runs[french].median < runs[locale].median),
        Ratio(f"fr: ours / stock Sphinx + plain MyST (basic theme), {size} pages",
              runs[basic].median / runs[stock].median, "≤ 1.05 (the extension's own cost)",
              runs[basic].median <= 1.05 * runs[stock].median),
    ]


IMPORT_LANGUAGES = ["en", "fr", "es", "ar", "de"]


def import_site(work: Path, size: int, repeats: int) -> tuple[list[Run], list[Ratio]]:
    """``hoc import-site`` of a generated Pegasus site: ``size`` pages in five languages,
    into an empty project (its own configuration), timed whole."""
    from hoc.project import Project
    from hoc.synthetic_pegasus import write_pegasus_site

    site = work / f"pegasus-{size}"
    write_pegasus_site(site, size, IMPORT_LANGUAGES)
    conf = Project.find(Path(__file__)).root / "conf.py"
    timings = []
    for _ in range(repeats):
        project = work / f"imported-{size}"
        shutil.rmtree(project, ignore_errors=True)
        (project / "source").mkdir(parents=True)
        shutil.copyfile(conf, project / "conf.py")
        command = [sys.executable, "-m", "hoc.cli", "--project", str(project), "import-site",
                   str(site), "--report", str(project / "report.json")]
        timings.append(measured(command, "import-site"))
    label = f"import-site, {size} pages x {len(IMPORT_LANGUAGES)} languages"
    run = Run.of(label, timings)
    return [run], [Ratio(f"{label} (seconds)", run.median, "< 120", run.median < 120)]


def table(runs: list[Run], ratios: list[Ratio]) -> str:
    lines = ["| build | seconds (median) | runs | fastest – slowest | peak memory (MiB) |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for run in runs:
        memory = f"{run.peak_mib:.0f}" if run.peak_mib else ""
        lines.append(f"| {run.label} | {run.median:.1f} | {len(run.seconds)} | "
                     f"{min(run.seconds):.1f} – {max(run.seconds):.1f} | {memory} |")
    lines += ["", "| ratio (of medians) | measured | target | met |",
              "| --- | ---: | --- | --- |"]
    lines += [f"| {ratio.what} | {ratio.value:.2f} | {ratio.target} | "
              f"{_met(ratio.ok)} |" for ratio in ratios]
    return "\n".join(lines)


def _met(ok: bool | None) -> str:
    return "—" if ok is None else "yes" if ok else "no"


def compile_extension() -> None:
    """Write our modules' bytecode once, as a first build on any machine does, so no
    measured build pays for compiling them."""
    import hoc

    compileall.compile_dir(Path(hoc.__file__).parent, quiet=1)


def run_bench(sizes: list[int], repeats: int, output: Path | None,
              only: list[str] | None = None) -> int:
    """Run every benchmark (or ``only`` those named), print the tables, and write them
    to ``output``."""
    compile_extension()
    work = Path(tempfile.mkdtemp(prefix="hoc-bench-"))
    runs: list[Run] = []
    ratios: list[Ratio] = []
    middle = sizes[len(sizes) // 2]
    largest = sizes[-1]
    benchmarks: list[tuple[Callable[[Path, int, int], tuple[list[Run], list[Ratio]]], int]]
    benchmarks = [(themes, size) for size in sizes]
    # An incremental build's fixed cost (start-up, loading the environment) is what
    # a large site amortizes: measure it at the largest size.
    benchmarks += [(extension_cost, middle), (incremental, largest), (languages, middle),
                   (import_site, middle), (translated, middle), (translated, largest)]
    if only:
        benchmarks = [(benchmark, size) for benchmark, size in benchmarks
                      if benchmark.__name__ in only]
    try:
        for benchmark, size in benchmarks:
            more_runs, more_ratios = benchmark(work, size, repeats)
            runs += more_runs
            ratios += more_ratios
            print(table(more_runs, more_ratios) + "\n", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report = table(runs, ratios)
    print(report)
    if output is not None:
        output.write_text(
            "# Build benchmarks\n\n"
            "Written by `make bench` (`hoc bench`): generated sites of nested sections, "
            "each build a `sphinx-build` process of its own, on a machine with "
            f"{os.cpu_count()} cores. The builds compared are measured {repeats} times "
            "each, taking turns, and compared by their medians (a 1,000-page stock furo "
            "build runs once: it is slow, and far from its target). Do not edit by "
            "hand.\n\n" + report + "\n", encoding="utf-8")
        print(f"wrote {output}")
    return 0
