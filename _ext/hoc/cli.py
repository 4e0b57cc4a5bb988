"""The ``hoc`` command: a thin layer over the library, one subcommand per task."""

from __future__ import annotations

import argparse
import shlex
from collections.abc import Sequence
from pathlib import Path

from hoc.build import build_all
from hoc.gettext import extract, update_po
from hoc.pegasus import import_strings, import_translation, migrate
from hoc.project import Project
from hoc.status import run_check, run_stats


def _build(args: argparse.Namespace) -> int:
    project = Project.find(args.project)
    known = project.languages()
    languages = args.lang or known
    unknown = [lang for lang in languages if lang not in known]
    if unknown:
        raise SystemExit(f"unknown language(s) {', '.join(unknown)}; conf.py lists "
                         f"{', '.join(known)}")
    builddir = _builddir(project, args.builddir)
    return build_all(project, languages, builddir, shlex.split(args.sphinxopts), args.jobs)


def _builddir(project: Project, value: Path) -> Path:
    return value if value.is_absolute() else project.root / value


def _gettext(args: argparse.Namespace) -> int:
    project = Project.find(args.project)
    return extract(project, _builddir(project, args.builddir))


def _update_po(args: argparse.Namespace) -> int:
    project = Project.find(args.project)
    languages = args.lang or project.languages()[1:]
    return update_po(project, _builddir(project, args.builddir), languages)


def _migrate(args: argparse.Namespace) -> int:
    return migrate(args.sources, args.output).print()


def _import_strings(args: argparse.Namespace) -> int:
    return import_strings(Project.find(args.project), args.lang, args.source,
                          args.english).print()


def _import_site(args: argparse.Namespace) -> int:
    from hoc.site_import import import_site

    project = Project.find(args.project)
    report_path = args.report if args.report.is_absolute() else project.root / args.report
    report = import_site(project, args.source.resolve(), report_path, args.force)
    print(report.summary())
    print(f"wrote the whole report to {report_path}")
    return 0


def _import_translation(args: argparse.Namespace) -> int:
    project = Project.find(args.project)
    return import_translation(project, args.lang, args.docname, args.source,
                              args.translated).print()


def _translated_languages(project: Project, chosen: list[str]) -> list[str]:
    return chosen or project.languages()[1:]


def _stats(args: argparse.Namespace) -> int:
    project = Project.find(args.project)
    templates = _builddir(project, args.builddir) / "gettext"
    return run_stats(project, _translated_languages(project, args.lang),
                     templates if templates.is_dir() else None)


def _check(args: argparse.Namespace) -> int:
    project = Project.find(args.project)
    templates = None if args.no_templates else _builddir(project, args.builddir) / "gettext"
    return run_check(project, _translated_languages(project, args.lang), templates)


def _serve(args: argparse.Namespace) -> int:
    import os
    import sys

    project = Project.find(args.project)
    language = args.lang or project.languages()[0]
    outdir = _builddir(project, args.builddir) / "serve" / language
    command = [sys.executable, "-m", "sphinx_autobuild", "-c", str(project.root),
               str(project.source), str(outdir), "-D", f"language={language}",
               "--watch", str(project.locale / language), "--watch", str(project.root / "conf.py"),
               "--watch", str(Path(__file__).parent), "--host", args.host, "--port",
               str(args.port)]
    # Become sphinx-autobuild rather than wait for it: stopping this process (a
    # terminal's Ctrl-C, a supervisor's SIGTERM) then stops the server, never orphans it.
    sys.stdout.flush()
    os.chdir(project.root)
    os.execv(sys.executable, command)


def _bench(args: argparse.Namespace) -> int:
    from hoc.bench import run_bench

    return run_bench(args.sizes, args.repeat, args.output, args.only)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="hoc", description="The Hour of Code site: build, translate, check, migrate.")
    top.add_argument("--project", type=Path, default=None,
                     help="the project folder (default: found from the current folder)")
    commands = top.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build every language and the chooser")
    build.add_argument("--lang", action="extend", nargs="+", default=[],
                       help="build only these languages (default: all in conf.py)")
    build.add_argument("--builddir", type=Path, default=Path("_build"))
    build.add_argument("--sphinxopts", default="", help="extra sphinx-build options")
    build.add_argument("--jobs", "-j", type=int, default=None,
                       help="languages built at once (default: one per core)")
    build.set_defaults(run=_build)
    gettext = commands.add_parser("gettext", help="extract POT templates (pages, strings)")
    gettext.add_argument("--builddir", type=Path, default=Path("_build"))
    gettext.set_defaults(run=_gettext)
    update = commands.add_parser("update-po", help="merge templates into locale/<lang>/")
    update.add_argument("--lang", action="extend", nargs="+", default=[],
                        help="only these languages (default: every translated one)")
    update.add_argument("--builddir", type=Path, default=Path("_build"))
    update.set_defaults(run=_update_po)
    stats = commands.add_parser("stats", help="translation status per language and page")
    stats.add_argument("--lang", action="extend", nargs="+", default=[])
    stats.add_argument("--builddir", type=Path, default=Path("_build"),
                       help="messages of <builddir>/gettext missing from a PO file count "
                            "as untranslated")
    stats.set_defaults(run=_stats)
    check = commands.add_parser("check", help="translation QA: syntax, guard, stale entries")
    check.add_argument("--lang", action="extend", nargs="+", default=[])
    check.add_argument("--builddir", type=Path, default=Path("_build"))
    check.add_argument("--no-templates", action="store_true",
                       help="skip the stale-message check (needs `make gettext`)")
    check.set_defaults(run=_check)
    serve = commands.add_parser("serve", help="live preview of one language")
    serve.add_argument("--lang", default=None, help="the language (default: the source)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--builddir", type=Path, default=Path("_build"))
    serve.set_defaults(run=_serve)
    bench = commands.add_parser("bench", help="build-time benchmarks, side by side")
    bench.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000],
                       help="site sizes (pages) for the theme comparison")
    bench.add_argument("--repeat", type=int, default=3,
                       help="how many times each compared build runs (median taken)")
    bench.add_argument("--output", type=Path, default=None,
                       help="write the results table to this Markdown file")
    bench.add_argument("--only", nargs="+", default=None, metavar="BENCHMARK",
                       choices=["themes", "extension_cost", "incremental", "languages",
                                "import_site", "translated"],
                       help="run only these benchmarks")
    bench.set_defaults(run=_bench)
    mig = commands.add_parser("migrate", help="rewrite Pegasus ERB pages as MyST")
    mig.add_argument("sources", type=Path, nargs="+", help="pages or folders of pages")
    mig.add_argument("-o", "--output", type=Path, default=None,
                     help="where to write (default: rewrite in place)")
    mig.set_defaults(run=_migrate)
    site = commands.add_parser(
        "import-site", help="import a whole Pegasus site: pages, partials, navigation, "
        "string tables, translations, redirects")
    site.add_argument("source", type=Path,
                      help="the Pegasus site folder (holding public/, views/, i18n/)")
    site.add_argument("--report", type=Path, default=Path("_build/import-report.json"),
                      help="where to write the whole report as JSON")
    site.add_argument("--force", action="store_true",
                      help="replace pages and strings edited since the last import too")
    site.set_defaults(run=_import_site)
    strings = commands.add_parser("import-strings",
                                  help="import a Pegasus string table (en.yml, fr.yml)")
    strings.add_argument("--lang", required=True)
    strings.add_argument("--english", type=Path, default=None,
                         help="the English Pegasus table: keys it has and strings.yml lacks "
                         "are added to English")
    strings.add_argument("source", type=Path)
    strings.set_defaults(run=_import_strings)
    translation = commands.add_parser(
        "import-translation", help="align a translated Pegasus page into the page's PO file")
    translation.add_argument("--lang", required=True)
    translation.add_argument("--docname", required=True)
    translation.add_argument("--source", type=Path, required=True,
                             help="the English page (Pegasus or MyST)")
    translation.add_argument("--translated", type=Path, required=True,
                             help="the whole translated Pegasus page")
    translation.set_defaults(run=_import_translation)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    status: int = args.run(args)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
