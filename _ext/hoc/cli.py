"""The ``hoc`` command: a thin layer over the library, one subcommand per task."""

from __future__ import annotations

import argparse
import shlex
from collections.abc import Sequence
from pathlib import Path

from hoc.build import build_all
from hoc.gettext import extract, update_po
from hoc.project import Project


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


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="hoc", description=__doc__)
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
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    status: int = args.run(args)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
