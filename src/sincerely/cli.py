"""The command line: ``sincerely build``, ``check``, ``serve`` and ``schema``.

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
from .build import Result, discard, run
from .errors import BuildError, Diagnostic
from .formats import schema_text
from .serve import serve


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "project",
        nargs="?",
        default=".",
        type=Path,
        help="the project folder, holding content/ and pyproject.toml (default: .)",
    )
    parser.add_argument(
        "-W",
        "--strict",
        action="store_true",
        help="treat warnings as errors",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems")
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

    check = commands.add_parser(
        "check", help="validate and render everything in memory; write nothing"
    )
    _add_common(check)

    serve = commands.add_parser(
        "serve", help="build, serve on 127.0.0.1, and rebuild and reload on every save"
    )
    serve.add_argument(
        "project", nargs="?", default=".", type=Path, help="the project folder (default: .)"
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument(
        "--port", type=int, default=8000, help="port (the next free one if taken; 0: any)"
    )
    serve.add_argument("--open", action="store_true", help="open the site in a browser")
    serve.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)

    commands.add_parser(
        "schema", help="print the JSON Schema of scenario files (for editors and CI)"
    )
    return parser


def _report(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)


def _summary(verb: str, result: Result) -> str:
    warnings = len(result.warnings)
    return f"{verb} succeeded, {_plural(warnings, 'warning')}."


def _serve(args: argparse.Namespace) -> int:
    def say(message: str) -> None:
        print(message, flush=True)

    def report(diagnostics: Iterable[Diagnostic]) -> None:
        _report(tuple(diagnostics))
        sys.stderr.flush()

    serve(
        args.project, host=args.host, port=args.port, open_browser=args.open, say=say, report=report
    )
    return 0


def _command(args: argparse.Namespace) -> int:
    if args.command == "serve":
        return _serve(args)
    started = time.perf_counter()
    say = (lambda _message: None) if args.quiet else print
    project: Path = args.project
    if args.command == "build":
        say(f"sincerely {__version__}: building {project}")
        result = run(project, args.output, strict=args.strict)
    else:
        say(f"sincerely {__version__}: checking {project}")
        result = run(project, strict=args.strict, sink=discard)
    _report(result.warnings)
    site = result.site
    say(
        f"{_plural(len(site.packs), 'pack')}, {_plural(result.scenario_count, 'scenario')}, "
        f"{_plural(len(site.pages) + (site.intro is not None), 'page')}; "
        f"{_plural(result.files, 'file')} "
        + (f"written to {result.config.output_dir}" if args.command == "build" else "rendered")
        + f" in {time.perf_counter() - started:.2f} s"
    )
    say(_summary(args.command, result))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    if args.command == "schema":
        print(schema_text(), end="")
        return 0
    try:
        return _command(args)
    except BuildError as exc:
        if args.debug:
            traceback.print_exc()
        _report(exc.diagnostics)
        errors = sum(d.is_error for d in exc.diagnostics)
        warnings = len(exc.diagnostics) - errors
        reason = _plural(errors, "error")
        if warnings:
            reason += f", {_plural(warnings, 'warning')}"
            if args.strict:
                reason += " (warnings are errors under -W)"
        print(f"{args.command} failed: {reason}.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        if args.command != "serve":
            print("interrupted; nothing was changed.", file=sys.stderr)
            return 130
        return 0
    except OSError as exc:
        if args.command != "serve":
            raise
        print(f"serve failed: {exc.strerror or exc}", file=sys.stderr)
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
