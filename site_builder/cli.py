"""`hub`: check, build, serve and scaffold the Safeguarding Learning Hub."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from . import engine as engines
from . import scaffold
from .build import BuildFailed, build_site, serve_site
from .gate import OutputBlocked, OutputGate
from .interrupts import raise_on_stop_signals, stopped
from .models.review import REVIEW_TYPE_NAMES
from .pipeline import check, publish
from .problems import Problems
from .publication import AsOfError, Edition, internal_from_env, resolve_as_of
from .site_dir import SiteDirError, checked_site_dir

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
BUILD_INTERRUPTED = "hub: build interrupted; the previous site is unchanged"


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` holding mkdocs.yml, else `start`."""
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return start


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hub", description="Check, build and preview the Safeguarding Learning Hub."
    )
    parser.add_argument(
        "--root", type=Path, help="project folder (default: nearest with mkdocs.yml)"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def edition_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--as-of", metavar="DATE", help="build date YYYY-MM-DD (default: today)")
        sub.add_argument("--internal", action="store_true", help="include internal items")

    check_cmd = commands.add_parser("check", help="validate everything")
    check_cmd.add_argument("--strict", action="store_true", help="fail on warnings too")
    edition_options(check_cmd)

    build_cmd = commands.add_parser("build", help="check, then build the site atomically")
    build_cmd.add_argument(
        "--site-dir", metavar="DIR", help="default: site/ (never the project or its sources)"
    )
    build_cmd.add_argument(
        "--engine",
        default=os.environ.get(engines.ENGINE_ENV) or engines.DEFAULT,
        metavar="NAME",
        help=f"what renders the pages: mkdocs (with Material) or zensical (default: mkdocs, or"
        f" ${engines.ENGINE_ENV})",
    )
    edition_options(build_cmd)

    serve_cmd = commands.add_parser("serve", help="live preview at http://127.0.0.1:8000/")
    serve_cmd.add_argument("--dev-addr", metavar="IP:PORT")
    serve_cmd.add_argument(
        "--drafts",
        action="store_true",
        help="preview drafts, embargoed and internal items too (never published)",
    )
    edition_options(serve_cmd)

    new_cmd = commands.add_parser("new", help="start a new briefing, review or report")
    kinds = new_cmd.add_subparsers(dest="kind", required=True, metavar="KIND")
    kinds.add_parser("briefing", help="a learning briefing").add_argument("title")
    review = kinds.add_parser("review", help="a case-review summary")
    review.add_argument("title")
    review.add_argument(
        "--type", required=True, choices=list(REVIEW_TYPE_NAMES), dest="review_type"
    )
    kinds.add_parser("report", help="a quarterly report narrative").add_argument("period")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of `hub` and `python -m site_builder`."""
    raise_on_stop_signals()
    args = None
    try:
        args = _parser().parse_args(argv)
        return _run(args)
    except KeyboardInterrupt as exc:  # Ctrl+C, SIGTERM, SIGHUP: clean-up has run
        building = args is not None and args.command == "build"
        return stopped(exc, BUILD_INTERRUPTED) if building else stopped(exc)


def _run(args: argparse.Namespace) -> int:
    root = (args.root or find_root(Path.cwd())).resolve()
    try:
        edition = Edition(
            as_of=resolve_as_of(getattr(args, "as_of", None)),
            internal=getattr(args, "internal", False) or internal_from_env(),
            preview=getattr(args, "drafts", False),
        )
    except AsOfError as exc:
        print(f"hub: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "new":
        return _new(root, args, edition.as_of)
    if args.command == "build":
        given = str(root / "site") if args.site_dir is None else args.site_dir
        try:  # before the check, so that a refused folder is never touched
            if not given.strip():
                raise SiteDirError("is empty: name a folder, e.g. site")
            site_dir = checked_site_dir(root, Path(given))
        except SiteDirError as exc:
            print(f"hub: error: --site-dir {given or repr(given)}: {exc}", file=sys.stderr)
            return EXIT_USAGE
        try:
            engine = engines.engine(args.engine)
        except engines.EngineMissing as exc:
            print(f"hub: error: --engine {args.engine}: {exc}", file=sys.stderr)
            return EXIT_USAGE
    if args.command == "serve":  # the preview checks on every rebuild, in the browser too
        return serve_site(root, edition, args.dev_addr)
    checked = check(root)
    problems = checked.problems
    _print_problems(problems)
    if args.command == "check":
        failed = problems.errors or (args.strict and problems.warnings)
        return EXIT_PROBLEMS if failed else EXIT_OK
    if problems.errors and args.command == "build":
        return EXIT_PROBLEMS
    if args.command == "build":
        prepared = publish(
            checked,
            edition,
            raw_links_from_source=engine.raw_links_from_source,
            held=engine.streams_pages,
        )
        gate = OutputGate.for_site(prepared.site, root, engine.shipped)
        shown_as = _shown(site_dir, root)
        try:
            build_site(prepared, site_dir, engine, gate, shown_as)
        except SiteDirError as exc:  # the folder changed since it was checked
            print(f"hub: error: --site-dir {given}: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except BuildFailed as exc:
            if isinstance(exc, OutputBlocked):
                for problem in exc.problems:
                    print(problem.format(), file=sys.stderr)
            print(f"hub: error: {exc}; the previous site is unchanged", file=sys.stderr)
            return EXIT_PROBLEMS
        except OSError as exc:  # a full disk, a read-only or foreign folder
            reason = f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror or exc
            print(
                f"hub: error: cannot write the site ({reason}); the previous site is unchanged",
                file=sys.stderr,
            )
            return EXIT_PROBLEMS
        print(f"hub: built {given} (as of {edition.as_of}, {_edition_name(edition)} edition)")
    return EXIT_OK


def _shown(site_dir: Path, root: Path) -> str:
    """How the output gate names the site folder: relative to the project, else absolute."""
    return site_dir.relative_to(root).as_posix() if site_dir.is_relative_to(root) else str(site_dir)


def _edition_name(edition: Edition) -> str:
    return "internal" if edition.internal else "public"


def _print_problems(problems: Problems) -> None:
    for problem in problems.sorted():
        print(problem.format())
    print(problems.summary())


def _new(root: Path, args: argparse.Namespace, today: date) -> int:
    from .loader import load_project

    project, _ = load_project(root)
    try:
        if args.kind == "briefing":
            path, text = scaffold.new_briefing(project, args.title, today)
        elif args.kind == "review":
            path, text = scaffold.new_review(project, args.title, args.review_type, today)
        else:
            path, text = scaffold.new_report(project, args.period, today)
        scaffold.write_new(path, text)
    except scaffold.ScaffoldError as exc:
        print(f"hub: error: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(os.path.relpath(path, Path.cwd()))
    return EXIT_OK
