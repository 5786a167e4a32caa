"""The command line: ``sincerely build``, ``check``, ``serve``, ``new``, ``init``, ``schema``.

Every expected failure arrives here as a BuildError and is printed in one place, one
located message a line, in the manner of sphinx-build; a traceback is shown only for a
bug in sincerely itself, and then only with --debug.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Iterable, Sequence
from pathlib import Path

from . import __version__
from .build import run
from .errors import BuildError, Diagnostic
from .model import CHANNELS
from .parallel import default_jobs
from .project import find_project
from .report import FORMATS, as_json, format_lines, plural, progress_line
from .scaffold import init_gallery, new_scenario


def _project_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "project",
        nargs="?",
        default=".",
        type=Path,
        help="a folder in the project (default: the current one); the project is the nearest "
        "folder at or above it with [tool.sincerely] in pyproject.toml, or a content/ folder",
    )


def _add_common(parser: argparse.ArgumentParser) -> None:
    _project_argument(parser)
    parser.add_argument("-W", "--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="how to print problems: text (default), github (Actions annotations) or json",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="render on N processes (default: the number of cores); the output is the same",
    )
    parser.add_argument("--debug", action="store_true", help="show a traceback for internal errors")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sincerely",
        description="Build a gallery of annotated letter templates from YAML scenario files.",
    )
    parser.add_argument("--version", action="version", version=f"sincerely {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build the site into the output folder")
    _add_common(build)
    build.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        help="the output folder (default: output_dir from pyproject.toml, or site/)",
    )
    build.add_argument(
        "--fresh", action="store_true", help="build everything, even if nothing has changed"
    )
    build.add_argument(
        "-b",
        "--builder",
        choices=("html", "text"),
        default="html",
        help="html: the gallery (default); text: only the letters, as plain-text templates",
    )
    check = commands.add_parser("check", help="validate and render everything; write nothing")
    _add_common(check)

    serve_parser = commands.add_parser(
        "serve", help="build, serve on 127.0.0.1, and rebuild and reload on every save"
    )
    _project_argument(serve_parser)
    serve_parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve_parser.add_argument(
        "--port", type=int, default=8000, help="port (the next free one if taken; 0: any)"
    )
    serve_parser.add_argument("--open", action="store_true", help="open the site in a browser")
    serve_parser.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)

    new = commands.add_parser("new", help="start a new scenario file from a commented template")
    new.add_argument(
        "name", metavar="PACK/SLUG", help="where it goes, like after-rejection/my-letter"
    )
    new.add_argument("--channel", choices=CHANNELS, default="email", help="default: email")
    new.add_argument(
        "--project",
        type=Path,
        default=Path(),
        help="a folder in the project (default: the current one; its project is found upward)",
    )
    new.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)

    init = commands.add_parser("init", help="start a new gallery with an example pack")
    init.add_argument("directory", nargs="?", default=".", type=Path, help="default: .")
    init.add_argument(
        "--copy-theme",
        action="store_true",
        help="copy the bundled theme into layouts/ to customise it (default: use it as is)",
    )
    init.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)

    schema = commands.add_parser("schema", help="print the format of scenario files")
    schema.add_argument(
        "--format",
        choices=("json", "markdown"),
        default="json",
        help="json: the JSON Schema (default); markdown: the reference in CONTRIBUTING.md",
    )
    schema.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    return parser


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to where they are, if it is below."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _say(message: str) -> None:
    print(message, flush=True)


def _report(diagnostics: Iterable[Diagnostic], style: str = "text") -> None:
    """Problems go to standard error, except GitHub annotations, which go to standard
    output, where Actions reads workflow commands."""
    stream = sys.stdout if style == "github" else sys.stderr
    for line in format_lines(tuple(diagnostics), style, Path.cwd()):
        print(line, file=stream, flush=True)


def _build_or_check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    quiet = args.quiet or args.format == "json"
    say = (lambda _message: None) if quiet else _say
    verb = args.command
    doing = "building" if verb == "build" else "checking"
    say(f"sincerely {__version__}: {doing} {_shown(args.project) or '.'}")
    jobs = args.jobs if args.jobs and args.jobs > 0 else default_jobs()
    progress = None if quiet else progress_line("writing" if verb == "build" else "checking")
    try:
        result = run(
            args.project,
            args.output if verb == "build" else None,
            strict=args.strict,
            write=verb == "build",
            jobs=jobs,
            progress=progress,
            fresh=getattr(args, "fresh", False),
            builder=getattr(args, "builder", "html"),
        )
    finally:
        if progress is not None:
            sys.stderr.write("\r\033[K")
    if args.format == "json":
        print(as_json(result.warnings, Path.cwd(), ok=True))
        return 0
    _report(result.warnings, args.format)
    counts = result.counts
    took = f"{time.perf_counter() - started:.2f} s"
    output = _shown(result.config.output_dir)
    if result.unchanged:
        done = f"nothing changed; {output} is up to date (checked in {took})"
    elif verb == "build":
        done = f"{plural(result.file_count, 'file')} written to {output} in {took}"
    else:
        done = f"{plural(result.file_count, 'file')} rendered in {took}"
    say(
        f"{plural(counts['packs'], 'pack')}, {plural(counts['scenarios'], 'scenario')}, "
        f"{plural(counts['pages'], 'page')}; {done}"
    )
    say(f"{verb} succeeded, {plural(len(result.warnings), 'warning')}.")
    return 0


def _serve(args: argparse.Namespace) -> int:
    # Imported here: the live server's stack (tornado, livereload, watchfiles) would
    # slow every build's start-up for nothing.
    from .serve import serve

    serve(
        args.project,
        host=args.host,
        port=args.port,
        open_browser=args.open,
        say=_say,
        report=_report,
    )
    return 0


def _command(args: argparse.Namespace) -> int:
    if args.command in ("build", "check", "serve", "new"):
        args.project = find_project(args.project)
    if args.command == "serve":
        return _serve(args)
    if args.command == "schema":
        from .reference import reference_markdown, schema_text

        print(schema_text() if args.format == "json" else reference_markdown(), end="")
        return 0

    if args.command == "new":
        *pack, scenario = new_scenario(args.project, args.name, args.channel)
        for path in pack:
            _say(f"wrote {_shown(path)}: a new pack; fill in its TODOs too")
        _say(f"wrote {_shown(scenario)}: fill in every TODO, then run 'sincerely check -W'")
        return 0
    if args.command == "init":
        made = init_gallery(args.directory, copy_theme=args.copy_theme)
        for path in made:
            _say(f"wrote {_shown(path)}")
        _say(f"A new gallery is ready. Next: 'sincerely serve {args.directory}'.")
        return 0
    return _build_or_check(args)


def _failed(args: argparse.Namespace, exc: BuildError) -> int:
    style = getattr(args, "format", "text")
    if style not in FORMATS:
        style = "text"
    if style == "json":
        print(as_json(exc.diagnostics, Path.cwd(), ok=False))
        return 1
    _report(exc.diagnostics, style)
    errors = sum(d.is_error for d in exc.diagnostics)
    warnings = len(exc.diagnostics) - errors
    reason = plural(errors, "error")
    if warnings:
        reason += f", {plural(warnings, 'warning')}"
        if getattr(args, "strict", False):
            reason += " (warnings are errors under -W)"
    print(f"{args.command} failed: {reason}.", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return _command(args)
    except BuildError as exc:
        if args.debug:
            traceback.print_exc()
        return _failed(args, exc)
    except KeyboardInterrupt:
        if args.command == "serve":
            return 0
        print("interrupted; nothing was changed.", file=sys.stderr)
        return 130
    except OSError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"{args.command} failed: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        print(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in sincerely; please report it (run with --debug for details).",
            file=sys.stderr,
        )
        return 2
